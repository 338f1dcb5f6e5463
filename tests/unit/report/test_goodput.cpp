// Goodput from hand-made samples: shares, Wilson intervals and pair verdicts worked out by hand
// (Wilson 7/10 = 0.3968–0.8922; Newcombe 10/10 − 0/10 = 0.6075–1), and which phases get rows.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "report/report_model.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

constexpr Nanos kMs = kNanosPerMs;

// Ten warm requests each: "always" answers in 50 ms, "never" in 400 ms, and "share" in 50 ms but
// fails 3 of 10 times; also two cold requests each at 50 ms.
std::vector<samples::Sample> three_targets() {
  std::vector<samples::Sample> s;
  for (int i = 0; i < 10; ++i) {
    s.push_back(test::make_sample("always", "warm", 50));
    s.push_back(test::make_sample("never", "warm", 400));
    s.push_back(test::make_sample("share", "warm", 50, i < 3 ? "http_5xx" : ""));
  }
  for (const char* target : {"always", "never", "share"}) {
    for (int i = 0; i < 2; ++i) s.push_back(test::make_sample(target, "cold", 50));
  }
  return s;
}

report::RunInfo run_with(metrics::SloSpec slo) {
  report::RunInfo run;
  run.targets = {"always", "never", "share"};
  run.phases = {"cold", "warm"};
  run.slo = std::move(slo);
  return run;
}

const metrics::Slo kTtft200{{{"ttft", 200 * kMs}}};

const report::GoodputRow& row_of(const report::Goodput& g, const std::string& target, const std::string& phase) {
  for (const auto& row : g.rows) {
    if (row.target == target && row.phase == phase) return row;
  }
  static const report::GoodputRow kNone;
  FAIL("no goodput row for " << target << " " << phase);
  return kNone;
}

}  // namespace

TEST_CASE("goodput: no SLO, no goodput") {
  CHECK_FALSE(report::build_report(three_targets(), run_with({})).goodput);
}

TEST_CASE("goodput: shares with their Wilson intervals, failures counted as misses") {
  const auto report = report::build_report(three_targets(), run_with({kTtft200, {}}));
  REQUIRE(report.goodput);
  const report::Goodput& g = *report.goodput;
  CHECK(g.rows.size() == 3 * 3);  // cold, warm, all per target
  const auto& always = row_of(g, "always", "warm");
  CHECK(always.met == 10);
  CHECK(always.requests == 10);
  CHECK(*always.goodput == 1);
  CHECK(always.ci->low == Approx(0.7224672).epsilon(1e-6));
  CHECK(always.ci->high == 1);
  CHECK(*row_of(g, "never", "warm").goodput == 0);
  CHECK(row_of(g, "never", "warm").ci->high == Approx(0.2775328).epsilon(1e-6));
  const auto& share = row_of(g, "share", "warm");
  CHECK(share.met == 7);
  CHECK(share.requests == 10);
  CHECK(share.ci->low == Approx(0.3967781).epsilon(1e-6));
  CHECK(share.ci->high == Approx(0.8922087).epsilon(1e-6));
  const auto& all = row_of(g, "never", "all");  // its two cold requests met the SLO
  CHECK(all.met == 2);
  CHECK(all.requests == 12);
}

TEST_CASE("goodput: verdicts per pair and phase, oriented to the higher share") {
  const auto report = report::build_report(three_targets(), run_with({kTtft200, {}}));
  const auto& verdicts = report.goodput->verdicts;
  REQUIRE(verdicts.size() == 3 * 2);  // 3 pairs × 2 phases
  const report::GoodputVerdict& clear = verdicts[1];  // always vs never, warm
  CHECK(clear.phase == "warm");
  CHECK(*clear.diff == 1);
  CHECK(clear.ci->low == Approx(0.6075094).epsilon(1e-6));
  CHECK(clear.ci->high == Approx(1.0));
  CHECK(*clear.p_value == Approx(7.744e-6).epsilon(1e-3));  // z = 1 / sqrt(0.25 · 0.2) = 4.47
  CHECK(clear.significant);
  CHECK(clear.text ==
        "warm goodput: always meets the SLO more often (100.0% vs 0.0%, difference 100 points, "
        "95% CI 61\u2013100 points, p < 0.001)");
  const report::GoodputVerdict& close = verdicts[3];  // always vs share, warm: p = 0.060
  CHECK_FALSE(close.significant);
  CHECK(close.text ==
        "warm goodput: no significant difference (always 100.0%, share 70.0%; always \u2212 share 30 points, "
        "95% CI \u22124\u201360 points, p = 0.06)");
  const report::GoodputVerdict& flipped = verdicts[5];  // never vs share, warm: share is higher
  CHECK(*flipped.diff == Approx(-0.7));
  CHECK(flipped.text.rfind("warm goodput: share meets the SLO more often (70.0% vs 0.0%", 0) == 0);
}

TEST_CASE("goodput: a phase's own SLO wins, and phases without one get no row (nor does all)") {
  metrics::SloSpec spec;
  spec.by_phase.emplace_back("warm", metrics::Slo{{{"ttft", 500 * kMs}}});
  const auto report = report::build_report(three_targets(), run_with(spec));
  const report::Goodput& g = *report.goodput;
  CHECK(g.rows.size() == 3);  // warm only
  CHECK(*row_of(g, "never", "warm").goodput == 1);  // 400 ms is within this phase's 500 ms
  CHECK(g.verdicts.size() == 3);
  spec.every_phase = metrics::Slo{{{"ttft", 10 * kMs}}};
  const auto both = report::build_report(three_targets(), run_with(spec));
  CHECK(*row_of(*both.goodput, "always", "cold").goodput == 0);  // 50 ms against the top level's 10 ms
  CHECK(row_of(*both.goodput, "always", "all").met == 10);       // each request by its own phase's SLO
}
