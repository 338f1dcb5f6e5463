// --export KIND=URL and --export-interval for `run` and `report` (docs/export.md).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/io.hpp"
#include "telemetry/destination.hpp"
#include "telemetry/publisher.hpp"

namespace ttft::cli {

/// Adds the repeatable --export option to `cmd`.
void add_export_option(CLI::App& cmd, std::vector<std::string>& specs);

/// Each --export, `${VAR}` substituted from io's environment; errors name --export.
Result<std::vector<telemetry::Destination>> parse_export_options(const std::vector<std::string>& specs, Io& io);

/// --export-interval's text ("5s") → nanoseconds, more than zero; errors name --export-interval.
Result<Nanos> parse_export_interval(const std::string& text);

/// One warning line on io.err for each destination with failed pushes; true when there was one.
bool warn_failed_exports(const std::vector<telemetry::ExportTally>& tallies, Io& io);

}  // namespace ttft::cli
