// Reads "/phases": bounds (requests, duration), exactly one pacing (idle, interval, rate,
// concurrency, or a replayed trace), arrival, order, the phase's own SLO and prompt lengths, and
// expands a sweep into one phase per value. Rejects combinations the schedule could only guess at.
#include <algorithm>

#include <fmt/format.h>

#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kPhaseKeys = {"name",        "requests", "duration", "idle",         "interval",
                                             "rate",        "arrival",  "order",    "slo",          "concurrency",
                                             "input_tokens", "trace",   "speedup"};
// The keys a sweep may list (docs/scenario.md ("Sweeps")).
const std::vector<std::pair<std::string, SweepParameter>> kSweepKeys = {
    {"concurrency", SweepParameter::concurrency},
    {"rate", SweepParameter::rate},
    {"input_tokens", SweepParameter::input_tokens}};
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
  // A swept key's list is read by read_sweep; the phase keeps its first value until expanded.
  for (const char* key : {"rate", "concurrency"}) {
    const Json* v = find_member(value, key);
    if (v != nullptr && v->is_array() && !reader.array(*v, at(key), true)) return false;
  }
  if (const Json* v = find_member(value, "rate")) {
    reader.number(v->is_array() && !v->empty() ? (*v)[0] : *v, at("rate"), true, out.rate_per_s.emplace());
  }
  if (const Json* v = find_member(value, "concurrency")) {
    reader.integer(v->is_array() && !v->empty() ? (*v)[0] : *v, at("concurrency"), 1, out.concurrency.emplace());
  }
  return reader.ok();
}

/// The values of the one key the phase sweeps, if any (a list under concurrency, rate or input_tokens).
bool read_sweep(Reader& reader, const Json& value, const std::string& pointer, Phase& out) {
  for (const auto& [key, parameter] : kSweepKeys) {
    const Json* list = find_member(value, key);
    if (list == nullptr || !list->is_array()) continue;
    const std::string at = pointer_child(pointer, key);
    if (out.sweep) {
      return reader.fail(at, fmt::format("a phase sweeps one key, got lists in \"{}\" and \"{}\"",
                                         out.sweep->base_name, key));
    }
    if (out.cold()) {
      return reader.fail(at, "a cold phase cannot sweep", "sweep in a warm phase; cold phases sweep \"idle\"");
    }
    if (!reader.array(*list, at, true)) return false;
    Sweep sweep{key, parameter, 0, {}};  // base_name holds the key until the check above is done
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string item = pointer_child(at, i);
      double number = 0;
      std::int64_t whole = 0;
      if (parameter == SweepParameter::rate) {
        if (!reader.number((*list)[i], item, true, number)) return false;
      } else {
        if (!reader.integer_in((*list)[i], item, 1, 10'000'000, whole)) return false;
        number = static_cast<double>(whole);
      }
      sweep.values.push_back(number);
    }
    out.sweep = std::move(sweep);
  }
  if (out.sweep) out.sweep->base_name = out.name;
  return true;
}

/// "trace" and "speedup": a replay phase's lines, read relative to `base_dir`.
bool read_replay(Reader& reader, const Json& value, const std::string& pointer, const std::filesystem::path& base_dir,
                 Phase& out) {
  const auto at = [&](std::string_view key) { return pointer_child(pointer, key); };
  const Json* trace = find_member(value, "trace");
  if (trace == nullptr) {
    if (find_member(value, "speedup") != nullptr) {
      return reader.fail(at("speedup"), "\"speedup\" applies only to a phase that replays a \"trace\"");
    }
    return true;
  }
  for (const char* key : {"requests", "duration", "idle", "interval", "rate", "arrival", "concurrency", "input_tokens"}) {
    if (find_member(value, key) != nullptr) {
      return reader.fail(at(key), fmt::format("a replay phase cannot have \"{}\"", key),
                         "its requests, times and lengths are the trace's lines");
    }
  }
  std::string relative;
  if (!reader.string(*trace, at("trace"), relative)) return false;
  if (const Json* v = find_member(value, "speedup")) {
    if (!reader.number(*v, at("speedup"), true, out.speedup)) return false;
  }
  out.trace_path = (base_dir / relative).string();
  if (!read_trace(reader, at("trace"), out.trace_path, out.trace)) return false;
  out.requests = static_cast<std::int64_t>(out.trace.size());
  return true;
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

bool read_phase(Reader& reader, const Json& value, const std::string& pointer, const std::filesystem::path& base_dir,
                Phase& out) {
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
  if (const Json* v = find_member(value, "input_tokens"); v != nullptr && !v->is_array()) {
    read_length(reader, *v, at("input_tokens"), out.input_tokens.emplace());
  }
  if (!reader.ok()) return false;
  if (!read_replay(reader, value, pointer, base_dir, out)) return false;
  if (out.replay()) return read_arrival_and_order(reader, value, pointer, out);  // the trace paces it
  return read_pacing(reader, value, pointer, out) && read_bounds(reader, value, pointer, out) &&
         read_arrival_and_order(reader, value, pointer, out) && read_sweep(reader, value, pointer, out);
}

/// A sweep phase as one phase per value, in order (docs/scenario.md ("Sweeps")); any other as itself.
std::vector<Phase> expanded(Phase phase) {
  if (!phase.sweep) return {std::move(phase)};
  std::vector<Phase> out;
  for (const double value : phase.sweep->values) {
    Phase one = phase;
    one.name = sweep_phase_name(phase.name, value);
    one.sweep->value = value;
    switch (phase.sweep->parameter) {
      case SweepParameter::concurrency: one.concurrency = static_cast<std::int64_t>(value); break;
      case SweepParameter::rate: one.rate_per_s = value; break;
      case SweepParameter::input_tokens: one.input_tokens = workload::Distribution::fixed(value); break;
    }
    out.push_back(std::move(one));
  }
  return out;
}

}  // namespace

bool read_phases(Reader& reader, const Json& value, const std::filesystem::path& base_dir, std::vector<Phase>& out) {
  if (!reader.array(value, "/phases", true)) return false;
  std::vector<std::string> written;  // names as written, for the uniqueness check
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string pointer = pointer_child("/phases", i);
    Phase phase;
    if (!read_phase(reader, value[i], pointer, base_dir, phase)) return false;
    for (std::size_t j = 0; j < written.size(); ++j) {
      if (written[j] == phase.name) {
        return reader.fail(
            pointer_child(pointer, "name"),
            fmt::format("phase name \"{}\" is already used by /phases/{}", phase.name, j),
            "give each phase a unique name");
      }
    }
    written.push_back(phase.name);
    for (Phase& one : expanded(std::move(phase))) out.push_back(std::move(one));
  }
  return true;
}

bool check_workload_phases(Reader& reader, const Scenario& scenario) {
  for (std::size_t i = 0; i < scenario.phases.size(); ++i) {
    const Phase& phase = scenario.phases[i];
    const std::string pointer = pointer_child("/phases", i);
    if (scenario.prompts.empty() && !scenario.input_tokens && !phase.input_tokens && !phase.replay()) {
      return reader.fail("/workload", fmt::format("phase \"{}\" has no prompts: expected \"messages\", "
                                                  "\"prompts_file\", \"dataset\" or \"input_tokens\"", phase.name),
                         "or give every phase its own \"input_tokens\"");
    }
    if (!scenario.conversation) continue;
    if (!phase.concurrency) {
      return reader.fail(pointer, fmt::format("phase \"{}\": a conversation workload runs closed-loop phases only, "
                                              "paced by \"concurrency\"", phase.name));
    }
    const std::int64_t turns = scenario.conversation->turns;
    if (!phase.requests || *phase.requests % turns != 0) {
      return reader.fail(pointer_child(pointer, "requests"),
                         fmt::format("expected a multiple of the conversation's {} turns, got {}", turns,
                                     phase.requests ? std::to_string(*phase.requests) : "none"),
                         "requests counts turns per target: conversations × turns");
    }
  }
  return true;
}

}  // namespace ttft::scenario
