// Reads a results folder's outputs.jsonl, the answers a run recorded with --record-outputs, for
// `report --grade` (docs/commands.md ("report")). Reads; never writes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace ttft::results {

/// One request's recorded answer: the fields grading needs, the rest of the line ignored.
struct RecordedOutput {
  std::string request_id, target, phase;
  std::int64_t seq = 0;
  std::optional<std::size_t> prompt_index;  // absent or null: not one of the scenario's prompts
  std::string text;                         // the visible answer as streamed
  std::string error;                        // the request's error class; empty when it succeeded
};

/// Every line of `dir`/outputs.jsonl in file order (blank lines skipped). A missing file is an
/// error naming it and --record-outputs; a line that is not a JSON object with string
/// request_id, target, phase and text, integer seq, and prompt_index a whole number or null, is
/// an error at "<file>:<line>".
[[nodiscard]] Result<std::vector<RecordedOutput>> read_recorded_outputs(const std::string& dir);

}  // namespace ttft::results
