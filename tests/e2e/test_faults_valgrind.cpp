// The fault suite's run under valgrind: every fault, and neither a memory error nor a
// definite leak. libcurl, OpenSSL and libevent keep some memory reachable until exit; only
// definite leaks count.
#include <catch2/catch.hpp>

#include "e2e/fault_suite.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

TEST_CASE("fault suite under valgrind: no memory error, no definite leak") {
  const std::string valgrind = TTFT_VALGRIND;
  INFO("valgrind: " << (valgrind.empty() ? "not found; scripts/setup installs it" : valgrind));
  REQUIRE_FALSE(valgrind.empty());
  ttft::test::TempDir tmp;
  const auto env = ttft::test::fault_env();
  const auto scheduled = ttft::test::fault_scheduled_requests(env);
  const auto out = tmp / "out";
  const auto log = tmp / "valgrind.log";
  const auto run = ttft::test::run_process(
      {valgrind, "--error-exitcode=99", "--leak-check=full", "--errors-for-leak-kinds=definite",
       "--show-leak-kinds=definite", "--log-file=" + log.string(), ttft::test::ttftbench_bin(), "run",
       ttft::test::fault_scenario(), "--out", out.string()},
      std::chrono::seconds(240), env);
  const std::string report = ttft::test::read_file(log);
  INFO(run.err);
  INFO(report);
  CHECK_FALSE(run.timed_out);
  REQUIRE(run.exit_code == 0);  // 99 is valgrind's: a memory error or a definite leak
  CHECK(report.find("ERROR SUMMARY: 0 errors") != std::string::npos);
  ttft::test::check_fault_run(out, scheduled);
}
