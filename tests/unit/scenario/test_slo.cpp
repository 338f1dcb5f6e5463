// "slo" at the top level and per phase: what loads, and the located errors for unknown metrics,
// bad durations and shapes; parse_slo on its own, as `report` reads a manifest's copy.
#include <catch2/catch.hpp>

#include <string>

#include "scenario/load.hpp"
#include "scenario/slo.hpp"
#include "no_env.hpp"

using namespace ttft;

namespace {

// A valid scenario with `root` spliced into its top level and `phase` into its warm phase.
std::string with_slo(const std::string& root, const std::string& phase = "") {
  std::string text = R"({"name": "t", "targets": {
  "a": {"protocol": "sse", "url": "http://127.0.0.1:1/"},
  "b": {"protocol": "sse", "url": "http://127.0.0.1:2/"}},
 "workload": {"messages": [{"role": "user", "content": "hi"}]},
 "phases": [{"name": "cold", "requests": 1, "idle": "1s"},
            {"name": "warm", "requests": 1, "interval": "1s"@P}]@R})";
  text.replace(text.find("@P"), 2, phase);
  return text.replace(text.find("@R"), 2, root);
}

Error load_error(const std::string& text) {
  const auto result = scenario::parse_scenario(text, "s.json", test::no_env);
  REQUIRE_FALSE(result);
  return result.error();
}

}  // namespace

TEST_CASE("slo: top-level bounds in file order, a phase's own beside them") {
  const auto s = scenario::parse_scenario(
      with_slo(R"(, "slo": {"ttft": "200ms", "e2e": "8s"})", R"(, "slo": {"ttfb": "50ms"})"), "s.json",
      test::no_env);
  REQUIRE(s);
  REQUIRE(s->slo);
  REQUIRE(s->slo->bounds.size() == 2);
  CHECK(s->slo->bounds[0].metric == "ttft");
  CHECK(s->slo->bounds[0].limit_ns == 200 * kNanosPerMs);
  CHECK(s->slo->bounds[1].metric == "e2e");
  CHECK(s->slo->bounds[1].limit_ns == 8000 * kNanosPerMs);
  CHECK_FALSE(s->phases[0].slo);
  REQUIRE(s->phases[1].slo);
  CHECK(s->phases[1].slo->bounds.at(0).metric == "ttfb");
  // Without one, nothing is invented.
  const auto none = scenario::parse_scenario(with_slo(""), "s.json", test::no_env);
  REQUIRE(none);
  CHECK_FALSE(none->slo);
}

TEST_CASE("slo: an unknown metric is located, with a near miss suggested") {
  Error e = load_error(with_slo(R"(, "slo": {"ttfx": "200ms"})"));
  CHECK(e.where == "s.json: /slo/ttfx");
  CHECK(e.message == "unknown SLO metric \"ttfx\" (expected ttft, first_token, first_answer, e2e, ttfb)");
  CHECK(e.hint == "did you mean \"ttft\"?");
  e = load_error(with_slo("", R"(, "slo": {"decode_tps": "1s"})"));
  CHECK(e.where == "s.json: /phases/1/slo/decode_tps");
  CHECK(e.hint.empty());
}

TEST_CASE("slo: durations and shapes") {
  Error e = load_error(with_slo(R"(, "slo": {"ttft": "200"})"));
  CHECK(e.where == "s.json: /slo/ttft");
  CHECK(e.message == "expected a duration such as \"250ms\", \"30s\", \"5m\" or \"1h\", got \"200\"");
  e = load_error(with_slo(R"(, "slo": {})"));
  CHECK(e.where == "s.json: /slo");
  CHECK(e.message == "expected an object of one or more bounds such as {\"ttft\": \"200ms\"}, got {}");
  CHECK(e.hint == "bound any of ttft, first_token, first_answer, e2e, ttfb");
  e = load_error(with_slo(R"(, "slo": "200ms")"));
  CHECK(e.message == "expected an object of one or more bounds such as {\"ttft\": \"200ms\"}, got string \"200ms\"");
}

TEST_CASE("parse_slo reads an slo on its own, errors located in the file given") {
  const auto slo = scenario::parse_slo(scenario::Json::parse(R"({"first_token": "1.5s"})"), "m.json", "/scenario/slo");
  REQUIRE(slo);
  CHECK(slo->bounds.at(0).limit_ns == 1500 * kNanosPerMs);
  const auto bad = scenario::parse_slo(scenario::Json::parse(R"({"e2e": 5})"), "m.json", "/scenario/phases/0/slo");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where == "m.json: /scenario/phases/0/slo/e2e");
}
