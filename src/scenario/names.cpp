// Target and phase names of a loaded scenario.
#include "scenario/names.hpp"

namespace ttft::scenario {

std::vector<std::string> target_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const Target& target : scenario.targets) names.push_back(target.name);
  return names;
}

std::vector<std::string> phase_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const Phase& phase : scenario.phases) names.push_back(phase.name);
  return names;
}

}  // namespace ttft::scenario
