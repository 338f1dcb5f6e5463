// Simulator profiles as the scenario reads them: built-ins, overrides and their located errors,
// profile files (comments allowed), and a sim:// target's profile checked by load_scenario.
#include <fstream>

#include <catch2/catch.hpp>

#include "scenario/load.hpp"
#include "scenario/sim_profile.hpp"
#include "support/temp_dir.hpp"
#include "no_env.hpp"

using namespace ttft;
using scenario::builtin_profile;
using scenario::Json;
using scenario::parse_sim_profile;

namespace {

// A valid scenario whose first target is sim://`profile` with `extra` spliced into its object.
std::string sim_scenario(const std::string& profile, const std::string& extra) {
  return R"({"name": "t", "targets": {
  "edge": {"protocol": "sse", "url": "sim://)" + profile + "\"" + extra + R"(},
  "central": {"protocol": "sse", "url": "sim://central"}},
 "workload": {"messages": [{"role": "user", "content": "hi"}]},
 "phases": [{"name": "p", "requests": 1, "interval": "1s"}], "time_scale": 0.5})";
}

}  // namespace

TEST_CASE("sim built-in profiles") {
  const auto edge = builtin_profile("edge").value();
  CHECK(edge.name == "edge");
  CHECK(edge.scale_to_zero_after_s == 300);
  CHECK(edge.token_interval_ms == 15);
  CHECK(edge.output_tokens == 64);
  const auto central = builtin_profile("central").value();
  CHECK(central.scale_to_zero_after_s == 600);
  CHECK(central.token_interval_ms == 12);
  const auto fast = builtin_profile("fast").value();
  CHECK(fast.warm.median_ms == 50);
  CHECK(fast.warm.sigma == 0);
  CHECK(fast.token_interval_ms == 10);
  CHECK(fast.output_tokens == 16);
  CHECK(fast.scale_to_zero_after_s == 0);

  const auto unknown = builtin_profile("mars");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().message == "unknown simulator profile \"mars\"");
  CHECK(unknown.error().hint == "built-in profiles: edge, central, fast");
}

TEST_CASE("sim profile overrides replace only the given fields") {
  const auto edge = builtin_profile("edge").value();
  const auto p = parse_sim_profile(
      Json::parse(R"({"network_ms": 5, "warm": {"median_ms": 100}, "faults": {"stall": 0.25},
                      "output_tokens": 8, "time_scale": 0.01})"),
      edge, "s.json", "/targets/edge/sim");
  REQUIRE(p.has_value());
  CHECK(p->network_ms == 5);
  CHECK(p->warm.median_ms == 100);
  CHECK(p->warm.sigma == edge.warm.sigma);
  CHECK(p->faults[scenario::Fault::kStall] == 0.25);
  CHECK(p->faults.total() == 0.25);
  CHECK(p->output_tokens == 8);
  CHECK(p->time_scale == 0.01);
  CHECK(p->cold.median_ms == edge.cold.median_ms);

  // "base" restarts from a built-in wherever it stands; the other keys apply on top.
  const auto rebased = parse_sim_profile(Json::parse(R"({"name": "c2", "base": "central"})"), edge, "s.json", "");
  REQUIRE(rebased.has_value());
  CHECK(rebased->name == "c2");
  CHECK(rebased->scale_to_zero_after_s == 600);
}

TEST_CASE("sim profile faults: every fault has a snake_case rate key") {
  const auto base = builtin_profile("fast").value();
  Json faults = Json::object();
  const auto& table = scenario::fault_table();
  for (const auto& info : table) faults[std::string(info.profile_key)] = 0.01;
  const auto p = parse_sim_profile(Json{{"faults", faults}}, base, "s.json", "/t");
  REQUIRE(p.has_value());
  for (const auto& info : table) {
    INFO(info.profile_key);
    CHECK(p->faults[info.fault] == 0.01);
    CHECK(info.profile_key.find('-') == std::string_view::npos);
    CHECK(info.name.find('_') == std::string_view::npos);
  }
  CHECK(p->faults.total() == Approx(0.01 * static_cast<double>(table.size())));
  CHECK(p->faults[scenario::Fault::kNone] == 0);
  // The header names are not profile keys.
  const auto kebab = parse_sim_profile(Json::parse(R"({"faults": {"slow-headers": 0.1}})"), base, "s.json", "/t");
  REQUIRE_FALSE(kebab.has_value());
  CHECK(kebab.error().where == "s.json: /t/faults/slow-headers");
  CHECK(kebab.error().hint == "did you mean \"slow_headers\"?");
  const auto far = parse_sim_profile(Json::parse(R"({"faults": {"meteor": 0.1}})"), base, "s.json", "/t");
  REQUIRE_FALSE(far.has_value());
  CHECK(far.error().hint.find("reset_mid_stream") != std::string::npos);
}

TEST_CASE("sim profile errors name the file and the escaped JSON pointer of the offending key") {
  const auto base = builtin_profile("edge").value();
  struct Case {
    const char* text;
    const char* where;
    const char* message;
  };
  const Case cases[] = {
      {R"({"netwrk_ms": 1})", "p.json: /t/netwrk_ms", "unknown key \"netwrk_ms\""},
      {R"({"warm": {"p50": 1}})", "p.json: /t/warm/p50", "unknown key \"p50\""},
      {R"({"faults": {"http_418": 0.1}})", "p.json: /t/faults/http_418", "unknown key \"http_418\""},
      {R"({"faults": {"a/b~c": 0.1}})", "p.json: /t/faults/a~1b~0c", "unknown key \"a/b~c\""},
      {R"({"network_ms": "5"})", "p.json: /t/network_ms",
       "expected a number from 0 to 1000000000, got string \"5\""},
      {R"({"warm": 3})", "p.json: /t/warm", "expected an object, got number 3"},
      {R"({"warm": {"sigma": 11}})", "p.json: /t/warm/sigma", "expected a number from 0 to 10, got 11"},
      {R"({"name": 7})", "p.json: /t/name", "expected a string, got number 7"},
      {R"({"output_tokens": 1.5})", "p.json: /t/output_tokens",
       "expected an integer from 0 to 1000000, got number 1.5"},
      {R"({"output_tokens": 1000001})", "p.json: /t/output_tokens",
       "expected an integer from 0 to 1000000, got 1000001"},
      {R"({"network_ms": -1})", "p.json: /t/network_ms", "expected a number from 0 to 1000000000, got -1"},
      {R"({"time_scale": 0})", "p.json: /t/time_scale", "expected a number greater than 0, got 0"},
      {R"({"faults": {"http_429": 0.6, "stall": 0.6}})", "p.json: /t/faults",
       "expected fault rates that add up to at most 1, got 1.2"},
      {R"({"base": "moon"})", "p.json: /t/base", "unknown simulator profile \"moon\""},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto p = parse_sim_profile(Json::parse(c.text), base, "p.json", "/t");
    REQUIRE_FALSE(p.has_value());
    CHECK(p.error().where == c.where);
    CHECK(p.error().message == c.message);
  }
  const auto unknown = parse_sim_profile(Json::parse(R"({"x": 1})"), base, "p.json", "/t");
  CHECK(unknown.error().hint.find("allowed keys: base, name, network_ms") == 0);
  const auto array = parse_sim_profile(Json::array(), base, "p.json", "");
  CHECK(array.error().where == "p.json");
  CHECK(array.error().message == "expected an object, got an array");
}

TEST_CASE("sim profile files allow comments, start from their base and locate errors") {
  test::TempDir dir;
  const auto good = dir / "demo-edge.json";
  std::ofstream(good) << "// the demo's edge, idle time compressed\n"
                         "{\"base\": \"edge\", /* as published */ \"time_scale\": 0.01}\n";
  const auto p = scenario::load_profile_file(good.string());
  REQUIRE(p.has_value());
  CHECK(p->name == "demo-edge");
  CHECK(p->time_scale == 0.01);
  CHECK(p->warm.median_ms == builtin_profile("edge")->warm.median_ms);

  const auto bad_syntax = dir / "bad.json";
  std::ofstream(bad_syntax) << "{\n  \"network_ms\": ,\n}";
  const auto syntax = scenario::load_profile_file(bad_syntax.string());
  REQUIRE_FALSE(syntax.has_value());
  CHECK(syntax.error().where == bad_syntax.string() + ":2:17");
  CHECK(syntax.error().message.rfind("syntax error: ", 0) == 0);

  const auto bad_key = dir / "key.json";
  std::ofstream(bad_key) << R"({"base": "edge", "warm": {"sigma": "wide"}})";
  const auto key = scenario::load_profile_file(bad_key.string());
  REQUIRE_FALSE(key.has_value());
  CHECK(key.error().where == bad_key.string() + ": /warm/sigma");

  const auto missing = scenario::load_profile_file((dir / "missing.json").string());
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().where == (dir / "missing.json").string());
  CHECK(missing.error().message == "cannot read profile: No such file or directory");
}

TEST_CASE("load_scenario checks each sim:// target's profile and reports it with file and pointer") {
  const auto unknown = scenario::parse_scenario(sim_scenario("mars", ""), "s.json", test::no_env);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().where == "s.json: /targets/edge/url");
  CHECK(unknown.error().message == "unknown simulator profile \"mars\"");
  CHECK(unknown.error().hint == "built-in profiles: edge, central, fast");

  const auto bad = scenario::parse_scenario(sim_scenario("edge", R"(, "sim": {"warm": {"sigma": -1}})"), "s.json",
                                            test::no_env);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where == "s.json: /targets/edge/sim/warm/sigma");
  CHECK(bad.error().message == "expected a number from 0 to 10, got -1");

  const auto escaped = scenario::parse_scenario(sim_scenario("edge", R"(, "sim": {"faults": {"x/y": 1}})"),
                                                "s.json", test::no_env);
  REQUIRE_FALSE(escaped);
  CHECK(escaped.error().where == "s.json: /targets/edge/sim/faults/x~1y");

  test::TempDir dir;
  const auto path = dir / "bad-sim.json";
  std::ofstream(path) << sim_scenario("edge", R"(, "sim": {"output_tokens": "many"})");
  const auto loaded = scenario::load_scenario(path.string(), test::no_env);
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().where == path.string() + ": /targets/edge/sim/output_tokens");
}

TEST_CASE("a sim:// target's profile carries its overrides and the scenario's time_scale") {
  const auto s = scenario::parse_scenario(sim_scenario("edge", R"(, "sim": {"output_tokens": 3, "time_scale": 0.1})"),
                                          "s.json", test::no_env);
  REQUIRE(s);
  REQUIRE(s->targets[0].sim_profile);
  CHECK(s->targets[0].sim_profile->name == "edge");
  CHECK(s->targets[0].sim_profile->output_tokens == 3);
  CHECK(s->targets[0].sim_profile->time_scale == Approx(0.05));  // 0.1 × the scenario's 0.5
  REQUIRE(s->targets[1].sim_profile);
  CHECK(s->targets[1].sim_profile->time_scale == 0.5);
  CHECK(s->targets[1].sim_profile->scale_to_zero_after_s == 600);

  const auto real = scenario::parse_scenario(R"({"name": "t", "targets": {
  "a": {"protocol": "sse", "url": "http://127.0.0.1:1/"}, "b": {"protocol": "sse", "url": "sim://fast"}},
 "workload": {"messages": [{"role": "user", "content": "hi"}]},
 "phases": [{"name": "p", "requests": 1, "interval": "1s"}]})",
                                             "s.json", test::no_env);
  REQUIRE(real);
  CHECK_FALSE(real->targets[0].sim_profile);
  CHECK(real->targets[1].sim_profile->name == "fast");
}

TEST_CASE("sim profile keys for reasoning, prompt caches and statuses, and their errors") {
  const auto base = builtin_profile("fast").value();
  const auto profile = parse_sim_profile(
      Json{{"reasoning_tokens", 12}, {"reasoning_ms", 300}, {"cached_input_tokens", 1024}, {"cache_write_tokens", 8},
           {"status_rate", {{"503", 0.1}, {"429", 0.2}}}},
      base, "s.json", "");
  REQUIRE(profile.has_value());
  CHECK(profile->reasoning_tokens == 12);
  CHECK(profile->reasoning_ms == 300);
  CHECK(profile->cached_input_tokens == 1024);
  CHECK(profile->cache_write_tokens == 8);
  CHECK(profile->status_rates == std::vector<std::pair<int, double>>{{429, 0.2}, {503, 0.1}});
  CHECK_FALSE(base.reasoning_ms);

  const auto error_of = [&base](const Json& j) { return parse_sim_profile(j, base, "s.json", "").error(); };
  CHECK(error_of(Json{{"status_rate", {{"200", 0.1}}}}).where == "s.json: /status_rate/200");
  CHECK(error_of(Json{{"status_rate", {{"429", 1.5}}}}).where == "s.json: /status_rate/429");
  CHECK(error_of(Json{{"status_rate", {{"429", 0.6}}}, {"faults", {{"http_500", 0.6}}}}).message ==
        "expected fault and status rates that add up to at most 1");
  CHECK(error_of(Json{{"reasoning_tokens", -1}}).where == "s.json: /reasoning_tokens");
  CHECK(error_of(Json{{"cached_input_tokens", 1.5}}).where == "s.json: /cached_input_tokens");
}

TEST_CASE("sim profile key tool_calls: 0 by default, 0 to 100") {
  const auto base = builtin_profile("fast").value();
  CHECK(base.tool_calls == 0);
  const auto profile = parse_sim_profile(Json{{"tool_calls", 2}}, base, "s.json", "");
  REQUIRE(profile.has_value());
  CHECK(profile->tool_calls == 2);
  const auto error = parse_sim_profile(Json{{"tool_calls", 101}}, base, "s.json", "").error();
  CHECK(error.where == "s.json: /tool_calls");
}

TEST_CASE("sim profile key embedding_dimensions: 768 by default, 1 to 65536") {
  const auto base = builtin_profile("edge").value();
  CHECK(base.embedding_dimensions == 768);
  const auto profile = parse_sim_profile(Json{{"embedding_dimensions", 3072}}, base, "s.json", "");
  REQUIRE(profile.has_value());
  CHECK(profile->embedding_dimensions == 3072);
  for (const Json& wrong : {Json(0), Json(65537), Json(1.5)}) {
    const auto error = parse_sim_profile(Json{{"embedding_dimensions", wrong}}, base, "s.json", "").error();
    CHECK(error.where == "s.json: /embedding_dimensions");
  }
}
