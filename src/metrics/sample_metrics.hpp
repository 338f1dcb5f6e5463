// Per-request metrics derived from raw stream facts, each defined once (docs/metrics.md, one section each):
// token counts and their source, inter-token latency percentiles, decode rate.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/clock.hpp"
#include "samples/sample.hpp"

namespace ttft::metrics {

/// What the stream delivered, as the driver measured it.
struct StreamFacts {
  std::span<const Nanos> content_event_ns;  // arrival of each event with generated text
  std::int64_t text_bytes = 0;               // visible + reasoning text received
  std::optional<std::int64_t> usage_input_tokens;
  std::optional<std::int64_t> usage_output_tokens;
  std::int64_t prompt_chars = 0;             // characters of the prompt sent
};

/// Fills input_tokens, output_tokens and token_source: output from usage when the provider sent
/// it ("usage"), else the number of content events ("counted"), else text bytes / 4
/// ("estimated"). Input tokens come from usage, else prompt characters / 4.
void derive_token_counts(samples::Sample& sample, const StreamFacts& facts);

/// itl_p50_ms / itl_p95_ms: type-7 percentiles of the gaps between successive content events;
/// unset with fewer than two content events.
void derive_inter_token_latency(samples::Sample& sample, const StreamFacts& facts);

/// decode_tps = output_tokens / (e2e - first_token), in tokens per second; unset when either
/// time is missing or they are equal.
void derive_decode_rate(samples::Sample& sample);

/// All of the above, in order.
void derive_all(samples::Sample& sample, const StreamFacts& facts);

}  // namespace ttft::metrics
