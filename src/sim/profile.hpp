// The profile the simulator runs and the faults it can inject. Both are part of the scenario
// language, so scenario/ defines, builds in and validates them (scenario/sim_profile.hpp,
// scenario/sim_fault.hpp); these are the simulator's names for them.
#pragma once

#include "scenario/sim_fault.hpp"
#include "scenario/sim_profile.hpp"

namespace ttft::sim {

using Profile = scenario::SimProfile;
using scenario::builtin_profile;
using scenario::Fault;
using scenario::fault_name;
using scenario::fault_names_list;
using scenario::fault_table;
using scenario::FaultInfo;
using scenario::Faults;
using scenario::kFaultCount;
using scenario::LatencyDist;
using scenario::parse_fault;

}  // namespace ttft::sim
