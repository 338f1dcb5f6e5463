#include <catch2/catch.hpp>

#include "samples/sample.hpp"

TEST_CASE("samples have the docs/results.md columns in order, the appended ones last") {
  const std::vector<std::string_view> spec = {
      "run_id", "region", "shard", "phase", "cold", "seq", "target", "protocol", "model",
      "request_id", "started_at", "send_lag_ms", "idle_before_s", "connection_reused", "pop",
      "http_status", "error", "error_detail", "dns_ms", "connect_ms", "tls_ms", "ttfb_ms",
      "ttft_ms", "first_token_ms", "e2e_ms", "input_tokens", "output_tokens", "token_source",
      "events", "itl_p50_ms", "itl_p95_ms", "decode_tps", "cost_usd", "first_token_kind",
      "first_answer_ms", "reasoning_tokens", "cached_input_tokens", "cache_write_tokens", "http_version",
      "input_tokens_requested", "max_tokens_requested", "sweep_value", "conversation", "turn",
      "vectors", "dimensions", "correct", "browser_ttft_ms", "browser_paint_ms"};
  const auto& names = ttft::samples::column_names();
  CHECK(std::vector<std::string_view>(names.begin(), names.end()) == spec);
}
