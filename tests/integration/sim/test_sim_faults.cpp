// Injected faults over real sockets, seen through libcurl: HTTP errors and redirects, mid-stream
// errors, truncation, resets, stalls and corrupted events. test_sim_faults_raw.cpp has
// the ones that need the raw bytes.
#include <algorithm>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/fault_plan.hpp"
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
  profile.faults[ttft::sim::Fault::kHttp429] = 1.0;
  auto server = start_sim("", profile);
  auto request = instant_request("/v1/chat/completions");
  CHECK(perform(server->port(), request).status == 429);
  request.headers.push_back("x-sim-fault: none");  // a header wins over the rates
  CHECK(perform(server->port(), request).status == 200);
}

TEST_CASE("sim http-529 fault: Anthropic's overloaded error") {
  auto server = start_sim();
  const auto response = perform(server->port(), instant_request("/v1/messages", {"x-sim-fault: http-529"}));
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.status == 529);
  CHECK(response.body.find(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"})") == 0);
}

TEST_CASE("sim wrong-content-type fault: a JSON error body with status 200") {
  auto server = start_sim();
  const auto response =
      perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: wrong-content-type"}));
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.status == 200);
  CHECK(response.header("Content-Type") == "application/json");
  CHECK(response.body.rfind(R"({"error":{"message":)", 0) == 0);
  CHECK(response.body.find("data:") == std::string::npos);
}

TEST_CASE("sim redirect fault: 307 to the same path, which then streams normally") {
  auto server = start_sim();
  auto request = instant_request("/v1/chat/completions", {"x-sim-fault: redirect"});
  const auto redirect = perform(server->port(), request);
  REQUIRE(redirect.code == CURLE_OK);
  CHECK(redirect.status == 307);
  const std::string location = redirect.header("Location");
  CHECK(location == "/v1/chat/completions?x-sim-redirected=1");
  request.path = location;  // as a client following it would, with the same headers
  const auto followed = perform(server->port(), request);
  REQUIRE(followed.code == CURLE_OK);
  CHECK(followed.status == 200);
  CHECK(followed.body.size() > 6);
  CHECK(followed.body.substr(followed.body.size() - 14) == "data: [DONE]\n\n");
}

TEST_CASE("sim close-without-terminator fault: half the tokens, then a clean end without [DONE]") {
  const std::string first_events = openai_first_events();
  auto server = start_sim();
  const auto response =
      perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: close-without-terminator"}));
  CHECK(response.code == CURLE_OK);  // the chunked body ends properly; only the protocol is cut
  CHECK(response.status == 200);
  CHECK(response.body == first_events);
}

TEST_CASE("sim stall-mid-stream fault: half the tokens, silence for the stall, then a close") {
  const std::string first_events = openai_first_events();
  auto server = start_sim();
  const auto response = perform(server->port(), instant_request("/v1/chat/completions",
                                                                {"x-sim-fault: stall-mid-stream", "x-sim-stall-ms: 300"}));
  CHECK(response.code == CURLE_PARTIAL_FILE);
  CHECK(response.body == first_events);
  REQUIRE(response.first_byte_ns > 0);
  // The close is planned 300 ms after the last token, on the server's clock from the request's
  // receipt: measured from the client's start, not from a first byte a busy machine may deliver late.
  CHECK(response.ended_ns - response.started_ns >= 300 * ttft::kNanosPerMs);
  CHECK(response.ended_ns - response.started_ns < 5 * ttft::kNanosPerSecond);
}

TEST_CASE("sim invalid-utf8 fault: the second token's bytes are not UTF-8, the stream is whole") {
  auto server = start_sim();
  const auto response =
      perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: invalid-utf8"}));
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.body.find(R"("content":"Hello")") != std::string::npos);
  CHECK(response.body.find(R"("content":")" + std::string(ttft::sim::kInvalidUtf8Token) + "\"") !=
        std::string::npos);
  CHECK(response.body.find("data: [DONE]\n\n") != std::string::npos);
}

TEST_CASE("sim oversize-event fault: one event over 1 MiB in an otherwise whole stream") {
  auto server = start_sim();
  const auto response =
      perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: oversize-event"}));
  REQUIRE(response.code == CURLE_OK);
  std::size_t largest = 0;
  for (std::size_t start = 0; start < response.body.size();) {
    const std::size_t end = response.body.find("\n\n", start);
    if (end == std::string::npos) break;
    largest = std::max(largest, end - start);
    start = end + 2;
  }
  CHECK(largest > (std::size_t{1} << 20));
  CHECK(response.body.find("data: [DONE]\n\n") != std::string::npos);
}

TEST_CASE("sim garbage fault: the token events carry bytes that are not JSON") {
  auto server = start_sim();
  const auto response = perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: garbage"}));
  REQUIRE(response.code == CURLE_OK);
  CHECK(response.body.find(R"("role":"assistant")") != std::string::npos);  // the role chunk is intact
  CHECK(response.body.find(R"("content":"Hello")") == std::string::npos);
  std::size_t noise_events = 0;
  for (std::size_t start = 0; start < response.body.size();) {
    const std::size_t end = response.body.find("\n\n", start);
    if (end == std::string::npos) break;
    const std::string data = response.body.substr(start + 6, end - start - 6);
    if (data != "[DONE]" && nlohmann::json::parse(data, nullptr, false).is_discarded()) ++noise_events;
    start = end + 2;
  }
  CHECK(noise_events == 3);  // one per token
}

TEST_CASE("sim reset-before-headers fault: a reset and not one response byte") {
  auto server = start_sim();
  const auto response =
      perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: reset-before-headers"}));
  CHECK(response.code == CURLE_RECV_ERROR);
  CHECK(response.status == 0);
  CHECK(response.headers.empty());
  CHECK(perform(server->port(), instant_request("/sse")).code == CURLE_OK);  // still serving
}

TEST_CASE("sim unknown fault: a 400 that lists every fault") {
  auto server = start_sim();
  const auto response = perform(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: explode"}));
  CHECK(response.status == 400);
  CHECK(response.body.find("unknown x-sim-fault \\\"explode\\\"; known: " + ttft::sim::fault_names_list()) !=
        std::string::npos);
}

TEST_CASE("sim profile rates inject the new faults too") {
  auto profile = ttft::sim::builtin_profile("fast").value();
  profile.faults[ttft::sim::Fault::kRedirect] = 1.0;
  auto server = start_sim("", profile);
  const auto redirected = perform(server->port(), instant_request("/v1/chat/completions"));
  CHECK(redirected.status == 307);
  // The redirect's target is never redirected again, even though the rate says always.
  const auto followed = perform(server->port(), instant_request(redirected.header("Location")));
  CHECK(followed.status == 200);
  CHECK(followed.code == CURLE_OK);
}
