#include <fmt/format.h>

#include "scenario/scenario.hpp"

namespace ttft::scenario {

std::string_view sweep_parameter_name(SweepParameter parameter) {
  switch (parameter) {
    case SweepParameter::concurrency: return "concurrency";
    case SweepParameter::rate: return "rate";
    case SweepParameter::input_tokens: return "input_tokens";
  }
  return "concurrency";
}

std::string sweep_phase_name(std::string_view base, double value) {
  return fmt::format("{}@{}", base, value);  // "{}" prints the shortest form that reads back exactly
}

}  // namespace ttft::scenario
