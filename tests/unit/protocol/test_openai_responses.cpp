// The openai-responses adapter: input body, typed events, reasoning deltas, usage in the
// terminal event, both error shapes and response.failed (docs/protocols.md ("openai-responses")).
#include <catch2/catch.hpp>

#include "protocol/openai_responses.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

EventMeaning read_response(std::string_view type, std::string_view data) {
  OpenAiResponsesAdapter adapter;
  return adapter.interpret(Event{type, data});
}

}  // namespace

TEST_CASE("openai-responses: the body sends the messages as input with max_output_tokens") {
  Workload workload;
  workload.model = "gpt-4o-mini";
  workload.messages = {{"system", "Be brief."}, {"user", "Hi"}};
  workload.max_tokens = 64;
  CHECK(OpenAiResponsesAdapter().build_body(workload) ==
        R"({"model":"gpt-4o-mini","input":[{"role":"system","content":"Be brief."},)"
        R"({"role":"user","content":"Hi"}],"max_output_tokens":64,"stream":true})");
}

TEST_CASE("openai-responses: output_text deltas are text, reasoning deltas are reasoning") {
  CHECK(read_response("response.output_text.delta", R"({"type":"response.output_text.delta","delta":"Hi"})")
            .text == "Hi");
  // The JSON's type decides; the event name is the fallback.
  CHECK(read_response("message", R"({"type":"response.output_text.delta","delta":"Hi"})").text == "Hi");
  CHECK(read_response("response.output_text.delta", R"({"delta":"Hi"})").text == "Hi");
  for (const char* type : {"response.reasoning_summary_text.delta", "response.reasoning_text.delta"}) {
    const auto reasoning = read_response(type, std::string(R"({"type":")") + type + R"(","delta":"Hm"})");
    CHECK(reasoning.reasoning == "Hm");
    CHECK(reasoning.text.empty());
  }
  const auto done = read_response("response.output_text.done", R"({"type":"response.output_text.done","text":"Hi"})");
  CHECK(done.text.empty());
  CHECK_FALSE(done.end_of_stream);
}

TEST_CASE("openai-responses: completed and incomplete end the stream with their usage") {
  for (const char* type : {"response.completed", "response.incomplete"}) {
    const auto end = read_response(type, std::string(R"({"type":")") + type +
                                    R"(","response":{"usage":{"input_tokens":11,"output_tokens":3}}})");
    CHECK(end.end_of_stream);
    CHECK(end.input_tokens == 11);
    CHECK(end.output_tokens == 3);
  }
  const auto created = read_response("response.created", R"({"type":"response.created","response":{"usage":null}})");
  CHECK_FALSE(created.output_tokens);
  CHECK_FALSE(created.end_of_stream);
}

TEST_CASE("openai-responses: both error shapes, response.failed, and non-JSON") {
  CHECK(read_response("error", R"({"type":"error","code":"server_error","message":"boom","param":null})").error ==
        "server_error: boom");
  CHECK(read_response("error", R"({"type":"error","error":{"type":"insufficient_quota","code":null,"message":"quota"}})")
            .error == "insufficient_quota: quota");
  CHECK(read_response("error", R"({"type":"error","message":"bare"})").error == "bare");
  CHECK(read_response("error", "upstream gone").error == "upstream gone");
  CHECK(read_response("response.failed", R"({"type":"response.failed","response":{"error":{"code":"c","message":"m"}}})")
            .error == "c: m");
  CHECK(read_response("response.failed", R"({"type":"response.failed","response":{"error":null}})").error ==
        "response.failed");
  CHECK(read_response("response.created", "nope").protocol_error == "event is not JSON: nope");
}

TEST_CASE("openai-responses: the documented stream at every split point") {
  const std::string bytes = load_stream("openai-responses/basic.sse");
  const StreamRecord record = decode_bytewise("openai-responses", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 1));  // response.created
  CHECK(record.first_token_ns == blank_line_offset(bytes, 5));
  CHECK(record.last_token_ns == blank_line_offset(bytes, 5));
  CHECK(record.end_ns == blank_line_offset(bytes, 9));  // response.completed, no [DONE]
  CHECK(record.events == 9);
  CHECK(record.content_events == 1);
  CHECK(record.text_bytes == 6);
  CHECK(record.input_tokens == 11);
  CHECK(record.output_tokens == 3);
  CHECK(record.terminated);
  check_every_split("openai-responses", bytes);
}

TEST_CASE("openai-responses: reasoning summary first, incomplete with reasoning tokens") {
  const std::string bytes = load_stream("openai-responses/reasoning_incomplete.sse");
  const StreamRecord record = decode_bytewise("openai-responses", bytes);
  CHECK(record.first_token_ns == blank_line_offset(bytes, 4));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 8));  // "Hi 👋"
  CHECK(record.reasoning_tokens == 60);
  CHECK(record.cached_input_tokens == 0);
  CHECK_FALSE(record.cache_write_tokens);
  CHECK(record.content_events == 4);  // 2 reasoning, "Hi 👋" and "!"; the empty delta is none
  CHECK(record.text_bytes == 21);
  CHECK(record.events == 11);
  CHECK(record.input_tokens == 12);
  CHECK(record.output_tokens == 64);
  CHECK(record.terminated);
  check_every_split("openai-responses", bytes);
}

TEST_CASE("openai-responses: error events in either shape and response.failed end the sample") {
  struct Case {
    const char* fixture;
    const char* error;
    std::int64_t events;
  };
  for (const Case& c : {Case{"openai-responses/error_nested.sse",
                             "insufficient_quota: You exceeded your current quota.", 3},
                        Case{"openai-responses/error_top_level.sse", "server_error: The server had an error.", 2},
                        Case{"openai-responses/failed.sse", "server_error: The model failed.", 3}}) {
    INFO(c.fixture);
    const std::string bytes = load_stream(c.fixture);
    const StreamRecord record = decode_bytewise("openai-responses", bytes);
    CHECK(record.stream_error == c.error);
    CHECK(record.events == c.events);
    CHECK_FALSE(record.terminated);
    check_every_split("openai-responses", bytes);
  }
}

TEST_CASE("openai-responses: a function call is the first answer, usage details are read") {
  const std::string bytes = load_stream("openai-responses/reasoning_tool_call.sse");
  const StreamRecord record = decode_bytewise("openai-responses", bytes);
  CHECK(record.first_token_ns == blank_line_offset(bytes, 3));  // the reasoning summary
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 4));  // function_call item added
  CHECK(record.content_events == 1);
  CHECK(record.input_tokens == 3000);
  CHECK(record.cached_input_tokens == 2048);
  CHECK(record.cache_write_tokens == 512);
  CHECK(record.output_tokens == 90);
  CHECK(record.reasoning_tokens == 80);
  CHECK(record.terminated);
  check_every_split("openai-responses", bytes);
}

TEST_CASE("openai-responses: which events are a tool call") {
  OpenAiResponsesAdapter adapter;
  const auto read = [&adapter](std::string_view data) { return adapter.interpret(Event{"message", data}); };
  CHECK(read(R"({"type":"response.output_item.added","item":{"type":"function_call","name":"f"}})").tool_call);
  CHECK(read(R"({"type":"response.output_item.added","item":{"type":"web_search_call"}})").tool_call);
  CHECK(read(R"({"type":"response.custom_tool_call_input.delta","delta":"x"})").tool_call);
  CHECK(read(R"({"type":"response.function_call_arguments.delta","delta":"{"})").tool_call);
  CHECK_FALSE(read(R"({"type":"response.output_item.added","item":{"type":"message"}})").tool_call);
  CHECK_FALSE(read(R"({"type":"response.output_item.added","item":{"type":"reasoning"}})").tool_call);
  CHECK_FALSE(read(R"({"type":"response.function_call_arguments.done","arguments":"{}"})").tool_call);
  CHECK_FALSE(read(R"({"type":"response.output_text.delta","delta":"x"})").tool_call);
}
