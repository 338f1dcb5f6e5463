// `validate`: a valid scenario prints its schedule (exit 0); an invalid one prints exactly its
// fixture's located error (exit 2); ${VAR} comes from the injected environment only.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/exit_codes.hpp"
#include "scenario/protocols.hpp"
#include "unit/cli/cli_harness.hpp"

namespace fs = std::filesystem;
using ttft::ExitCode;
using ttft::to_int;
using ttft::test::contains;
using ttft::test::fixture;
using ttft::test::read_file;
using ttft::test::replace_all;
using ttft::test::run_cli;

namespace {

const fs::path kValidDir = fixture("scenarios/valid");
const fs::path kInvalidDir = fixture("scenarios/invalid");

// The environment env.json needs; MODEL and REGION are left to their defaults.
const std::map<std::string, std::string> kEnvJsonVars = {
    {"CF_ACCOUNT_ID", "acct42"}, {"CF_API_TOKEN", "cf-token-0123456789"}, {"OPENAI_API_KEY", "sk-test-abcdefgh"}};

/// An invalid fixture's expected error, its "{known_protocols}" standing for the protocol module's list.
std::string expected_error(const fs::path& scenario) {
  fs::path expected_path = scenario;
  expected_path.replace_extension(".expected.txt");
  return replace_all(read_file(expected_path), "{known_protocols}",
                     fmt::format("{}", fmt::join(ttft::scenario::known_protocols(), ", ")));
}

}  // namespace

TEST_CASE("validate: a valid scenario prints its targets, phases and totals, exit 0") {
  const fs::path path = kValidDir / "comments.json";
  const auto result = run_cli({"validate", path.string()});
  INFO(result.err);
  CHECK(result.exit_code == to_int(ExitCode::ok));
  CHECK(result.err.empty());
  CHECK(result.out ==
        fmt::format("scenario comments is valid ({}, sha256 90b936534a67)\n"
                    "\n"
                    "targets\n"
                    "  edge         workers-ai   https://api.example.com/ai/run/@cf/meta/x  (no pricing)\n"
                    "  central      openai-chat  http://127.0.0.1:9/v1/chat/completions  (no pricing)\n"
                    "\n"
                    "phases\n"
                    "  warm         one start every 1.0 s; 2 requests per target; order alternate\n"
                    "\n"
                    "requests            4 (2 per target)\n"
                    "estimated duration  4.0 s (if every response took 1.0 s)\n"
                    "estimated cost      not priced (no target has pricing)\n",
                    path.string()));
}

TEST_CASE("validate: simulated targets and a prompts file, exit 0") {
  const auto result = run_cli({"validate", (kValidDir / "prompts_file.json").string()});
  INFO(result.err);
  CHECK(result.exit_code == to_int(ExitCode::ok));
  CHECK(contains(result.out, "\n  edge         sse          sim://edge  (no pricing)\n"));
  CHECK(contains(result.out, "\nrequests            8 (4 per target)\n"));
}

TEST_CASE("validate: a browser target shows its client and native twin") {
  const auto result = run_cli({"validate", std::string(TTFT_SOURCE_DIR) + "/scenarios/browser-sim.json"});
  INFO(result.err);
  CHECK(result.exit_code == to_int(ExitCode::ok));
  CHECK(contains(result.out, "\n  edge-browser openai-chat  sim://edge  (no pricing)  (browser, native twin edge)\n"));
  CHECK(contains(result.out, "\n  edge         openai-chat  sim://edge  (no pricing)\n"));
}

TEST_CASE("validate: every invalid fixture exits 2 with exactly its expected located error") {
  std::vector<fs::path> fixtures;
  for (const auto& entry : fs::directory_iterator(kInvalidDir)) {
    if (entry.path().extension() == ".json") fixtures.push_back(entry.path());
  }
  std::sort(fixtures.begin(), fixtures.end());
  REQUIRE(fixtures.size() >= 14);
  for (const fs::path& path : fixtures) {
    INFO("fixture: " << path.filename().string());
    const auto result = run_cli({"validate", path.string()});
    CHECK(result.exit_code == to_int(ExitCode::usage));
    CHECK(result.out.empty());
    // The expected files name paths relative to their folder.
    CHECK(replace_all(result.err, kInvalidDir.string() + "/", "") == expected_error(path));
  }
}

TEST_CASE("validate: ${VAR} is read from the injected environment, defaults apply when unset") {
  const auto result = run_cli({"validate", (kValidDir / "env.json").string()}, kEnvJsonVars);
  INFO(result.err);
  CHECK(result.exit_code == to_int(ExitCode::ok));
  CHECK(contains(result.out, " https://api.cloudflare.com/client/v4/accounts/acct42/ai/run/@cf/meta/"));
  CHECK(contains(result.out, "\n  warm         one start every 1.0 s; 1 requests per target; order alternate\n"));
}

TEST_CASE("validate: a variable missing from the environment exits 2 naming it and where it is used") {
  for (const char* missing : {"CF_ACCOUNT_ID", "OPENAI_API_KEY"}) {
    INFO(missing);
    auto env = kEnvJsonVars;
    env.erase(missing);
    const auto result = run_cli({"validate", (kValidDir / "env.json").string()}, env);
    CHECK(result.exit_code == to_int(ExitCode::usage));
    CHECK(result.out.empty());
    CHECK(result.err.rfind("ttftbench: error: " + (kValidDir / "env.json").string() + ": /targets/", 0) == 0);
    CHECK(contains(result.err, fmt::format("/url: environment variable {} is not set\n", missing)));
    CHECK(contains(result.err, fmt::format("  hint: export {}=..., or write ${{{}:-default}} in the scenario\n",
                                           missing, missing)));
  }
}

// validate prints each target's URL: a key passed in its query (${OPENAI_API_KEY} in env.json) is
// redacted there as everywhere else.
TEST_CASE("validate: a secret substituted into a URL is not printed") {
  const auto result = run_cli({"validate", (kValidDir / "env.json").string()}, kEnvJsonVars);
  REQUIRE(result.exit_code == to_int(ExitCode::ok));
  CHECK_FALSE(contains(result.out + result.err, "sk-test-abcdefgh"));
}

TEST_CASE("validate: an unreadable scenario file exits 2 naming it") {
  const auto result = run_cli({"validate", (kValidDir / "no-such-scenario.json").string()});
  CHECK(result.exit_code == to_int(ExitCode::usage));
  CHECK(result.err.rfind("ttftbench: error: " + (kValidDir / "no-such-scenario.json").string() +
                             ": cannot read scenario: No such file or directory\n",
                         0) == 0);
}

// The scenarios shipped in scenarios/ are what users copy: each must stay valid. Their ${VAR}s
// get placeholder values (validate sends nothing).
TEST_CASE("validate: every scenario in scenarios/ is valid") {
  const std::map<std::string, std::string> env = {
      {"CF_ACCOUNT_ID", "0123456789abcdef"}, {"CF_API_TOKEN", "cf-test-token-0123456789"},
      {"OPENAI_API_KEY", "sk-test-0123456789"}};
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(TTFT_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".json") continue;
    INFO(entry.path().string());
    const auto result = run_cli({"validate", entry.path().string()}, env);
    INFO(result.err);
    CHECK(result.exit_code == to_int(ExitCode::ok));
    ++checked;
  }
  CHECK(checked >= 5);
}
