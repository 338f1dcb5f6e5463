// The fault suite's shared part (docs/simulator.md ("Faults")): the scenario with one target per simulator fault, what
// each target's rows must show, and the checks on a finished run's results folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ttft::test {

/// tests/fixtures/scenarios/e2e/faults.json.
std::string fault_scenario();

/// The environment the scenario needs: TTFT_FAULTS_CLOSED_PORT, a loopback port nobody listens on.
std::vector<std::string> fault_env();

/// Requests the scenario schedules, as `ttftbench validate` counts them (REQUIREs success).
std::int64_t fault_scheduled_requests(const std::vector<std::string>& env);

/// Checks samples.csv and summary.json in `out`: one row per scheduled request, each target's
/// error class, HTTP status and detail, errors counted per class and kept out of the statistics.
void check_fault_run(const std::filesystem::path& out, std::int64_t scheduled);

}  // namespace ttft::test
