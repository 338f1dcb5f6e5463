// --volume, and the idle-sweep setup read from the runs' manifests, for `report`.
#include "cli/report_decisions.hpp"

namespace ttft::cli {

Result<std::optional<cost::Volume>> parse_volume_option(const std::string& text) {
  if (text.empty()) return std::optional<cost::Volume>{};
  auto volume = cost::parse_volume(text);
  if (!volume) return fail("--volume", volume.error().message, volume.error().hint);
  return std::optional<cost::Volume>(std::move(*volume));
}

std::vector<Nanos> idle_gaps_of(const std::vector<report::RunFacts>& runs) {
  std::vector<Nanos> gaps;
  for (const report::RunFacts& run : runs) gaps.insert(gaps.end(), run.idle_gaps_ns.begin(), run.idle_gaps_ns.end());
  return gaps;
}

void add_decisions(report::Report& overall, const report::IdleSweepCollector& sweep,
                   const std::vector<Nanos>& idle_gaps_ns, const std::optional<cost::Volume>& volume) {
  overall.idle_thresholds = sweep.analyze(overall.run.targets, {idle_gaps_ns, overall.run.time_scale_by_run});
  if (volume) {
    overall.cost_at_scale = report::cost_at_scale(overall.run.targets, overall.run.pricing, overall.costs, *volume);
  }
}

}  // namespace ttft::cli
