#include "metrics/sample_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "stats/percentile.hpp"

namespace ttft::metrics {
namespace {

constexpr std::int64_t kCharsPerToken = 4;  // the usual rough ratio for English text

std::int64_t estimate_tokens(std::int64_t chars) { return (chars + kCharsPerToken - 1) / kCharsPerToken; }

}  // namespace

void derive_token_counts(samples::Sample& sample, const StreamFacts& facts) {
  const auto content_events = static_cast<std::int64_t>(facts.content_event_ns.size());
  if (facts.usage_output_tokens) {
    sample.output_tokens = facts.usage_output_tokens;
    sample.token_source = "usage";
  } else if (content_events > 0) {
    sample.output_tokens = content_events;
    sample.token_source = "counted";
  } else if (facts.text_bytes > 0) {
    sample.output_tokens = estimate_tokens(facts.text_bytes);
    sample.token_source = "estimated";
  } else {
    sample.output_tokens = 0;
    sample.token_source = "counted";
  }
  sample.input_tokens = facts.usage_input_tokens ? *facts.usage_input_tokens
                                                 : estimate_tokens(facts.prompt_chars);
}

void derive_inter_token_latency(samples::Sample& sample, const StreamFacts& facts) {
  const auto& times = facts.content_event_ns;
  if (times.size() < 2) return;
  std::vector<double> gaps_ns;
  gaps_ns.reserve(times.size() - 1);
  for (std::size_t i = 1; i < times.size(); ++i) gaps_ns.push_back(static_cast<double>(times[i] - times[i - 1]));
  std::sort(gaps_ns.begin(), gaps_ns.end());
  sample.itl_p50_ns = std::llround(*stats::percentile_sorted(gaps_ns, 50));
  sample.itl_p95_ns = std::llround(*stats::percentile_sorted(gaps_ns, 95));
}

void derive_decode_rate(samples::Sample& sample) {
  if (!sample.e2e_ns || !sample.first_token_ns || !sample.output_tokens) return;
  const Nanos decode_ns = *sample.e2e_ns - *sample.first_token_ns;
  if (decode_ns <= 0) return;
  sample.decode_tps = static_cast<double>(*sample.output_tokens) * 1e9 / static_cast<double>(decode_ns);
}

void derive_all(samples::Sample& sample, const StreamFacts& facts) {
  derive_token_counts(sample, facts);
  derive_inter_token_latency(sample, facts);
  derive_decode_rate(sample);
}

}  // namespace ttft::metrics
