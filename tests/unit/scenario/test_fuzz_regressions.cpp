// Regression tests for what fuzz/fuzz_scenario found: inputs that ended the program
// with "internal error" instead of an error naming where and what.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "scenario/json_syntax.hpp"
#include "scenario/load.hpp"
#include "no_env.hpp"

using namespace ttft;

namespace {

Error scenario_error(const std::string& text, const scenario::Getenv& env) {
  const auto result = scenario::parse_scenario(text, "s.json", env);
  REQUIRE_FALSE(result);
  return result.error();
}

}  // namespace

TEST_CASE("fuzz: a number too large for a double is a located error") {
  // nlohmann throws out_of_range (not parse_error) for these, and without a position.
  Error e = scenario_error(R"({"name": 1e999})", test::no_env);
  CHECK(e.where == "s.json:1:10");
  CHECK(e.message == "number out of range: 1e999");
  // The same text inside a string earlier is not the number.
  e = scenario_error(R"({"description": "1e999", "name": 1e999})", test::no_env);
  CHECK(e.where == "s.json:1:34");
  CHECK(e.message == "number out of range: 1e999");

  const auto line = scenario::parse_json_line(R"({"prompt": 1e999})", "p.jsonl:3");
  REQUIRE_FALSE(line);
  CHECK(line.error().where == "p.jsonl:3:12");
}

TEST_CASE("fuzz: an environment value that is not UTF-8 is an error, not a broken manifest") {
  // The value used to reach the scenario's JSON, and manifest.json's dump threw on it.
  const std::string text = R"({"name": "t", "targets": {
  "a": {"protocol": "sse", "url": "http://127.0.0.1:1/", "model": "${MODEL}"},
  "b": {"protocol": "sse", "url": "http://127.0.0.1:2/"}},
 "workload": {"messages": [{"role": "user", "content": "hi"}]},
 "phases": [{"name": "p", "requests": 1, "interval": "1s"}]})";
  const auto latin1 = [](const std::string&) -> std::optional<std::string> { return "caf\xE9"; };
  const Error e = scenario_error(text, latin1);
  CHECK(e.where == "s.json: /targets/a/model");
  CHECK(e.message == "environment variable MODEL is not valid UTF-8");
  CHECK(e.message.find('\xE9') == std::string::npos);
}
