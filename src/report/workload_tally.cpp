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

void SweepTally::add(const samples::Sample& s) {
  if (!value) value = s.sweep_value;
  if (const auto start_ms = utc_ms_of(s.started_at)) {
    const double end_ms = static_cast<double>(*start_ms) +
                          (s.e2e_ns ? static_cast<double>(*s.e2e_ns) / static_cast<double>(kNanosPerMs) : 0.0);
    first_start_ms = first_start_ms ? std::min(*first_start_ms, *start_ms) : *start_ms;
    last_end_ms = last_end_ms ? std::max(*last_end_ms, end_ms) : end_ms;
  }
  if (!s.error.empty()) return;
  output_tokens += s.output_tokens.value_or(0);
  const auto x = fit_input_tokens(s);
  const auto y = ttft_ms_of(s);
  if (x && y) ttft_by_input.add(*x, *y);
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
