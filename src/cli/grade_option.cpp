// Grading recorded answers after the fact: the prompts file read once, each folder's lines graded.
#include "cli/grade_option.hpp"

#include <fmt/format.h>

#include "metrics/grade.hpp"
#include "results/outputs_reader.hpp"
#include "scenario/load.hpp"

namespace ttft::cli {

Result<std::map<std::string, bool>> grade_recorded_outputs(const std::string& prompts_file,
                                                           const std::vector<std::string>& dirs) {
  const auto prompts = scenario::load_graded_prompts(prompts_file);
  if (!prompts) return tl::unexpected(prompts.error());
  std::map<std::string, bool> grades;
  for (const std::string& dir : dirs) {
    const auto lines = results::read_recorded_outputs(dir);
    if (!lines) return tl::unexpected(lines.error());
    for (const results::RecordedOutput& line : *lines) {
      if (!line.error.empty() || !line.prompt_index) continue;
      if (*line.prompt_index >= prompts->expected.size()) {
        return fail(dir, fmt::format("request {} answered prompt {}, but {} has {} prompts", line.request_id,
                                     *line.prompt_index, prompts_file, prompts->expected.size()),
                    "grade with the prompts file the run was made with");
      }
      const auto& expected = prompts->expected[*line.prompt_index];
      if (expected) grades[line.request_id] = metrics::grade_answer(*expected, line.text);
    }
  }
  return grades;
}

}  // namespace ttft::cli
