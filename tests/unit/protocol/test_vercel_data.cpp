// The vercel-data adapter: AI SDK 4 request body, `CODE:JSON` lines, usage from e:/d:, d: as the
// end, 3: errors (docs/protocols.md ("vercel-data")).
#include <catch2/catch.hpp>

#include "protocol/vercel_data.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

EventMeaning read_data_part(std::string_view line) {
  VercelDataAdapter adapter;
  return adapter.interpret(Event{"line", line});
}

}  // namespace

TEST_CASE("vercel-data: line framing, and the body AI SDK 4's useChat sends") {
  VercelDataAdapter adapter;
  CHECK(adapter.framing() == Framing::ndjson);
  Workload workload;
  workload.messages = {{"user", "Hi"}};
  CHECK(adapter.build_body(workload) ==
        R"({"id":"ttftbench","messages":[{"id":"m1","role":"user","content":"Hi",)"
        R"("parts":[{"type":"text","text":"Hi"}]}]})");
}

TEST_CASE("vercel-data: 0 is text, g is reasoning, 3 is an error, other codes are nothing") {
  CHECK(read_data_part(R"(0:"Hel")").text == "Hel");
  CHECK(read_data_part(R"(0:"a\"b\n")").text == "a\"b\n");
  CHECK(read_data_part(R"(0:"")").text.empty());
  const auto reasoning = read_data_part(R"(g:"Hm")");
  CHECK(reasoning.reasoning == "Hm");
  CHECK(reasoning.text.empty());
  CHECK(read_data_part(R"(3:"An error occurred.")").error == "An error occurred.");
  CHECK(read_data_part(R"(3:"")").error == "error part");
  for (const char* other : {R"(f:{"messageId":"m"})", R"(2:[{"a":1}])", R"(9:{"toolCallId":"c"})",
                            R"(8:[{"x":"0:"}])"}) {
    const auto meaning = read_data_part(other);
    CHECK(meaning.text.empty());
    CHECK_FALSE(meaning.error);
    CHECK_FALSE(meaning.protocol_error);
  }
}

TEST_CASE("vercel-data: e: and d: carry usage, d: ends the stream, null counts are absent") {
  const auto step = read_data_part(R"(e:{"finishReason":"stop","usage":{"promptTokens":11,"completionTokens":3},)"
                         R"("isContinued":false})");
  CHECK(step.input_tokens == 11);
  CHECK(step.output_tokens == 3);
  CHECK_FALSE(step.end_of_stream);
  const auto done = read_data_part(R"(d:{"finishReason":"stop","usage":{"promptTokens":11,"completionTokens":3}})");
  CHECK(done.end_of_stream);
  CHECK(done.output_tokens == 3);
  const auto nan = read_data_part(R"(d:{"finishReason":"stop","usage":{"promptTokens":null,"completionTokens":null}})");
  CHECK(nan.end_of_stream);
  CHECK_FALSE(nan.input_tokens);
  CHECK_FALSE(nan.output_tokens);
  CHECK(read_data_part(R"(d:{"finishReason":"stop"})").end_of_stream);
}

TEST_CASE("vercel-data: a line that is not a part, or a text part that is not a string") {
  CHECK(read_data_part("hello").protocol_error == "not a data stream part: hello");
  CHECK(read_data_part(":\"x\"").protocol_error == "not a data stream part: :\"x\"");
  CHECK(read_data_part("0:Hel").protocol_error == "event is not JSON: 0:Hel");
  CHECK(read_data_part("0:42").protocol_error == "event is not JSON: 0:42");
}

TEST_CASE("vercel-data: the documented stream at every split point") {
  const std::string bytes = load_stream("vercel-data/basic.txt");
  const StreamRecord record = decode_bytewise("vercel-data", bytes);
  CHECK(record.first_event_ns == line_end_offset(bytes, 1));  // f: start_step
  CHECK(record.first_token_ns == line_end_offset(bytes, 2));
  CHECK(record.last_token_ns == line_end_offset(bytes, 3));
  CHECK(record.end_ns == line_end_offset(bytes, 5));
  CHECK(record.events == 5);
  CHECK(record.content_events == 2);
  CHECK(record.text_bytes == 6);
  CHECK(record.input_tokens == 11);
  CHECK(record.output_tokens == 3);
  CHECK(record.terminated);
  check_every_split("vercel-data", bytes, /*pairs=*/true);
}

TEST_CASE("vercel-data: reasoning first, CRLF, two steps, the d: total wins") {
  const std::string bytes = load_stream("vercel-data/reasoning_crlf.txt");
  const StreamRecord record = decode_bytewise("vercel-data", bytes);
  CHECK(record.first_token_ns == line_end_offset(bytes, 2));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == line_end_offset(bytes, 4));  // "Grüße"
  CHECK(record.content_events == 4);
  CHECK(record.text_bytes == 25);  // "Let me think", "Grüße", " 🚀", "!"
  CHECK(record.events == 11);
  CHECK(record.input_tokens == 21);
  CHECK(record.output_tokens == 5);
  CHECK(record.terminated);
  CHECK(record.end_ns == line_end_offset(bytes, 11));
  check_every_split("vercel-data", bytes);
}

TEST_CASE("vercel-data: an error line ends the sample, a cut stream is not terminated") {
  const std::string error_bytes = load_stream("vercel-data/error.txt");
  const StreamRecord error = decode_bytewise("vercel-data", error_bytes);
  CHECK(error.stream_error == "An error occurred.");
  CHECK(error.events == 3);
  CHECK(error.content_events == 1);
  check_every_split("vercel-data", error_bytes);

  const std::string cut_bytes = load_stream("vercel-data/truncated_no_usage.txt");
  const StreamRecord cut = decode_bytewise("vercel-data", cut_bytes);
  CHECK(cut.events == 4);  // the half line at the end is not an event
  CHECK(cut.content_events == 2);
  CHECK_FALSE(cut.output_tokens);
  CHECK_FALSE(cut.terminated);
  CHECK(cut.end_ns == static_cast<ttft::Nanos>(cut_bytes.size()));
  check_every_split("vercel-data", cut_bytes);
}

TEST_CASE("vercel-data: 9, b and c parts are a tool call, at every split point") {
  for (const char* line : {R"(9:{"toolCallId":"c","toolName":"f","args":{}})", R"(b:{"toolCallId":"c"})",
                           R"(c:{"toolCallId":"c","argsTextDelta":"{"})"}) {
    CHECK(read_data_part(line).tool_call);
  }
  CHECK_FALSE(read_data_part(R"(a:{"toolCallId":"c","result":1})").tool_call);
  const std::string bytes = load_stream("vercel-data/reasoning_tool_call.txt");
  const StreamRecord record = decode_bytewise("vercel-data", bytes);
  CHECK(record.first_token_ns == line_end_offset(bytes, 2));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == line_end_offset(bytes, 3));
  CHECK(record.content_events == 1);
  CHECK(record.terminated);
  check_every_split("vercel-data", bytes);
}
