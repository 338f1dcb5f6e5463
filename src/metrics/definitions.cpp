// The metric table. Times are stored in integer ns and reported in ms; t0 is the moment the
// request is handed to the transport (before DNS), on the monotonic clock.
#include "metrics/definitions.hpp"

#include "core/duration.hpp"

namespace ttft::metrics {
namespace {

template <std::optional<Nanos> samples::Sample::*M>
std::optional<double> ms_of(const samples::Sample& sample) {
  const auto& ns = sample.*M;
  if (!ns) return std::nullopt;
  return to_ms(*ns);
}

std::optional<double> decode_tps_of(const samples::Sample& sample) { return sample.decode_tps; }

}  // namespace

const std::vector<MetricDefinition>& metric_definitions() {
  using samples::Sample;
  static const std::vector<MetricDefinition> definitions = {
      // ttft = first dispatched SSE event - t0
      {"ttft", "ttft_ms", "ms",
       "first complete SSE event (dispatched by the parser), from t0 = request handed to the "
       "transport",
       ms_of<&Sample::ttft_ns>},
      // first_token = first event with non-empty generated text - t0
      {"first_token", "first_token_ms", "ms",
       "first event that carries non-empty generated text (role-only or metadata events do not "
       "count), from t0",
       ms_of<&Sample::first_token_ns>},
      // first_answer = first event with visible answer text or a tool call - t0
      {"first_answer", "first_answer_ms", "ms",
       "first event with visible answer text or a tool call; reasoning does not count",
       ms_of<&Sample::first_answer_ns>},
      // e2e = end of stream - t0
      {"e2e", "e2e_ms", "ms", "end of stream (terminator or connection end), from t0",
       ms_of<&Sample::e2e_ns>},
      // ttfb = response headers complete - t0
      {"ttfb", "ttfb_ms", "ms", "response headers complete, from t0", ms_of<&Sample::ttfb_ns>},
      // decode_tps = output_tokens / (e2e - first_token)
      {"decode_tps", "decode_tps", "tokens/s", "output tokens / (e2e - first_token)",
       decode_tps_of, true},
      // itl_p50 = type-7 median of the gaps between successive content events
      {"itl_p50", "itl_p50_ms", "ms", "median gap between successive content events",
       ms_of<&Sample::itl_p50_ns>},
  };
  return definitions;
}

const MetricDefinition* find_metric(std::string_view metric) {
  for (const MetricDefinition& definition : metric_definitions()) {
    if (definition.name == metric) return &definition;
  }
  return nullptr;
}

std::optional<double> metric_value(const samples::Sample& sample, std::string_view metric) {
  const MetricDefinition* definition = find_metric(metric);
  if (definition == nullptr) return std::nullopt;
  return definition->value(sample);
}

}  // namespace ttft::metrics
