// The gemini adapter: generateContent body, CRLF events, thought parts as reasoning, running
// usage with thinking counted as output, blocked prompts, and EOF as the end only after a
// finishReason (docs/protocols.md ("gemini")).
#include <catch2/catch.hpp>

#include "protocol/gemini.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

EventMeaning read_gemini(GeminiAdapter& adapter, std::string_view data) {
  return adapter.interpret(Event{"message", data});
}

// Decodes the whole body in one read and says whether the stream ended normally.
bool complete_after(std::string_view bytes) {
  StreamDecoder decoder(adapter_for("gemini"));
  decoder.feed(bytes, 1);
  decoder.finish(2);
  return decoder.complete();
}

}  // namespace

TEST_CASE("gemini: contents with parts, systemInstruction, maxOutputTokens, no model") {
  Workload workload;
  workload.model = "gemini-2.5-flash";  // in the URL
  workload.messages = {{"system", "Be brief."}, {"user", "Hi"}, {"assistant", "Hello"}, {"user", "More"}};
  workload.max_tokens = 64;
  CHECK(GeminiAdapter().build_body(workload) ==
        R"({"contents":[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Hello"}]},)"
        R"({"role":"user","parts":[{"text":"More"}]}],"systemInstruction":{"parts":[{"text":"Be brief."}]},)"
        R"("generationConfig":{"maxOutputTokens":64}})");
}

TEST_CASE("gemini: text parts are text, thought parts are reasoning") {
  GeminiAdapter adapter;
  const auto both = read_gemini(adapter, R"({"candidates":[{"content":{"parts":[{"text":"Hm","thought":true},)"
                                  R"({"text":"Hi"},{"text":"!","thought":false}]}}]})");
  CHECK(both.text == "Hi!");
  CHECK(both.reasoning == "Hm");
  const auto signature =
      read_gemini(adapter, R"({"candidates":[{"content":{"parts":[{"thought":true,"thoughtSignature":"x","text":""}]}}]})");
  CHECK(signature.text.empty());
  CHECK(signature.reasoning.empty());
  CHECK(read_gemini(adapter, R"({"candidates":[]})").text.empty());
  CHECK(read_gemini(adapter, "[1]").protocol_error == "event is not JSON: [1]");
}

TEST_CASE("gemini: usage is a running total, output counts thoughts too") {
  GeminiAdapter adapter;
  const auto usage = read_gemini(adapter, R"({"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":23,)"
                                   R"("totalTokenCount":334,"thoughtsTokenCount":302}})");
  CHECK(usage.input_tokens == 9);
  CHECK(usage.output_tokens == 325);
  const auto thinking_only =
      read_gemini(adapter, R"({"usageMetadata":{"promptTokenCount":9,"thoughtsTokenCount":50}})");
  CHECK(thinking_only.output_tokens == 50);
  CHECK_FALSE(read_gemini(adapter, R"({"usageMetadata":{"promptTokenCount":9}})").output_tokens);
}

TEST_CASE("gemini: a blocked prompt and an error envelope are stream errors") {
  GeminiAdapter adapter;
  CHECK(read_gemini(adapter, R"({"promptFeedback":{"blockReason":"SAFETY"}})").error == "prompt blocked: SAFETY");
  CHECK_FALSE(read_gemini(adapter, R"({"promptFeedback":{"safetyRatings":[]}})").error);
  CHECK(read_gemini(adapter, R"({"error":{"code":503,"message":"overloaded","status":"UNAVAILABLE"}})").error ==
        "overloaded");
}

TEST_CASE("gemini: the documented CRLF stream at every split point, EOF after finishReason") {
  const std::string bytes = load_stream("gemini/basic.sse");
  const StreamRecord record = decode_bytewise("gemini", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 1, "\r\n"));
  CHECK(record.first_token_ns == blank_line_offset(bytes, 1, "\r\n"));
  CHECK(record.last_token_ns == blank_line_offset(bytes, 2, "\r\n"));
  CHECK(record.end_ns == static_cast<ttft::Nanos>(bytes.size()));  // no end marker
  CHECK(record.events == 2);
  CHECK(record.content_events == 2);
  CHECK(record.text_bytes == 6);
  CHECK(record.input_tokens == 9);
  CHECK(record.output_tokens == 3);
  CHECK_FALSE(record.terminated);
  CHECK(complete_after(bytes));
  check_every_split("gemini", bytes);
}

TEST_CASE("gemini: thinking first, signature-only parts, thoughts counted as output") {
  const std::string bytes = load_stream("gemini/thinking_crlf.sse");
  const StreamRecord record = decode_bytewise("gemini", bytes);
  CHECK(record.first_token_ns == blank_line_offset(bytes, 1, "\r\n"));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 3, "\r\n"));  // "Grüße"
  CHECK(record.reasoning_tokens == 302);
  CHECK_FALSE(record.cached_input_tokens);
  CHECK(record.content_events == 2);
  CHECK(record.text_bytes == 26);  // "**Planning**", "Grüße" + " 日本"
  CHECK(record.events == 4);
  CHECK(record.input_tokens == 9);
  CHECK(record.output_tokens == 325);
  CHECK(complete_after(bytes));  // MAX_TOKENS is a finishReason too
  check_every_split("gemini", bytes);
}

TEST_CASE("gemini: a stream without a finishReason is cut, blocked and error streams stop") {
  const std::string cut = load_stream("gemini/truncated.sse");
  CHECK(decode_bytewise("gemini", cut).events == 1);
  CHECK_FALSE(complete_after(cut));

  const std::string blocked = load_stream("gemini/blocked.sse");
  const StreamRecord block = decode_bytewise("gemini", blocked);
  CHECK(block.stream_error == "prompt blocked: SAFETY");
  CHECK(block.content_events == 0);
  check_every_split("gemini", blocked);

  const std::string failed = load_stream("gemini/error_mid_stream.sse");
  const StreamRecord error = decode_bytewise("gemini", failed);
  CHECK(error.stream_error == "The model is overloaded. Please try again later.");
  CHECK(error.content_events == 1);
  check_every_split("gemini", failed);
}

TEST_CASE("gemini: thoughtsTokenCount is reasoning, cachedContentTokenCount is cached input") {
  GeminiAdapter adapter;
  const auto usage = read_gemini(adapter, R"({"usageMetadata":{"promptTokenCount":1000,)"
                                          R"("cachedContentTokenCount":800,"candidatesTokenCount":7,"thoughtsTokenCount":38}})");
  CHECK(usage.input_tokens == 1000);
  CHECK(usage.cached_input_tokens == 800);
  CHECK(usage.output_tokens == 45);
  CHECK(usage.reasoning_tokens == 38);
  const auto plain = read_gemini(adapter, R"({"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":3}})");
  CHECK_FALSE(plain.reasoning_tokens);
  CHECK_FALSE(plain.cached_input_tokens);
  CHECK(read_gemini(adapter, R"({"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{}}}]}}]})")
            .tool_call);
  CHECK_FALSE(read_gemini(adapter, R"({"candidates":[{"content":{"parts":[{"text":"x"}]}}]})").tool_call);
}

TEST_CASE("gemini: a thought, then a function call, at every split point") {
  const std::string bytes = load_stream("gemini/thinking_function_call.sse");
  const StreamRecord record = decode_bytewise("gemini", bytes);
  CHECK(record.first_token_ns == blank_line_offset(bytes, 1, "\r\n"));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == blank_line_offset(bytes, 2, "\r\n"));
  CHECK(record.content_events == 1);
  CHECK(record.input_tokens == 1000);
  CHECK(record.cached_input_tokens == 800);
  CHECK(record.output_tokens == 45);
  CHECK(record.reasoning_tokens == 38);
  check_every_split("gemini", bytes);
}
