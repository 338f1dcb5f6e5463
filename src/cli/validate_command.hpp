// `ttftbench validate SCENARIO`: every check `run` makes before sending anything, plus what the
// run would do: the schedule, request count, estimated duration and estimated cost.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "core/io.hpp"

namespace ttft::cli {

struct ValidateOptions {
  std::string scenario_path;
};

void setup_validate_command(CLI::App& app, ValidateOptions& options);
int run_validate_command(const ValidateOptions& options, const GlobalOptions& global, Io& io);

}  // namespace ttft::cli
