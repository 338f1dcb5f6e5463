// Samples for the CSV tests: one with every column set (including awkward text) and one with
// every optional column empty.
#pragma once

#include "samples/sample.hpp"

namespace ttft::test {

inline samples::Sample full_sample() {
  samples::Sample s;
  s.run_id = "r1";
  s.region = "eu-west";
  s.shard = "2/4";
  s.phase = "warm";
  s.cold = true;
  s.seq = 17;
  s.target = "edge";
  s.protocol = "auto:workers-ai";
  s.model = "@cf/meta/llama-3.1-8b-instruct";
  s.request_id = "r1-edge-warm-17";
  s.started_at = "2026-11-21T10:33:05.123Z";
  s.send_lag_ns = -4'000;
  s.idle_before_s = 61.25;
  s.connection_reused = false;
  s.pop = "FRA";
  s.http_status = 500;
  s.error = "http_5xx";
  s.error_detail = "{\"error\": \"bad, very \"\"bad\"\"\"}\r\nline two\nline, three";
  s.dns_ns = 1'250'000;
  s.connect_ns = 12'000'000;
  s.tls_ns = 30'500'000;
  s.ttfb_ns = 120'000'000;
  s.ttft_ns = 180'312'000;
  s.first_token_ns = 181'000'000;
  s.e2e_ns = 2'000'001'000;
  s.input_tokens = 120;
  s.output_tokens = 256;
  s.token_source = "usage";
  s.events = 259;
  s.itl_p50_ns = 7'001'000;
  s.itl_p95_ns = 9'999'000;
  s.decode_tps = 140.625;
  s.cost_pusd = 123'456'789;
  s.first_token_kind = "reasoning";
  s.first_answer_ns = 1'500'250'000;
  s.reasoning_tokens = 200;
  s.cached_input_tokens = 100;
  s.cache_write_tokens = 12;
  s.http_version = "2";
  s.input_tokens_requested = 118;
  s.max_tokens_requested = 256;
  s.sweep_value = 0.5;
  s.conversation = 3;
  s.turn = 2;
  s.vectors = 8;
  s.dimensions = 768;
  s.correct = false;
  return s;
}

inline samples::Sample empty_sample() {
  samples::Sample s;
  s.run_id = "r1";
  s.phase = "cold";
  s.seq = 0;
  s.target = "central";
  return s;
}

}  // namespace ttft::test
