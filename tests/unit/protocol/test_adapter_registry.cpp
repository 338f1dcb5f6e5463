// The protocol registry: known names, fresh adapters, and the error for an unknown name.
#include <catch2/catch.hpp>

#include "protocol/adapter.hpp"

using namespace ttft::protocol;

TEST_CASE("registry: lists the protocols in --help order and builds each by name") {
  CHECK(protocol_names() ==
        std::vector<std::string>{"openai-chat", "openai-completions", "openai-responses", "anthropic",
                                 "workers-ai", "vercel-ui", "vercel-data", "gemini", "ollama",
                                 "llama-cpp", "text", "sse", "auto"});
  for (const std::string& name : protocol_names()) {
    if (name == kAutoProtocol) continue;  // no adapter of its own (next test)
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
        "vercel-ui, vercel-data, gemini, ollama, llama-cpp, text, sse, auto");
  CHECK_FALSE(make_adapter("").has_value());
  CHECK_FALSE(make_adapter("OpenAI-Chat").has_value());
}

TEST_CASE("registry: auto sends the body the URL's shape names, and has no adapter itself") {
  const auto body_of = [](std::string_view url) { return request_protocol("auto", url); };
  CHECK(body_of("https://api.cloudflare.com/client/v4/accounts/a/ai/run/@cf/meta/llama-3.1-8b") == "workers-ai");
  CHECK(body_of("https://api.anthropic.com/v1/messages") == "anthropic");
  CHECK(body_of("https://gateway.example/proxy/v1/messages?beta=true") == "anthropic");
  CHECK(body_of("https://api.openai.com/v1/chat/completions") == "openai-chat");
  CHECK(body_of("https://my-worker.example.workers.dev/") == "openai-chat");
  CHECK(body_of("https://host/chat?next=/ai/run/x") == "openai-chat");  // the query is no path
  CHECK(body_of("https://host/v1/messages/count") == "openai-chat");
  CHECK(body_of("sim://edge") == "openai-chat");
  // A given protocol is its own body, whatever the URL.
  CHECK(request_protocol("gemini", "https://host/v1/messages") == "gemini");
  const auto adapter = make_adapter("auto");
  REQUIRE_FALSE(adapter.has_value());
  CHECK(adapter.error().message == "protocol \"auto\" has no adapter of its own");
}
