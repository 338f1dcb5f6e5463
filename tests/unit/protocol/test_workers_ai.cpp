// The workers-ai adapter: native /ai/run body, {"response"} frames, OpenAI-shaped frames in
// the same stream, Cloudflare error envelopes (docs/protocols.md ("workers-ai")).
#include <catch2/catch.hpp>

#include "protocol/workers_ai.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

EventMeaning read_workers(std::string_view data) {
  WorkersAiAdapter adapter;
  return adapter.interpret(Event{"message", data});
}

}  // namespace

TEST_CASE("workers-ai: the body has no model (it is in the URL) and merges extra_body") {
  Workload workload;
  workload.model = "@cf/meta/llama-3.1-8b-instruct";
  workload.messages = {{"system", "Be brief."}, {"user", "Hi"}};
  workload.max_tokens = 64;
  WorkersAiAdapter adapter;
  CHECK(adapter.build_body(workload) ==
        R"({"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],)"
        R"("max_tokens":64,"stream":true})");
  workload.extra_body = {{"mode", "edge"}, {"max_tokens", 8}};
  CHECK(adapter.build_body(workload) ==
        R"({"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],)"
        R"("max_tokens":8,"stream":true,"mode":"edge"})");
  CHECK(adapter.default_headers().empty());
}

TEST_CASE("workers-ai: a non-empty response is text, missing or empty is no token") {
  CHECK(read_workers(R"({"response":"Hel","p":"ab12"})").text == "Hel");
  CHECK(read_workers(R"({"response":""})").text.empty());
  CHECK(read_workers(R"({"tool_calls":[],"p":"efgh56"})").text.empty());
  CHECK(read_workers(R"({"response":null})").text.empty());
  CHECK(read_workers("[DONE]").end_of_stream);
}

TEST_CASE("workers-ai: usage is read from native and OpenAI-shaped frames") {
  const auto native = read_workers(R"({"response":"","usage":{"prompt_tokens":18,"completion_tokens":3}})");
  CHECK(native.input_tokens == 18);
  CHECK(native.output_tokens == 3);
  const auto openai = read_workers(R"({"choices":[{"index":0,"delta":{"reasoning_content":"Okay"}}],)"
                           R"("usage":{"prompt_tokens":13,"completion_tokens":1}})");
  CHECK(openai.reasoning == "Okay");
  CHECK(openai.text.empty());
  CHECK(openai.output_tokens == 1);
  CHECK(read_workers(R"({"choices":[{"delta":{"content":"Hi"}}]})").text == "Hi");
}

TEST_CASE("workers-ai: Cloudflare and OpenAI error shapes are stream errors") {
  CHECK(read_workers(R"({"success":false,"errors":[{"code":3040,"message":"Out of capacity"}]})").error ==
        "3040: Out of capacity");
  CHECK(read_workers(R"({"errors":[{"code":1,"message":"a"},{"message":"b"},"odd"]})").error ==
        R"(1: a; b; "odd")");
  CHECK(read_workers(R"({"error":{"message":"boom"}})").error == "boom");
  CHECK_FALSE(read_workers(R"({"response":"x","errors":[]})").error);
  CHECK(read_workers("not json").protocol_error == "event is not JSON: not json");
}

TEST_CASE("workers-ai: the documented native stream at every split point") {
  const std::string bytes = load_stream("workers-ai/basic.sse");
  const StreamRecord record = decode_bytewise("workers-ai", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 1));
  CHECK(record.first_token_ns == blank_line_offset(bytes, 1));
  CHECK(record.last_token_ns == blank_line_offset(bytes, 2));
  CHECK(record.end_ns == blank_line_offset(bytes, 5));
  CHECK(record.events == 5);
  CHECK(record.content_events == 2);
  CHECK(record.text_bytes == 6);
  CHECK(record.input_tokens == 18);
  CHECK(record.output_tokens == 3);
  CHECK(record.terminated);
  check_every_split("workers-ai", bytes);
}

TEST_CASE("workers-ai: multi-byte text with CRLF at every pair of split points") {
  const std::string bytes = load_stream("workers-ai/utf8_crlf.sse");
  const StreamRecord record = decode_bytewise("workers-ai", bytes);
  CHECK(record.events == 5);
  CHECK(record.content_events == 3);
  // A character split across reads and decoded per read would add U+FFFD bytes here.
  const std::string text = "Grüße 日本語 🚀";
  CHECK(record.text_bytes == static_cast<std::int64_t>(text.size()));
  CHECK(record.output_tokens == 4);
  CHECK(record.terminated);
  CHECK(record.end_ns == blank_line_offset(bytes, 5, "\r\n"));
  check_every_split("workers-ai", bytes, /*pairs=*/true);
}

TEST_CASE("workers-ai: OpenAI and native frames in one stream, the last usage wins") {
  const std::string bytes = load_stream("workers-ai/mixed_shapes.sse");
  const StreamRecord record = decode_bytewise("workers-ai", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 1));  // role-only chunk
  CHECK(record.first_token_ns == blank_line_offset(bytes, 2));  // reasoning "Okay"
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 3));  // "Hi"
  CHECK(record.content_events == 3);
  CHECK(record.events == 7);
  CHECK(record.input_tokens == 14);
  CHECK(record.output_tokens == 4);
  CHECK(record.terminated);
  check_every_split("workers-ai", bytes);
}

TEST_CASE("workers-ai: an error envelope mid-stream ends the sample") {
  const std::string bytes = load_stream("workers-ai/error_mid_stream.sse");
  const StreamRecord record = decode_bytewise("workers-ai", bytes);
  CHECK(record.stream_error == "3040: Out of capacity");
  CHECK(record.events == 2);
  CHECK(record.content_events == 1);
  CHECK_FALSE(record.terminated);
  check_every_split("workers-ai", bytes);
}

TEST_CASE("workers-ai: a native frame's non-empty tool_calls is a tool call, at every split point") {
  const std::string bytes = load_stream("workers-ai/tool_calls.sse");
  const StreamRecord record = decode_bytewise("workers-ai", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 1));  // tool_calls: [] is none
  CHECK(record.first_token_ns == blank_line_offset(bytes, 2));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::tool_call);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 2));
  CHECK(record.text_bytes == 0);
  CHECK(record.input_tokens == 40);
  CHECK(record.terminated);
  check_every_split("workers-ai", bytes);
}
