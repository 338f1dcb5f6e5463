// Merging runs: RunInfo from several manifests, samples grouped by region, and grouped reports
// whose per-group figures equal each run's own report.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "report/exporters.hpp"
#include "report/grouped_exporters.hpp"
#include "report/merge.hpp"

using namespace ttft;

namespace {

samples::Sample make(const std::string& run_id, const std::string& region, const std::string& target, double ttft_ms) {
  samples::Sample s;
  s.run_id = run_id;
  s.region = region;
  s.target = target;
  s.phase = "warm";
  s.ttft_ns = static_cast<Nanos>(ttft_ms * 1e6);
  s.e2e_ns = s.ttft_ns;
  return s;
}

results::Manifest facts(const std::string& run_id, std::uint64_t seed) {
  results::Manifest f;
  f.run_id = run_id;
  f.scenario_name = "demo";
  f.scenario_sha256 = "abc";
  f.facts.targets = {"edge", "central"};
  f.facts.phases = {"warm"};
  f.seed = seed;
  f.ended_at = "2026-01-01T00:00:00.000Z";
  return f;
}

// Two runs: "r1" in eu (seed 1) and "r2" in us (seed 2), 25 samples per target each.
std::vector<samples::Sample> two_runs() {
  std::vector<samples::Sample> s;
  for (int i = 0; i < 25; ++i) {
    s.push_back(make("r1", "eu", "edge", 100 + i));
    s.push_back(make("r1", "eu", "central", 150 + 2 * i));
  }
  for (int i = 0; i < 25; ++i) {
    s.push_back(make("r2", "us", "edge", 300 + 3 * i));
    s.push_back(make("r2", "us", "central", 120 + i));
  }
  return s;
}

}  // namespace

TEST_CASE("merge_run_info: first-seen names, first seed and pricing, worst lateness") {
  auto a = facts("r1", 1);
  a.client_lateness = report::LatenessSummary{};
  a.client_lateness->send_lag_p99_ms = 2;
  a.facts.pricing["edge"].per_request_uusd = 5;
  auto b = facts("r2", 2);
  b.facts.targets = {"central", "third"};
  b.facts.phases = {"cold", "warm"};
  b.scenario_sha256 = "def";
  b.interrupted = true;
  b.client_lateness = report::LatenessSummary{};
  b.client_lateness->send_lag_p99_ms = 7;
  b.client_lateness->wake_max_ms = 1;
  b.facts.pricing["edge"].per_request_uusd = 9;
  const auto info = report::merge_run_info({a, b});
  CHECK(info.run_id == "r1, r2");
  CHECK(info.targets == std::vector<std::string>{"edge", "central", "third"});
  CHECK(info.phases == std::vector<std::string>{"warm", "cold"});
  CHECK(info.seed == 1);
  CHECK(info.scenario_sha256 == "abc, def");
  CHECK(info.interrupted);
  CHECK(info.pricing.at("edge").per_request_uusd == 5);
  REQUIRE(info.client_lateness);
  CHECK(info.client_lateness->send_lag_p99_ms == 7);
  CHECK(info.client_lateness->wake_max_ms == 1);
  CHECK_FALSE(info.client_lateness->busy_max_ms);
}

TEST_CASE("group_samples: first-seen order, empty labels as (none)") {
  auto s = two_runs();
  s.push_back(make("r3", "", "edge", 1));
  const auto groups = report::group_samples(s, report::GroupBy::region);
  REQUIRE(groups.size() == 3);
  CHECK(groups[0].label == "eu");
  CHECK(groups[0].samples.size() == 50);
  CHECK(groups[1].label == "us");
  CHECK(groups[2].label == "(none)");
  CHECK(report::group_samples(s, report::GroupBy::pop).size() == 1);
}

TEST_CASE("grouped report: each region equals its run's own report, overall the concatenation") {
  const auto s = two_runs();
  const std::vector<results::Manifest> runs = {facts("r1", 1), facts("r2", 2)};
  const auto grouped = report::build_grouped_report(s, runs, report::GroupBy::region);
  REQUIRE(grouped.groups.size() == 2);
  const std::vector<samples::Sample> eu(s.begin(), s.begin() + 50), us(s.begin() + 50, s.end());
  const auto own = [](const std::vector<samples::Sample>& rows, const std::vector<results::Manifest>& of) {
    return export_summary_csv(report::build_report(rows, report::merge_run_info(of)));
  };
  CHECK(export_summary_csv(grouped.groups[0].second) == own(eu, {runs[0]}));
  CHECK(export_summary_csv(grouped.groups[1].second) == own(us, {runs[1]}));
  CHECK(export_summary_csv(grouped.overall) == own(s, runs));
  // Exact merged percentiles: edge's overall p50 is the median of all 50 values, not a mean of medians.
  const auto* edge = report::find_row(grouped.overall, "edge", "warm", "ttft");
  REQUIRE(edge);
  CHECK(edge->summary.p50 == Approx(212));  // type 7: halfway from 124 (eu's max) to 300 (us's min)
}

TEST_CASE("grouped CSV: the group column first, groups then all") {
  const auto grouped =
      report::build_grouped_report(two_runs(), {facts("r1", 1), facts("r2", 2)}, report::GroupBy::region);
  const std::string csv = report::export_grouped_summary_csv(grouped);
  CHECK(csv.rfind("region,target,phase,metric,unit,n,errors,", 0) == 0);
  const std::string single = export_summary_csv(grouped.overall);
  const auto rows = std::count(single.begin(), single.end(), '\n') - 1;
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 3 * rows);
  CHECK(csv.find("\neu,edge,warm,ttft,ms,25,") != std::string::npos);
  CHECK(csv.find("\nall,edge,warm,ttft,ms,50,") != std::string::npos);
  CHECK(csv.find("\nall,") > csv.rfind("\nus,"));

  report::GroupedReport plain;
  plain.overall = grouped.overall;
  CHECK(report::export_grouped_summary_csv(plain) == single);
  CHECK(report::export_grouped_summary_json(plain) == export_summary_json(grouped.overall));
  CHECK(report::export_grouped_markdown(plain) == export_markdown(grouped.overall));
}

TEST_CASE("grouped Markdown and JSON: one section per group and the notes") {
  auto grouped = report::build_grouped_report(two_runs(), {facts("r1", 1), facts("r2", 2)}, report::GroupBy::region);
  grouped.notes = {"merged from different scenario files"};
  const std::string md = report::export_grouped_markdown(grouped);
  CHECK(md.rfind("# ttftbench: demo by region\n\n**Note:** merged from different scenario files\n", 0) == 0);
  CHECK(md.find("## region `eu`\n") != std::string::npos);
  CHECK(md.find("## region `us`\n") != std::string::npos);
  CHECK(md.find("## all regions\n") != std::string::npos);
  CHECK(md.find("### Time to first token (ms)") != std::string::npos);
  CHECK(md.find("\n# ", 1) == std::string::npos);  // one title only
  const std::string json = report::export_grouped_summary_json(grouped);
  CHECK(json.find("\"by\": \"region\"") != std::string::npos);
  CHECK(json.find("\"region\": \"us\"") != std::string::npos);
  CHECK(json.find("\"notes\": [") != std::string::npos);
}
