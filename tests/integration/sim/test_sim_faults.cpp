// Injected faults over real sockets: HTTP errors, mid-stream errors, truncation, reset, stall.
#include <catch2/catch.hpp>

#include "sim_fixture.hpp"

using ttft::test::instant_request;
using ttft::test::perform;
using ttft::test::start_sim;

namespace {

// The role chunk and first token of the first OpenAI stream of a fresh server, as one string.
std::string openai_first_events() {
  auto server = start_sim();
  const auto full = perform(server->port(), instant_request("/v1/chat/completions"));
  const std::size_t second_event = full.body.find("\n\n", full.body.find("\n\n") + 2) + 2;
  return full.body.substr(0, second_event);
}

}  // namespace

TEST_CASE("sim http-429 fault: provider JSON body and Retry-After") {
  auto server = start_sim();
  const auto response =
      perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: http-429"}));
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.status == 429);
  CHECK(response.header("Retry-After") == "7");
  CHECK(response.header("Content-Type") == "application/json");
  CHECK(response.body ==
        R"({"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}})");
}

TEST_CASE("sim http-500 and http-503 faults use each provider's error shape") {
  auto server = start_sim();
  const auto openai =
      perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: http-500"}));
  CHECK(openai.status == 500);
  CHECK(openai.body.find(R"("type":"server_error")") != std::string::npos);
  const auto anthropic = perform(server->port(), instant_request("/v1/messages", {"x-sim-fault: http-503"}));
  CHECK(anthropic.status == 503);
  CHECK(anthropic.body.find(R"({"type":"error","error":{"type":"overloaded_error",)") == 0);
  const auto workers = perform(server->port(), instant_request("/ai/run/@cf/x", {"x-sim-fault: http-429"}));
  CHECK(workers.status == 429);
  CHECK(workers.body.find(R"({"result":null,"success":false,"errors":[{"code":3040,)") == 0);
}

TEST_CASE("sim stream-error fault: half the tokens, the provider's error event, a clean end") {
  auto server = start_sim();
  const auto openai =
      perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: stream-error"}));
  REQUIRE(openai.code == CURLE_OK);
  CHECK(openai.status == 200);
  const std::string expected_tail =
      "data: {\"error\":{\"message\":\"The server had an error while processing your request.\","
      "\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n";
  CHECK(openai.body.substr(openai.body.size() - expected_tail.size()) == expected_tail);
  CHECK(openai.body.find(R"("content":"Hello")") != std::string::npos);
  CHECK(openai.body.find(R"("content":",")") == std::string::npos);  // token 2 of 3 never sent
  CHECK(openai.body.find("[DONE]") == std::string::npos);

  const auto anthropic =
      perform(server->port(), instant_request("/v1/messages", {"x-sim-fault: stream-error"}));
  REQUIRE(anthropic.code == CURLE_OK);
  const std::string anthropic_tail =
      "event: error\n"
      R"(data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"
      "\n\n";
  CHECK(anthropic.body.substr(anthropic.body.size() - anthropic_tail.size()) == anthropic_tail);
  CHECK(anthropic.body.find("message_stop") == std::string::npos);
}

TEST_CASE("sim truncate fault: the connection closes after half the tokens, no end marker") {
  const std::string first_events = openai_first_events();
  auto server = start_sim();
  const auto response =
      perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: truncate"}));
  CHECK(response.code == CURLE_PARTIAL_FILE);  // a clean EOF, but the chunked body never ended
  CHECK(response.status == 200);
  CHECK(response.body == first_events);
}

TEST_CASE("sim reset fault: the connection is reset after half the tokens") {
  const std::string first_events = openai_first_events();
  auto server = start_sim();
  const auto response =
      perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: reset"}));
  CHECK(response.code == CURLE_RECV_ERROR);  // "Connection reset by peer", not an EOF
  // A reset may discard what was in flight, so only a prefix of the first events is certain.
  CHECK(first_events.rfind(response.body, 0) == 0);
}

TEST_CASE("sim stall fault: headers, then nothing until the stall closes the connection") {
  auto server = start_sim();
  auto request = instant_request("/v1/chat/completions", {"x-sim-fault: stall", "x-sim-stall-ms: 300"});
  const auto response = perform(server->port(), request);
  CHECK(response.code != CURLE_OK);
  CHECK(response.status == 200);
  CHECK(response.body.empty());
  const auto elapsed_ns = response.ended_ns - response.started_ns;
  CHECK(elapsed_ns >= 300 * ttft::kNanosPerMs);
  CHECK(elapsed_ns < 5 * ttft::kNanosPerSecond);
  // The server is still healthy afterwards.
  CHECK(perform(server->port(), instant_request("/sse")).code == CURLE_OK);
}

TEST_CASE("sim profile fault rates inject faults without headers") {
  auto profile = ttft::sim::builtin_profile("fast").value();
  profile.faults.http_429 = 1.0;
  auto server = start_sim("", profile);
  auto request = instant_request("/v1/chat/completions");
  CHECK(perform(server->port(), request).status == 429);
  request.headers.push_back("x-sim-fault: none");  // a header wins over the rates
  CHECK(perform(server->port(), request).status == 200);
}
