// Hand-made samples for the tests of what is computed from samples (report, compare, gate).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "samples/sample.hpp"

namespace ttft::test {

/// What a made sample carries besides its target, phase, ttft and error.
struct SampleShape {
  double decode_ms = 500;  // e2e = ttft + decode_ms
  bool first_token = false;  // first token at the first event when set; unmeasured otherwise
  std::int64_t input_tokens = 100;
  std::int64_t output_tokens = 200;
};

/// A sample of `target` in `phase` (cold when the phase is named "cold") with the given ttft; an
/// error class marks it failed.
inline samples::Sample make_sample(const std::string& target, const std::string& phase,
                                   double ttft_ms, const std::string& error = {},
                                   const SampleShape& shape = {}) {
  samples::Sample s;
  s.target = target;
  s.phase = phase;
  s.cold = phase == "cold";
  s.ttft_ns = static_cast<Nanos>(std::llround(ttft_ms * 1e6));
  if (shape.first_token) s.first_token_ns = s.ttft_ns;
  s.e2e_ns = *s.ttft_ns + static_cast<Nanos>(std::llround(shape.decode_ms * 1e6));
  s.input_tokens = shape.input_tokens;
  s.output_tokens = shape.output_tokens;
  s.error = error;
  return s;
}

/// 25 warm samples each of "thinker" (first event at 100..124 ms; when `thinker_reasons` its first
/// token is reasoning and its answer comes 300 ms later, else its answer comes with it) and
/// "plain" (text at 200..224 ms, its answer with it), interleaved.
inline std::vector<samples::Sample> thinker_and_plain(bool thinker_reasons = true) {
  std::vector<samples::Sample> rows;
  for (int i = 0; i < 25; ++i) {
    samples::Sample thinker = make_sample("thinker", "warm", 100 + i, {}, {.first_token = true});
    thinker.first_token_kind = thinker_reasons ? "reasoning" : "text";
    thinker.first_answer_ns = *thinker.ttft_ns + (thinker_reasons ? 300'000'000 : 0);
    rows.push_back(thinker);
    samples::Sample plain = make_sample("plain", "warm", 200 + i, {}, {.first_token = true});
    plain.first_token_kind = "text";
    plain.first_answer_ns = plain.ttft_ns;
    rows.push_back(plain);
  }
  return rows;
}

}  // namespace ttft::test
