// The command line itself: help, version, and usage errors with exit code 2 (docs/exit-codes.md ("Exit codes")).
#include <catch2/catch.hpp>

#include "support/process.hpp"

using ttft::test::run_process;
using ttft::test::ttftbench_bin;

TEST_CASE("help for the tool and for probe, and the version") {
  const auto help = run_process({ttftbench_bin(), "--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("probe") != std::string::npos);
  CHECK(help.out.find("serve") != std::string::npos);
  CHECK(help.out.find("Exit codes") != std::string::npos);

  const auto probe_help = run_process({ttftbench_bin(), "probe", "--help"});
  CHECK(probe_help.exit_code == 0);
  CHECK(probe_help.out.find("--protocol") != std::string::npos);
  CHECK(probe_help.out.find("--json") != std::string::npos);

  const auto version = run_process({ttftbench_bin(), "--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("ttftbench ", 0) == 0);
}

TEST_CASE("usage errors exit 2 and name the flag") {
  struct UsageCase {
    std::vector<std::string> args;
    const char* must_mention;
  };
  const UsageCase cases[] = {
      {{"--bogus"}, "--bogus"},
      {{"probe", "http://127.0.0.1:9/", "--protocol", "openai-chat", "--bogus-flag"}, "--bogus-flag"},
      {{"probe", "http://127.0.0.1:9/"}, "--protocol"},
      {{"probe", "http://127.0.0.1:9/", "--protocol", "smoke-signals"}, "--protocol"},
      {{"probe", "http://127.0.0.1:9/", "--protocol", "openai-chat", "--max-tokens", "0"}, "--max-tokens"},
      {{"probe", "http://127.0.0.1:9/", "--protocol", "openai-chat", "--first-event-timeout", "10"},
       "--first-event-timeout"},
      {{"probe", "ftp://example/", "--protocol", "openai-chat"}, "url"},
      {{"serve", "--port", "70000"}, "--port"},
      {{}, "subcommand"},
  };
  for (const auto& c : cases) {
    auto argv = c.args;
    argv.insert(argv.begin(), ttftbench_bin());
    const auto run = run_process(argv);
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.err.rfind("ttftbench: error: ", 0) == 0);
    CHECK(run.err.find(c.must_mention) != std::string::npos);
  }
}

TEST_CASE("a malformed --header is rejected without echoing its value") {
  const auto run = run_process({ttftbench_bin(), "probe", "http://127.0.0.1:9/", "--protocol", "openai-chat",
                                "--header", "Bearer sk-should-not-appear"});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("--header") != std::string::npos);
  CHECK(run.err.find("sk-should-not-appear") == std::string::npos);
}

TEST_CASE("the unknown protocol error lists the known ones") {
  const auto run = run_process({ttftbench_bin(), "probe", "http://127.0.0.1:9/", "--protocol", "smoke"});
  CHECK(run.err.find("openai-chat") != std::string::npos);
  CHECK(run.err.find("anthropic") != std::string::npos);
}
