// Hand-made samples for the tests of what is computed from samples (report, compare, gate).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

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

}  // namespace ttft::test
