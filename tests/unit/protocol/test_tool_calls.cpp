// Tool calls: each provider's request shape from OpenAI chat's tool JSON, and every call's name
// and arguments joined across a stream's events whatever its reads (docs/protocols.md ("Tool calls")).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;
using nlohmann::json;

namespace {

Workload tool_workload(json tool_choice) {
  Workload workload;
  workload.model = "m";
  workload.messages = {{"user", "Weather in Paris?"}};
  workload.tools = json::parse(R"([{"type":"function","function":{"name":"get_weather",
      "description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}])");
  workload.tool_choice = std::move(tool_choice);
  return workload;
}

json body_of(std::string_view protocol, const Workload& workload) {
  return json::parse(adapter_for(protocol)->build_body(workload));
}

const json kSchema = json::parse(R"({"type":"object","properties":{"city":{"type":"string"}}})");

}  // namespace

TEST_CASE("tools: openai-chat sends tools and tool_choice as given, ollama tools only") {
  const json named = json::parse(R"({"type":"function","function":{"name":"get_weather"}})");
  const json chat = body_of("openai-chat", tool_workload(named));
  CHECK(chat["tools"] == tool_workload(named).tools);
  CHECK(chat["tool_choice"] == named);
  const json ollama = body_of("ollama", tool_workload("required"));
  CHECK(ollama["tools"] == tool_workload(named).tools);
  CHECK_FALSE(ollama.contains("tool_choice"));
  CHECK_FALSE(body_of("openai-chat", Workload{}).contains("tools"));
}

TEST_CASE("tools: openai-responses flattens each function and a named choice") {
  const json body = body_of("openai-responses", tool_workload(json::parse(
                                                    R"({"type":"function","function":{"name":"get_weather"}})")));
  CHECK(body["tools"] == json::array({{{"type", "function"}, {"name", "get_weather"},
                                       {"description", "Current weather"}, {"parameters", kSchema}}}));
  CHECK(body["tool_choice"] == json{{"type", "function"}, {"name", "get_weather"}});
  CHECK(body_of("openai-responses", tool_workload("none"))["tool_choice"] == "none");
  CHECK_FALSE(body_of("openai-responses", tool_workload(nullptr)).contains("tool_choice"));
  Workload strict = tool_workload(nullptr);
  strict.tools[0]["function"]["strict"] = true;
  CHECK(body_of("openai-responses", strict)["tools"][0]["strict"] == true);
}

TEST_CASE("tools: anthropic takes input_schema and its own tool_choice objects") {
  const json body = body_of("anthropic", tool_workload("required"));
  CHECK(body["tools"] == json::array({{{"name", "get_weather"}, {"description", "Current weather"},
                                       {"input_schema", kSchema}}}));
  CHECK(body["tool_choice"] == json{{"type", "any"}});
  CHECK(body_of("anthropic", tool_workload("auto"))["tool_choice"] == json{{"type", "auto"}});
  CHECK(body_of("anthropic", tool_workload("none"))["tool_choice"] == json{{"type", "none"}});
  const json named = body_of("anthropic", tool_workload(json::parse(
                                              R"({"type":"function","function":{"name":"get_weather"}})")));
  CHECK(named["tool_choice"] == json{{"type", "tool"}, {"name", "get_weather"}});
  Workload bare = tool_workload(nullptr);
  bare.tools[0]["function"].erase("parameters");
  CHECK(body_of("anthropic", bare)["tools"][0]["input_schema"] ==
        json{{"type", "object"}, {"properties", json::object()}});
}

TEST_CASE("tools: gemini declares functions and maps the choice to functionCallingConfig") {
  const json body = body_of("gemini", tool_workload("auto"));
  CHECK(body["tools"] == json::array({{{"functionDeclarations",
                                        json::array({{{"name", "get_weather"}, {"description", "Current weather"},
                                                      {"parameters", kSchema}}})}}}));
  CHECK(body["toolConfig"] == json{{"functionCallingConfig", {{"mode", "AUTO"}}}});
  CHECK(body_of("gemini", tool_workload("required"))["toolConfig"]["functionCallingConfig"]["mode"] == "ANY");
  CHECK(body_of("gemini", tool_workload("none"))["toolConfig"]["functionCallingConfig"]["mode"] == "NONE");
  const json named = body_of("gemini", tool_workload(json::parse(
                                           R"({"type":"function","function":{"name":"get_weather"}})")));
  CHECK(named["toolConfig"]["functionCallingConfig"] ==
        json{{"mode", "ANY"}, {"allowedFunctionNames", {"get_weather"}}});
}

TEST_CASE("tools: vercel-ui sends no tools, the AI SDK server decides them") {
  const json body = body_of("vercel-ui", tool_workload("required"));
  CHECK_FALSE(body.contains("tools"));
  CHECK_FALSE(body.contains("tool_choice"));
}

TEST_CASE("tool calls: the recorded streams' calls are joined the same at every split point") {
  const std::vector<ToolCall> oslo{{"get_weather", R"({"city":"Oslo"})"}};
  struct Case {
    const char* protocol;
    const char* fixture;
    std::vector<ToolCall> calls;
  };
  const std::vector<Case> cases = {
      {"openai-chat", "openai-chat/reasoning_tool_call.sse", oslo},
      {"openai-responses", "openai-responses/reasoning_tool_call.sse", oslo},
      {"anthropic", "anthropic/thinking_tool_use.sse", {{"get_weather", R"({"city": "Oslo"})"}}},
      {"gemini", "gemini/thinking_function_call.sse", oslo},
      {"ollama", "ollama/thinking_tool_call.ndjson", oslo},
      {"vercel-ui", "vercel-ui/reasoning_tool_input.sse", oslo},
  };
  for (const Case& c : cases) {
    INFO(c.fixture);
    const std::string bytes = load_stream(c.fixture);
    const StreamRecord record = decode_bytewise(c.protocol, bytes);
    CHECK(record.tool_calls == c.calls);
    CHECK(record.first_token_kind == TokenKind::reasoning);
    check_every_split(c.protocol, bytes);
  }
}

TEST_CASE("tool calls: openai-chat joins interleaved calls by index, first token tool_call") {
  const std::string bytes =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}\n\n"
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"type\":\"function\","
      "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}}]}\n\n"
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"b\",\"type\":\"function\","
      "\"function\":{\"name\":\"get_time\",\"arguments\":\"{\\\"tz\\\":\"}}]}}]}\n\n"
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
      "\"{\\\"city\\\":\"}}]}}]}\n\n"
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
      "\"\\\"Paris\\\"}\"}},{\"index\":1,\"function\":{\"arguments\":\"\\\"CET\\\"}\"}}]}}]}\n\n"
      "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
      "data: [DONE]\n\n";
  const StreamRecord record = decode_bytewise("openai-chat", bytes);
  CHECK(record.tool_calls ==
        std::vector<ToolCall>{{"get_weather", R"({"city":"Paris"})"}, {"get_time", R"({"tz":"CET"})"}});
  CHECK(record.first_token_ns == blank_line_offset(bytes, 2));
  CHECK(record.first_token_kind == TokenKind::tool_call);
  CHECK(record.first_answer_ns == record.first_token_ns);
  CHECK(record.text_bytes == 0);
  CHECK(record.content_events == 0);
  check_every_split("openai-chat", bytes);
}
