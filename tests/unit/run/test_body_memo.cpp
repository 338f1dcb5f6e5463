// The request body memo: a body it tells is byte for byte the one build_request builds without it,
// in every protocol, for requests that differ only in the prompt-cache nonce or not at all; any
// other difference builds the body again.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/adapter.hpp"
#include "run/request_builder.hpp"

using ttft::run::BodyMemo;
using ttft::run::build_request;
using ttft::run::prompt_nonce;
using ttft::run::RequestInput;
using ttft::run::with_prefix;

namespace {

RequestInput input_for(const std::string& protocol, std::int64_t seq) {
  RequestInput input;
  input.url = "http://127.0.0.1:1/v1/chat/completions";
  input.protocol = protocol;
  input.model = "m";
  input.messages = with_prefix({{"system", "Be \"brief\"."}, {"user", "Hi, there"}}, prompt_nonce(7, seq));
  input.max_tokens = 32;
  input.request_id = "r-" + std::to_string(seq);
  return input;
}

std::string body_without_memo(const RequestInput& input) {
  auto spec = build_request(input);
  REQUIRE(spec);
  return spec->body;
}

std::string body_with(BodyMemo& memo, const RequestInput& input) {
  auto spec = build_request(input, &memo);
  REQUIRE(spec);
  return spec->body;
}

}  // namespace

TEST_CASE("in every protocol a body with another nonce is the one built without the memo") {
  for (const std::string& protocol : ttft::protocol::protocol_names()) {
    CAPTURE(protocol);
    BodyMemo memo;
    for (std::int64_t seq = 0; seq < 40; ++seq) {
      const RequestInput input = input_for(protocol, seq);
      CHECK(body_with(memo, input) == body_without_memo(input));
    }
    // After two requests the memo tells the next body, or declines (a body that holds the nonce
    // twice, as vercel-data's content and parts, or not at all): never a wrong one.
    std::string body;
    const RequestInput next = input_for(protocol, 40);
    if (memo.fill(ttft::protocol::request_protocol(protocol, next.url), next, body)) {
      CHECK(body == body_without_memo(next));
    }
  }
}

TEST_CASE("the nonce is spliced into an openai-chat and an anthropic body, not into one that holds it twice") {
  for (const std::string protocol : {"openai-chat", "anthropic", "vercel-data"}) {
    CAPTURE(protocol);
    BodyMemo memo;
    body_with(memo, input_for(protocol, 0));
    body_with(memo, input_for(protocol, 1));
    std::string body;
    CHECK(memo.fill(protocol, input_for(protocol, 2), body) == (protocol != "vercel-data"));
  }
}

TEST_CASE("the same workload again is the kept body, without a nonce too") {
  BodyMemo memo;
  RequestInput input = input_for("openai-chat", 0);
  input.messages = {{"user", "no nonce here"}};
  const std::string first = body_with(memo, input);
  std::string body;
  REQUIRE(memo.fill("openai-chat", input, body));
  CHECK(body == first);
  input.messages.front().content = "no nonce HERE";  // not hex at the start: never spliced
  CHECK_FALSE(memo.fill("openai-chat", input, body));
  CHECK(body_with(memo, input) == body_without_memo(input));
}

TEST_CASE("any difference but the nonce builds the body again") {
  BodyMemo memo;
  body_with(memo, input_for("openai-chat", 0));
  body_with(memo, input_for("openai-chat", 1));
  std::vector<RequestInput> changed(7, input_for("openai-chat", 2));
  changed[0].max_tokens = 33;
  changed[1].model = "other";
  changed[2].messages.back().content = "Bye";
  changed[3].messages.front().role = "user";
  changed[4].messages.front().content += "!";
  changed[5].extra_body = {{"temperature", 0}};
  changed[6].stream = false;
  for (const RequestInput& input : changed) {
    std::string body;
    CHECK_FALSE(memo.fill("openai-chat", input, body));
    CHECK(body_with(memo, input) == body_without_memo(input));
  }
  std::string body;
  CHECK_FALSE(memo.fill("anthropic", input_for("openai-chat", 3), body));  // another protocol's body
}
