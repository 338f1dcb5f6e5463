// The protocol registry: known names, fresh adapters, and the error for an unknown name.
#include <catch2/catch.hpp>

#include "protocol/adapter.hpp"

using namespace ttft::protocol;

TEST_CASE("registry: lists the protocols in --help order and builds each by name") {
  CHECK(protocol_names() ==
        std::vector<std::string>{"openai-chat", "openai-completions", "openai-responses", "anthropic",
                                 "workers-ai", "vercel-ui", "vercel-data", "gemini", "ollama",
                                 "llama-cpp", "text", "sse"});
  for (const std::string& name : protocol_names()) {
    auto adapter = make_adapter(name);
    REQUIRE(adapter.has_value());
    CHECK((*adapter)->name() == name);
  }
}

TEST_CASE("registry: each protocol's framing is chosen by its adapter") {
  const auto framing = [](std::string_view name) { return make_adapter(name).value()->framing(); };
  CHECK(framing("ollama") == Framing::ndjson);
  CHECK(framing("vercel-data") == Framing::ndjson);
  CHECK(framing("text") == Framing::text);
  for (const char* sse : {"openai-chat", "openai-completions", "openai-responses", "anthropic",
                          "workers-ai", "vercel-ui", "gemini", "llama-cpp", "sse"}) {
    CHECK(framing(sse) == Framing::sse);
  }
}

TEST_CASE("registry: an unknown protocol names the known ones") {
  auto adapter = make_adapter("foo");
  REQUIRE_FALSE(adapter.has_value());
  CHECK(adapter.error().where.empty());
  CHECK(adapter.error().message == "unknown protocol \"foo\"");
  CHECK(adapter.error().hint ==
        "known protocols: openai-chat, openai-completions, openai-responses, anthropic, workers-ai, "
        "vercel-ui, vercel-data, gemini, ollama, llama-cpp, text, sse");
  CHECK_FALSE(make_adapter("").has_value());
  CHECK_FALSE(make_adapter("OpenAI-Chat").has_value());
}
