// The simulator's non-streaming responses over real HTTP on 127.0.0.1 (docs/simulator.md
// ("Non-streaming responses")): one JSON reply per protocol that has the form, read back by the
// client's own parse_completion, sent at the end of the decode time, and logged without a first event.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "protocol/completion.hpp"
#include "sim_fixture.hpp"

using ttft::test::HttpRequest;
using ttft::test::instant_request;
using ttft::test::perform;
using ttft::test::start_sim;

namespace {

struct Case {
  const char* protocol;
  const char* path;
};

constexpr Case kCases[] = {
    {"openai-chat", "/v1/chat/completions"},
    {"openai-completions", "/v1/completions"},
    {"openai-responses", "/v1/responses"},
    {"anthropic", "/v1/messages"},
    {"workers-ai", "/ai/run/@cf/meta/llama-3.1-8b-instruct-fast"},
    {"gemini", "/v1beta/models/gemini-2.5-flash:generateContent"},
    {"ollama", "/api/chat"},
    {"llama-cpp", "/completion"},
};

HttpRequest whole_request(const std::string& path) {
  HttpRequest request = instant_request(path);
  nlohmann::json body = nlohmann::json::parse(request.body);
  // Gemini's route says it; every other protocol's body.
  if (path.find(":generateContent") == std::string::npos) body["stream"] = false;
  request.body = body.dump();
  return request;
}

}  // namespace

TEST_CASE("sim answers stream false with each protocol's JSON, read back by parse_completion") {
  auto server = start_sim();
  for (const Case& c : kCases) {
    INFO(c.protocol);
    const auto response = perform(server->port(), whole_request(c.path));
    REQUIRE(response.code == CURLE_OK);
    REQUIRE(response.status == 200);
    CHECK(response.header("Content-Type") == "application/json");
    const auto meaning = ttft::protocol::parse_completion(c.protocol, response.body);
    INFO(response.body);
    CHECK_FALSE(meaning.error);
    CHECK_FALSE(meaning.protocol_error);
    CHECK(meaning.text == "Hello, world");
    CHECK(meaning.input_tokens == 6);
    CHECK(meaning.output_tokens == 3);
  }
}

TEST_CASE("sim openai-chat non-streaming body is byte-exact") {
  auto server = start_sim();
  const auto response = perform(server->port(), whole_request("/v1/chat/completions"));
  REQUIRE(response.status == 200);
  CHECK(response.body ==
        R"({"id":"chatcmpl-sim-000001","object":"chat.completion","created":1767225600,"model":"test-model",)"
        R"("choices":[{"index":0,"message":{"role":"assistant","content":"Hello, world"},"logprobs":null,)"
        R"("finish_reason":"stop"}],"usage":{"prompt_tokens":6,"completion_tokens":3,"total_tokens":9,)"
        R"("prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}})");
}

TEST_CASE("sim sends a non-streaming reply whole, after the first-event delay and the decode time") {
  ttft::test::TempDir dir;
  const auto log = dir / "sim.log";
  auto server = start_sim(log.string());
  // 40 ms to the first token, then 4 more tokens 10 ms apart: the stream would end at 80 ms.
  HttpRequest request = whole_request("/v1/chat/completions");
  request.headers = {"x-sim-first-event-ms: 40", "x-sim-tokens: 5", "x-sim-token-interval-ms: 10"};
  const auto response = perform(server->port(), request);
  REQUIRE(response.status == 200);
  const double elapsed_ms = static_cast<double>(response.ended_ns - response.started_ns) / 1e6;
  CHECK(elapsed_ms >= 80);
  server->stop();  // every line is written once its exchange has ended
  const auto records = ttft::test::read_log(log);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["first_event_ns"].is_null());
  CHECK(records[0]["tokens"] == 5);
  CHECK(records[0]["status"] == 200);
  const auto server_ms = static_cast<double>(records[0]["end_ns"].get<std::int64_t>() -
                                             records[0]["received_ns"].get<std::int64_t>()) / 1e6;
  CHECK(server_ms >= 80);
  // The headers leave with the body, at the end.
  const auto headers_ms = static_cast<double>(records[0]["headers_sent_ns"].get<std::int64_t>() -
                                              records[0]["received_ns"].get<std::int64_t>()) / 1e6;
  CHECK(headers_ms >= 80);
}

TEST_CASE("sim protocols without a non-streaming form still stream") {
  auto server = start_sim();
  const auto response = perform(server->port(), whole_request("/sse"));
  REQUIRE(response.status == 200);
  CHECK(response.header("Content-Type") == "text/event-stream");
}
