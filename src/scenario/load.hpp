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

/// A prompts file on its own (`report --grade`): its prompts and their "expected" answers, read as
/// workload.prompts_file is (docs/scenario.md ("Graded prompts")).
struct GradedPrompts {
  std::vector<std::vector<protocol::Message>> prompts;
  std::vector<std::optional<metrics::Expected>> expected;  // one per prompt
};

/// Reads the prompts file at `path`; errors are located at "<path>:<line>" (or "--grade" when the
/// file cannot be read), and a file where no line has "expected" is one.
[[nodiscard]] Result<GradedPrompts> load_graded_prompts(const std::string& path);

/// "left out 3 dataset entries without a human turn (the first at data.json:17)", or "" when the
/// dataset left none out; `validate` and `run` print it as a note.
std::string dataset_skips_note(const Scenario& scenario);

}  // namespace ttft::scenario
