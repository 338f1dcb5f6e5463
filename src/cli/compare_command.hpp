// `ttftbench compare BASELINE_DIR CANDIDATE_DIR`: per target, phase and latency metric, the change
// in p50/p95 with a confidence interval and a significance test; exit 1 on a significant
// regression (docs/commands.md ("compare")). Reads the folders as `report` does and never writes to them.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "core/error.hpp"
#include "core/io.hpp"

namespace ttft::cli {

struct CompareOptions {
  std::string baseline, candidate;  // results folders
  std::string max_regression = "10%";
  std::string format = "table";  // table | markdown | json
  std::string summary_md;        // a file to receive the Markdown comparison
};

void setup_compare_command(CLI::App& app, CompareOptions& options);

/// "10%" → 0.1. Only a non-negative percentage with its "%": a bare "10" could mean 10% or
/// 1000%. Errors name --max-regression.
Result<double> parse_max_regression(const std::string& text);

/// Exit codes: 0 no regression; 1 a regression; 2 a bad option or a missing or unreadable folder
/// (named); 3 a side has no successful rows, or the Markdown summary cannot be written.
int run_compare_command(const CompareOptions& options, const GlobalOptions& global, Io& io);

}  // namespace ttft::cli
