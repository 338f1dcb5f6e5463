// Secret redaction for the scenario copy that goes into manifest.json and verbose traces.
#pragma once

#include <string>
#include <vector>

#include "scenario/env_subst.hpp"

namespace ttft::scenario {

struct Redaction {
  std::vector<std::string> secrets;  // every value to hide anywhere (8+ chars), sorted, unique
  Json redacted;                     // the substituted scenario (file order), secrets replaced by "***"
};

/// Hides header values that came from the environment or whose header name looks secret
/// (authorization, cookie, *key*, *token*, *secret*, *password*), and any occurrence of such a
/// value (8 characters or more) elsewhere in the scenario.
Redaction redact(const Json& substituted, const SubstitutionReport& report);

}  // namespace ttft::scenario
