// compare's three output formats on hand-made comparisons: the verdict line first, regressions
// flagged in every format, and the rows found on one side only.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "exporters/compare_exporter.hpp"

using namespace ttft;

namespace {

report::StatChange stat(const char* name, double change, bool regression) {
  report::StatChange s;
  s.stat = name;
  s.baseline = 100;
  s.candidate = 100 * (1 + change);
  s.change = change;
  s.change_ci = stats::Interval{change - 0.05, change + 0.05};
  s.significant = regression;
  s.regression = regression;
  return s;
}

/// edge warm ttft, 30% slower and a regression, or unchanged.
report::Comparison comparison(bool regression) {
  report::Comparison c;
  c.baseline_label = "base";
  c.candidate_label = "cand";
  report::MetricChange row;
  row.target = "edge";
  row.phase = "warm";
  row.metric = "ttft";
  row.unit = "ms";
  row.n_baseline = row.n_candidate = 50;
  row.p_value = regression ? 0.0001 : 0.9;
  row.p50 = stat("p50", regression ? 0.3 : 0.0, regression);
  row.p95 = stat("p95", regression ? 0.3 : 0.0, regression);
  c.rows.push_back(row);
  return c;
}

}  // namespace

TEST_CASE("compare exporters: the verdict first, the regression flagged in every format") {
  const auto c = comparison(true);
  const std::string table = exporters::export_compare_terminal(c, false);
  CHECK(table.rfind("regression: edge warm ttft p50 +30.0%, p95 +30.0% (significantly more than 10% slower)\n"
                    "baseline base, candidate cand, threshold 10%\n",
                    0) == 0);
  CHECK(table.find("REGRESSION") != std::string::npos);

  const std::string md = exporters::export_compare_markdown(c);
  CHECK(md.rfind("# ttftbench compare\n\n**\u274c Regression:** edge warm ttft p50 +30.0%", 0) == 0);
  CHECK(md.find("| target | phase | metric | stat |") != std::string::npos);
  CHECK(md.find("| \u274c REGRESSION |") != std::string::npos);

  const auto json = nlohmann::json::parse(exporters::export_compare_json(c));
  CHECK(json["regression"] == true);
  CHECK(json["max_regression"] == 0.1);
  CHECK(json["rows"][0]["target"] == "edge");
  CHECK(json["rows"][0]["p50"]["regression"] == true);
  CHECK(json["rows"][0]["p50"]["change"] == 0.3);

  const auto fine = comparison(false);
  CHECK(exporters::export_compare_terminal(fine, false).rfind("no regression: nothing is significantly more than 10% "
                                                              "slower\n", 0) == 0);
  CHECK(exporters::export_compare_markdown(fine).find("**No regression:**") != std::string::npos);
  CHECK(nlohmann::json::parse(exporters::export_compare_json(fine))["regression"] == false);
}

TEST_CASE("compare exporters: rows on one side only are listed after the table") {
  auto c = comparison(false);
  c.only_in_baseline = {{"edge", "cold"}};
  c.only_in_candidate = {{"central", "warm"}, {"central", "cold"}};
  const std::string table = exporters::export_compare_terminal(c, false);
  CHECK(table.find("only in the baseline (not compared): edge cold\n") != std::string::npos);
  CHECK(table.find("only in the candidate (not compared): central warm, central cold\n") != std::string::npos);
  const auto json = nlohmann::json::parse(exporters::export_compare_json(c));
  CHECK(json["only_in_candidate"].size() == 2);
  CHECK(json["only_in_baseline"][0]["phase"] == "cold");
}
