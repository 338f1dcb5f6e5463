#include "run/lateness.hpp"

#include <algorithm>

#include "stats/percentile.hpp"

namespace ttft::run {
namespace {

struct Percentiles {
  std::optional<double> p50_ms, p99_ms, max_ms;
};

Percentiles percentiles_ms(std::vector<double> values_ns, std::optional<double> exact_max_ns = std::nullopt) {
  if (values_ns.empty()) return {};
  std::sort(values_ns.begin(), values_ns.end());
  return {*stats::percentile_sorted(values_ns, 50) / 1e6, *stats::percentile_sorted(values_ns, 99) / 1e6,
          exact_max_ns.value_or(values_ns.back()) / 1e6};
}

/// p50/p99 from the loop's bounded sample, max exact.
Percentiles percentiles_ms(const driver::Reservoir& reservoir) {
  const auto& values = reservoir.values();
  return percentiles_ms(std::vector<double>(values.begin(), values.end()), static_cast<double>(reservoir.max()));
}

}  // namespace

results::LatenessSummary summarize_lateness(std::vector<double> send_lags_ns, const driver::LoopStats& loop) {
  const auto send = percentiles_ms(std::move(send_lags_ns));
  const auto wake = percentiles_ms(loop.wake_lateness_ns);
  const auto busy = percentiles_ms(loop.busy_ns);
  return {send.p50_ms, send.p99_ms, send.max_ms, wake.p50_ms, wake.p99_ms, wake.max_ms, busy.p99_ms, busy.max_ms};
}

}  // namespace ttft::run
