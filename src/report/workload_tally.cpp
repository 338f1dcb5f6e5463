// Per-row tallies: constant work per row, no row kept.
#include "report/workload_tally.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "report/plot_samples.hpp"

namespace ttft::report {
namespace {

std::optional<double> ttft_ms_of(const samples::Sample& s) {
  if (!s.ttft_ns) return std::nullopt;
  return static_cast<double>(*s.ttft_ns) / static_cast<double>(kNanosPerMs);
}

}  // namespace

std::optional<double> fit_input_tokens(const samples::Sample& s) {
  if (s.input_tokens) return static_cast<double>(*s.input_tokens);
  if (s.input_tokens_requested) return static_cast<double>(*s.input_tokens_requested);
  return std::nullopt;
}

void WallSpan::add(const samples::Sample& s) {
  const auto start_ms = utc_ms_of(s.started_at);
  if (!start_ms) return;
  const double end_ms = static_cast<double>(*start_ms) +
                        (s.e2e_ns ? static_cast<double>(*s.e2e_ns) / static_cast<double>(kNanosPerMs) : 0.0);
  first_start_ms = first_start_ms ? std::min(*first_start_ms, *start_ms) : *start_ms;
  last_end_ms = last_end_ms ? std::max(*last_end_ms, end_ms) : end_ms;
}

std::optional<double> WallSpan::seconds() const {
  constexpr double kMsPerSecond = 1000.0;
  if (!first_start_ms || !last_end_ms || *last_end_ms <= static_cast<double>(*first_start_ms)) return std::nullopt;
  return (*last_end_ms - static_cast<double>(*first_start_ms)) / kMsPerSecond;
}

void SweepTally::add(const samples::Sample& s) {
  if (!value) value = s.sweep_value;
  wall.add(s);
  if (!s.error.empty()) return;
  output_tokens += s.output_tokens.value_or(0);
  const auto x = fit_input_tokens(s);
  const auto y = ttft_ms_of(s);
  if (x && y) ttft_by_input.add(*x, *y);
}

void EmbeddingsTally::add(const samples::Sample& s) {
  ++rows;
  wall.add(s);
  vectors += s.vectors.value_or(0);
  input_tokens += s.input_tokens.value_or(0);
  if (s.cost_pusd) {
    cost_pusd += *s.cost_pusd;
    ++priced;
  }
  if (s.dimensions) dimensions = s.dimensions;
}

void TurnTally::add(const samples::Sample& s) {
  ++requests;
  if (!s.error.empty()) {
    ++errors;
    return;
  }
  if (const auto y = ttft_ms_of(s)) ttft_ms.push_back(*y);
}

}  // namespace ttft::report
