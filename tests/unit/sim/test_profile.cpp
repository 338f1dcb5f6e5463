// Simulator routes: the path each protocol is served at, and back. (Profiles, their overrides
// and profile files are the scenario's: tests/unit/scenario/test_sim_profile.cpp.)
#include <catch2/catch.hpp>

#include "sim/routes.hpp"

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
  // generateContent is Gemini's non-streaming route (docs/simulator.md ("Non-streaming responses")).
  CHECK(protocol_for_path("/v1beta/models/gemini-2.5-flash:generateContent") == Protocol::kGemini);
  CHECK(ttft::sim::is_non_streaming_path("/v1beta/models/gemini-2.5-flash:generateContent"));
  CHECK_FALSE(ttft::sim::is_non_streaming_path("/v1beta/models/gemini-2.5-flash:streamGenerateContent"));
  CHECK_FALSE(protocol_for_path("/v1beta/models/:generateContent").has_value());
  CHECK_FALSE(protocol_for_path("/v1/chat/completions/").has_value());
  CHECK_FALSE(protocol_for_path("/api/chat/other").has_value());
  CHECK_FALSE(protocol_for_path("/").has_value());
}
