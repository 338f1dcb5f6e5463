// "Native vs browser" from hand-made rows (docs/metrics.md ("Browser targets")): the twin's
// first_token_ms beside the browser target's browser_ttft_ms and paint, medians worked out by hand.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "report/report_model.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

// Native first tokens at 100..109 ms (median 104.5); browser reads at 130..139 (median 134.5),
// painted 5 ms later; failed rows of either never count.
std::vector<samples::Sample> pair_rows() {
  std::vector<samples::Sample> rows;
  for (int i = 0; i < 10; ++i) {
    rows.push_back(test::make_sample("api", "warm", 90 + i, "", {500, true, 100, 200}));
    rows.back().first_token_ns = (100 + i) * kNanosPerMs;
    samples::Sample page = test::make_sample("page", "warm", 120 + i);
    page.first_token_ns = (130 + i) * kNanosPerMs;
    page.browser_ttft_ns = (130 + i) * kNanosPerMs;
    page.browser_paint_ns = (135 + i) * kNanosPerMs;
    rows.push_back(page);
  }
  rows.push_back(test::make_sample("page", "warm", 1, "browser"));
  return rows;
}

}  // namespace

TEST_CASE("each pair's first tokens, browser times and the difference of medians with its interval") {
  report::RunInfo run;
  run.targets = {"api", "page"};
  run.phases = {"warm"};
  run.browser_pairs = {{"api", "page"}};
  run.seed = 3;
  const report::Report report = report::build_report(pair_rows(), run);
  REQUIRE(report.browser_pairs.size() == 2);  // warm, all
  const report::BrowserPairRow& warm = report.browser_pairs[0];
  CHECK(warm.phase == "warm");
  CHECK(report.browser_pairs[1].phase == "all");
  CHECK(warm.native == "api");
  CHECK(warm.browser == "page");
  CHECK(warm.n_native == 10);
  CHECK(warm.n_browser == 10);
  CHECK(*warm.native_p50_ms == Approx(104.5));
  CHECK(*warm.browser_p50_ms == Approx(134.5));
  CHECK(*warm.paint_p50_ms == Approx(139.5));
  CHECK(*warm.browser_p95_ms == Approx(138.55));  // type 7: 130 + 0.95 * 9
  REQUIRE(warm.difference.diff);
  CHECK(*warm.difference.diff == Approx(30.0));
  REQUIRE(warm.difference.ci);
  CHECK(warm.difference.ci->low > 0);
  CHECK(warm.difference.ci->low <= 30.0);
  CHECK(warm.difference.ci->high >= 30.0);
}

TEST_CASE("a run without browser targets has no pairs") {
  report::RunInfo run;
  run.targets = {"api", "page"};
  run.phases = {"warm"};
  CHECK(report::build_report(pair_rows(), run).browser_pairs.empty());
}
