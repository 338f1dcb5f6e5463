// Reads "/phases": bounds (requests, duration), exactly one pacing (idle, interval, rate,
// concurrency), arrival, order and the phase's own SLO. Rejects combinations the schedule could
// only guess at.
#include <algorithm>

#include <fmt/format.h>

#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kPhaseKeys = {"name", "requests", "duration",    "idle",  "interval",
                                             "rate", "arrival",  "concurrency", "order", "slo"};
const std::vector<std::string> kPacingKeys = {"idle", "interval", "rate", "concurrency"};
const std::string kPacingList = "\"idle\", \"interval\", \"rate\" or \"concurrency\"";

bool read_idle(Reader& reader, const Json& value, const std::string& pointer, Phase& out) {
  if (value.is_string()) return reader.duration(value, pointer, out.idle_ns.emplace_back());
  if (!value.is_array()) {
    return reader.fail(pointer,
                       fmt::format("expected a duration such as \"30m\" or a list of them, got {}",
                                   describe_value(value)));
  }
  if (!reader.array(value, pointer, true)) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!reader.duration(value[i], pointer_child(pointer, i), out.idle_ns.emplace_back()))
      return false;
  }
  return true;
}

bool read_pacing(Reader& reader, const Json& value, const std::string& pointer, Phase& out) {
  const auto at = [&](std::string_view key) { return pointer_child(pointer, key); };
  std::vector<std::string> pacing;  // in file order
  for (const auto& [key, member] : value.items()) {
    if (std::find(kPacingKeys.begin(), kPacingKeys.end(), key) != kPacingKeys.end()) {
      pacing.push_back(key);
    }
  }
  if (pacing.empty()) {
    return reader.fail(pointer, fmt::format("missing pacing: expected one of {}", kPacingList),
                       "cold phases use \"idle\"; warm phases \"interval\", \"rate\" or "
                       "\"concurrency\"");
  }
  if (pacing.size() > 1) {
    return reader.fail(at(pacing[1]),
                       fmt::format("\"{}\" and \"{}\" cannot be combined", pacing[0], pacing[1]),
                       fmt::format("a phase is paced by exactly one of {}", kPacingList));
  }
  if (const Json* v = find_member(value, "idle")) read_idle(reader, *v, at("idle"), out);
  if (const Json* v = find_member(value, "interval")) {
    reader.duration(*v, at("interval"), out.interval_ns.emplace());
  }
  if (const Json* v = find_member(value, "rate"))
    reader.number(*v, at("rate"), true, out.rate_per_s.emplace());
  if (const Json* v = find_member(value, "concurrency")) {
    reader.integer(*v, at("concurrency"), 1, out.concurrency.emplace());
  }
  return reader.ok();
}

bool read_arrival_and_order(Reader& reader, const Json& value, const std::string& pointer,
                            Phase& out) {
  const auto at = [&](std::string_view key) { return pointer_child(pointer, key); };
  std::string text;
  if (const Json* v = find_member(value, "arrival")) {
    if (!reader.one_of(*v, at("arrival"), {"constant", "poisson"}, text)) return false;
    if (!out.rate_per_s) {
      return reader.fail(at("arrival"), "\"arrival\" applies only to a phase paced by \"rate\"");
    }
    out.arrival = text == "poisson" ? Arrival::poisson : Arrival::constant;
  }
  if (const Json* v = find_member(value, "order")) {
    if (!reader.one_of(*v, at("order"), {"alternate", "blocks", "sequential"}, text)) return false;
    out.order = text == "blocks"       ? Order::blocks
                : text == "sequential" ? Order::sequential
                                       : Order::alternate;
  }
  const bool open_loop = out.interval_ns || out.rate_per_s;
  if (out.order == Order::sequential && open_loop && !out.requests) {
    // Sequential switches targets after each target's share, which needs a request count.
    return reader.fail(at("order"),
                       "\"sequential\" needs \"requests\" to know when to switch "
                       "targets, got only \"duration\"");
  }
  return true;
}

bool read_bounds(Reader& reader, const Json& value, const std::string& pointer, Phase& out) {
  const auto at = [&](std::string_view key) { return pointer_child(pointer, key); };
  if (out.cold()) {
    if (out.duration_ns) {
      return reader.fail(at("duration"), "\"duration\" cannot bound a cold phase",
                         "cold phases are bounded by \"requests\" (per target)");
    }
    const bool sweep = find_member(value, "idle")->is_array();
    const auto gaps = static_cast<std::int64_t>(out.idle_ns.size());
    if (sweep && out.requests && *out.requests != gaps) {
      return reader.fail(at("requests"),
                         fmt::format("expected {} (one request per target per idle gap), got {}",
                                     gaps, *out.requests),
                         "leave \"requests\" out of an idle sweep");
    }
    if (sweep) out.requests = gaps;  // one request per target per gap
    if (!out.requests) {
      return reader.fail(pointer,
                         "missing \"requests\": a cold phase is bounded by its number of "
                         "requests per target");
    }
    return true;
  }
  if (!out.requests && !out.duration_ns) {
    return reader.fail(pointer, "missing \"requests\" or \"duration\" to bound the phase");
  }
  return true;
}

bool read_phase(Reader& reader, const Json& value, const std::string& pointer, Phase& out) {
  if (!reader.object(value, pointer, kPhaseKeys)) return false;
  const auto at = [&](std::string_view key) { return pointer_child(pointer, key); };
  if (const Json* v = reader.required(value, pointer, "name")) {
    if (reader.string(*v, at("name"), out.name) && !valid_name(out.name)) {
      return reader.fail(at("name"), fmt::format("expected a phase name of letters, digits, '-' "
                                                 "and '_', got {}", describe_value(*v)));
    }
  }
  if (const Json* v = find_member(value, "requests")) {
    reader.integer(*v, at("requests"), 1, out.requests.emplace());
  }
  if (const Json* v = find_member(value, "duration")) {
    reader.duration(*v, at("duration"), out.duration_ns.emplace());
  }
  if (const Json* v = find_member(value, "slo")) read_slo(reader, *v, at("slo"), out.slo.emplace());
  return reader.ok() && read_pacing(reader, value, pointer, out) &&
         read_bounds(reader, value, pointer, out) &&
         read_arrival_and_order(reader, value, pointer, out);
}

}  // namespace

bool read_phases(Reader& reader, const Json& value, std::vector<Phase>& out) {
  if (!reader.array(value, "/phases", true)) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string pointer = pointer_child("/phases", i);
    Phase phase;
    if (!read_phase(reader, value[i], pointer, phase)) return false;
    for (std::size_t j = 0; j < out.size(); ++j) {
      if (out[j].name == phase.name) {
        return reader.fail(
            pointer_child(pointer, "name"),
            fmt::format("phase name \"{}\" is already used by /phases/{}", phase.name, j),
            "give each phase a unique name");
      }
    }
    out.push_back(std::move(phase));
  }
  return true;
}

}  // namespace ttft::scenario
