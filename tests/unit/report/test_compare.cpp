// compare_runs on synthetic samples: what counts as a regression (slower, significant, beyond the
// threshold), improvements, small samples and rows on one side only.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "report/compare.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

// e2e = ttft + 20 ms, first token and first answer at the first event.
samples::Sample compare_sample(const std::string& target, const std::string& phase, double ttft_ms,
                               const std::string& error = {}) {
  samples::Sample s = test::make_sample(target, phase, ttft_ms, error, {.decode_ms = 20, .first_token = true});
  s.first_answer_ns = s.first_token_ns;
  return s;
}

// n values around `median_ms` with a spread of ±5%, in an order that does not sort them.
std::vector<double> spread(double median_ms, int n, int rotate = 0) {
  std::vector<double> values;
  for (int i = 0; i < n; ++i) {
    const int k = (i * 7 + rotate) % n;  // 7 is coprime with the sizes used here
    values.push_back(median_ms * (0.95 + 0.1 * k / (n - 1)));
  }
  return values;
}

std::vector<samples::Sample> rows(const std::string& target, const std::string& phase,
                                  const std::vector<double>& values) {
  std::vector<samples::Sample> out;
  for (const double v : values) out.push_back(compare_sample(target, phase, v));
  return out;
}

void append(std::vector<samples::Sample>& into, const std::vector<samples::Sample>& more) {
  into.insert(into.end(), more.begin(), more.end());
}

report::CompareInput input(std::vector<samples::Sample> baseline, std::vector<samples::Sample> candidate,
                           double max_regression = 0.10) {
  return {"base", "cand", std::move(baseline), std::move(candidate), {"edge", "central"}, {"warm"}, max_regression};
}

const report::MetricChange& row_of(const report::Comparison& c, const std::string& target,
                                   const std::string& metric = "ttft") {
  for (const auto& row : c.rows) {
    if (row.target == target && row.metric == metric) return row;
  }
  FAIL("no row for " << target << " " << metric);
  throw;
}

/// Baseline: edge and central around 100 ms; candidate: edge scaled by `edge_factor`, central equal.
report::Comparison edge_scaled(double edge_factor, double max_regression = 0.10, int n = 50) {
  std::vector<samples::Sample> baseline = rows("edge", "warm", spread(100, n));
  append(baseline, rows("central", "warm", spread(100, n)));
  std::vector<double> edge = spread(100, n, 3);
  for (double& v : edge) v *= edge_factor;
  std::vector<samples::Sample> candidate = rows("edge", "warm", edge);
  append(candidate, rows("central", "warm", spread(100, n, 5)));
  return report::compare_runs(input(baseline, candidate, max_regression));
}

}  // namespace

TEST_CASE("compare: equal distributions are no regression and no significant change") {
  const auto c = edge_scaled(1.0);
  CHECK_FALSE(c.any_regression());
  REQUIRE(c.rows.size() == 2 * report::kCompareMetrics.size());
  for (const auto& row : c.rows) {
    INFO(row.target << " " << row.metric);
    CHECK(row.n_baseline == 50);
    CHECK(row.n_candidate == 50);
    REQUIRE(row.p_value);
    CHECK(*row.p_value > 0.5);
    CHECK(row.p50.change == Approx(0).margin(1e-9));
    CHECK_FALSE(row.p50.significant);
    CHECK_FALSE(row.p95.significant);
  }
}

TEST_CASE("compare: 30% slower is a regression of both percentiles, with a CI around +30%") {
  const auto c = edge_scaled(1.3);
  CHECK(c.any_regression());
  const auto& edge = row_of(c, "edge");
  REQUIRE(edge.p50.change);
  CHECK(*edge.p50.change == Approx(0.3).margin(0.01));
  CHECK(*edge.p50.baseline == Approx(100).margin(0.5));
  REQUIRE(edge.p50.change_ci);
  CHECK(edge.p50.change_ci->low > 0.1);
  CHECK(edge.p50.change_ci->low < 0.3);
  CHECK(edge.p50.change_ci->high > 0.3);
  CHECK(*edge.p_value < 0.001);
  CHECK(edge.p50.regression);
  CHECK(edge.p95.regression);
  CHECK(row_of(c, "edge", "e2e").p50.regression);  // e2e = ttft + 20 ms moves too
  CHECK_FALSE(row_of(c, "central").p50.regression);
  CHECK_FALSE(row_of(c, "central").p95.regression);
}

TEST_CASE("compare: 3% slower is significant, but a regression only under a threshold below 3%") {
  const auto within = edge_scaled(1.03);
  const auto& edge = row_of(within, "edge");
  CHECK(edge.p50.significant);
  CHECK_FALSE(edge.p50.regression);
  CHECK_FALSE(within.any_regression());
  const auto strict = edge_scaled(1.03, 0.02);
  CHECK(row_of(strict, "edge").p50.regression);
  CHECK(strict.any_regression());
}

TEST_CASE("compare: faster is an improvement, never a regression") {
  const auto c = edge_scaled(0.7);
  const auto& edge = row_of(c, "edge");
  CHECK(edge.p50.improvement);
  CHECK(edge.p95.improvement);
  CHECK(*edge.p50.change == Approx(-0.3).margin(0.01));
  CHECK_FALSE(c.any_regression());
}

TEST_CASE("compare: too few samples give no figures and no regression, however slow") {
  const auto c = edge_scaled(2.0, 0.10, 4);
  CHECK_FALSE(c.any_regression());
  const auto& edge = row_of(c, "edge");
  CHECK(edge.note == "too few samples (n = 4)");
  CHECK_FALSE(edge.p50.change);
  CHECK_FALSE(edge.p_value);
  REQUIRE(edge.p50.baseline);  // the percentiles themselves are still shown
  CHECK(*edge.p50.candidate > *edge.p50.baseline);

  const auto small = edge_scaled(1.3, 0.10, 10);  // enough for p50, too few for a reliable p95
  CHECK(row_of(small, "edge").p95.small_n);
  CHECK_FALSE(row_of(small, "edge").p50.small_n);
}

TEST_CASE("compare: failed rows stay out, and a target or phase on one side only is listed, not compared") {
  std::vector<samples::Sample> baseline = rows("edge", "warm", spread(100, 30));
  append(baseline, rows("edge", "cold", spread(300, 30)));
  std::vector<samples::Sample> candidate = rows("edge", "warm", spread(100, 30, 1));
  append(candidate, rows("central", "warm", spread(100, 30)));
  for (int i = 0; i < 10; ++i)
    candidate.push_back(compare_sample("edge", "warm", 5000, "timeout_total"));
  auto in = input(baseline, candidate);
  in.phases = {"cold", "warm"};
  const auto c = report::compare_runs(in);
  CHECK_FALSE(c.any_regression());
  CHECK(row_of(c, "edge").n_candidate == 30);
  REQUIRE(c.only_in_baseline.size() == 1);
  CHECK(c.only_in_baseline[0] == report::TargetPhase{"edge", "cold"});
  REQUIRE(c.only_in_candidate.size() == 1);
  CHECK(c.only_in_candidate[0] == report::TargetPhase{"central", "warm"});
  CHECK(c.rows.size() == report::kCompareMetrics.size());  // edge warm only
}

TEST_CASE("compare: the same input gives the same intervals (fixed bootstrap seed)") {
  const auto a = edge_scaled(1.1);
  const auto b = edge_scaled(1.1);
  REQUIRE(a.rows.size() == b.rows.size());
  REQUIRE(row_of(a, "edge").p95.change_ci);
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    for (const auto& [x, y] : {std::pair{a.rows[i].p50, b.rows[i].p50}, std::pair{a.rows[i].p95, b.rows[i].p95}}) {
      CHECK(x.change == y.change);
      CHECK(x.change_ci.has_value() == y.change_ci.has_value());
      if (x.change_ci && y.change_ci) {
        CHECK(x.change_ci->low == y.change_ci->low);
        CHECK(x.change_ci->high == y.change_ci->high);
      }
    }
    CHECK(a.rows[i].p_value == b.rows[i].p_value);
  }
}

TEST_CASE("compare: first_answer only where either side measured it") {
  std::vector<samples::Sample> baseline = rows("edge", "warm", spread(100, 10));
  std::vector<samples::Sample> candidate = rows("edge", "warm", spread(100, 10, 3));
  for (auto& s : baseline) s.first_answer_ns.reset();
  const auto one_side = report::compare_runs(input(baseline, candidate));
  CHECK(row_of(one_side, "edge", "first_answer").n_baseline == 0);
  CHECK(row_of(one_side, "edge", "first_answer").n_candidate == 10);
  for (auto& s : candidate) s.first_answer_ns.reset();
  const auto neither = report::compare_runs(input(baseline, candidate));
  REQUIRE(neither.rows.size() == report::kCompareMetrics.size() - 1);
  for (const auto& row : neither.rows) CHECK(row.metric != "first_answer");
}
