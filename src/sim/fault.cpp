// Names of the simulator's injectable faults.
#include "sim/fault.hpp"

#include <array>
#include <utility>

namespace ttft::sim {

namespace {
constexpr std::array<std::pair<Fault, std::string_view>, 8> kNames{{
    {Fault::kNone, ""},
    {Fault::kHttp429, "http-429"},
    {Fault::kHttp500, "http-500"},
    {Fault::kHttp503, "http-503"},
    {Fault::kStall, "stall"},
    {Fault::kStreamError, "stream-error"},
    {Fault::kTruncate, "truncate"},
    {Fault::kReset, "reset"},
}};
}  // namespace

std::string_view fault_name(Fault fault) {
  for (const auto& [value, name] : kNames) {
    if (value == fault) return name;
  }
  return "";
}

std::optional<Fault> parse_fault(std::string_view name) {
  if (name == "none") return Fault::kNone;
  if (name.empty()) return std::nullopt;
  for (const auto& [value, known] : kNames) {
    if (known == name) return value;
  }
  return std::nullopt;
}

}  // namespace ttft::sim
