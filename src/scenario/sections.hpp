// The section readers behind load_scenario: each reads one part of the parsed scenario into
// its struct through a Reader, which keeps the first error. Internal to the scenario module.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cost/pricing.hpp"
#include "metrics/slo.hpp"
#include "scenario/json_reader.hpp"
#include "scenario/scenario.hpp"

namespace ttft::scenario {

/// Names of targets and phases: they appear in request ids, file names and `--assert` paths.
bool valid_name(std::string_view name);

/// "/targets": two or more targets in file order; `reuse_default` is the top-level setting.
bool read_targets(Reader& reader, const Json& value, bool reuse_default,
                  const std::filesystem::path& base_dir, std::vector<Target>& out);

/// A target's "pricing" object (docs/scenario.md ("Pricing")).
bool read_pricing(Reader& reader, const Json& value, const std::string& pointer,
                  cost::Pricing& out);

/// A simulator profile's JSON form (see parse_sim_profile) applied to `out`.
bool read_sim_profile(Reader& reader, const Json& value, const std::string& pointer,
                      SimProfile& out);

/// The whole file as bytes; the error message is the system's ("No such file or directory").
Result<std::string> read_file_bytes(const std::string& path);

/// "/workload": messages or prompts_file (resolved against `base_dir`), max_tokens and
/// prompt_cache.
bool read_workload(Reader& reader, const Json& value, const std::filesystem::path& base_dir,
                   Scenario& out);

/// An "slo" at `pointer` (the top level's or a phase's): see parse_slo in slo.hpp.
bool read_slo(Reader& reader, const Json& value, const std::string& pointer, metrics::Slo& out);

/// "/phases": a non-empty array of phases with unique names.
bool read_phases(Reader& reader, const Json& value, std::vector<Phase>& out);

}  // namespace ttft::scenario
