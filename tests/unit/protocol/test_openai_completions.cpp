// The openai-completions adapter: prompt body, text_completion chunks, usage, [DONE], errors.
#include <catch2/catch.hpp>

#include "protocol/openai_completions.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

EventMeaning read_completion(std::string_view data) {
  OpenAiCompletionsAdapter adapter;
  return adapter.interpret(Event{"message", data});
}

}  // namespace

TEST_CASE("openai-completions: the body is one prompt with usage asked for") {
  Workload workload;
  workload.model = "gpt-3.5-turbo-instruct";
  workload.messages = {{"system", "Be brief."}, {"user", "Hi"}};
  workload.max_tokens = 64;
  workload.extra_body = {{"temperature", 0}};
  CHECK(OpenAiCompletionsAdapter().build_body(workload) ==
        R"({"model":"gpt-3.5-turbo-instruct","prompt":"Be brief.\n\nHi","max_tokens":64,)"
        R"("stream":true,"stream_options":{"include_usage":true},"temperature":0})");
}

TEST_CASE("openai-completions: choices[0].text is text, usage and errors are read") {
  CHECK(read_completion(R"({"choices":[{"text":"Hel","index":0,"finish_reason":null}]})").text == "Hel");
  CHECK(read_completion(R"({"choices":[{"text":"","finish_reason":"stop"}]})").text.empty());
  CHECK(read_completion(R"({"choices":["odd"]})").text.empty());
  const auto usage = read_completion(R"({"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3}})");
  CHECK(usage.input_tokens == 5);
  CHECK(usage.output_tokens == 3);
  CHECK(read_completion(R"({"choices":[],"error":{"message":"boom"}})").error == "boom");
  CHECK(read_completion("[DONE]").end_of_stream);
  CHECK(read_completion("<html>").protocol_error == "event is not JSON: <html>");
}

TEST_CASE("openai-completions: a stream at every split point") {
  const std::string bytes = load_stream("openai-completions/basic.sse");
  const StreamRecord record = decode_bytewise("openai-completions", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 1));  // no role chunk: a token
  CHECK(record.first_token_ns == blank_line_offset(bytes, 1));
  CHECK(record.last_token_ns == blank_line_offset(bytes, 3));
  CHECK(record.end_ns == blank_line_offset(bytes, 6));
  CHECK(record.events == 6);
  CHECK(record.content_events == 3);
  CHECK(record.text_bytes == 12);  // "Hel", "lo", " wörld"
  CHECK(record.input_tokens == 5);
  CHECK(record.output_tokens == 3);
  CHECK(record.terminated);
  check_every_split("openai-completions", bytes);
}

TEST_CASE("openai-completions: an error mid-stream, and a stream cut before [DONE]") {
  const std::string error_bytes = load_stream("openai-completions/error_mid_stream.sse");
  const StreamRecord error = decode_bytewise("openai-completions", error_bytes);
  CHECK(error.stream_error == "The server had an error while processing your request.");
  CHECK(error.events == 2);
  CHECK(error.content_events == 1);
  check_every_split("openai-completions", error_bytes);

  const std::string cut_bytes = load_stream("openai-completions/truncated.sse");
  const StreamRecord cut = decode_bytewise("openai-completions", cut_bytes);
  CHECK(cut.events == 2);
  CHECK_FALSE(cut.terminated);
  CHECK_FALSE(cut.output_tokens);
  CHECK(cut.end_ns == static_cast<ttft::Nanos>(cut_bytes.size()));
  check_every_split("openai-completions", cut_bytes);
}
