// --volume, and the idle-sweep setup read from the runs' manifests, for `report`.
#include "cli/report_decisions.hpp"

namespace ttft::cli {

Result<std::optional<cost::Volume>> parse_volume_option(const std::string& text) {
  if (text.empty()) return std::optional<cost::Volume>{};
  auto volume = cost::parse_volume(text);
  if (!volume) return fail("--volume", volume.error().message, volume.error().hint);
  return std::optional<cost::Volume>(std::move(*volume));
}

report::IdleSweepSetup idle_sweep_setup(const std::vector<report::RunFacts>& runs) {
  report::IdleSweepSetup setup;
  for (const report::RunFacts& run : runs) {
    setup.gaps_ns.insert(setup.gaps_ns.end(), run.idle_gaps_ns.begin(), run.idle_gaps_ns.end());
    setup.time_scale_by_run[run.run_id] = run.time_scale;
  }
  return setup;
}

void add_decisions(report::Report& overall, const report::IdleSweepCollector& sweep,
                   const std::vector<report::RunFacts>& runs, const std::optional<cost::Volume>& volume) {
  overall.idle_thresholds = sweep.analyze(overall.run.targets, idle_sweep_setup(runs));
  if (volume) {
    overall.cost_at_scale = report::cost_at_scale(overall.run.targets, overall.run.pricing, overall.costs, *volume);
  }
}

}  // namespace ttft::cli
