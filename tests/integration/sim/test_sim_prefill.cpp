// Prefill through every protocol: the body ttftbench's own adapter builds is read back by the
// simulator as the same input tokens, and the first event comes network_ms +
// prefill_ms_per_input_token × those tokens after receipt, whatever the protocol.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "protocol/adapter.hpp"
#include "sim/plan.hpp"
#include "sim_fixture.hpp"
#include "support/temp_dir.hpp"

using nlohmann::json;
using ttft::kNanosPerMs;
using ttft::test::HttpRequest;
using ttft::test::read_log;
using ttft::test::start_sim;

namespace {

// A system prompt and a user message of 400 bytes each: 800 bytes, 200 input tokens.
ttft::protocol::Workload long_prompt() {
  ttft::protocol::Workload workload;
  workload.model = "m";
  workload.messages = {{"system", std::string(400, 's')}, {"user", std::string(396, 'u') + "é€"}};
  workload.max_tokens = 1;
  return workload;
}

std::string body_for(std::string_view protocol) {
  auto adapter = ttft::protocol::make_adapter(protocol);
  REQUIRE(adapter.has_value());
  return (*adapter)->build_body(long_prompt());
}

}  // namespace

TEST_CASE("sim reads every protocol's body as the same input tokens") {
  for (const auto protocol : ttft::sim::kAllProtocols) {
    const std::string_view name = ttft::sim::protocol_name(protocol);
    INFO(name);
    const auto body = ttft::sim::parse_request_body(body_for(name));
    REQUIRE(body.has_value());
    const json sent = json::parse(body_for(name));
    if (sent.contains("prompt")) {
      // Completions and llama.cpp's native endpoint take one prompt string: the messages joined.
      const auto prompt = sent["prompt"].get<std::string>();
      CHECK(prompt.size() > 801);
      CHECK(body->input_chars == static_cast<std::int64_t>(prompt.size()));
    } else {
      CHECK(body->input_chars == 801);  // "é€" is 5 bytes where 4 'u' would be 4
    }
  }
}

TEST_CASE("sim prefill adds prefill_ms_per_input_token per input token to every protocol's first event") {
  ttft::test::TempDir dir;
  auto profile = ttft::sim::builtin_profile("fast").value();
  profile.network_ms = 20;
  profile.prefill_ms_per_input_token = 0.5;
  profile.warm = {0, 0};
  auto server = start_sim((dir / "log.jsonl").string(), profile);
  std::vector<HttpRequest> requests;
  for (const auto protocol : ttft::sim::kAllProtocols) {
    const std::string_view name = ttft::sim::protocol_name(protocol);
    HttpRequest request;
    request.path = ttft::sim::path_for_protocol(name);
    request.body = body_for(name);
    request.headers = {"Content-Type: application/json", "x-sim-tokens: 1", "X-Request-Id: " + std::string(name)};
    requests.push_back(request);
  }
  const auto responses = ttft::test::perform_all(server->port(), requests);
  server->stop();
  for (const auto& response : responses) CHECK(response.code == CURLE_OK);
  const auto records = read_log(dir / "log.jsonl");
  REQUIRE(records.size() == requests.size());
  for (const json& line : records) {
    INFO(line.dump());
    const auto body = ttft::sim::parse_request_body(body_for(line["request_id"].get<std::string>()));
    REQUIRE(body.has_value());
    const auto input_tokens = ttft::sim::input_tokens_for_chars(body->input_chars);
    CHECK(input_tokens >= 201);  // ceil(801 / 4), or more with a joined prompt
    const double expected_ms = 20 + 0.5 * static_cast<double>(input_tokens);
    const double first_ms =
        static_cast<double>(line["first_event_ns"].get<ttft::Nanos>() - line["received_ns"].get<ttft::Nanos>()) / 1e6;
    CHECK(first_ms >= expected_ms - 0.01);  // events never leave before their deadline
    CHECK(first_ms < expected_ms + 30);
  }
}
