// The openai-chat adapter: request body, chunk reading, and fixture streams through the
// decoder at every split point (docs/protocols.md ("openai-chat")).
#include <catch2/catch.hpp>

#include "protocol/openai_chat.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

Workload chat_workload() {
  Workload workload;
  workload.model = "gpt-4o-mini";
  workload.messages = {{"system", "Be brief."}, {"user", "Hi"}};
  workload.max_tokens = 64;
  return workload;
}

EventMeaning read_chat(std::string_view data) {
  OpenAiChatAdapter adapter;
  return adapter.interpret(Event{"message", data});
}

}  // namespace

TEST_CASE("openai-chat: the body asks for a stream with usage") {
  OpenAiChatAdapter adapter;
  CHECK(adapter.build_body(chat_workload()) ==
        R"({"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},)"
        R"({"role":"user","content":"Hi"}],"max_tokens":64,"stream":true,)"
        R"("stream_options":{"include_usage":true}})");
  Workload no_model = chat_workload();
  no_model.model.clear();
  CHECK(adapter.build_body(no_model).starts_with(R"({"messages":)"));
  CHECK(adapter.default_headers().empty());
  CHECK_FALSE(adapter.eof_is_normal_end());
}

TEST_CASE("openai-chat: extra_body is merged over the body as a JSON merge patch") {
  Workload workload = chat_workload();
  workload.messages = {{"user", "Hi"}};
  workload.extra_body = {{"max_tokens", 10}, {"stream_options", nullptr}, {"mode", "edge"}};
  CHECK(OpenAiChatAdapter().build_body(workload) ==
        R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"max_tokens":10,)"
        R"("stream":true,"mode":"edge"})");
}

TEST_CASE("openai-chat: [DONE] ends the stream, as a prefix like openai-python") {
  CHECK(read_chat("[DONE]").end_of_stream);
  CHECK(read_chat("[DONE] ").end_of_stream);
  CHECK_FALSE(read_chat(R"({"choices":[]})").end_of_stream);
}

TEST_CASE("openai-chat: only non-empty delta content is text") {
  CHECK(read_chat(R"({"choices":[{"index":0,"delta":{"content":"Hel"}}]})").text == "Hel");
  const auto role =
      read_chat(R"({"choices":[{"delta":{"role":"assistant","content":"","refusal":null}}]})");
  CHECK(role.text.empty());
  CHECK(role.reasoning.empty());
  CHECK(read_chat(R"({"choices":[{"delta":{"content":null}}]})").text.empty());
  const auto finish = read_chat(R"({"choices":[{"delta":{},"finish_reason":"stop"}],"usage":null})");
  CHECK(finish.text.empty());
  CHECK_FALSE(finish.output_tokens);
  CHECK(read_chat(R"({"choices":[{"delta":{"content":"a"}},{"delta":{"content":"b"}}]})").text == "a");
}

TEST_CASE("openai-chat: reasoning_content and reasoning are reasoning, not text") {
  const auto deepseek =
      read_chat(R"({"choices":[{"delta":{"content":null,"reasoning_content":"Hm"}}]})");
  CHECK(deepseek.text.empty());
  CHECK(deepseek.reasoning == "Hm");
  CHECK(read_chat(R"({"choices":[{"delta":{"reasoning":"Hm"}}]})").reasoning == "Hm");
}

TEST_CASE("openai-chat: usage is read from a choices:[] chunk or from the finish chunk") {
  const auto openai = read_chat(R"({"choices":[],"usage":{"prompt_tokens":11,"completion_tokens":3}})");
  CHECK(openai.input_tokens == 11);
  CHECK(openai.output_tokens == 3);
  const auto cloudflare = read_chat(R"({"choices":[{"delta":{},"finish_reason":"stop"}],)"
                               R"("usage":{"prompt_tokens":18,"completion_tokens":3}})");
  CHECK(cloudflare.input_tokens == 18);
  CHECK(cloudflare.output_tokens == 3);
}

TEST_CASE("openai-chat: a top-level error is a stream error, even with empty choices") {
  CHECK(read_chat(R"({"choices":[],"error":{"message":"boom","type":"server_error"}})").error == "boom");
  CHECK(read_chat(R"({"error":"rate limited"})").error == "rate limited");
  CHECK(read_chat(R"({"error":{"code":500}})").error == R"({"code":500})");
  CHECK_FALSE(read_chat(R"({"error":null,"choices":[{"delta":{"content":"x"}}]})").error);
  const auto with_usage =
      read_chat(R"({"choices":[],"error":{"message":"x"},"usage":{"prompt_tokens":1}})");
  CHECK(with_usage.error == "x");
  CHECK_FALSE(with_usage.input_tokens);
}

TEST_CASE("openai-chat: data that is not a JSON object is a protocol error") {
  const std::string html = "<html>" + std::string(100, 'x');
  CHECK(read_chat(html).protocol_error == "event is not JSON: " + html.substr(0, 80));
  CHECK(read_chat("42").protocol_error == "event is not JSON: 42");
  // The preview is cut on a character boundary: 79 ASCII bytes, then a 2-byte character.
  const std::string wide = std::string(79, 'a') + "\xC3\xA9";
  CHECK(read_chat(wide).protocol_error == "event is not JSON: " + std::string(79, 'a'));
}

TEST_CASE("openai-chat: the documented stream at every split point") {
  const std::string bytes = load_stream("openai-chat/basic.sse");
  const StreamRecord record = decode_bytewise("openai-chat", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 1));  // the role-only chunk
  CHECK(record.first_token_ns == blank_line_offset(bytes, 2));  // "Hel"
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::text);
  CHECK(record.first_answer_ns == record.first_token_ns);
  CHECK(record.cached_input_tokens == 0);
  CHECK(record.reasoning_tokens == 0);
  CHECK_FALSE(record.cache_write_tokens);
  CHECK(record.last_token_ns == blank_line_offset(bytes, 3));
  CHECK(record.end_ns == blank_line_offset(bytes, 6));
  CHECK(record.events == 6);
  CHECK(record.content_events == 2);
  CHECK(record.text_bytes == 6);
  CHECK(record.input_tokens == 11);
  CHECK(record.output_tokens == 3);
  CHECK(record.terminated);
  CHECK_FALSE(record.stream_error);
  CHECK_FALSE(record.protocol_error);
  check_every_split("openai-chat", bytes);
}

TEST_CASE("openai-chat: CRLF line ends give the same stream") {
  const std::string bytes = load_stream("openai-chat/basic_crlf.sse");
  const StreamRecord record = decode_bytewise("openai-chat", bytes);
  CHECK(record.first_token_ns == blank_line_offset(bytes, 2, "\r\n"));
  CHECK(record.end_ns == blank_line_offset(bytes, 6, "\r\n"));
  CHECK(record.content_events == 2);
  CHECK(record.output_tokens == 3);
  CHECK(record.terminated);
  check_every_split("openai-chat", bytes);
}

TEST_CASE("openai-chat: keep-alive comments are not events, reasoning comes first") {
  const std::string bytes = load_stream("openai-chat/reasoning_keepalive.sse");
  const StreamRecord record = decode_bytewise("openai-chat", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 2));
  CHECK(record.first_token_ns == blank_line_offset(bytes, 4));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 6));  // "Answer: 42"
  CHECK(record.events == 6);
  CHECK(record.content_events == 3);
  CHECK(record.text_bytes == 32);
  CHECK_FALSE(record.reasoning_tokens);  // the provider did not say
  CHECK(record.input_tokens == 9);
  CHECK(record.output_tokens == 25);
  CHECK(record.terminated);
  check_every_split("openai-chat", bytes);
}

TEST_CASE("openai-chat: usage on the finish chunk (Cloudflare /ai/v1)") {
  const std::string bytes = load_stream("openai-chat/usage_on_finish_chunk.sse");
  const StreamRecord record = decode_bytewise("openai-chat", bytes);
  CHECK(record.first_event_ns == record.first_token_ns);
  CHECK(record.events == 4);
  CHECK(record.content_events == 2);
  CHECK(record.input_tokens == 18);
  CHECK(record.output_tokens == 3);
  CHECK(record.terminated);
  check_every_split("openai-chat", bytes);
}

TEST_CASE("openai-chat: an error mid-stream ends the sample with a stream error") {
  const std::string bytes = load_stream("openai-chat/error_mid_stream.sse");
  const StreamRecord record = decode_bytewise("openai-chat", bytes);
  CHECK(record.stream_error == "The server had an error while processing your request.");
  CHECK(record.events == 3);
  CHECK(record.content_events == 1);
  CHECK_FALSE(record.terminated);
  CHECK_FALSE(record.input_tokens);
  CHECK(record.end_ns == static_cast<ttft::Nanos>(bytes.size()));
  check_every_split("openai-chat", bytes);
}

TEST_CASE("openai-chat: a stream cut before [DONE] is not terminated") {
  const std::string bytes = load_stream("openai-chat/truncated.sse");
  const StreamRecord record = decode_bytewise("openai-chat", bytes);
  CHECK(record.events == 2);
  CHECK(record.content_events == 1);
  CHECK_FALSE(record.terminated);
  CHECK_FALSE(record.output_tokens);
  CHECK(record.end_ns == static_cast<ttft::Nanos>(bytes.size()));
  check_every_split("openai-chat", bytes);
}

TEST_CASE("openai-chat: an HTML page framed as events is a protocol error") {
  const std::string bytes = load_stream("openai-chat/not_json.sse");
  const StreamRecord record = decode_bytewise("openai-chat", bytes);
  REQUIRE(record.protocol_error);
  CHECK(record.protocol_error->starts_with("event is not JSON: <html><head><title>502"));
  CHECK(record.first_event_ns == blank_line_offset(bytes, 1));
  CHECK(record.events == 1);
  CHECK_FALSE(record.terminated);
  check_every_split("openai-chat", bytes);
}

TEST_CASE("openai-chat: cached and reasoning tokens come from the usage details") {
  const auto usage = read_chat(
      R"({"choices":[],"usage":{"prompt_tokens":2048,"completion_tokens":70,)"
      R"("prompt_tokens_details":{"cached_tokens":1920},"completion_tokens_details":{"reasoning_tokens":64}}})");
  CHECK(usage.input_tokens == 2048);  // the whole prompt, cached part included
  CHECK(usage.cached_input_tokens == 1920);
  CHECK(usage.output_tokens == 70);  // reasoning included
  CHECK(usage.reasoning_tokens == 64);
  CHECK_FALSE(usage.cache_write_tokens);
  const auto without = read_chat(R"({"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3}})");
  CHECK_FALSE(without.cached_input_tokens);
  CHECK_FALSE(without.reasoning_tokens);
  CHECK_FALSE(read_chat(R"({"usage":{"prompt_tokens_details":null}})").cached_input_tokens);
}

TEST_CASE("openai-chat: a tool call is an answer, an empty tool_calls list is not") {
  CHECK(read_chat(R"({"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"f"}}]}}]})")
            .tool_call);
  CHECK(read_chat(R"({"choices":[{"delta":{"function_call":{"name":"f","arguments":""}}}]})").tool_call);
  CHECK_FALSE(read_chat(R"({"choices":[{"delta":{"role":"assistant","tool_calls":[]}}]})").tool_call);
  CHECK_FALSE(read_chat(R"({"choices":[{"delta":{"function_call":{}}}]})").tool_call);
  CHECK_FALSE(read_chat(R"({"choices":[{"delta":{"content":"x"}}]})").tool_call);
}

TEST_CASE("openai-chat: reasoning, then a tool call, at every split point") {
  const std::string bytes = load_stream("openai-chat/reasoning_tool_call.sse");
  const StreamRecord record = decode_bytewise("openai-chat", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 1));  // role chunk, tool_calls: []
  CHECK(record.first_token_ns == blank_line_offset(bytes, 2));  // reasoning
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 3));  // the tool call starts
  CHECK(record.content_events == 1);  // tool-call deltas are not text
  CHECK(record.input_tokens == 2048);
  CHECK(record.cached_input_tokens == 1920);
  CHECK(record.output_tokens == 70);
  CHECK(record.reasoning_tokens == 64);
  CHECK(record.terminated);
  check_every_split("openai-chat", bytes);
}
