#include "cli/export_option.hpp"

#include <ostream>

#include "core/duration.hpp"

namespace ttft::cli {

void add_export_option(CLI::App& cmd, std::vector<std::string>& specs) {
  cmd.add_option("--export", specs,
                 "Push metrics to KIND=URL, KIND prometheus-rw, pushgateway or otlp (repeatable; ${VAR} in the "
                 "URL from the environment, redacted everywhere; docs/export.md)")
      ->type_name("KIND=URL")
      ->allow_extra_args(false);
}

Result<std::vector<telemetry::Destination>> parse_export_options(const std::vector<std::string>& specs, Io& io) {
  std::vector<telemetry::Destination> destinations;
  for (const std::string& spec : specs) {
    auto destination = telemetry::parse_destination(spec, io.getenv);
    if (!destination) return tl::unexpected(destination.error());
    destinations.push_back(std::move(*destination));
  }
  return destinations;
}

Result<Nanos> parse_export_interval(const std::string& text) {
  const auto interval = parse_duration(text);
  if (!interval || *interval <= 0) {
    return fail("--export-interval", "'" + text + "' is not a duration above zero", "e.g. --export-interval 5s");
  }
  return *interval;
}

bool warn_failed_exports(const std::vector<telemetry::ExportTally>& tallies, Io& io) {
  bool failed = false;
  for (const telemetry::ExportTally& tally : tallies) {
    if (tally.failed == 0) continue;
    io.err << telemetry::failure_warning(tally) << "\n";
    failed = true;
  }
  return failed;
}

}  // namespace ttft::cli
