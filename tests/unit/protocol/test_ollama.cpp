// The ollama adapter: /api/chat body, NDJSON objects, thinking as reasoning, done:true with the
// counts, error lines (docs/protocols.md ("ollama")).
#include <catch2/catch.hpp>

#include "protocol/ollama.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

EventMeaning read_ollama(std::string_view line) {
  OllamaAdapter adapter;
  return adapter.interpret(Event{"line", line});
}

}  // namespace

TEST_CASE("ollama: NDJSON framing and the /api/chat body with options.num_predict") {
  OllamaAdapter adapter;
  CHECK(adapter.framing() == Framing::ndjson);
  Workload workload;
  workload.model = "llama3.2";
  workload.messages = {{"system", "Be brief."}, {"user", "Hi"}};
  workload.max_tokens = 64;
  workload.extra_body = {{"options", {{"temperature", 0}}}};
  CHECK(adapter.build_body(workload) ==
        R"({"model":"llama3.2","messages":[{"role":"system","content":"Be brief."},)"
        R"({"role":"user","content":"Hi"}],"stream":true,"options":{"num_predict":64,"temperature":0}})");
}

TEST_CASE("ollama: message.content is text, message.thinking is reasoning") {
  CHECK(read_ollama(R"({"message":{"role":"assistant","content":"Hel"},"done":false})").text == "Hel");
  const auto thinking = read_ollama(R"({"message":{"role":"assistant","content":"","thinking":"Hm"},"done":false})");
  CHECK(thinking.reasoning == "Hm");
  CHECK(thinking.text.empty());
  // /api/generate objects carry "response" at the top.
  CHECK(read_ollama(R"({"response":"Hel","done":false})").text == "Hel");
  CHECK(read_ollama("{not json").protocol_error == "event is not JSON: {not json");
}

TEST_CASE("ollama: done:true ends the stream with prompt_eval_count and eval_count") {
  const auto done = read_ollama(R"({"message":{"content":""},"done_reason":"stop","done":true,)"
                         R"("prompt_eval_count":26,"eval_count":3,"eval_duration":40000000})");
  CHECK(done.end_of_stream);
  CHECK(done.input_tokens == 26);
  CHECK(done.output_tokens == 3);
  const auto not_done = read_ollama(R"({"message":{"content":"x"},"done":false,"eval_count":1})");
  CHECK_FALSE(not_done.end_of_stream);
  CHECK_FALSE(not_done.output_tokens);
}

TEST_CASE("ollama: the final object's nanosecond durations are the server timings") {
  const std::string bytes = load_stream("ollama/basic.ndjson");
  const StreamRecord record = decode_bytewise("ollama", bytes);
  REQUIRE(record.server_timings.has_value());
  // The fixture's total_duration, load_duration, prompt_eval_duration and eval_duration, in ns.
  CHECK(record.server_timings->total_ns == 142000000);
  CHECK(record.server_timings->load_ns == 2100000);
  CHECK(record.server_timings->prompt_eval_ns == 61000000);
  CHECK(record.server_timings->eval_ns == 40000000);
  // Only what was sent; objects before done:true carry none.
  const auto partial = read_ollama(R"({"done":true,"eval_duration":5})");
  REQUIRE(partial.server_timings.has_value());
  CHECK(partial.server_timings->eval_ns == 5);
  CHECK_FALSE(partial.server_timings->load_ns);
  CHECK_FALSE(read_ollama(R"({"done":true})").server_timings);
  CHECK_FALSE(read_ollama(R"({"message":{"content":"x"},"done":false,"eval_duration":5})").server_timings);
}

TEST_CASE("ollama: an error line is a stream error") {
  CHECK(read_ollama(R"({"error":"model not found"})").error == "model not found");
  CHECK_FALSE(read_ollama(R"({"error":"","message":{"content":"x"}})").error);
}

TEST_CASE("ollama: the documented stream at every split point") {
  const std::string bytes = load_stream("ollama/basic.ndjson");
  const StreamRecord record = decode_bytewise("ollama", bytes);
  CHECK(record.first_event_ns == line_end_offset(bytes, 1));
  CHECK(record.first_token_ns == line_end_offset(bytes, 1));
  CHECK(record.last_token_ns == line_end_offset(bytes, 2));
  CHECK(record.end_ns == line_end_offset(bytes, 3));
  CHECK(record.events == 3);
  CHECK(record.content_events == 2);
  CHECK(record.text_bytes == 6);
  CHECK(record.input_tokens == 26);
  CHECK(record.output_tokens == 3);
  CHECK(record.terminated);
  check_every_split("ollama", bytes);
}

TEST_CASE("ollama: thinking first, CRLF lines, multi-byte text") {
  const std::string bytes = load_stream("ollama/thinking_crlf.ndjson");
  const StreamRecord record = decode_bytewise("ollama", bytes);
  CHECK(record.first_token_ns == line_end_offset(bytes, 1));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == line_end_offset(bytes, 3));  // "Grüße 🚀"
  CHECK(record.content_events == 3);
  CHECK(record.text_bytes == 20);  // "Okay", ", so", "Grüße 🚀"
  CHECK(record.input_tokens == 30);
  CHECK(record.output_tokens == 12);
  CHECK(record.terminated);
  check_every_split("ollama", bytes);
}

TEST_CASE("ollama: an error line ends the sample, a cut stream is not terminated") {
  const std::string error_bytes = load_stream("ollama/error.ndjson");
  const StreamRecord error = decode_bytewise("ollama", error_bytes);
  CHECK(error.stream_error == "an error was encountered while running the model: unexpected EOF");
  CHECK(error.events == 2);
  CHECK(error.content_events == 1);
  check_every_split("ollama", error_bytes);

  const std::string cut_bytes = load_stream("ollama/truncated.ndjson");
  const StreamRecord cut = decode_bytewise("ollama", cut_bytes);
  CHECK(cut.events == 2);
  CHECK_FALSE(cut.terminated);
  CHECK_FALSE(cut.protocol_error);  // the half object at EOF is discarded, not misread
  check_every_split("ollama", cut_bytes);
}

TEST_CASE("ollama: message.tool_calls is a tool call, at every split point") {
  CHECK(read_ollama(R"({"message":{"content":"","tool_calls":[{"function":{"name":"f"}}]},"done":false})").tool_call);
  CHECK_FALSE(read_ollama(R"({"message":{"content":"","tool_calls":[]},"done":false})").tool_call);
  const std::string bytes = load_stream("ollama/thinking_tool_call.ndjson");
  const StreamRecord record = decode_bytewise("ollama", bytes);
  CHECK(record.first_token_ns == line_end_offset(bytes, 1));
  CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(record.first_answer_ns == line_end_offset(bytes, 2));
  CHECK(record.content_events == 1);
  CHECK_FALSE(record.reasoning_tokens);
  CHECK(record.terminated);
  check_every_split("ollama", bytes);
}
