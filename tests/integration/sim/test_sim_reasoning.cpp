// The simulator's reasoning phase, prompt-cache usage and error statuses: each protocol's stream
// read back through ttftbench's own adapters (the two must agree), the reasoning timing and the
// body hashes in the request log, x-sim-status and a profile's status_rate.
#include <map>
#include <optional>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/sha256.hpp"
#include "protocol/stream_decoder.hpp"
#include "sim/fault_plan.hpp"
#include "sim/latency.hpp"
#include "sim_fixture.hpp"
#include "support/temp_dir.hpp"

using nlohmann::json;
using ttft::kNanosPerMs;
using ttft::protocol::StreamRecord;
using ttft::test::instant_request;
using ttft::test::kGeminiPath;
using ttft::test::perform;
using ttft::test::read_log;
using ttft::test::start_sim;

namespace {


// 2 reasoning tokens, 3 answer tokens, of the 6 input tokens 4 cached and 1 written.
const std::vector<std::string> kReasoningCache = {"x-sim-reasoning-tokens: 2", "x-sim-cached-tokens: 4",
                                                  "x-sim-cache-write-tokens: 1"};

// The body through the protocol's adapter, one byte per read (byte i at time i).
StreamRecord decode(std::string_view protocol, std::string_view body) {
  auto decoder = ttft::protocol::StreamDecoder::for_protocol(protocol, "http://127.0.0.1/");
  REQUIRE(decoder.has_value());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (!decoder->feed(body.substr(i, 1), static_cast<ttft::Nanos>(i))) break;
  }
  decoder->finish(static_cast<ttft::Nanos>(body.size()));
  return decoder->record();
}


}  // namespace

TEST_CASE("sim reasoning and prompt-cache usage read back through each protocol's adapter") {
  struct Case {
    const char* protocol;
    std::string path;
    std::optional<std::int64_t> reasoning_tokens;  // what the provider's usage says
    std::optional<std::int64_t> cached, written;
  };
  const Case cases[] = {
      {"openai-chat", "/v1/chat/completions", 2, 4, std::nullopt},
      {"openai-responses", "/v1/responses", 2, 4, 1},
      {"anthropic", "/v1/messages", std::nullopt, 4, 1},
      {"gemini", kGeminiPath, 2, 4, std::nullopt},
      {"ollama", "/api/chat", std::nullopt, std::nullopt, std::nullopt},
      {"vercel-ui", "/api/chat/ui", std::nullopt, std::nullopt, std::nullopt},
      {"vercel-data", "/api/chat/data", std::nullopt, std::nullopt, std::nullopt},
  };
  auto server = start_sim();
  for (const Case& c : cases) {
    INFO(c.protocol);
    const auto response = perform(server->port(), instant_request(c.path, kReasoningCache));
    REQUIRE(response.status == 200);
    const StreamRecord record = decode(c.protocol, response.body);
    CHECK_FALSE(record.stream_error);
    CHECK_FALSE(record.protocol_error);
    CHECK((record.terminated || std::string(c.protocol) == "gemini"));  // Gemini ends at EOF
    REQUIRE(record.first_token_ns);
    CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
    REQUIRE(record.first_answer_ns);
    CHECK(*record.first_token_ns < *record.first_answer_ns);
    CHECK(record.content_events == 5);  // 2 reasoning + 3 answer tokens
    CHECK(record.reasoning_tokens == c.reasoning_tokens);
    CHECK(record.cached_input_tokens == c.cached);
    CHECK(record.cache_write_tokens == c.written);
    if (std::string(c.protocol) != "vercel-ui") {  // the UI stream has no usage
      CHECK(record.input_tokens == 6);   // the whole prompt, cached part included
      CHECK(record.output_tokens == 5);  // reasoning included
    }
    // Without the headers the stream is the plain one: no reasoning, no cache fields.
    const auto plain = perform(server->port(), instant_request(c.path));
    const StreamRecord plain_record = decode(c.protocol, plain.body);
    CHECK(plain_record.first_token_kind == ttft::protocol::TokenKind::text);
    CHECK(plain_record.first_answer_ns == plain_record.first_token_ns);
    CHECK_FALSE(plain_record.reasoning_tokens.value_or(0));
  }
}

TEST_CASE("sim protocols without reasoning ignore x-sim-reasoning-tokens") {
  auto server = start_sim();
  for (const char* path : {"/v1/completions", "/completion", "/api/chat/text"}) {
    INFO(path);
    const auto response = perform(server->port(), instant_request(path, {"x-sim-reasoning-tokens: 4"}));
    CHECK(response.status == 200);
    CHECK(response.body.find("Let") == std::string::npos);
  }
}

TEST_CASE("sim reasoning lasts x-sim-reasoning-ms from the first reasoning delta to the answer") {
  ttft::test::TempDir dir;
  const auto log_path = dir / "sim.jsonl";
  auto server = start_sim(log_path.string());
  const auto response = perform(
      server->port(), instant_request("/v1/messages", {"x-sim-reasoning-tokens: 3", "x-sim-reasoning-ms: 150",
                                                        "X-Request-Id: reasoning-1"}));
  REQUIRE(response.status == 200);
  const auto only_ms = perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-reasoning-ms: 40"}));
  REQUIRE(only_ms.status == 200);
  server->stop();
  const auto records = read_log(log_path);
  REQUIRE(records.size() == 2);
  const json& line = records[0];
  CHECK(line["request_id"] == "reasoning-1");
  CHECK(line["reasoning_tokens"] == 3);
  CHECK(line["tokens"] == 3);
  const auto first_event = line["first_event_ns"].get<std::int64_t>();
  const auto first_token = line["first_token_ns"].get<std::int64_t>();
  const auto first_answer = line["first_answer_ns"].get<std::int64_t>();
  CHECK(first_event <= first_token);
  // Deadlines are absolute: the answer leaves 150 ms after the first reasoning delta's deadline,
  // never before; the upper bound only guards against gross errors on a loaded machine.
  CHECK(first_answer - first_token >= 140 * kNanosPerMs);
  CHECK(first_answer - first_token < 400 * kNanosPerMs);
  // x-sim-reasoning-ms alone: one reasoning token lasting that long.
  CHECK(records[1]["reasoning_tokens"] == 1);
  CHECK(records[1]["first_answer_ns"].get<std::int64_t>() - records[1]["first_token_ns"].get<std::int64_t>() >=
        30 * kNanosPerMs);
}

TEST_CASE("sim plans: reasoning slots share x-sim-reasoning-ms, the other slots one interval each") {
  const auto profile = ttft::sim::builtin_profile("fast").value();
  ttft::sim::Rng rng(1);
  ttft::sim::PlanInput input;
  input.protocol = ttft::sim::Protocol::kOpenAiChat;
  input.overrides.first_event_ms = 100;
  input.overrides.token_interval_ms = 10;
  input.overrides.tokens = 2;
  input.overrides.reasoning_tokens = 4;
  input.overrides.reasoning_ms = 80;
  const auto plan = ttft::sim::make_stream_plan(input, profile, rng);
  // role (slot 0), reasoning (1..4), answer (5..6), tail (6).
  REQUIRE(plan.frames.size() == 8);
  CHECK(plan.frames[1].kind == ttft::sim::FrameKind::kReasoning);
  CHECK(plan.frames[1].slot == 1);
  CHECK(plan.frames[5].kind == ttft::sim::FrameKind::kContent);
  CHECK(plan.frames[5].slot == 5);
  const auto at_ms = [&plan](std::size_t slot) { return plan.slot_offsets_ns.at(slot) / kNanosPerMs; };
  CHECK(at_ms(0) == 100);
  CHECK(at_ms(1) == 110);        // the first reasoning delta: one decode interval
  CHECK(at_ms(5) == 110 + 80);   // the first answer token: the reasoning time later
  CHECK(at_ms(6) == 110 + 80 + 10);
  CHECK(plan.spec.reasoning_tokens == 4);
}

TEST_CASE("sim cached and written tokens never exceed the prompt") {
  const auto profile = ttft::sim::builtin_profile("fast").value();
  ttft::sim::Rng rng(1);
  ttft::sim::PlanInput input;
  input.protocol = ttft::sim::Protocol::kAnthropic;
  input.body.input_chars = 40;  // 10 input tokens
  input.overrides.cached_tokens = 8;
  input.overrides.cache_write_tokens = 5;
  const auto plan = ttft::sim::make_stream_plan(input, profile, rng);
  CHECK(plan.spec.input_tokens == 10);
  CHECK(plan.spec.cached_input_tokens == 8);
  CHECK(plan.spec.cache_write_tokens == 2);
  CHECK(plan.frames.front().bytes.find(R"("input_tokens":0,"cache_creation_input_tokens":2,)"
                                       R"("cache_read_input_tokens":8)") != std::string::npos);
}

TEST_CASE("sim x-sim-status answers with that status and the provider's error body") {
  auto server = start_sim();
  const auto teapot = perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-status: 418"}));
  CHECK(teapot.status == 418);
  CHECK(teapot.header("Content-Type") == "application/json");
  CHECK(teapot.body ==
        R"({"error":{"message":"Simulated HTTP 418 error","type":"invalid_request_error","param":null,"code":null}})");
  const auto limited = perform(server->port(), instant_request("/v1/messages", {"x-sim-status: 429"}));
  CHECK(limited.status == 429);
  CHECK(limited.header("Retry-After") == "7");
  CHECK(limited.body ==
        R"({"type":"error","error":{"type":"rate_limit_error","message":"Rate limit reached for requests"},)"
        R"("request_id":"req_sim"})");
  // The status wins over a fault header.
  CHECK(perform(server->port(), instant_request("/api/chat", {"x-sim-status: 503", "x-sim-fault: stall"})).status ==
        503);
  for (const char* bad : {"x-sim-status: 200", "x-sim-status: 600", "x-sim-status: 4.5", "x-sim-status: x"}) {
    INFO(bad);
    CHECK(perform(server->port(), instant_request("/v1/chat/completions", {bad})).status == 400);
  }
}

TEST_CASE("sim profile status_rate draws error statuses, one draw shared with the faults") {
  auto profile = ttft::sim::builtin_profile("fast").value();
  profile.status_rates = {{503, 1.0}};
  auto server = start_sim("", profile);
  CHECK(perform(server->port(), instant_request("/v1/chat/completions")).status == 503);
  // x-sim-fault: none turns the profile's failures off for one request.
  CHECK(perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: none"})).status == 200);

  ttft::sim::Faults faults;
  faults[ttft::sim::Fault::kHttp500] = 0.25;
  const std::vector<std::pair<int, double>> statuses = {{429, 0.25}, {529, 0.25}};
  ttft::sim::Rng rng(7);
  std::map<std::string, int> counts;
  for (int i = 0; i < 20000; ++i) {
    const auto drawn = ttft::sim::draw_failure(faults, statuses, rng);
    ++counts[drawn.status ? std::to_string(*drawn.status) : std::string(ttft::sim::fault_name(drawn.fault))];
  }
  for (const char* key : {"http-500", "429", "529", ""}) {
    INFO(key);
    CHECK(counts[key] > 4500);
    CHECK(counts[key] < 5500);
  }
  // Without any rate there is no draw at all, so the random sequence is untouched.
  ttft::sim::Rng untouched(3), reference(3);
  (void)ttft::sim::draw_failure(ttft::sim::Faults{}, {}, untouched);
  CHECK(untouched() == reference());
}

TEST_CASE("sim log: the body's and the prompt head's hashes, the system prompt first") {
  ttft::test::TempDir dir;
  const auto log_path = dir / "sim.jsonl";
  auto server = start_sim(log_path.string());
  const auto body = [](const std::string& system, const std::string& user) {
    return json{{"model", "m"},
                {"system", system},
                {"messages", json::array({{{"role", "user"}, {"content", user}}})}}
        .dump();
  };
  auto request = instant_request("/v1/messages");
  for (const auto& [system, user] : std::vector<std::pair<std::string, std::string>>{
           {"0123456789abcdef and more", "hello"},    // 1
           {"0123456789abcdef and more", "goodbye"},  // 2: another body, the same head
           {"0123456789abcdef and more", "hello"},    // 3: the same body as 1
           {"x123456789abcdef and more", "hello"}}) {  // 4: another head
    request.body = body(system, user);
    REQUIRE(perform(server->port(), request).status == 200);
  }
  server->stop();
  const auto records = read_log(log_path);
  REQUIRE(records.size() == 4);
  const auto hash = [&records](std::size_t i, const char* key) { return records[i][key].get<std::string>(); };
  CHECK(hash(0, "body_sha256").size() == 64);
  CHECK(hash(0, "body_sha256") != hash(1, "body_sha256"));
  CHECK(hash(0, "body_sha256") == hash(2, "body_sha256"));
  CHECK(hash(0, "prompt_head_sha256") == hash(1, "prompt_head_sha256"));
  CHECK(hash(0, "prompt_head_sha256") != hash(3, "prompt_head_sha256"));
  // The head is the system prompt's first 16 bytes, whatever the messages hold.
  CHECK(hash(0, "prompt_head_sha256") == ttft::sha256_hex("0123456789abcdef"));
}
