// The token event template must give exactly the bytes of serialising each event whole: clients
// and fixtures compare the simulator's streams byte for byte.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"
#include "sim/token_event_template.hpp"

using ttft::sim::kTokenSlot;
using ttft::sim::sse_data;
using ttft::sim::TokenEventTemplate;

namespace {

std::string whole_event(std::string_view token) {
  const nlohmann::ordered_json event{{"id", "x\"1"}, {"delta", {{"content", token}}}, {"n", nullptr}};
  return sse_data(event.dump());
}

}  // namespace

TEST_CASE("a token event template renders the bytes of the whole event serialised") {
  const TokenEventTemplate event(whole_event(kTokenSlot));
  for (const std::string_view token : {"Hello", "", " \"quotes\"", " caf\xC3\xA9", "back\\slash",
                                       "new\nline\ttab", "\x01", "<sim-token-marker>"}) {
    CAPTURE(token);
    CHECK(event.render(token) == whole_event(token));
  }
}

TEST_CASE("every openai-chat token event is one whole event serialised") {
  const ttft::sim::StreamSpec spec{"chatcmpl-sim-000007", "m\"odel", 3, 20, false, 4};
  const auto frames = ttft::sim::openai_chat_stream(spec);
  REQUIRE(frames.size() == 22);  // the role chunk, 20 tokens, the tail
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    const auto& frame = frames[static_cast<std::size_t>(i) + 1];
    REQUIRE(frame.bytes.rfind("data: ", 0) == 0);
    const auto event = nlohmann::ordered_json::parse(frame.bytes.substr(6));
    CHECK(sse_data(event.dump()) == frame.bytes);
    CHECK(event["choices"][0]["delta"]["content"] == ttft::sim::token_text(spec, i));
    CHECK(event["model"] == "m\"odel");
  }
}
