// The protocol registry: known names, fresh adapters, and the error for an unknown name.
#include <catch2/catch.hpp>

#include "protocol/adapter.hpp"

using namespace ttft::protocol;

TEST_CASE("registry: lists the protocols in --help order and builds each by name") {
  CHECK(protocol_names() ==
        std::vector<std::string>{"openai-chat", "workers-ai", "anthropic", "sse"});
  for (const std::string& name : protocol_names()) {
    auto adapter = make_adapter(name);
    REQUIRE(adapter.has_value());
    CHECK((*adapter)->name() == name);
    CHECK((*adapter)->framing() == Framing::sse);
  }
}

TEST_CASE("registry: an unknown protocol names the known ones") {
  auto adapter = make_adapter("foo");
  REQUIRE_FALSE(adapter.has_value());
  CHECK(adapter.error().where.empty());
  CHECK(adapter.error().message == "unknown protocol \"foo\"");
  CHECK(adapter.error().hint == "known protocols: openai-chat, workers-ai, anthropic, sse");
  CHECK_FALSE(make_adapter("").has_value());
  CHECK_FALSE(make_adapter("OpenAI-Chat").has_value());
}
