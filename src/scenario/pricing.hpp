// A target's "pricing" object read on its own, outside a whole scenario: `report` reads the
// prices a run used from manifest.json's copy of its scenario, with the loader's checks.
#pragma once

#include <string>

#include "core/error.hpp"
#include "cost/pricing.hpp"
#include "scenario/json_syntax.hpp"

namespace ttft::scenario {

/// `value` as a scenario's /targets/<name>/pricing (docs/scenario.md ("Pricing")) → integer money;
/// errors are located at "<file>: <pointer>". `input_only`: an embeddings target's, whose output
/// prices may be left out.
[[nodiscard]] Result<cost::Pricing> parse_pricing(const Json& value, const std::string& file,
                                                  const std::string& pointer, bool input_only = false);

}  // namespace ttft::scenario
