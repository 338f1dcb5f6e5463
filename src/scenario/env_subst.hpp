// `${NAME}` and `${NAME:-default}` substitution in every string value of a parsed scenario
// (docs/scenario.md ("Environment variables")). Reads the environment only through the injected `getenv`.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scenario/json_reader.hpp"
#include "scenario/load.hpp"

namespace ttft::scenario {

struct SubstitutionReport {
  std::vector<std::string> secrets;          // non-empty environment values in header values
  std::vector<std::string> secret_pointers;  // header values that contained a ${...} reference
};

/// Replaces references in every string value of `root` (keys are left alone). `$${` stays a
/// literal `${`. `${NAME:-default}` uses the default when NAME is unset or empty, as the shell
/// does. A missing variable without a default fails at the string's JSON pointer.
SubstitutionReport substitute_env(Json& root, const Getenv& getenv, Reader& reader);

struct Substituted {
  std::string text;
  bool had_reference = false;           // at least one ${...} (escapes do not count)
  std::vector<std::string> env_values;  // values taken from the environment, not defaults
};

/// Substitutes one string; `pointer` locates errors (nullopt after one is recorded).
std::optional<Substituted> substitute_string(const std::string& text, const Getenv& getenv,
                                             Reader& reader, const std::string& pointer);

}  // namespace ttft::scenario
