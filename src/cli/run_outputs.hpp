// What a run leaves behind once its requests have ended: summary.csv, summary.json, report.md,
// the final manifest, and the headline tables on stdout. All of it is computed from the samples.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/manifest.hpp"
#include "core/error.hpp"
#include "core/io.hpp"
#include "driver/driver.hpp"
#include "report/report_model.hpp"
#include "samples/sample.hpp"
#include "scenario/scenario.hpp"

namespace ttft::cli {

struct RunOutputs {
  std::filesystem::path dir;
  const scenario::Scenario* scenario = nullptr;
  std::string run_id;
  std::uint64_t seed = 0;
  bool interrupted = false;
  report::LatenessSummary lateness;
  ManifestInput* manifest = nullptr;
};

/// The client's own error: how late requests started (send lag), how late timed wake-ups came,
/// and how long the loop was busy between waits (what a read could have waited behind).
report::LatenessSummary summarize_lateness(const std::vector<samples::Sample>& samples,
                                           const driver::LoopStats& loop);
nlohmann::json lateness_to_json(const report::LatenessSummary& lateness);

/// Writes the summary files and final manifest into outputs.dir and prints the tables; the
/// report model they were made from.
Result<report::Report> write_reports(const RunOutputs& outputs, const std::vector<samples::Sample>& samples,
                           bool color, bool quiet, Io& io);

}  // namespace ttft::cli
