// The simulator's streams byte for byte, per protocol, over real HTTP on 127.0.0.1.
#include <catch2/catch.hpp>

#include "sim_fixture.hpp"

using ttft::test::HttpRequest;
using ttft::test::instant_request;
using ttft::test::perform;
using ttft::test::start_sim;

namespace {

// The chunk prefix every OpenAI event of the first stream of a fresh server carries.
const std::string kOpenAiPrefix =
    R"(data: {"id":"chatcmpl-sim-000001","object":"chat.completion.chunk","created":1767225600,)"
    R"("model":"test-model","system_fingerprint":"fp_ttftsim",)";

std::string openai_content(const std::string& text) {
  return kOpenAiPrefix + R"("choices":[{"index":0,"delta":{"content":")" + text +
         R"("},"logprobs":null,"finish_reason":null}],"usage":null})" + "\n\n";
}

const std::string kOpenAiRole =
    kOpenAiPrefix +
    R"("choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null})"
    "\n\n";

}  // namespace

TEST_CASE("sim openai-chat stream is byte-exact") {
  auto server = start_sim();
  const auto response = perform(server->port(), instant_request("/v1/chat/completions"));
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.status == 200);
  const std::string expected =
      kOpenAiRole + openai_content("Hello") + openai_content(",") + openai_content(" world") +
      kOpenAiPrefix +
      R"("choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null})"
      "\n\n" +
      kOpenAiPrefix +
      R"("choices":[],"usage":{"prompt_tokens":6,"completion_tokens":3,"total_tokens":9}})"
      "\n\n"
      "data: [DONE]\n\n";
  CHECK(response.body == expected);
}

TEST_CASE("sim workers-ai stream is byte-exact") {
  auto server = start_sim();
  const auto response =
      perform(server->port(), instant_request("/client/v4/accounts/abc/ai/run/@cf/meta/llama-3.1-8b-instruct"));
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.status == 200);
  CHECK(response.body ==
        "data: {\"response\":\"Hello\",\"p\":\"a\"}\n\n"
        "data: {\"response\":\",\",\"p\":\"bcdefghi\"}\n\n"
        "data: {\"response\":\" world\",\"p\":\"cdef\"}\n\n"
        "data: {\"response\":\"\",\"usage\":{\"prompt_tokens\":6,\"completion_tokens\":3,\"total_tokens\":9}}\n\n"
        "data: [DONE]\n\n");
}

TEST_CASE("sim anthropic stream is byte-exact") {
  auto server = start_sim();
  const auto response = perform(server->port(), instant_request("/v1/messages"));
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.status == 200);
  const std::string expected =
      "event: message_start\n"
      R"(data: {"type":"message_start","message":{"id":"msg_sim000001","type":"message","role":"assistant",)"
      R"("content":[],"model":"test-model","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":6,)"
      R"("cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}})"
      "\n\n"
      "event: content_block_start\n"
      R"(data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"
      "\n\n"
      "event: ping\n"
      R"(data: {"type": "ping"})"
      "\n\n"
      "event: content_block_delta\n"
      R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}})"
      "\n\n"
      "event: content_block_delta\n"
      R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":","}})"
      "\n\n"
      "event: content_block_delta\n"
      R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" world"}})"
      "\n\n"
      "event: content_block_stop\n"
      R"(data: {"type":"content_block_stop","index":0})"
      "\n\n"
      "event: message_delta\n"
      R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}})"
      "\n\n"
      "event: message_stop\n"
      R"(data: {"type":"message_stop"})"
      "\n\n";
  CHECK(response.body == expected);
}

TEST_CASE("sim generic sse stream is one data line per token and no end marker") {
  auto server = start_sim();
  const auto response = perform(server->port(), instant_request("/sse"));
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.body == "data: Hello\n\ndata: ,\n\ndata:  world\n\n");
}

TEST_CASE("sim streams are chunked text/event-stream with headers before the first event") {
  auto server = start_sim();
  auto request = instant_request("/v1/chat/completions");
  request.headers = {"x-sim-first-event-ms: 150", "x-sim-token-interval-ms: 0", "x-sim-tokens: 1"};
  const auto response = perform(server->port(), request);
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.header("Content-Type") == "text/event-stream");
  CHECK(response.header("Transfer-Encoding") == "chunked");
  CHECK(response.header("Cache-Control") == "no-cache");
  CHECK(response.header("X-Sim-Cold") == "0");  // fast never goes cold
  // The first body byte waits for the first event (≥ 150 ms); a bound, not an exact timing.
  REQUIRE(response.first_byte_ns > 0);
  CHECK(response.first_byte_ns - response.started_ns >= 150 * ttft::kNanosPerMs);
}

TEST_CASE("sim max_tokens caps the tokens and changes the stop reason") {
  auto server = start_sim();
  auto request = instant_request("/v1/messages");
  request.body = R"({"model":"m","max_tokens":2,"messages":[{"role":"user","content":"hi"}]})";
  const auto response = perform(server->port(), request);
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.body.find(R"("text":" world")") == std::string::npos);
  CHECK(response.body.find(R"("stop_reason":"max_tokens")") != std::string::npos);
  CHECK(response.body.find(R"("usage":{"output_tokens":2})") != std::string::npos);
  CHECK(response.body.find(R"("input_tokens":1,)") != std::string::npos);  // "hi" → ceil(2/4)
}

TEST_CASE("sim input tokens count every message part, system and prompt") {
  auto server = start_sim();
  auto request = instant_request("/v1/chat/completions");
  // 8 + 4 + 8 + 4 = 24 characters → 6 tokens.
  request.body =
      R"({"system":"abcdefgh","prompt":"ijkl","messages":[{"role":"user","content":[{"type":"text","text":"mnopqrst"}]},)"
      R"({"role":"assistant","content":"uvwx"}]})";
  const auto response = perform(server->port(), request);
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.body.find(R"("prompt_tokens":6,)") != std::string::npos);
  CHECK(response.body.find(R"("model":"sim-fast")") != std::string::npos);  // no model given
}

TEST_CASE("sim routes: healthz, 404 as JSON, and a fresh id per stream") {
  auto server = start_sim();
  HttpRequest health;
  health.method = "GET";
  health.path = "/healthz";
  const auto ok = perform(server->port(), health);
  CHECK(ok.status == 200);
  CHECK(ok.body == "ok");

  const auto missing = perform(server->port(), instant_request("/v1/nothing"));
  CHECK(missing.status == 404);
  CHECK(missing.header("Content-Type") == "application/json");
  CHECK(missing.body ==
        R"({"error":{"message":"no route for /v1/nothing","type":"invalid_request_error","param":null,"code":null}})");

  const auto first = perform(server->port(), instant_request("/v1/chat/completions"));
  const auto second = perform(server->port(), instant_request("/v1/chat/completions?x=1"));
  CHECK(first.body.find("chatcmpl-sim-000001") != std::string::npos);
  CHECK(second.body.find("chatcmpl-sim-000002") != std::string::npos);
}

TEST_CASE("sim rejects invalid JSON and bad override headers with provider-shaped 400s") {
  auto server = start_sim();
  auto request = instant_request("/v1/messages");
  request.body = "{not json";
  const auto invalid = perform(server->port(), request);
  CHECK(invalid.status == 400);
  CHECK(invalid.body ==
        R"({"type":"error","error":{"type":"invalid_request_error","message":"request body is not valid JSON"},"request_id":"req_sim"})");

  auto bad_header = instant_request("/v1/chat/completions", {"x-sim-fault: meltdown"});
  const auto unknown = perform(server->port(), bad_header);
  CHECK(unknown.status == 400);
  CHECK(unknown.body.find(R"(unknown x-sim-fault \"meltdown\")") != std::string::npos);

  auto bad_number = instant_request("/sse");
  bad_number.headers = {"x-sim-tokens: lots"};
  const auto not_a_number = perform(server->port(), bad_number);
  CHECK(not_a_number.status == 400);
  CHECK(not_a_number.body.find("x-sim-tokens must be a number") != std::string::npos);
}
