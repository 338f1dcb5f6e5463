// A request's tool definitions and tool choice in each provider's request shape, from OpenAI
// chat's tool JSON (docs/protocols.md ("Tool calls")). Pure: only builds JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "protocol/workload.hpp"

namespace ttft::protocol {

/// Chat Completions and Ollama: `tools` as given; `tool_choice` as given (chat only: Ollama
/// has no tool_choice, so `with_choice` is false for it). Nothing when the workload has no tools.
void add_openai_tools(nlohmann::ordered_json& body, const Workload& workload, bool with_choice);

/// Responses: each tool flattened to {"type":"function","name","description","parameters"};
/// a named choice is {"type":"function","name"}.
void add_responses_tools(nlohmann::ordered_json& body, const Workload& workload);

/// Messages: each tool as {"name","description","input_schema"}; the choice as {"type":"auto"},
/// {"type":"any"} (required), {"type":"none"} or {"type":"tool","name"}.
void add_anthropic_tools(nlohmann::ordered_json& body, const Workload& workload);

/// generateContent: {"tools":[{"functionDeclarations":[...]}]} and
/// toolConfig.functionCallingConfig.mode AUTO, ANY (required or named, with allowedFunctionNames)
/// or NONE.
void add_gemini_tools(nlohmann::ordered_json& body, const Workload& workload);

}  // namespace ttft::protocol
