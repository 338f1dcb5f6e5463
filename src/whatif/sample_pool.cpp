// Samples → per-target pools of draws, with the metric read through its one definition.
#include "whatif/sample_pool.hpp"

#include <algorithm>

#include "core/duration.hpp"
#include "metrics/definitions.hpp"

namespace ttft::whatif {
namespace {

Draw draw_of(const samples::Sample& sample, const std::optional<double>& metric_ms) {
  Draw draw;
  draw.input_tokens = sample.input_tokens.value_or(0);
  draw.output_tokens = sample.output_tokens.value_or(0);
  draw.correct = sample.correct;
  if (sample.error.empty()) {
    draw.latency_ms = metric_ms;
  } else if (sample.e2e_ns || sample.ttfb_ns) {
    draw.failed_at_ms = to_ms(sample.e2e_ns ? *sample.e2e_ns : *sample.ttfb_ns);
  }
  return draw;
}

}  // namespace

std::vector<TargetPool> build_pools(const std::vector<samples::Sample>& samples,
                                    const std::vector<std::string>& targets,
                                    const std::map<std::string, cost::Pricing>& pricing,
                                    const PoolOptions& options,
                                    const std::vector<std::optional<std::string>>& prompts) {
  std::vector<TargetPool> pools;
  for (const std::string& target : targets) {
    TargetPool& pool = pools.emplace_back();
    pool.target = target;
    if (const auto found = pricing.find(target); found != pricing.end() && !found->second.empty()) {
      pool.pricing = found->second;
    }
  }
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const samples::Sample& sample = samples[i];
    if (!options.phase.empty() && sample.phase != options.phase) continue;
    const auto at = std::find(targets.begin(), targets.end(), sample.target);
    if (at == targets.end()) continue;
    TargetPool& pool = pools[static_cast<std::size_t>(at - targets.begin())];
    const std::optional<double> value = metrics::metric_value(sample, options.metric);
    if (sample.error.empty() && !value) {
      ++pool.unmeasured;
      continue;
    }
    pool.draws.push_back(draw_of(sample, value));
    if (i < prompts.size()) pool.draws.back().prompt = prompts[i];
  }
  return pools;
}

}  // namespace ttft::whatif
