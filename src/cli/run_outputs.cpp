#include "cli/run_outputs.hpp"

#include <algorithm>
#include <ostream>

#include "cli/report_decisions.hpp"
#include "core/duration.hpp"
#include "core/version.hpp"
#include "exporters/html/html_exporter.hpp"
#include "exporters/report_exporters.hpp"
#include "report/atomic_write.hpp"
#include "stats/percentile.hpp"

namespace ttft::cli {
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

/// report.html: the model's tables, plots of the samples, and the manifest as written at the end.
std::string html_of_run(const report::GroupedReport& run, const std::vector<samples::Sample>& samples,
                        const ManifestInput& manifest) {
  const report::HtmlPlotData plots = report::build_plot_data(report::plot_samples_of(samples), run.overall);
  return exporters::export_html({&run, &plots, {report::manifest_entries(build_manifest(manifest))}});
}

// The idle-sweep estimates, exactly as `report` makes them from the folder (issue 9): the
// scenario's cold gaps are what the manifest would tell it.
void add_idle_thresholds(report::Report& model, const std::vector<samples::Sample>& samples,
                         const scenario::Scenario& scenario) {
  std::vector<Nanos> gaps;
  for (const auto& phase : scenario.phases) gaps.insert(gaps.end(), phase.idle_ns.begin(), phase.idle_ns.end());
  report::IdleSweepCollector sweep;
  for (const auto& sample : samples) sweep.add(sample);
  add_decisions(model, sweep, gaps, std::nullopt);
}

nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

report::LatenessSummary summarize_lateness(const std::vector<samples::Sample>& samples,
                                           const driver::LoopStats& loop) {
  std::vector<double> send_lags_ns;
  for (const auto& sample : samples) {
    if (sample.send_lag_ns) send_lags_ns.push_back(static_cast<double>(*sample.send_lag_ns));
  }
  const auto send = percentiles_ms(send_lags_ns);
  const auto wake = percentiles_ms(loop.wake_lateness_ns);
  const auto busy = percentiles_ms(loop.busy_ns);
  return {send.p50_ms, send.p99_ms, send.max_ms, wake.p50_ms, wake.p99_ms, wake.max_ms, busy.p99_ms, busy.max_ms};
}

nlohmann::json lateness_to_json(const report::LatenessSummary& l) {
  return {{"send_lag_p50_ms", optional_json(l.send_lag_p50_ms)}, {"send_lag_p99_ms", optional_json(l.send_lag_p99_ms)},
          {"send_lag_max_ms", optional_json(l.send_lag_max_ms)}, {"wake_p50_ms", optional_json(l.wake_p50_ms)},
          {"wake_p99_ms", optional_json(l.wake_p99_ms)},         {"wake_max_ms", optional_json(l.wake_max_ms)},
          {"busy_p99_ms", optional_json(l.busy_p99_ms)},         {"busy_max_ms", optional_json(l.busy_max_ms)}};
}

Result<report::Report> write_reports(const RunOutputs& outputs, const std::vector<samples::Sample>& samples, bool color, bool quiet,
                           Io& io) {
  const auto& scenario = *outputs.scenario;
  report::RunInfo info;
  info.run_id = outputs.run_id;
  info.scenario_name = scenario.name;
  info.scenario_sha256 = scenario.sha256;
  info.tool_version = kVersion;
  for (const auto& target : scenario.targets) {
    info.targets.push_back(target.name);
    if (!target.pricing.empty()) info.pricing[target.name] = target.pricing;
  }
  for (const auto& phase : scenario.phases) info.phases.push_back(phase.name);
  if (scenario.time_scale != 1.0) info.time_scale_by_run[outputs.run_id] = scenario.time_scale;
  info.seed = outputs.seed;
  info.interrupted = outputs.interrupted;
  info.client_lateness = outputs.lateness;
  report::Report model = report::build_report(samples, info);
  add_idle_thresholds(model, samples, scenario);
  const report::GroupedReport sections = report::ungrouped(model);

  const auto write = [&](const char* name, const std::string& content) {
    return report::write_file_atomic((outputs.dir / name).string(), content);
  };
  for (const auto& [name, content] : {std::pair{"summary.csv", exporters::export_summary_csv(sections)},
                                      std::pair{"summary.json", exporters::export_summary_json(sections)},
                                      std::pair{"report.md", exporters::export_markdown(sections)},
                                      std::pair{"report.html", html_of_run(sections, samples, *outputs.manifest)}}) {
    if (auto r = write(name, content); !r) return tl::unexpected(r.error());
  }
  if (auto r = write_manifest(outputs.dir, *outputs.manifest); !r) return tl::unexpected(r.error());
  io.out << exporters::export_terminal(sections, color);
  io.out.flush();
  if (!quiet) io.err << "results: " << outputs.dir.string() << "\n";
  return model;
}

}  // namespace ttft::cli
