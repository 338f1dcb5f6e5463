// Prompt sources read from files (docs/scenario.md ("Datasets")): the prompts JSONL, ShareGPT and
// OpenAI-messages datasets, and replay traces. Every bad line is an error located at file:line.
#include <fmt/format.h>

#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kMessageKeys = {"role", "content"};
const std::vector<std::string> kRoles = {"system", "user", "assistant"};

// One JSONL line: {"messages": [...]} or {"prompt": "text"} (one user message).
bool read_prompt_line(Reader& line_reader, const Json& value, std::vector<protocol::Message>& out) {
  if (find_member(value, "prompt") != nullptr) {
    if (!line_reader.object(value, "", {"prompt"})) return false;
    protocol::Message message{"user", ""};
    if (!line_reader.string(value["prompt"], "/prompt", message.content)) return false;
    out.push_back(std::move(message));
    return true;
  }
  if (find_member(value, "messages") != nullptr) {
    return line_reader.object(value, "", {"messages"}) &&
           read_messages(line_reader, value["messages"], "/messages", out);
  }
  return line_reader.fail("", fmt::format("expected {{\"messages\": [...]}} or {{\"prompt\": "
                                          "\"...\"}}, got {}",
                                          describe_value(value)));
}

}  // namespace

bool read_messages(Reader& reader, const Json& value, const std::string& pointer,
                   std::vector<protocol::Message>& out) {
  if (!reader.array(value, pointer, true)) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = pointer_child(pointer, i);
    if (!reader.object(value[i], at, kMessageKeys)) return false;
    protocol::Message message;
    if (const Json* v = reader.required(value[i], at, "role")) {
      reader.one_of(*v, pointer_child(at, "role"), kRoles, message.role);
    }
    if (const Json* v = reader.required(value[i], at, "content")) {
      reader.string(*v, pointer_child(at, "content"), message.content);
    }
    if (!reader.ok()) return false;
    out.push_back(std::move(message));
  }
  return true;
}

bool read_prompts_file(Reader& reader, const std::string& pointer, const std::string& path,
                       std::vector<std::vector<protocol::Message>>& out) {
  const Result<std::string> bytes = read_file_bytes(path);
  if (!bytes) {
    return reader.fail(
        pointer, fmt::format("cannot read prompts file \"{}\": {}", path, bytes.error().message),
        "prompts_file is relative to the scenario file's folder");
  }
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < bytes->size()) {
    const std::size_t end = std::min(bytes->find('\n', start), bytes->size());
    std::string_view line(bytes->data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line
    const std::string where = fmt::format("{}:{}", path, line_number);
    const Result<Json> value = parse_json_line(line, where);
    if (!value) return reader.adopt(value.error());
    Reader line_reader(where);
    std::vector<protocol::Message> messages;
    if (!read_prompt_line(line_reader, *value, messages)) return reader.adopt(line_reader.error());
    out.push_back(std::move(messages));
  }
  if (out.empty()) {
    return reader.adopt(Error{path, "expected at least one prompt, got none",
                              "write one JSON object per line: {\"prompt\": \"...\"}"});
  }
  return true;
}

}  // namespace ttft::scenario
