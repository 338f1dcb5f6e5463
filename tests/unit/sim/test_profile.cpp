// Simulator profiles: built-ins, JSON overrides and their diagnostics, profile files, routes.
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/profile.hpp"
#include "sim/routes.hpp"
#include "support/temp_dir.hpp"

using nlohmann::json;
using ttft::sim::builtin_profile;
using ttft::sim::profile_from_json;

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
  const auto p = profile_from_json(
      json::parse(R"({"network_ms": 5, "warm": {"median_ms": 100}, "faults": {"stall": 0.25},
                      "output_tokens": 8, "time_scale": 0.01})"),
      edge, "/targets/edge/sim");
  REQUIRE(p.has_value());
  CHECK(p->network_ms == 5);
  CHECK(p->warm.median_ms == 100);
  CHECK(p->warm.sigma == edge.warm.sigma);
  CHECK(p->faults[ttft::sim::Fault::kStall] == 0.25);
  CHECK(p->faults.total() == 0.25);
  CHECK(p->output_tokens == 8);
  CHECK(p->time_scale == 0.01);
  CHECK(p->cold.median_ms == edge.cold.median_ms);

  const auto rebased = profile_from_json(json::parse(R"({"base": "central", "name": "c2"})"), edge, "");
  REQUIRE(rebased.has_value());
  CHECK(rebased->name == "c2");
  CHECK(rebased->scale_to_zero_after_s == 600);
}

TEST_CASE("sim profile faults: every fault has a snake_case rate key") {
  const auto base = builtin_profile("fast").value();
  json faults = json::object();
  const auto& table = ttft::sim::fault_table();
  for (const auto& info : table) faults[std::string(info.profile_key)] = 0.01;
  const auto p = profile_from_json(json{{"faults", faults}}, base, "/t");
  REQUIRE(p.has_value());
  for (const auto& info : table) {
    INFO(info.profile_key);
    CHECK(p->faults[info.fault] == 0.01);
    CHECK(info.profile_key.find('-') == std::string_view::npos);
    CHECK(info.name.find('_') == std::string_view::npos);
  }
  CHECK(p->faults.total() == Approx(0.01 * static_cast<double>(table.size())));
  CHECK(p->faults[ttft::sim::Fault::kNone] == 0);
  // The header names are not profile keys.
  const auto kebab = profile_from_json(json::parse(R"({"faults": {"slow-headers": 0.1}})"), base, "/t");
  REQUIRE_FALSE(kebab.has_value());
  CHECK(kebab.error().where == "/t/faults/slow-headers");
  CHECK(kebab.error().hint.find("slow_headers") != std::string::npos);
  CHECK(kebab.error().hint.find("reset_mid_stream") != std::string::npos);
}

TEST_CASE("sim profile errors name the JSON pointer of the offending key") {
  const auto base = builtin_profile("edge").value();
  struct Case {
    const char* text;
    const char* where;
    const char* message;
  };
  const Case cases[] = {
      {R"({"netwrk_ms": 1})", "/t/netwrk_ms", "unknown key \"netwrk_ms\""},
      {R"({"warm": {"p50": 1}})", "/t/warm/p50", "unknown key \"p50\""},
      {R"({"faults": {"http_418": 0.1}})", "/t/faults/http_418", "unknown key \"http_418\""},
      {R"({"network_ms": "5"})", "/t/network_ms", "must be a number, got string"},
      {R"({"warm": 3})", "/t/warm", "must be an object, got number"},
      {R"({"name": 7})", "/t/name", "must be a string, got number"},
      {R"({"output_tokens": 1.5})", "/t/output_tokens", "must be an integer from 0 to 1000000, got 1.5"},
      {R"({"network_ms": -1})", "/t/network_ms", "must be between 0 and 1000000000, got -1"},
      {R"({"time_scale": 0})", "/t/time_scale", "must be greater than 0"},
      {R"({"faults": {"http_429": 0.6, "stall": 0.6}})", "/t/faults",
       "fault probabilities add up to more than 1"},
      {R"({"base": "moon"})", "/t/base", "unknown simulator profile \"moon\""},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto p = profile_from_json(json::parse(c.text), base, "/t");
    REQUIRE_FALSE(p.has_value());
    CHECK(p.error().where == c.where);
    CHECK(p.error().message == c.message);
  }
  const auto unknown = profile_from_json(json::parse(R"({"x": 1})"), base, "/t");
  CHECK(unknown.error().hint.find("known keys: base, name, network_ms") == 0);
  CHECK(profile_from_json(json::array(), base, "").error().where == "/");
}

TEST_CASE("sim profile files start from their base and report syntax errors with a position") {
  ttft::test::TempDir dir;
  const auto good = dir / "demo-edge.json";
  std::ofstream(good) << R"({"base": "edge", "time_scale": 0.01})";
  const auto p = ttft::sim::load_profile_file(good.string());
  REQUIRE(p.has_value());
  CHECK(p->name == "demo-edge");
  CHECK(p->time_scale == 0.01);
  CHECK(p->warm.median_ms == builtin_profile("edge")->warm.median_ms);

  const auto bad_syntax = dir / "bad.json";
  std::ofstream(bad_syntax) << "{\n  \"network_ms\": ,\n}";
  const auto syntax = ttft::sim::load_profile_file(bad_syntax.string());
  REQUIRE_FALSE(syntax.has_value());
  CHECK(syntax.error().where == bad_syntax.string() + ":2:17");

  const auto bad_key = dir / "key.json";
  std::ofstream(bad_key) << R"({"base": "edge", "warm": {"sigma": "wide"}})";
  const auto key = ttft::sim::load_profile_file(bad_key.string());
  REQUIRE_FALSE(key.has_value());
  CHECK(key.error().where == bad_key.string() + " | /warm/sigma");

  CHECK_FALSE(ttft::sim::load_profile_file((dir / "missing.json").string()).has_value());
}

TEST_CASE("sim paths per protocol and protocols per path") {
  using ttft::sim::Protocol;
  using ttft::sim::path_for_protocol;
  using ttft::sim::protocol_for_path;
  CHECK(path_for_protocol("openai-chat") == "/v1/chat/completions");
  CHECK(path_for_protocol("workers-ai") == "/ai/run/@cf/meta/llama-3.1-8b-instruct-fast");
  CHECK(path_for_protocol("anthropic") == "/v1/messages");
  CHECK(path_for_protocol("sse") == "/sse");
  CHECK(path_for_protocol("openai-completions") == "/v1/completions");
  CHECK(path_for_protocol("openai-responses") == "/v1/responses");
  CHECK(path_for_protocol("gemini") == "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  CHECK(path_for_protocol("ollama") == "/api/chat");
  CHECK(path_for_protocol("llama-cpp") == "/completion");
  CHECK(path_for_protocol("vercel-ui") == "/api/chat/ui");
  CHECK(path_for_protocol("vercel-data") == "/api/chat/data");
  CHECK(path_for_protocol("text") == "/api/chat/text");
  CHECK(path_for_protocol("auto").empty());
  for (const Protocol protocol : ttft::sim::kAllProtocols) {
    const std::string_view name = ttft::sim::protocol_name(protocol);
    std::string path = path_for_protocol(name);
    path = path.substr(0, path.find('?'));  // the server sees the path without its query
    CHECK(protocol_for_path(path) == protocol);
  }
  CHECK(protocol_for_path("/client/v4/accounts/x/ai/run/@cf/m") == Protocol::kWorkersAi);
  CHECK(protocol_for_path("/v1beta/models/gemini-2.0-pro:streamGenerateContent") == Protocol::kGemini);
  CHECK_FALSE(protocol_for_path("/v1beta/models/:streamGenerateContent").has_value());
  CHECK_FALSE(protocol_for_path("/v1beta/models/gemini-2.5-flash:generateContent").has_value());
  CHECK_FALSE(protocol_for_path("/v1/chat/completions/").has_value());
  CHECK_FALSE(protocol_for_path("/api/chat/other").has_value());
  CHECK_FALSE(protocol_for_path("/").has_value());
}
