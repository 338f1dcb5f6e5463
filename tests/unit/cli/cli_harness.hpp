// Runs the whole command line in-process (cli::main) with output captured and an injected
// environment, and finds the fixtures the CLI tests read. No process, no socket, no real env.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "support/text.hpp"

namespace ttft::test {

struct CliResult {
  int exit_code = -1;
  std::string out;  // what the command wrote to stdout
  std::string err;  // and to stderr
};

/// Runs `ttftbench ARGS...` through cli::main; `env` is the whole environment it sees.
CliResult run_cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});

/// tests/fixtures/<relative> in the source tree.
std::filesystem::path fixture(const std::string& relative);

/// tests/fixtures/results/merge-regions: a finished run's folder (2 targets, 2 phases, 8 rows,
/// seed 11, region "eu"), in the source tree: tests copy it before they change anything in it.
extern const std::string kMergeRegions;

/// A copy of tests/fixtures/results/<name> at `into`/<copy_name>, to edit or write into.
std::filesystem::path copy_results_fixture(const TempDir& into, const std::string& name, const std::string& copy_name);

}  // namespace ttft::test
