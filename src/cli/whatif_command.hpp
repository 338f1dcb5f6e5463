// `ttftbench whatif DIR... --policy POLICY...` (docs/commands.md ("whatif")): replays the measured
// samples of one or more results folders through routing policies (edge-first with fallback,
// hedging, split by prompt size) next to each target alone, and prints latency and cost.
// Never sends a request and never writes into the folders it reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "core/io.hpp"

namespace ttft::cli {

struct WhatifOptions {
  std::vector<std::string> dirs;
  std::vector<std::string> policies;
  std::string format = "table";  // table | json
  std::string metric = "ttft";   // ttft | first_token
  std::string phase;             // empty = every phase
  std::int64_t requests = 10'000;
  std::optional<std::uint64_t> seed;  // default: the first run's seed
  std::string volume;            // "10M/month": also the monthly cost per policy
};

void setup_whatif_command(CLI::App& app, WhatifOptions& options);

/// Exit codes: 0; 2 a folder is missing or unreadable, a policy does not parse or names an
/// unknown target or one without samples, an unknown --phase or a bad --volume.
int run_whatif_command(const WhatifOptions& options, const GlobalOptions& global, Io& io);

}  // namespace ttft::cli
