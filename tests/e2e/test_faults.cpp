// The fault suite (docs/simulator.md ("Faults")): one `ttftbench run` meets every fault the simulator can inject and a
// refused connection. The run goes on; each request is exactly one row with the error
// class of docs/results.md ("Error classes") and a useful detail; statistics leave errors out and count them per class.
#include <catch2/catch.hpp>

#include "e2e/fault_suite.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

TEST_CASE("fault suite: every fault in one run, one row each with the right error class") {
  ttft::test::TempDir tmp;
  const auto env = ttft::test::fault_env();
  const auto scheduled = ttft::test::fault_scheduled_requests(env);
  const auto out = tmp / "out";
  const auto run = ttft::test::run_process(
      {ttft::test::ttftbench_bin(), "run", ttft::test::fault_scenario(), "--out", out.string()},
      std::chrono::seconds(60), env);
  INFO(run.err);
  CHECK_FALSE(run.timed_out);
  CHECK(run.exit_code == 0);  // some requests failed, not all: the run itself succeeded
  ttft::test::check_fault_run(out, scheduled);
}
