// outputs.jsonl line by line, each line checked field by field with its file:line.
#include "results/outputs_reader.hpp"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ttft::results {
namespace {

constexpr const char* kOutputsFile = "outputs.jsonl";

using Json = nlohmann::json;

// The string member `key`, or the message saying what is wrong with it.
std::optional<std::string> string_field(const Json& line, const char* key, std::string& out) {
  const auto it = line.find(key);
  if (it == line.end()) return fmt::format("missing \"{}\"", key);
  if (it->is_null() && std::string_view(key) == "error") return std::nullopt;  // no error
  if (!it->is_string()) return fmt::format("\"{}\" must be a string, got {}", key, it->dump());
  out = it->get<std::string>();
  return std::nullopt;
}

std::optional<std::string> read_line(const Json& line, RecordedOutput& out) {
  if (!line.is_object()) return fmt::format("expected a JSON object, got {}", line.dump());
  for (const auto& [key, field] : {std::pair{"request_id", &out.request_id}, std::pair{"target", &out.target},
                                   std::pair{"phase", &out.phase}, std::pair{"text", &out.text}}) {
    if (auto bad = string_field(line, key, *field)) return bad;
  }
  if (line.contains("error")) {
    if (auto bad = string_field(line, "error", out.error)) return bad;
  }
  const auto seq = line.find("seq");
  if (seq == line.end() || !seq->is_number_integer()) return "\"seq\" must be an integer";
  out.seq = seq->get<std::int64_t>();
  const auto index = line.find("prompt_index");
  if (index != line.end() && !index->is_null()) {
    if (!index->is_number_integer() || index->get<std::int64_t>() < 0) {
      return fmt::format("\"prompt_index\" must be a whole number or null, got {}", index->dump());
    }
    out.prompt_index = index->get<std::size_t>();
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<RecordedOutput>> read_recorded_outputs(const std::string& dir) {
  const std::string path = (std::filesystem::path(dir) / kOutputsFile).string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(path, "no recorded answers to grade",
                "record them with `ttftbench run --record-outputs` (or \"record_outputs\": true in the scenario)");
  }
  std::vector<RecordedOutput> out;
  std::string text;
  for (std::size_t number = 1; std::getline(in, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    const Json line = Json::parse(text, nullptr, false);
    if (line.is_discarded()) return fail(fmt::format("{}:{}", path, number), "not valid JSON");
    RecordedOutput output;
    if (auto bad = read_line(line, output)) return fail(fmt::format("{}:{}", path, number), *bad);
    out.push_back(std::move(output));
  }
  if (in.bad()) return fail(path, "cannot read the file");
  return out;
}

}  // namespace ttft::results
