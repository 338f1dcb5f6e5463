// Scenario loading: file → comments stripped → JSON → ${VAR} substituted → validated structs.
// The only entry points of the scenario module; errors carry file, JSON pointer and a hint.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "scenario/scenario.hpp"

namespace ttft::scenario {

using Getenv = std::function<std::optional<std::string>(const std::string&)>;

/// Reads and validates the scenario at `path`; `getenv` supplies ${VAR} values. An unreadable
/// file fails with where = path and "cannot read scenario: <system message>".
[[nodiscard]] Result<Scenario> load_scenario(const std::string& path, const Getenv& getenv);

/// Validates scenario `text` as if read from `path` (which names errors and anchors
/// prompts_file and tls.cacert; the prompts file is read from disk).
[[nodiscard]] Result<Scenario> parse_scenario(std::string_view text, const std::string& path,
                                              const Getenv& getenv);

/// "left out 3 dataset entries without a human turn (the first at data.json:17)", or "" when the
/// dataset left none out; `validate` and `run` print it as a note.
std::string dataset_skips_note(const Scenario& scenario);

}  // namespace ttft::scenario
