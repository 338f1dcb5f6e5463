// `ttftbench run SCENARIO`: the benchmark. Loads and checks the scenario (exit 2 before anything
// is sent), runs the schedule, appends each request to samples.csv as it ends, then writes the
// summary files and prints the headline tables. `run --resume DIR` finishes an interrupted run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "core/io.hpp"

namespace ttft::cli {

struct RunOptions {
  std::string scenario_path;
  std::string out_dir;                 // default results/<name>-<UTC>[-<region>][-shard-I-of-N]
  std::string resume_dir;              // --resume DIR: finish that interrupted run (scenario optional)
  std::optional<std::uint64_t> seed;   // default: the scenario's, else random (recorded)
  std::string region;
  std::string shard;                   // --shard I/N; empty = JOB_COMPLETION_INDEX/COUNT, else none
  std::vector<std::string> asserts;    // --assert expressions, checked before anything is sent
  std::string summary_md;              // a file to receive the Markdown report
  bool insecure = false;               // --insecure: no certificate verification for any target
  bool record_outputs = false;         // --record-outputs: write outputs.jsonl
  bool live = false, no_live = false;  // --live / --no-live: the live view on a terminal's stdout
  std::vector<std::string> exports;    // --export KIND=URL (docs/export.md)
  std::string export_interval = "5s";  // --export-interval
  std::vector<std::string> argv;       // the command line, for the manifest
};

void setup_run_command(CLI::App& app, RunOptions& options);
int run_run_command(const RunOptions& options, const GlobalOptions& global, Io& io);

}  // namespace ttft::cli
