#include "unit/cli/cli_harness.hpp"

#include <sstream>

#include "cli/main.hpp"
#include "core/io.hpp"
#include "support/fake_env.hpp"

namespace ttft::test {

CliResult run_cli(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  std::vector<const char*> argv{"ttftbench"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  Io io{out, err, false, false, fake_env(env)};
  CliResult result;
  result.exit_code = cli::main(static_cast<int>(argv.size()), argv.data(), io);
  result.out = out.str();
  result.err = err.str();
  return result;
}

std::filesystem::path fixture(const std::string& relative) {
  return std::filesystem::path(TTFT_FIXTURES_DIR) / relative;
}

const std::string kMergeRegions = TTFT_FIXTURES_DIR "/results/merge-regions";

std::filesystem::path copy_results_fixture(const TempDir& into, const std::string& name, const std::string& copy_name) {
  const std::filesystem::path copy = into / copy_name;
  std::filesystem::copy(fixture("results/" + name), copy, std::filesystem::copy_options::recursive);
  return copy;
}

}  // namespace ttft::test
