// Reads workload.tools and workload.tool_choice (docs/scenario.md ("Tools")): OpenAI chat's tool
// JSON, checked here so every adapter can translate it without checking again.
#include <algorithm>

#include <fmt/format.h>

#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kChoiceModes = {"auto", "none", "required"};

bool read_function(Reader& reader, const Json& value, const std::string& at, std::vector<std::string>& names) {
  if (!reader.object(value, at, {"name", "description", "parameters", "strict"})) return false;
  std::string name;
  if (const Json* v = reader.required(value, at, "name"); v && reader.string(*v, at + "/name", name)) {
    if (name.empty()) return reader.fail(at + "/name", "expected a function name, got an empty string");
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      return reader.fail(at + "/name", fmt::format("the function \"{}\" is declared twice", name));
    }
    names.push_back(name);
  }
  std::string description;
  if (const Json* v = find_member(value, "description")) reader.string(*v, at + "/description", description);
  if (const Json* v = find_member(value, "parameters"); v && reader.ok() && !v->is_object()) {
    return reader.fail(at + "/parameters", fmt::format("expected a JSON Schema object, got {}", describe_value(*v)));
  }
  return reader.ok();
}

bool read_tool(Reader& reader, const Json& value, const std::string& at, std::vector<std::string>& names) {
  if (!reader.object(value, at, {"type", "function"})) return false;
  std::string type;
  const Json* t = reader.required(value, at, "type");
  if (t == nullptr || !reader.one_of(*t, at + "/type", {"function"}, type)) return false;
  const Json* function = reader.required(value, at, "function");
  return function != nullptr && read_function(reader, *function, at + "/function", names);
}

bool read_choice(Reader& reader, const Json& value, const std::vector<std::string>& names, Json& out) {
  const std::string at = "/workload/tool_choice";
  if (value.is_string()) {
    std::string mode;
    if (reader.one_of(value, at, kChoiceModes, mode)) out = mode;
    return reader.ok();
  }
  if (!value.is_object()) {
    return reader.fail(at, fmt::format("expected \"auto\", \"none\", \"required\" or {{\"type\": \"function\", ...}}, got {}",
                                       describe_value(value)));
  }
  std::string type, name;
  if (!reader.object(value, at, {"type", "function"})) return false;
  if (const Json* t = reader.required(value, at, "type")) reader.one_of(*t, at + "/type", {"function"}, type);
  const Json* function = reader.ok() ? reader.required(value, at, "function") : nullptr;
  if (function == nullptr || !reader.object(*function, at + "/function", {"name"})) return false;
  if (const Json* n = reader.required(*function, at + "/function", "name")) reader.string(*n, at + "/function/name", name);
  if (!reader.ok()) return false;
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    return reader.fail(at + "/function/name", fmt::format("\"{}\" is not one of workload.tools", name),
                       names.empty() ? "declare it in workload.tools"
                                     : fmt::format("declared: {}", fmt::join(names, ", ")));
  }
  out = value;
  return true;
}

}  // namespace

bool read_tools(Reader& reader, const Json& workload, Scenario& out) {
  std::vector<std::string> names;
  if (const Json* tools = find_member(workload, "tools")) {
    if (!reader.array(*tools, "/workload/tools", /*non_empty=*/true)) return false;
    for (std::size_t i = 0; i < tools->size(); ++i) {
      if (!read_tool(reader, (*tools)[i], pointer_child("/workload/tools", i), names)) return false;
    }
    out.tools = nlohmann::json(*tools);
  }
  if (const Json* choice = find_member(workload, "tool_choice")) {
    Json chosen;
    if (!read_choice(reader, *choice, names, chosen)) return false;
    if (names.empty() && !(chosen.is_string() && chosen == "none")) {
      return reader.fail("/workload/tool_choice", "a tool choice needs tools", "declare them in workload.tools");
    }
    out.tool_choice = nlohmann::json(chosen);
  }
  return reader.ok();
}

}  // namespace ttft::scenario
