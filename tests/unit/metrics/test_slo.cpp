// SLO bounds: which metrics they may bound, whether a request meets them, which SLO a phase is
// judged by, and how one is written for people.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "metrics/slo.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;
using metrics::Slo;
using metrics::SloSpec;

namespace {

constexpr Nanos kOneMs = kNanosPerMs;

// ttft <= 200 ms and e2e <= 8 s.
Slo ttft_and_e2e() { return Slo{{{"ttft", 200 * kOneMs}, {"e2e", 8000 * kOneMs}}}; }

}  // namespace

TEST_CASE("an SLO bounds the times from t0 the metric table defines") {
  CHECK(metrics::slo_metric_names() == std::vector<std::string>{"ttft", "first_token", "first_answer", "e2e", "ttfb"});
  CHECK_FALSE(metrics::check_slo_metric("e2e"));
  CHECK(*metrics::check_slo_metric("itl_p50") ==
        "unknown SLO metric \"itl_p50\" (expected ttft, first_token, first_answer, e2e, ttfb)");
  CHECK(metrics::check_slo_metric("decode_tps"));
}

TEST_CASE("a request meets an SLO when it succeeded and every bound holds") {
  const Slo slo = ttft_and_e2e();
  CHECK(metrics::meets_slo(slo, test::make_sample("a", "warm", 150, "", {.decode_ms = 1000})));
  CHECK(metrics::meets_slo(slo, test::make_sample("a", "warm", 200, "", {.decode_ms = 7800})));  // both at the limit
  CHECK_FALSE(metrics::meets_slo(slo, test::make_sample("a", "warm", 200.001)));
  CHECK_FALSE(metrics::meets_slo(slo, test::make_sample("a", "warm", 150, "", {.decode_ms = 7900})));  // e2e 8.05 s
  CHECK_FALSE(metrics::meets_slo(slo, test::make_sample("a", "warm", 150, "rate_limited")));
  // A bound on a metric the request never reached is missed.
  const Slo first_token{{{"first_token", 200 * kOneMs}}};
  CHECK_FALSE(metrics::meets_slo(first_token, test::make_sample("a", "warm", 150)));
  CHECK(metrics::meets_slo(first_token, test::make_sample("a", "warm", 150, "", {.first_token = true})));
}

TEST_CASE("a phase's own SLO wins over the one for every phase") {
  SloSpec spec;
  CHECK(spec.empty());
  CHECK(spec.for_phase("warm") == nullptr);
  spec.by_phase.emplace_back("cold", Slo{{{"ttft", 1000 * kOneMs}}});
  CHECK(spec.for_phase("warm") == nullptr);
  CHECK(spec.for_phase("cold")->bounds.front().limit_ns == 1000 * kOneMs);
  spec.every_phase = ttft_and_e2e();
  CHECK(*spec.for_phase("warm") == ttft_and_e2e());
  CHECK(spec.for_phase("cold")->bounds.size() == 1);
}

TEST_CASE("an SLO in words: ms below a second, else seconds") {
  CHECK(metrics::slo_text(ttft_and_e2e()) == "ttft \u2264 200 ms, e2e \u2264 8 s");
  CHECK(metrics::slo_text(Slo{{{"ttfb", 1500 * kOneMs}, {"first_token", kOneMs / 4}}}) ==
        "ttfb \u2264 1.5 s, first_token \u2264 0.25 ms");
}
