// parse_scenario and load_scenario on inline text: file errors, syntax positions,
// substitution corner cases and messages that name what was found.
#include <catch2/catch.hpp>

#include <filesystem>

#include "scenario/load.hpp"
#include "support/temp_dir.hpp"
#include "no_env.hpp"

using namespace ttft;

namespace {

// A valid scenario with `extra` spliced into the first target's object.
std::string with_target_extra(const std::string& extra) {
  std::string text = R"({"name": "t", "targets": {
  "a": {"protocol": "sse", "url": "http://127.0.0.1:1/"@@},
  "b": {"protocol": "sse", "url": "http://127.0.0.1:2/"}},
 "workload": {"messages": [{"role": "user", "content": "hi"}]},
 "phases": [{"name": "p", "requests": 1, "interval": "1s"}]})";
  return text.replace(text.find("@@"), 2, extra);
}

Error parse_error(const std::string& text, const scenario::Getenv& env = test::no_env) {
  const auto result = scenario::parse_scenario(text, "s.json", env);
  REQUIRE_FALSE(result);
  return result.error();
}

}  // namespace

TEST_CASE("an unreadable scenario names the file and the system's reason") {
  const auto missing = scenario::load_scenario("/no/such/dir/x.json", test::no_env);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().where == "/no/such/dir/x.json");
  CHECK(missing.error().message == "cannot read scenario: No such file or directory");
  test::TempDir dir;
  const auto directory = scenario::load_scenario(dir.path().string(), test::no_env);
  REQUIRE_FALSE(directory);
  CHECK(directory.error().message == "cannot read scenario: Is a directory");
}

TEST_CASE("syntax errors point at the offending token by line and character column") {
  const Error after_comment = parse_error("/* one\n two */ {\n  \"a\": \xC3\xA9}");
  CHECK(after_comment.where == "s.json:3:8");
  CHECK(after_comment.message == "syntax error: unexpected '\xC3\xA9'");
  const Error bare = parse_error("{\n  name: \"x\"}");
  CHECK(bare.where == "s.json:2:3");
  CHECK(bare.message == "syntax error: unexpected 'name'");
  CHECK(parse_error("{\"a\": tru}").message == "syntax error: unexpected 'tru'");
  const Error control = parse_error("{\"a\": \"x\ty\"}");
  CHECK(control.where == "s.json:1:9");
  CHECK(control.message.rfind("syntax error: invalid string: control character U+0009", 0) == 0);
  const Error empty = parse_error("  // only a comment\n");
  CHECK(empty.where == "s.json:2:1");
  CHECK(empty.message == "syntax error: unexpected end of file, expected a value");
  const Error extra = parse_error("{} {}");
  CHECK(extra.where == "s.json:1:4");
  CHECK(extra.message == "syntax error: expected the end of the file, got '{'");
  const Error number = parse_error("{\"a\": 1 12345}");
  CHECK(number.where == "s.json:1:9");
  CHECK(number.message == "syntax error: expected ',' or '}', got a number");
  CHECK(number.hint == "is a ',' missing before it?");
  const Error array_comma = parse_error("[1, 2, ]");
  CHECK(array_comma.where == "s.json:1:6");
  CHECK(array_comma.message == "syntax error: trailing comma before ']'");
}

TEST_CASE("a key given twice in one object is an error at that object's pointer") {
  const Error nested = parse_error(R"({"a": [{"x": 1}, {"y": {"k": 1, "k": 2}}]})");
  CHECK(nested.where == "s.json: /a/1/y");
  CHECK(nested.message == "duplicate key \"k\"");
  CHECK(parse_error(R"({"n": 1, "n": 1})").where == "s.json");
  const auto distinct = scenario::parse_scenario(
      R"({"a": {"k": 1}, "b": {"k": 1}, "c": [{"k": 1}, {"k": 2}]})", "s.json", test::no_env);
  REQUIRE_FALSE(distinct);
  CHECK(distinct.error().message == "unknown key \"a\"");  // parsed fine; the schema objects
}

TEST_CASE("substitution errors and escapes are located by JSON pointer") {
  const Error missing = parse_error(with_target_extra(R"(, "body": {"k/~": ["${NOPE}"]})"));
  CHECK(missing.where == "s.json: /targets/a/body/k~1~0/0");
  CHECK(missing.message == "environment variable NOPE is not set");
  CHECK(missing.hint == "export NOPE=..., or write ${NOPE:-default} in the scenario");
  const Error unterminated = parse_error(with_target_extra(R"(, "model": "${OPEN")"));
  CHECK(unterminated.where == "s.json: /targets/a/model");
  CHECK(unterminated.message == "unterminated \"${\" in string \"${OPEN\"");
  const Error bad_name = parse_error(with_target_extra(R"(, "model": "${1X}")"));
  CHECK(bad_name.message == "invalid variable name \"1X\" in \"${1X}\"");
  const auto ok = scenario::parse_scenario(
      with_target_extra(R"(, "model": "$${X} ${X:-d} ${Y}", "headers": {"X~Y": "${Y}"})"), "s.json",
      [](const std::string& name) -> std::optional<std::string> {
        return name == "Y" ? std::optional<std::string>("why-secret") : std::nullopt;
      });
  REQUIRE(ok);
  CHECK(ok->targets[0].model == "${X} d why-secret");
  CHECK(ok->secrets == std::vector<std::string>{"why-secret"});
  CHECK(ok->redacted["targets"]["a"]["headers"]["X~Y"] == "***");
  CHECK(ok->redacted["targets"]["a"]["model"] == "${X} d ***");
}

TEST_CASE("a variable in a target URL's query string is a secret, one in its path only is not") {
  const std::string text = R"({"name": "t", "targets": {
  "a": {"protocol": "sse", "url": "http://127.0.0.1:1/${ACCOUNT}/x?alt=sse&key=${KEY}"},
  "b": {"protocol": "sse", "url": "http://127.0.0.1:2/${REGION_PATH}/y"}},
 "workload": {"messages": [{"role": "user", "content": "hi"}]},
 "phases": [{"name": "p", "requests": 1, "interval": "1s"}]})";
  const auto ok = scenario::parse_scenario(text, "s.json", [](const std::string& name) -> std::optional<std::string> {
    if (name == "KEY") return "AIza-0123456789";
    if (name == "ACCOUNT") return "acct-0123456789";
    if (name == "REGION_PATH") return "region-eu-west-1";
    return std::nullopt;
  });
  REQUIRE(ok);
  CHECK(ok->targets[0].url == "http://127.0.0.1:1/acct-0123456789/x?alt=sse&key=AIza-0123456789");
  // Every value substituted into a URL with a keyed query is hunted (ACCOUNT too: one string).
  CHECK(ok->secrets == std::vector<std::string>{"AIza-0123456789", "acct-0123456789"});
  CHECK(ok->redacted["targets"]["a"]["url"] == "http://127.0.0.1:1/***/x?alt=sse&key=***");
  CHECK(ok->redacted["targets"]["b"]["url"] == "http://127.0.0.1:2/region-eu-west-1/y");
}

TEST_CASE("credential headers are masked by whole words, only key-length values are hunted elsewhere") {
  const auto ok = scenario::parse_scenario(
      with_target_extra(R"(, "model": "m-4", "headers": {"X-Auth-Token": "4", "x-api-key": "key-0123456789",
                           "x-sim-tokens": "4", "x-sim-token-interval-ms": "0"})"),
      "s.json", [](const std::string&) -> std::optional<std::string> { return std::nullopt; });
  REQUIRE(ok);
  const auto& headers = ok->redacted["targets"]["a"]["headers"];
  CHECK(headers["X-Auth-Token"] == "***");
  CHECK(headers["x-api-key"] == "***");
  CHECK(headers["x-sim-tokens"] == "4");             // a setting whose name contains "token"
  CHECK(headers["x-sim-token-interval-ms"] == "0");
  // "4" is masked where it is a header value, but hunting it everywhere would garble "m-4" and
  // every request id: only values long enough to be keys are secrets for the rest of the run.
  CHECK(ok->secrets == std::vector<std::string>{"key-0123456789"});
  CHECK(ok->redacted["targets"]["a"]["model"] == "m-4");
}

TEST_CASE("type errors say what was found and what was expected") {
  const auto message = [](const std::string& extra) {
    return parse_error(with_target_extra(extra)).message;
  };
  CHECK(message(R"(, "follow_redirects": "yes")") == "expected true or false, got string \"yes\"");
  CHECK(message(R"(, "headers": {"X": 5})") == "expected a string, got number 5");
  CHECK(message(R"(, "headers": {"X": "a\nb"})") ==
        "expected a header value on one line, got a line break");
  CHECK(message(R"(, "body": [1])") == "expected an object, got an array");
  CHECK(message(R"(, "follow_redirects": ")" + std::string(60, 'x') + "\"") ==
        "expected true or false, got string \"" + std::string(40, 'x') + "...\"");
  CHECK(message(R"(, "tls": {"insecure": false, "ca_cert": "x"})") == "unknown key \"ca_cert\"");
}

TEST_CASE("workload.prompt_cache is bust by default, allow on request, nothing else") {
  const auto with_workload = [](const std::string& extra) {
    return R"({"name": "t", "targets": {
  "a": {"protocol": "sse", "url": "http://127.0.0.1:1/"},
  "b": {"protocol": "sse", "url": "http://127.0.0.1:2/"}},
 "workload": {"messages": [{"role": "user", "content": "hi"}])" + extra + R"(},
 "phases": [{"name": "p", "requests": 1, "interval": "1s"}]})";
  };
  const auto absent = scenario::parse_scenario(with_workload(""), "s.json", test::no_env);
  REQUIRE(absent);
  CHECK(absent->prompt_cache == scenario::PromptCache::bust);
  CHECK_FALSE(absent->redacted["workload"].contains("prompt_cache"));  // the default is documented
  const auto allow = scenario::parse_scenario(with_workload(R"(, "prompt_cache": "allow")"), "s.json", test::no_env);
  REQUIRE(allow);
  CHECK(allow->prompt_cache == scenario::PromptCache::allow);
  CHECK(allow->redacted["workload"]["prompt_cache"] == "allow");  // the manifest's copy records it
  const auto bust = scenario::parse_scenario(with_workload(R"(, "prompt_cache": "bust")"), "s.json", test::no_env);
  REQUIRE(bust);
  CHECK(bust->prompt_cache == scenario::PromptCache::bust);
  const Error wrong = parse_error(with_workload(R"(, "prompt_cache": "alow")"));
  CHECK(wrong.where == "s.json: /workload/prompt_cache");
  CHECK(wrong.message == R"(expected "bust" or "allow", got "alow")");
  CHECK(wrong.hint == R"(did you mean "allow"?)");
}

TEST_CASE("a target's http is auto, 1.1 or 2, multiplex needs HTTP/2 and kept-alive connections") {
  const auto parse = [](const std::string& extra) {
    return scenario::parse_scenario(with_target_extra(extra), "s.json", test::no_env);
  };
  const auto plain = parse("");
  REQUIRE(plain);
  CHECK(plain->targets[0].http == scenario::HttpVersion::automatic);
  CHECK_FALSE(plain->targets[0].multiplex);
  CHECK(parse(R"(, "http": "1.1")")->targets[0].http == scenario::HttpVersion::http1_1);
  CHECK(parse(R"(, "http": "2")")->targets[0].http == scenario::HttpVersion::http2);
  const auto shared = parse(R"(, "http": "2", "reuse_connections": true, "multiplex": true)");
  REQUIRE(shared);
  CHECK(shared->targets[0].multiplex);
  CHECK(shared->redacted["targets"]["a"]["multiplex"] == true);  // the manifest's copy records it

  const Error version = parse_error(with_target_extra(R"(, "http": "3")"));
  CHECK(version.where == "s.json: /targets/a/http");
  CHECK(version.message == R"(expected "auto", "1.1" or "2", got "3")");
  const Error http1 = parse_error(with_target_extra(R"(, "http": "1.1", "reuse_connections": true, "multiplex": true)"));
  CHECK(http1.where == "s.json: /targets/a/multiplex");
  CHECK(http1.message == R"(multiplexing needs HTTP/2, got "http": "1.1")");
  const Error fresh = parse_error(with_target_extra(R"(, "multiplex": true)"));
  CHECK(fresh.where == "s.json: /targets/a/multiplex");
  CHECK(fresh.message == "multiplexing shares kept-alive connections, got reuse_connections false");
  CHECK(parse_error(with_target_extra(R"(, "multiplex": "yes")")).where == "s.json: /targets/a/multiplex");
}

TEST_CASE("the headline is ttft by default, first_token or first_answer on request, nothing else") {
  const auto with_headline = [](const std::string& extra) {
    return R"({"name": "t", "targets": {
  "a": {"protocol": "sse", "url": "http://127.0.0.1:1/"},
  "b": {"protocol": "sse", "url": "http://127.0.0.1:2/"}},
 "workload": {"messages": [{"role": "user", "content": "hi"}]},
 "phases": [{"name": "p", "requests": 1, "interval": "1s"}])" +
           extra + "}";
  };
  const auto absent = scenario::parse_scenario(with_headline(""), "s.json", test::no_env);
  REQUIRE(absent);
  CHECK(absent->headline == "ttft");
  for (const std::string metric : {"ttft", "first_token", "first_answer"}) {
    const auto chosen =
        scenario::parse_scenario(with_headline(R"(, "headline": ")" + metric + "\""), "s.json", test::no_env);
    REQUIRE(chosen);
    CHECK(chosen->headline == metric);
    CHECK(chosen->redacted["headline"] == metric);  // the manifest's copy records it
  }
  const Error wrong = parse_error(with_headline(R"(, "headline": "first_anwser")"));
  CHECK(wrong.where == "s.json: /headline");
  CHECK(wrong.message == R"(expected "ttft", "first_token" or "first_answer", got "first_anwser")");
  CHECK(wrong.hint == R"(did you mean "first_answer"?)");
  CHECK(parse_error(with_headline(R"(, "headline": 1)")).message ==
        R"(expected "ttft", "first_token" or "first_answer", got number 1)");
}

TEST_CASE("a target's stream is true by default, false only for a protocol with a non-streaming form") {
  const auto chat_target = [](const std::string& extra) {
    std::string text = with_target_extra(extra);
    return text.replace(text.find(R"("sse")"), 5, R"("openai-chat")");
  };
  const auto plain = scenario::parse_scenario(chat_target(""), "s.json", test::no_env);
  REQUIRE(plain);
  CHECK(plain->targets[0].stream);
  const auto whole = scenario::parse_scenario(chat_target(R"(, "stream": false)"), "s.json", test::no_env);
  REQUIRE(whole);
  CHECK_FALSE(whole->targets[0].stream);
  CHECK(whole->targets[1].stream);
  CHECK(whole->redacted["targets"]["a"]["stream"] == false);  // the manifest's copy records it

  const Error sse = parse_error(with_target_extra(R"(, "stream": false)"));
  CHECK(sse.where == "s.json: /targets/a/stream");
  CHECK(sse.message == R"(protocol "sse" has no non-streaming form)");
  CHECK(sse.hint.find("openai-chat, openai-completions") != std::string::npos);
  CHECK(parse_error(chat_target(R"(, "stream": "no")")).where == "s.json: /targets/a/stream");
  // A streaming sse target is fine.
  CHECK(scenario::parse_scenario(with_target_extra(R"(, "stream": true)"), "s.json", test::no_env));
}
