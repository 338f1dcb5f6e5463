// Merging runs: RunInfo from several manifests, samples grouped by region, and grouped reports
// whose per-group figures equal each run's own report.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

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

/// Every row's figures equal (the same samples and seed give the same bootstrap draws).
void check_same_rows(const report::Report& a, const report::Report& b) {
  REQUIRE(a.rows.size() == b.rows.size());
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    const report::MetricRow& x = a.rows[i];
    const report::MetricRow& y = b.rows[i];
    INFO(x.target << " " << x.phase << " " << x.metric);
    CHECK(std::tie(x.target, x.phase, x.metric, x.n, x.errors) == std::tie(y.target, y.phase, y.metric, y.n, y.errors));
    CHECK(std::tie(x.summary.p50, x.summary.p95, x.summary.mean) ==
          std::tie(y.summary.p50, y.summary.p95, y.summary.mean));
    CHECK(x.p95_ci.has_value() == y.p95_ci.has_value());
    if (x.p95_ci && y.p95_ci) CHECK(std::tie(x.p95_ci->low, x.p95_ci->high) == std::tie(y.p95_ci->low, y.p95_ci->high));
  }
}

}  // namespace

TEST_CASE("merge_run_info: first-seen names, first seed, pricing and headline, worst lateness") {
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
  a.facts.headline = "first_answer";
  b.facts.headline = "first_token";
  const auto info = report::merge_run_info({a, b});
  CHECK(info.headline == "first_answer");  // the first run's
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
    return report::build_report(rows, report::merge_run_info(of));
  };
  check_same_rows(grouped.groups[0].second, own(eu, {runs[0]}));
  check_same_rows(grouped.groups[1].second, own(us, {runs[1]}));
  check_same_rows(grouped.overall, own(s, runs));
  // Exact merged percentiles: edge's overall p50 is the median of all 50 values, not a mean of medians.
  const auto* edge = report::find_row(grouped.overall, "edge", "warm", "ttft");
  REQUIRE(edge);
  CHECK(edge->summary.p50 == Approx(212));  // type 7: halfway from 124 (eu's max) to 300 (us's min)
}

TEST_CASE("choose_slo: --slo for every phase, else the first run's, with a note when runs differ") {
  results::Manifest r1 = facts("r1", 1), r2 = facts("r2", 2);
  const metrics::Slo fast{{{"ttft", 200 * kNanosPerMs}}};
  const metrics::Slo slow{{{"ttft", 900 * kNanosPerMs}}};
  r1.facts.slo.every_phase = fast;
  r2.facts.slo.every_phase = fast;
  auto choice = report::choose_slo({r1, r2}, std::nullopt);
  CHECK(*choice.slo.every_phase == fast);
  CHECK_FALSE(choice.note);
  r2.facts.slo.every_phase = slow;
  choice = report::choose_slo({r1, r2}, std::nullopt);
  CHECK(*choice.slo.every_phase == fast);
  CHECK(*choice.note == "the merged runs have different SLOs; goodput judges every request by the first run's (r1)");
  choice = report::choose_slo({r2, facts("r3", 3)}, std::nullopt);  // r3 has none
  CHECK(*choice.slo.every_phase == slow);
  REQUIRE(choice.note);
  choice = report::choose_slo({facts("r3", 3), r1}, std::nullopt);
  CHECK(choice.slo.empty());
  CHECK(*choice.note == "the merged runs have different SLOs; goodput judges every request by the first run's "
                        "(r3), which has none");
  // --slo replaces every run's, also a phase's own, and needs no note.
  r1.facts.slo.by_phase.emplace_back("warm", slow);
  choice = report::choose_slo({r1, r2}, slow);
  CHECK(choice.slo.every_phase == slow);
  CHECK(choice.slo.by_phase.empty());
  CHECK_FALSE(choice.note);
}

TEST_CASE("grouped report: every group is judged by the same SLO as the overall report") {
  std::vector<results::Manifest> runs = {facts("r1", 1), facts("r2", 2)};
  runs[0].facts.slo.every_phase = metrics::Slo{{{"ttft", 200 * kNanosPerMs}}};
  const auto grouped = report::build_grouped_report(two_runs(), runs, report::GroupBy::region);
  REQUIRE(grouped.overall.goodput);
  REQUIRE(grouped.groups.at(1).second.goodput);
  // us's edge answers in 300..372 ms: none within 200 ms; eu's in 100..124 ms: all.
  const auto& us_rows = grouped.groups.at(1).second.goodput->rows;
  CHECK(us_rows.front().target == "edge");
  CHECK(us_rows.front().met == 0);
  CHECK(grouped.groups.at(0).second.goodput->rows.front().met == 25);
  CHECK(grouped.overall.goodput->rows.front().met == 25);
}
