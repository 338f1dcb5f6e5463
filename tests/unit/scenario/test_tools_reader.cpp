// workload.tools and workload.tool_choice as the loader reads them: OpenAI chat's tool JSON kept
// as written, and each malformed piece reported at its JSON pointer.
#include <catch2/catch.hpp>

#include "scenario/load.hpp"
#include "no_env.hpp"

using namespace ttft;

namespace {

const std::string kTool =
    R"({"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}})";

std::string scenario_text(const std::string& extra) {
  return R"({"name": "t", "targets": {
  "a": {"protocol": "openai-chat", "url": "http://127.0.0.1:1/v1/chat/completions"},
  "b": {"protocol": "anthropic", "url": "http://127.0.0.1:2/v1/messages"}},
 "workload": {"messages": [{"role": "user", "content": "hi"}])" + extra + R"(},
 "phases": [{"name": "p", "requests": 1, "interval": "1s"}]})";
}

Error error_of(const std::string& extra) {
  const auto result = scenario::parse_scenario(scenario_text(extra), "s.json", test::no_env);
  REQUIRE_FALSE(result);
  return result.error();
}

}  // namespace

TEST_CASE("workload.tools and tool_choice are kept as written") {
  const auto s = scenario::parse_scenario(
      scenario_text(R"(, "tools": [)" + kTool + R"(], "tool_choice": {"type": "function", "function": {"name": "get_weather"}})"),
      "s.json", test::no_env);
  REQUIRE(s);
  REQUIRE(s->tools.size() == 1);
  CHECK(s->tools[0]["function"]["name"] == "get_weather");
  CHECK(s->tools[0]["function"]["parameters"] == nlohmann::json{{"type", "object"}});
  CHECK(s->tool_choice["function"]["name"] == "get_weather");
  const auto modes = scenario::parse_scenario(scenario_text(R"(, "tools": [)" + kTool + R"(], "tool_choice": "required")"),
                                              "s.json", test::no_env);
  REQUIRE(modes);
  CHECK(modes->tool_choice == "required");
  const auto none = scenario::parse_scenario(scenario_text(""), "s.json", test::no_env);
  REQUIRE(none);
  CHECK(none->tools.empty());
  CHECK(none->tool_choice.is_null());
}

TEST_CASE("workload.tools errors name the pointer of the bad piece") {
  Error e = error_of(R"(, "tools": [{"type": "retrieval"}])");
  CHECK(e.where == "s.json: /workload/tools/0/type");
  CHECK(e.message == R"(expected "function", got "retrieval")");
  e = error_of(R"(, "tools": [{"type": "function", "function": {"description": "x"}}])");
  CHECK(e.where == "s.json: /workload/tools/0/function");
  CHECK(e.message == R"(missing required key "name")");
  e = error_of(R"(, "tools": [)" + kTool + "," + kTool + "]");
  CHECK(e.where == "s.json: /workload/tools/1/function/name");
  CHECK(e.message == R"(the function "get_weather" is declared twice)");
  e = error_of(R"(, "tools": [{"type": "function", "function": {"name": "f", "parameters": []}}])");
  CHECK(e.where == "s.json: /workload/tools/0/function/parameters");
  e = error_of(R"(, "tools": [])");
  CHECK(e.where == "s.json: /workload/tools");
}

TEST_CASE("workload.tool_choice is a mode or a declared function") {
  Error e = error_of(R"(, "tools": [)" + kTool + R"(], "tool_choice": "any")");
  CHECK(e.where == "s.json: /workload/tool_choice");
  e = error_of(R"(, "tools": [)" + kTool + R"(], "tool_choice": {"type": "function", "function": {"name": "get_time"}})");
  CHECK(e.where == "s.json: /workload/tool_choice/function/name");
  CHECK(e.message == R"("get_time" is not one of workload.tools)");
  CHECK(e.hint == "declared: get_weather");
  e = error_of(R"(, "tool_choice": "required")");
  CHECK(e.where == "s.json: /workload/tool_choice");
  CHECK(e.message == "a tool choice needs tools");
}
