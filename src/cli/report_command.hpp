// `ttftbench report DIR...`: rebuilds the summary from one or more results folders' raw rows
// (several folders = a merge, e.g. one per region or CI job), optionally one table per region
// or PoP, in any output format, with goodput against --slo or the runs' own SLO; then --assert
// gates (with --by, per group too) and --summary-md (docs/commands.md ("report") and the sections
// it links).
// Never sends a request and never writes into the folders it reads.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "core/io.hpp"

namespace ttft::cli {

struct ReportOptions {
  std::vector<std::string> dirs;
  std::string by;                // "", "region" or "pop"
  std::string format = "table";  // table | markdown | csv | json | html
  bool allow_mixed = false;      // merge folders whose scenario files differ
  std::vector<std::string> asserts;
  std::string summary_md;        // a file to receive the Markdown report
  std::string volume;            // --volume "10M/month": cost at scale; empty = not shown
  std::string slo;               // --slo "ttft=200ms,e2e=8s": goodput against it; empty = the runs' own
  std::string grade;             // --grade FILE: grade outputs.jsonl against its prompts; empty = as recorded
  std::vector<std::string> exports;  // --export KIND=URL: push the rows' metrics (docs/export.md)
};

void setup_report_command(CLI::App& app, ReportOptions& options);

/// Exit codes: 0; 1 an assertion failed; 2 a folder is missing or unreadable, the scenarios
/// differ without --allow-mixed, or an --assert or --slo does not parse, or --grade's
/// prompts file or a folder's outputs.jsonl is missing or malformed, or an --export does not parse;
/// 3 an output cannot be written or an --export push failed.
int run_report_command(const ReportOptions& options, const GlobalOptions& global, Io& io);

}  // namespace ttft::cli
