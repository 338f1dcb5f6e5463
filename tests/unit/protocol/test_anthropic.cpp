// The anthropic adapter: Messages body with the system prompt lifted out, event reading, and
// fixture streams at every split point (docs/protocols.md ("anthropic")).
#include <catch2/catch.hpp>

#include "protocol/anthropic.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

EventMeaning read_anthropic(AnthropicAdapter& adapter, std::string_view type, std::string_view data) {
  return adapter.interpret(Event{type, data});
}

}  // namespace

TEST_CASE("anthropic: system messages become the top-level system field") {
  Workload workload;
  workload.model = "claude-haiku-4-5";
  workload.messages = {{"system", "A"}, {"user", "Hi"}, {"system", "B"}};
  workload.max_tokens = 64;
  AnthropicAdapter adapter;
  CHECK(adapter.build_body(workload) ==
        R"({"model":"claude-haiku-4-5","max_tokens":64,"stream":true,)"
        R"("messages":[{"role":"user","content":"Hi"}],"system":"A\n\nB"})");
  workload.messages = {{"user", "Hi"}};
  workload.extra_body = {{"temperature", 0}};
  CHECK(adapter.build_body(workload) ==
        R"({"model":"claude-haiku-4-5","max_tokens":64,"stream":true,)"
        R"("messages":[{"role":"user","content":"Hi"}],"temperature":0})");
}

TEST_CASE("anthropic: requests carry the anthropic-version header") {
  using Headers = std::vector<std::pair<std::string, std::string>>;
  CHECK(AnthropicAdapter().default_headers() == Headers{{"anthropic-version", "2023-06-01"}});
}

TEST_CASE("anthropic: only text_delta is text, thinking_delta is reasoning") {
  AnthropicAdapter adapter;
  CHECK(
      read_anthropic(adapter, "content_block_delta",
           R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})")
          .text == "Hi");
  const auto thinking =
      read_anthropic(adapter, "content_block_delta",
           R"({"type":"content_block_delta","delta":{"type":"thinking_delta","thinking":"Hm"}})");
  CHECK(thinking.reasoning == "Hm");
  CHECK(thinking.text.empty());
  for (const char* other :
       {R"({"type":"content_block_delta","delta":{"type":"signature_delta","signature":"x"}})",
        R"({"type":"content_block_delta","delta":{"type":"input_json_delta","partial_json":"{"}})",
        R"({"type":"content_block_start","content_block":{"type":"text","text":"x"}})",
        R"({"type": "ping"})"}) {
    const auto meaning = read_anthropic(adapter, "content_block_delta", other);
    CHECK(meaning.text.empty());
    CHECK(meaning.reasoning.empty());
  }
}

TEST_CASE("anthropic: message_start gives input tokens, never its placeholder output") {
  AnthropicAdapter adapter;
  const auto start =
      read_anthropic(adapter, "message_start",
           R"({"type":"message_start","message":{"usage":{"input_tokens":14,)"
           R"("cache_creation_input_tokens":3,"cache_read_input_tokens":100,"output_tokens":1}}})");
  CHECK(start.input_tokens == 117);  // the whole prompt: base input + cache writes + cache reads
  CHECK(start.cached_input_tokens == 100);
  CHECK(start.cache_write_tokens == 3);
  CHECK_FALSE(start.output_tokens);
  const auto delta =
      read_anthropic(adapter, "message_delta", R"({"type":"message_delta","usage":{"output_tokens":6}})");
  CHECK(delta.output_tokens == 6);
  CHECK_FALSE(delta.input_tokens);
  // A repeated input count replaces its own counter; the cache counters are kept.
  const auto repeated =
      read_anthropic(adapter, "message_delta",
           R"({"type":"message_delta","usage":{"input_tokens":20,"output_tokens":9}})");
  CHECK(repeated.input_tokens == 123);
  CHECK(repeated.cached_input_tokens == 100);
  CHECK(repeated.cache_write_tokens == 3);
  CHECK(repeated.output_tokens == 9);
  // Without any cache counter the provider did not say: not zero, absent.
  AnthropicAdapter older;
  const auto plain = read_anthropic(older, "message_start",
                                    R"({"type":"message_start","message":{"usage":{"input_tokens":14}}})");
  CHECK(plain.input_tokens == 14);
  CHECK_FALSE(plain.cached_input_tokens);
  CHECK_FALSE(plain.cache_write_tokens);
}

TEST_CASE("anthropic: error events are stream errors, message_stop ends the stream") {
  AnthropicAdapter adapter;
  CHECK(read_anthropic(adapter, "error",
             R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
            .error == "overloaded_error: Overloaded");
  CHECK(read_anthropic(adapter, "message", R"({"type":"error","error":{"message":"bad"}})").error == "bad");
  CHECK(read_anthropic(adapter, "error", "upstream gone").error == "upstream gone");
  CHECK(read_anthropic(adapter, "message_stop", R"({"type":"message_stop"})").end_of_stream);
  // Without "type" in the JSON, the event name decides.
  CHECK(read_anthropic(adapter, "message_stop", "{}").end_of_stream);
  CHECK(read_anthropic(adapter, "message_start", "nope").protocol_error == "event is not JSON: nope");
}

TEST_CASE("anthropic: the documented stream at every split point") {
  for (const char* name : {"anthropic/basic.sse", "anthropic/basic_crlf.sse"}) {
    INFO(name);
    const std::string bytes = load_stream(name);
    const std::string_view eol =
        std::string_view(name).find("crlf") != std::string_view::npos ? "\r\n" : "\n";
    const StreamRecord record = decode_bytewise("anthropic", bytes);
    // message_start, content_block_start and ping are events but not tokens.
    CHECK(record.first_event_ns == blank_line_offset(bytes, 1, eol));
    CHECK(record.first_token_ns == blank_line_offset(bytes, 4, eol));
    CHECK(record.last_token_ns == blank_line_offset(bytes, 5, eol));
    CHECK(record.end_ns == blank_line_offset(bytes, 8, eol));
    CHECK(record.events == 8);
    CHECK(record.content_events == 2);
    CHECK(record.text_bytes == 12);
    CHECK(record.input_tokens == 14);
    CHECK(record.output_tokens == 6);
    CHECK(record.terminated);
    check_every_split("anthropic", bytes);
  }
}

TEST_CASE("anthropic: an overload mid-stream ends the sample with a stream error") {
  const std::string bytes = load_stream("anthropic/overloaded.sse");
  const StreamRecord record = decode_bytewise("anthropic", bytes);
  CHECK(record.stream_error == "overloaded_error: Overloaded");
  CHECK(record.events == 4);
  CHECK(record.content_events == 1);
  CHECK(record.input_tokens == 14);
  CHECK_FALSE(record.terminated);
  check_every_split("anthropic", bytes);
}

TEST_CASE("anthropic: thinking first, cache counters, cumulative output") {
  const std::string bytes = load_stream("anthropic/thinking_cache.sse");
  const StreamRecord record = decode_bytewise("anthropic", bytes);
  CHECK(record.first_token_ns == blank_line_offset(bytes, 3));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 7));  // "Yes."
  CHECK(record.cached_input_tokens == 1000);
  CHECK(record.cache_write_tokens == 100);
  CHECK_FALSE(record.reasoning_tokens);  // Anthropic's usage does not split thinking out
  CHECK(record.content_events == 2);  // the signature_delta is not content
  CHECK(record.events == 11);
  CHECK(record.input_tokens == 1112);
  CHECK(record.output_tokens == 7);
  CHECK(record.terminated);
  check_every_split("anthropic", bytes);
}

TEST_CASE("anthropic: a tool_use block and its input_json_delta are a tool call") {
  AnthropicAdapter adapter;
  CHECK(read_anthropic(adapter, "content_block_start",
                       R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t","name":"f"}})")
            .tool_call);
  CHECK(read_anthropic(adapter, "content_block_start",
                       R"({"type":"content_block_start","content_block":{"type":"server_tool_use"}})")
            .tool_call);
  CHECK_FALSE(read_anthropic(adapter, "content_block_start",
                             R"({"type":"content_block_start","content_block":{"type":"text","text":""}})")
                  .tool_call);
  const auto json_delta = read_anthropic(
      adapter, "content_block_delta",
      R"({"type":"content_block_delta","delta":{"type":"input_json_delta","partial_json":"{\"a\""}})");
  CHECK(json_delta.tool_call);
  CHECK(json_delta.text.empty());
}

TEST_CASE("anthropic: thinking, then a tool call, at every split point") {
  const std::string bytes = load_stream("anthropic/thinking_tool_use.sse");
  const StreamRecord record = decode_bytewise("anthropic", bytes);
  CHECK(record.first_token_ns == blank_line_offset(bytes, 3));  // thinking
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 5));  // the tool_use block starts
  CHECK(record.content_events == 1);
  CHECK(record.input_tokens == 4320);
  CHECK(record.cached_input_tokens == 4000);
  CHECK(record.cache_write_tokens == 300);
  CHECK(record.output_tokens == 40);
  CHECK(record.terminated);
  check_every_split("anthropic", bytes);
}
