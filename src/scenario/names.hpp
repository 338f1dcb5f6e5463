// The names of a scenario's targets and phases, in file order: what a name written outside the
// scenario file (the TARGET and PHASE of an --assert path) is checked against.
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace ttft::scenario {

std::vector<std::string> target_names(const Scenario& scenario);
std::vector<std::string> phase_names(const Scenario& scenario);

}  // namespace ttft::scenario
