// A target's "client" and "native" (docs/scenario.md ("Browser targets")): read as written, and
// every misuse reported at its JSON pointer.
#include <catch2/catch.hpp>

#include "scenario/load.hpp"
#include "no_env.hpp"

using namespace ttft;

namespace {

const std::string kNative = R"("api": {"protocol": "openai-chat", "url": "http://127.0.0.1:9/v1", "model": "m"})";

std::string browser(const std::string& extra) {
  return R"("page": {"protocol": "openai-chat", "url": "http://127.0.0.1:9/v1", "model": "m", "client": "browser")" +
         extra + "}";
}

Result<scenario::Scenario> parse_targets(const std::string& targets) {
  return scenario::parse_scenario(R"({"name": "t", "targets": {)" + targets +
                                      R"(}, "workload": {"messages": [{"role": "user", "content": "hi"}]},
                                      "phases": [{"name": "p", "requests": 1, "interval": "1s"}]})",
                                  "s.json", test::no_env);
}

std::string browser_key_error(const std::string& targets) {
  const auto result = parse_targets(targets);
  REQUIRE_FALSE(result);
  return result.error().where + ": " + result.error().message;
}

}  // namespace

TEST_CASE("a browser target and its native twin are read as written") {
  const auto s = parse_targets(kNative + "," + browser(R"(, "native": "api", "reuse_connections": true)"));
  REQUIRE(s);
  CHECK(s->targets[0].client == scenario::Client::native);
  CHECK(s->targets[1].client == scenario::Client::browser);
  CHECK(s->targets[1].native_twin == "api");
  CHECK(s->targets[1].reuse_connections);
}

TEST_CASE("browser target keys in the wrong place are located errors") {
  CHECK(browser_key_error(kNative + "," + browser("")) ==
        "s.json: /targets/page/native: a browser target names its native twin: \"native\": \"<target>\"");
  CHECK(browser_key_error(kNative + "," + browser(R"(, "native": "nope")")) ==
        "s.json: /targets/page/native: no target named \"nope\"");
  CHECK(browser_key_error(kNative + "," + browser(R"(, "native": "page")")) ==
        "s.json: /targets/page/native: \"page\" is not a native chat target");
  CHECK(browser_key_error(R"("api": {"protocol": "openai-chat", "url": "http://127.0.0.1:8/v1", "model": "m"},)" +
                 browser(R"(, "native": "api")")) ==
        "s.json: /targets/page/native: the twin \"api\" differs in url, protocol or model");
  CHECK(browser_key_error(kNative + "," + browser(R"(, "native": "api", "http": "2")")) ==
        "s.json: /targets/page/http: \"http\" does not apply to a browser target: the browser decides it");
  CHECK(browser_key_error(kNative + "," + browser(R"(, "native": "api", "stream": false)")) ==
        "s.json: /targets/page/stream: a browser target measures a streaming chat response");
  CHECK(browser_key_error(kNative + R"(, "page": {"protocol": "openai-chat", "url": "http://127.0.0.1:9/v1", "client": "firefox"})")
            .find("s.json: /targets/page/client: ") == 0);
  CHECK(browser_key_error(R"("api": {"protocol": "openai-chat", "url": "http://127.0.0.1:9/v1", "native": "x"},)" + browser(R"(, "native": "api")")) ==
        "s.json: /targets/api/native: \"native\" names the native twin of a browser target");
}
