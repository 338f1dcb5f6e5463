// Translates OpenAI chat's tool JSON into the Responses, Messages and generateContent request
// shapes (docs/protocols.md ("Tool calls")). The scenario reader has validated the input.
#include "protocol/tools.hpp"

#include <string>

namespace ttft::protocol {
namespace {

using OrderedJson = nlohmann::ordered_json;

// The function object of one tool ({"type":"function","function":{...}}), or the tool itself.
const nlohmann::json& function_of(const nlohmann::json& tool) {
  const auto it = tool.find("function");
  return it != tool.end() && it->is_object() ? *it : tool;
}

// {"name", "description", then the schema under `schema_key`}, each only when given.
OrderedJson declaration(const nlohmann::json& function, const char* schema_key) {
  OrderedJson out = OrderedJson::object();
  for (const char* key : {"name", "description"}) {
    if (const auto it = function.find(key); it != function.end()) out[key] = *it;
  }
  if (const auto it = function.find("parameters"); it != function.end()) {
    out[schema_key] = OrderedJson(*it);
  } else if (std::string(schema_key) == "input_schema") {
    // The Messages API requires input_schema; a tool without parameters takes an empty object.
    out[schema_key] = OrderedJson{{"type", "object"}, {"properties", OrderedJson::object()}};
  }
  return out;
}

// The function a choice names ({"type":"function","function":{"name"}}), or "" for a mode.
std::string named_function(const nlohmann::json& choice) {
  if (!choice.is_object()) return "";
  const nlohmann::json& function = function_of(choice);
  const auto name = function.find("name");
  return name != function.end() && name->is_string() ? name->get<std::string>() : "";
}

bool has_tools(const Workload& workload) { return workload.tools.is_array() && !workload.tools.empty(); }

}  // namespace

void add_openai_tools(OrderedJson& body, const Workload& workload, bool with_choice) {
  if (!has_tools(workload)) return;
  body["tools"] = OrderedJson(workload.tools);
  if (with_choice && !workload.tool_choice.is_null()) body["tool_choice"] = OrderedJson(workload.tool_choice);
}

void add_responses_tools(OrderedJson& body, const Workload& workload) {
  if (!has_tools(workload)) return;
  OrderedJson tools = OrderedJson::array();
  for (const nlohmann::json& tool : workload.tools) {
    OrderedJson flat{{"type", "function"}};
    const nlohmann::json& function = function_of(tool);
    flat.update(declaration(function, "parameters"));
    if (const auto strict = function.find("strict"); strict != function.end()) flat["strict"] = *strict;
    tools.push_back(std::move(flat));
  }
  body["tools"] = std::move(tools);
  if (workload.tool_choice.is_null()) return;
  const std::string name = named_function(workload.tool_choice);
  body["tool_choice"] = name.empty() ? OrderedJson(workload.tool_choice)
                                     : OrderedJson{{"type", "function"}, {"name", name}};
}

void add_anthropic_tools(OrderedJson& body, const Workload& workload) {
  if (!has_tools(workload)) return;
  OrderedJson tools = OrderedJson::array();
  for (const nlohmann::json& tool : workload.tools) tools.push_back(declaration(function_of(tool), "input_schema"));
  body["tools"] = std::move(tools);
  if (workload.tool_choice.is_null()) return;
  const std::string name = named_function(workload.tool_choice);
  if (!name.empty()) {
    body["tool_choice"] = OrderedJson{{"type", "tool"}, {"name", name}};
  } else {
    const std::string mode = workload.tool_choice.get<std::string>();
    body["tool_choice"] = OrderedJson{{"type", mode == "required" ? "any" : mode}};
  }
}

void add_gemini_tools(OrderedJson& body, const Workload& workload) {
  if (!has_tools(workload)) return;
  OrderedJson declarations = OrderedJson::array();
  for (const nlohmann::json& tool : workload.tools) declarations.push_back(declaration(function_of(tool), "parameters"));
  body["tools"] = OrderedJson::array({OrderedJson{{"functionDeclarations", std::move(declarations)}}});
  if (workload.tool_choice.is_null()) return;
  const std::string name = named_function(workload.tool_choice);
  OrderedJson config = OrderedJson::object();
  if (!name.empty()) {
    config["mode"] = "ANY";
    config["allowedFunctionNames"] = OrderedJson::array({name});
  } else {
    const std::string mode = workload.tool_choice.get<std::string>();
    config["mode"] = mode == "required" ? "ANY" : mode == "none" ? "NONE" : "AUTO";
  }
  body["toolConfig"] = OrderedJson{{"functionCallingConfig", std::move(config)}};
}

}  // namespace ttft::protocol
