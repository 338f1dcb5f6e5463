// Grading recorded answers after the fact: the prompts file read once, each folder's lines graded.
#include "cli/grade_option.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "metrics/grade.hpp"
#include "results/folder_layout.hpp"
#include "results/outputs_file.hpp"
#include "scenario/load.hpp"

namespace ttft::cli {

Result<std::map<std::string, bool>> grade_recorded_outputs(const std::string& prompts_file,
                                                           const std::vector<std::string>& dirs) {
  const auto prompts = scenario::load_graded_prompts(prompts_file);
  if (!prompts) return tl::unexpected(prompts.error());
  std::map<std::string, bool> grades;
  for (const std::string& dir : dirs) {
    const std::string path = (std::filesystem::path(dir) / results::kOutputsJsonl).string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return fail(path, "no recorded answers to grade",
                  "record them with `ttftbench run --record-outputs` (or \"record_outputs\": true in the scenario)");
    }
    const auto lines = results::read_outputs_jsonl(path);
    if (!lines) return tl::unexpected(lines.error());
    for (const results::OutputRecord& line : lines->records) {
      if (!line.error.empty() || !line.prompt_index) continue;
      const auto index = static_cast<std::size_t>(*line.prompt_index);
      if (index >= prompts->expected.size()) {
        return fail(dir, fmt::format("request {} answered prompt {}, but {} has {} prompts", line.request_id,
                                     *line.prompt_index, prompts_file, prompts->expected.size()),
                    "grade with the prompts file the run was made with");
      }
      const auto& expected = prompts->expected[index];
      if (expected) grades[line.request_id] = metrics::grade_answer(*expected, line.text);
    }
  }
  return grades;
}

}  // namespace ttft::cli
