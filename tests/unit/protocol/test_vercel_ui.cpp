// The vercel-ui adapter: AI SDK 5 request body, UI message stream parts, metadata usage, error
// parts and [DONE] (docs/protocols.md ("vercel-ui")).
#include <catch2/catch.hpp>

#include "protocol/vercel_ui.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

EventMeaning read_ui_chunk(std::string_view data) {
  VercelUiAdapter adapter;
  return adapter.interpret(Event{"message", data});
}

}  // namespace

TEST_CASE("vercel-ui: the body is what AI SDK 5's DefaultChatTransport sends") {
  Workload workload;
  workload.messages = {{"system", "Be brief."}, {"user", "Hi"}};
  CHECK(VercelUiAdapter().build_body(workload) ==
        R"({"id":"ttftbench","messages":[)"
        R"({"id":"m1","role":"system","parts":[{"type":"text","text":"Be brief."}]},)"
        R"({"id":"m2","role":"user","parts":[{"type":"text","text":"Hi"}]}],"trigger":"submit-message"})");
  workload.model = "gpt-4o-mini";
  workload.messages = {{"user", "Hi"}};
  workload.extra_body = {{"trigger", nullptr}};
  CHECK(VercelUiAdapter().build_body(workload) ==
        R"({"id":"ttftbench","model":"gpt-4o-mini","messages":[)"
        R"({"id":"m1","role":"user","parts":[{"type":"text","text":"Hi"}]}]})");
}

TEST_CASE("vercel-ui: text-delta is text, reasoning-delta is reasoning, other parts are not") {
  CHECK(read_ui_chunk(R"({"type":"text-delta","id":"t","delta":"Hi"})").text == "Hi");
  const auto reasoning = read_ui_chunk(R"({"type":"reasoning-delta","id":"r","delta":"Hm"})");
  CHECK(reasoning.reasoning == "Hm");
  CHECK(reasoning.text.empty());
  for (const char* other : {R"({"type":"text-start","id":"t"})", R"({"type":"start-step"})",
                            R"({"type":"tool-input-delta","toolCallId":"c","inputTextDelta":"{"})",
                            R"({"type":"data-weather","data":{"delta":"x"}})", R"({"delta":"x"})"}) {
    const auto meaning = read_ui_chunk(other);
    CHECK(meaning.text.empty());
    CHECK(meaning.reasoning.empty());
    CHECK_FALSE(meaning.end_of_stream);
  }
  CHECK(read_ui_chunk("[DONE]").end_of_stream);
  CHECK(read_ui_chunk("not json").protocol_error == "event is not JSON: not json");
}

TEST_CASE("vercel-ui: usage only when the app puts it in messageMetadata") {
  CHECK_FALSE(read_ui_chunk(R"({"type":"finish","finishReason":"stop"})").output_tokens);
  const auto nested = read_ui_chunk(
      R"({"type":"finish","messageMetadata":{"usage":{"inputTokens":7,"outputTokens":5}}})");
  CHECK(nested.input_tokens == 7);
  CHECK(nested.output_tokens == 5);
  const auto flat = read_ui_chunk(
      R"({"type":"message-metadata","messageMetadata":{"promptTokens":3,"completionTokens":2}})");
  CHECK(flat.input_tokens == 3);
  CHECK(flat.output_tokens == 2);
}

TEST_CASE("vercel-ui: error and abort parts are stream errors") {
  CHECK(read_ui_chunk(R"({"type":"error","errorText":"An error occurred."})").error == "An error occurred.");
  CHECK(read_ui_chunk(R"({"type":"error"})").error == "error part without errorText");
  CHECK(read_ui_chunk(R"({"type":"abort","reason":"timeout"})").error == "aborted: timeout");
  CHECK(read_ui_chunk(R"({"type":"abort"})").error == "aborted");
}

TEST_CASE("vercel-ui: the documented stream at every split point") {
  const std::string bytes = load_stream("vercel-ui/basic.sse");
  const StreamRecord record = decode_bytewise("vercel-ui", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 1));  // start
  CHECK(record.first_token_ns == blank_line_offset(bytes, 4));
  CHECK(record.last_token_ns == blank_line_offset(bytes, 5));
  CHECK(record.end_ns == blank_line_offset(bytes, 9));
  CHECK(record.events == 9);
  CHECK(record.content_events == 2);
  CHECK(record.text_bytes == 6);
  CHECK_FALSE(record.output_tokens);  // counted from the text parts
  CHECK(record.terminated);
  check_every_split("vercel-ui", bytes);
}

TEST_CASE("vercel-ui: reasoning first, multi-byte text, usage from finish metadata") {
  const std::string bytes = load_stream("vercel-ui/reasoning_metadata_usage.sse");
  const StreamRecord record = decode_bytewise("vercel-ui", bytes);
  CHECK(record.first_token_ns == blank_line_offset(bytes, 4));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 7));  // "Grüße"
  CHECK(record.content_events == 3);
  CHECK(record.text_bytes == 17);  // "Hmm", "Grüße", " 日本"
  CHECK(record.events == 13);
  CHECK(record.input_tokens == 7);
  CHECK(record.output_tokens == 5);
  CHECK(record.terminated);
  check_every_split("vercel-ui", bytes);
}

TEST_CASE("vercel-ui: an error part mid-stream ends the sample") {
  const std::string bytes = load_stream("vercel-ui/error.sse");
  const StreamRecord record = decode_bytewise("vercel-ui", bytes);
  CHECK(record.stream_error == "An error occurred.");
  CHECK(record.events == 4);
  CHECK(record.content_events == 1);
  CHECK_FALSE(record.terminated);
  check_every_split("vercel-ui", bytes);
}

TEST_CASE("vercel-ui: tool-input parts are a tool call, metadata may count reasoning and cache") {
  for (const char* part : {R"({"type":"tool-input-start","toolCallId":"c","toolName":"f"})",
                           R"({"type":"tool-input-delta","toolCallId":"c","inputTextDelta":"{"})",
                           R"({"type":"tool-input-available","toolCallId":"c","input":{}})"}) {
    CHECK(read_ui_chunk(part).tool_call);
  }
  CHECK_FALSE(read_ui_chunk(R"({"type":"tool-output-available","toolCallId":"c","output":1})").tool_call);
  const std::string bytes = load_stream("vercel-ui/reasoning_tool_input.sse");
  const StreamRecord record = decode_bytewise("vercel-ui", bytes);
  CHECK(record.first_token_ns == blank_line_offset(bytes, 3));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 4));
  CHECK(record.input_tokens == 900);
  CHECK(record.cached_input_tokens == 512);
  CHECK(record.reasoning_tokens == 30);
  CHECK(record.terminated);
  check_every_split("vercel-ui", bytes);
}
