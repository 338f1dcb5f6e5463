#include "telemetry/folder_export.hpp"

#include <filesystem>

#include "core/version.hpp"
#include "results/folder_layout.hpp"
#include "results/manifest.hpp"
#include "samples/csv_reader.hpp"

namespace ttft::telemetry {

Result<std::vector<ExportTally>> export_folders(const std::vector<std::string>& dirs,
                                                std::vector<Destination> destinations, Nanos bound_ns) {
  std::string scenario;
  for (const std::string& dir : dirs) {
    auto manifest = results::read_manifest(dir);
    if (!manifest) return tl::unexpected(manifest.error());
    if (*manifest && scenario.empty()) scenario = (*manifest)->scenario_name;
  }
  const std::vector<std::string> secrets = secrets_of(destinations);
  // No periodic pushes: the worker waits for finish(), which pushes everything once.
  Publisher publisher(std::move(destinations), {scenario, kVersion, 0, true}, Redactor(secrets));
  for (const std::string& dir : dirs) {
    const auto read = samples::read_samples_csv((std::filesystem::path(dir) / results::kSamplesCsv).string(),
                                                [&publisher](samples::Sample& row) { publisher.enqueue(record_of(row, 0)); });
    if (!read) return tl::unexpected(read.error());
  }
  return publisher.finish(bound_ns);
}

}  // namespace ttft::telemetry
