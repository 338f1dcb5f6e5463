#include <catch2/catch.hpp>

#include "results/manifest.hpp"
#include "support/temp_dir.hpp"

using namespace ttft;

namespace {

results::Manifest sample_manifest() {
  results::Manifest m;
  m.tool_version = "1.2.3";
  m.libcurl_version = "8.0";
  m.run_id = "demo-20260101T000000Z";
  m.command_line = {"ttftbench", "run", "demo.json"};
  m.scenario_path = "demo.json";
  m.scenario_sha256 = "abc123";
  m.scenario_name = "demo";
  m.scenario = nlohmann::ordered_json::parse(R"({
    "name": "demo",
    "targets": {"edge": {"pricing": {"input_usd_per_mtok": 0.15, "output_usd_per_mtok": 0.6}}, "central": {}},
    "phases": [{"name": "cold", "idle": ["1m", "3m"]}, {"name": "warm"}],
    "time_scale": 0.5, "headline": "first_answer"})");
  m.host = "box";
  m.seed = 42;
  m.prompt_cache = "bust";
  m.started_at = "2026-01-01T00:00:00.000Z";
  return m;
}

}  // namespace

TEST_CASE("manifest: what is written reads back, with the facts of its scenario copy") {
  results::Manifest m = sample_manifest();
  m.region = "eu";
  m.ended_at = "2026-01-01T00:01:00.000Z";
  m.client_lateness = results::LatenessSummary{};
  m.client_lateness->send_lag_p99_ms = 1.5;
  const std::string text = results::manifest_to_json(m).dump(2);
  const auto back = results::parse_manifest(text, "manifest.json");
  REQUIRE(back);
  CHECK(back->run_id == m.run_id);
  CHECK(back->command_line == m.command_line);
  CHECK(back->seed == 42);
  CHECK(back->prompt_cache == "bust");
  CHECK(back->region == "eu");
  CHECK(back->shard.empty());
  CHECK(back->ended_at == m.ended_at);
  CHECK_FALSE(back->cut_short());
  REQUIRE(back->client_lateness);
  CHECK(back->client_lateness->send_lag_p99_ms == 1.5);
  CHECK_FALSE(back->client_lateness->busy_max_ms);
  CHECK(back->facts.targets == std::vector<std::string>{"edge", "central"});
  CHECK(back->facts.phases == std::vector<std::string>{"cold", "warm"});
  CHECK(back->facts.pricing.count("edge") == 1);
  CHECK(back->facts.pricing.count("central") == 0);
  CHECK(back->facts.idle_gaps_ns == std::vector<Nanos>{60'000'000'000, 180'000'000'000});
  CHECK(back->facts.time_scale == 0.5);
  CHECK(back->facts.headline == "first_answer");
  CHECK(results::manifest_to_json(*back).dump(2) == text);
}

TEST_CASE("manifest: schema_version comes first and what is unknown is null") {
  const auto j = results::manifest_to_json(sample_manifest());
  CHECK(j.begin().key() == "schema_version");
  CHECK(j["region"].is_null());
  CHECK(j["ended_at"].is_null());
  CHECK(j["client_lateness"].is_null());
  CHECK(j["resumes"] == nlohmann::ordered_json::array());
}

TEST_CASE("manifest: a run that never recorded its end, or was interrupted, was cut short") {
  results::Manifest m = sample_manifest();
  CHECK(m.cut_short());
  m.ended_at = "2026-01-01T00:01:00.000Z";
  CHECK_FALSE(m.cut_short());
  m.interrupted = true;
  CHECK(m.cut_short());
}

TEST_CASE("manifest: a resume keeps the first start, command line and host and lists itself") {
  results::Manifest first = sample_manifest();
  results::Manifest now = sample_manifest();
  now.started_at = "2026-01-02T00:00:00.000Z";
  now.command_line = {"ttftbench", "run", "--resume", "dir"};
  now.host = "other";
  const results::Manifest once = results::continued(first, now);
  CHECK(once.started_at == first.started_at);
  CHECK(once.command_line == first.command_line);
  CHECK(once.host == "box");
  REQUIRE(once.resumes.size() == 1);
  CHECK(once.resumes[0].resumed_at == "2026-01-02T00:00:00.000Z");
  CHECK(once.resumes[0].host == "other");
  const results::Manifest twice = results::continued(once, now);
  CHECK(twice.resumes.size() == 2);
  const auto back = results::parse_manifest(results::manifest_to_json(twice).dump(), "m");
  REQUIRE(back);
  CHECK(back->resumes.size() == 2);
  CHECK(back->resumes[1].command_line == now.command_line);
}

TEST_CASE("manifest: text that is not a manifest is an error naming the file and where") {
  const auto broken = results::parse_manifest("{\n  \"run_id\": ", "dir/manifest.json");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().where.rfind("dir/manifest.json:2:", 0) == 0);
  const auto list = results::parse_manifest("[1, 2]", "dir/manifest.json");
  REQUIRE_FALSE(list);
  CHECK(list.error().where == "dir/manifest.json");
  const auto prices = results::parse_manifest(
      R"({"scenario": {"targets": {"edge": {"pricing": {"input_usd_per_mtok": "free"}}}}})", "m.json");
  REQUIRE_FALSE(prices);
  CHECK(prices.error().where.find("/scenario/targets/edge/pricing") != std::string::npos);
}

TEST_CASE("manifest: written atomically into a folder and read back, no file reads as none") {
  test::TempDir dir;
  const auto none = results::read_manifest(dir.path());
  REQUIRE(none);
  CHECK_FALSE(*none);
  REQUIRE(results::write_manifest(dir.path(), sample_manifest()));
  const auto read = results::read_manifest(dir.path());
  REQUIRE(read);
  REQUIRE(*read);
  CHECK((*read)->scenario_name == "demo");
}

TEST_CASE("manifest: display rows name what was run and leave out what was not recorded") {
  results::Manifest m = sample_manifest();
  auto rows = results::manifest_display_rows(m);
  const auto has = [&](const std::string& label) {
    for (const auto& [l, v] : rows) {
      if (l == label) return true;
    }
    return false;
  };
  CHECK(rows.front() == std::pair<std::string, std::string>{"scenario", "demo"});
  CHECK(has("command line"));
  CHECK_FALSE(has("region"));
  CHECK_FALSE(has("ended (UTC)"));
  m.region = "eu";
  m.resumes.push_back({});
  rows = results::manifest_display_rows(m);
  CHECK(has("region"));
  CHECK(rows.back() == std::pair<std::string, std::string>{"resumed", "1 time(s)"});
}

TEST_CASE("manifest: the scenario copy's SLO, top level and per phase, and a bad one is an error") {
  results::Manifest m = sample_manifest();
  CHECK(results::parse_manifest(results::manifest_to_json(m).dump(), "manifest.json")->facts.slo.empty());
  m.scenario["slo"] = {{"ttft", "200ms"}};
  m.scenario["phases"][1]["slo"] = {{"e2e", "8s"}};
  const auto back = results::parse_manifest(results::manifest_to_json(m).dump(), "manifest.json");
  REQUIRE(back);
  const metrics::SloSpec& slo = back->facts.slo;
  REQUIRE(slo.every_phase);
  CHECK(slo.every_phase->bounds.at(0).metric == "ttft");
  CHECK(slo.for_phase("cold")->bounds.at(0).limit_ns == 200 * kNanosPerMs);
  CHECK(slo.for_phase("warm")->bounds.at(0).metric == "e2e");
  m.scenario["phases"][1]["slo"] = {{"e2e", "soon"}};
  const auto bad = results::parse_manifest(results::manifest_to_json(m).dump(), "manifest.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where == "manifest.json: /scenario/phases/1/slo/e2e");
}

TEST_CASE("lateness: the worst of two records takes each figure's larger, a measured one over none") {
  results::LatenessSummary a, b;
  a.send_lag_p99_ms = 2;
  a.wake_max_ms = 5;
  b.send_lag_p99_ms = 7;
  b.busy_max_ms = 1;
  const auto worst = results::worst_of(a, b);
  CHECK(worst.send_lag_p99_ms == 7);
  CHECK(worst.wake_max_ms == 5);
  CHECK(worst.busy_max_ms == 1);
  CHECK_FALSE(worst.send_lag_p50_ms);
}

TEST_CASE("manifest: a phase with a list of values is a sweep, listed once per value") {
  results::Manifest m = sample_manifest();
  m.scenario["phases"] = nlohmann::ordered_json::parse(R"([
    {"name": "warm", "requests": 5},
    {"name": "ramp", "requests": 40, "concurrency": [1, 2, 4], "slo": {"ttft": "300ms"}},
    {"name": "length", "requests": 20, "concurrency": 1, "input_tokens": [128, 16384]},
    {"name": "paced", "requests": 20, "rate": [0.5, 2]},
    {"name": "shaped", "requests": 20, "input_tokens": {"dist": "fixed", "value": 64}}])");
  const auto back = results::parse_manifest(results::manifest_to_json(m).dump(), "manifest.json");
  REQUIRE(back);
  const results::ScenarioFacts& facts = back->facts;
  CHECK(facts.phases == std::vector<std::string>{"warm", "ramp@1", "ramp@2", "ramp@4", "length@128",
                                                 "length@16384", "paced@0.5", "paced@2", "shaped"});
  REQUIRE(facts.sweeps.size() == 3);
  CHECK(facts.sweeps[0] == results::SweepFacts{"ramp", "concurrency", {1, 2, 4}, {"ramp@1", "ramp@2", "ramp@4"}});
  CHECK(facts.sweeps[1].parameter == "input_tokens");
  CHECK(facts.sweeps[1].values == std::vector<double>{128, 16384});
  CHECK(facts.sweeps[2].parameter == "rate");
  CHECK(facts.sweeps[2].phases == std::vector<std::string>{"paced@0.5", "paced@2"});
  // A sweep phase's own SLO judges the rows of each of its values.
  REQUIRE(facts.slo.for_phase("ramp@4"));
  CHECK(facts.slo.for_phase("ramp@4")->bounds.at(0).limit_ns == 300 * kNanosPerMs);
  CHECK_FALSE(facts.slo.for_phase("ramp"));
  CHECK_FALSE(facts.slo.for_phase("warm"));
}

TEST_CASE("manifest facts: the targets with stream false are the non-streaming ones, in file order") {
  const std::string text = R"({"run_id": "r", "scenario": {"targets": {
    "a": {"protocol": "openai-chat", "stream": false}, "b": {"protocol": "sse"},
    "c": {"protocol": "gemini", "stream": false}, "d": {"protocol": "ollama", "stream": true}}}})";
  const auto manifest = ttft::results::parse_manifest(text, "manifest.json");
  REQUIRE(manifest.has_value());
  CHECK(manifest->facts.non_streaming_targets == std::vector<std::string>{"a", "c"});
}
