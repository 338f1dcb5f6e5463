// The scenario's headline in the formats: the table's and verdicts' titles follow it, and a
// target that streamed reasoning gets its note and first_answer verdict lines in each.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exporters/html/html_exporter.hpp"
#include "exporters/report_exporters.hpp"
#include "report/plot_data.hpp"
#include "report/plot_samples.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

const std::string kNote =
    "thinker streamed reasoning before its answer: the headline counts its first reasoning token; the "
    "first_answer verdicts below count what the user sees";

std::vector<samples::Sample> rows(bool reasons) { return test::thinker_and_plain(reasons); }

report::GroupedReport built(bool reasons, const std::string& headline = "ttft") {
  report::RunInfo run;
  run.run_id = "r1";
  run.scenario_name = "demo";
  run.targets = {"thinker", "plain"};
  run.phases = {"warm"};
  run.headline = headline;
  return report::ungrouped(report::build_report(rows(reasons), run));
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("reasoning note: terminal, Markdown, HTML and summary.json say it, with first_answer verdicts") {
  const auto report = built(true);
  const std::string terminal = exporters::export_terminal(report, false);
  CHECK(has(terminal, "note: " + kNote + "\n\nTime to first token (ms)\n"));
  CHECK(has(terminal, "\nwarm p50: thinker faster by 100 ms"));
  CHECK(has(terminal, "\nfirst_answer warm p50: plain faster by 200 ms"));
  const std::string markdown = exporters::export_markdown(report);
  CHECK(has(markdown, "**Note:** " + kNote + "\n"));
  CHECK(has(markdown, "- first_answer warm p95: plain faster by "));
  const auto plots = report::build_plot_data(report::plot_samples_of(rows(true)), report.overall);
  const std::string html = exporters::export_html({&report, &plots, {}});
  CHECK(has(html, "<p class=\"warning\">Note: " + kNote + "</p>"));
  CHECK(has(html, "<li>first_answer warm p50: plain faster by "));
  const auto json = nlohmann::json::parse(exporters::export_summary_json(report));
  CHECK(json["reasoning_note"] == kNote);
  CHECK(json["reasoning_targets"] == std::vector<std::string>{"thinker"});
  CHECK(json["verdicts"].size() == 4);
  CHECK(json["verdicts"][2]["metric"] == "first_answer");
  CHECK_FALSE(json["run"].contains("headline"));
}

TEST_CASE("reasoning note: absent without reasoning rows") {
  const auto report = built(false);
  CHECK_FALSE(has(exporters::export_terminal(report, false), "reasoning"));
  CHECK_FALSE(has(exporters::export_markdown(report), "first_answer warm"));
  const auto json = nlohmann::json::parse(exporters::export_summary_json(report));
  CHECK_FALSE(json.contains("reasoning_note"));
  CHECK(json["verdicts"].size() == 2);
}

TEST_CASE("headline first_answer: the table, its titles and the verdicts use first_answer") {
  const auto report = built(true, "first_answer");
  const std::string terminal = exporters::export_terminal(report, false);
  CHECK_FALSE(has(terminal, "note: "));
  CHECK(has(terminal, "First answer (ms)\n"));
  CHECK(has(terminal, "A/B verdicts (first answer)\n"));
  CHECK(has(terminal, "\nwarm p50: plain faster by 200 ms"));
  CHECK_FALSE(has(terminal, "Time to first token (ms)"));
  // thinker's median answer, 412 ms, is in the table; its first event's, 112 ms, is not.
  CHECK(has(terminal, "412"));
  CHECK_FALSE(has(terminal, "112"));
  CHECK(has(exporters::export_markdown(report), "## First answer (ms)\n"));
  const auto json = nlohmann::json::parse(exporters::export_summary_json(report));
  CHECK(json["run"]["headline"] == "first_answer");
  const auto first_token = built(false, "first_token");
  CHECK(has(exporters::export_terminal(first_token, false), "First token (ms)\n"));
}
