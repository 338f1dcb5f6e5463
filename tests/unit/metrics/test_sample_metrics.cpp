#include <catch2/catch.hpp>

#include <vector>

#include "metrics/sample_metrics.hpp"

using ttft::Nanos;
using ttft::metrics::StreamFacts;
using ttft::samples::Sample;

namespace {
constexpr Nanos kMs = 1'000'000;
}

TEST_CASE("token counts prefer usage, then content events, then text length / 4") {
  const std::vector<Nanos> three_events = {10 * kMs, 20 * kMs, 30 * kMs};
  Sample s;
  ttft::metrics::derive_token_counts(s, StreamFacts{three_events, 40, 12, 7, 100});
  CHECK(s.output_tokens == 7);
  CHECK(s.input_tokens == 12);
  CHECK(s.token_source == "usage");

  Sample counted;
  ttft::metrics::derive_token_counts(counted, StreamFacts{three_events, 40, std::nullopt, std::nullopt, 101});
  CHECK(counted.output_tokens == 3);
  CHECK(counted.token_source == "counted");
  CHECK(counted.input_tokens == 26);  // ceil(101 / 4)

  Sample estimated;
  ttft::metrics::derive_token_counts(estimated, StreamFacts{{}, 41, std::nullopt, std::nullopt, 0});
  CHECK(estimated.output_tokens == 11);  // ceil(41 / 4)
  CHECK(estimated.token_source == "estimated");
}

TEST_CASE("inter-token latency is the type-7 p50/p95 of gaps between content events") {
  // gaps: 10, 10, 20, 40 ms → sorted 10 10 20 40; p50 = 15, p95 = 20 + 0.85 * 20 = 37
  const std::vector<Nanos> times = {0, 10 * kMs, 20 * kMs, 40 * kMs, 80 * kMs};
  Sample s;
  ttft::metrics::derive_inter_token_latency(s, StreamFacts{times, 0, std::nullopt, std::nullopt, 0});
  CHECK(s.itl_p50_ns == 15 * kMs);
  CHECK(s.itl_p95_ns == 37 * kMs);

  Sample one;
  const std::vector<Nanos> single = {5 * kMs};
  ttft::metrics::derive_inter_token_latency(one, StreamFacts{single, 0, std::nullopt, std::nullopt, 0});
  CHECK_FALSE(one.itl_p50_ns.has_value());
}

TEST_CASE("decode rate is output tokens over (e2e - first token)") {
  Sample s;
  s.output_tokens = 50;
  s.first_token_ns = 200 * kMs;
  s.e2e_ns = 1200 * kMs;
  ttft::metrics::derive_decode_rate(s);
  REQUIRE(s.decode_tps.has_value());
  CHECK(*s.decode_tps == Approx(50.0));

  Sample instant;
  instant.output_tokens = 1;
  instant.first_token_ns = instant.e2e_ns = 100 * kMs;
  ttft::metrics::derive_decode_rate(instant);
  CHECK_FALSE(instant.decode_tps.has_value());
}
