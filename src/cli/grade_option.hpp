// `report --grade FILE`: the answers recorded in each results folder's outputs.jsonl graded
// against a prompts file's "expected" answers (docs/scenario.md ("Graded prompts")).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace ttft::cli {

/// By request_id, whether each recorded answer of `dirs` was right: a line's prompt_index picks
/// the prompt of `prompts_file`; lines of failed requests, without a prompt_index, or whose prompt
/// has no "expected" are left out. Errors: the prompts file's (file:line), a folder without
/// outputs.jsonl, a bad line (file:line), a prompt_index beyond the prompts file.
[[nodiscard]] Result<std::map<std::string, bool>> grade_recorded_outputs(const std::string& prompts_file,
                                                                         const std::vector<std::string>& dirs);

}  // namespace ttft::cli
