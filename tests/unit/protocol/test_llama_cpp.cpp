// The llama-cpp adapter: native /completion body and events, stop:true, counts from the event or
// its timings, and the non-standard `error:` field (docs/protocols.md ("llama-cpp")).
#include <catch2/catch.hpp>

#include "protocol/llama_cpp.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

EventMeaning read_llama(std::string_view type, std::string_view data) {
  LlamaCppAdapter adapter;
  return adapter.interpret(Event{type, data});
}

}  // namespace

TEST_CASE("llama-cpp: the body is one prompt with n_predict") {
  Workload workload;
  workload.model = "ignored";
  workload.messages = {{"system", "Be brief."}, {"user", "Hi"}};
  workload.max_tokens = 64;
  CHECK(LlamaCppAdapter().build_body(workload) ==
        R"({"prompt":"Be brief.\n\nHi","n_predict":64,"stream":true})");
  CHECK(LlamaCppAdapter().extra_sse_field() == "error");
}

TEST_CASE("llama-cpp: content is text, stop:true ends, counts from the event or timings") {
  CHECK(read_llama("message", R"({"content":"Hel","stop":false})").text == "Hel");
  CHECK_FALSE(read_llama("message", R"({"content":"Hel","stop":false})").end_of_stream);
  const auto last = read_llama("message", R"({"content":"","stop":true,"tokens_predicted":3,"tokens_evaluated":9,)"
                                    R"("timings":{"prompt_n":2,"cache_n":7,"predicted_n":4}})");
  CHECK(last.end_of_stream);
  CHECK(last.input_tokens == 9);
  CHECK(last.output_tokens == 3);
  const auto timings =
      read_llama("message", R"({"content":"","stop":true,"timings":{"prompt_n":2,"cache_n":7,"predicted_n":4}})");
  CHECK(timings.input_tokens == 9);  // processed + cached
  CHECK(timings.output_tokens == 4);
  CHECK(read_llama("message", "[DONE]").end_of_stream);
  CHECK(read_llama("message", "oops").protocol_error == "event is not JSON: oops");
}

TEST_CASE("llama-cpp: the error field and an error object are stream errors") {
  CHECK(read_llama("error", R"({"code":400,"message":"too long","type":"exceed_context_size_error"})").error ==
        "exceed_context_size_error: too long");
  CHECK(read_llama("error", R"({"code":500,"message":"boom"})").error == "boom");
  CHECK(read_llama("error", "plain words").error == "plain words");
  CHECK(read_llama("message", R"({"error":{"code":500,"message":"boom","type":"server_error"}})").error == "boom");
}

TEST_CASE("llama-cpp: the documented stream at every split point") {
  const std::string bytes = load_stream("llama-cpp/basic.sse");
  const StreamRecord record = decode_bytewise("llama-cpp", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 1));
  CHECK(record.first_token_ns == blank_line_offset(bytes, 1));
  CHECK(record.last_token_ns == blank_line_offset(bytes, 2));
  CHECK(record.end_ns == blank_line_offset(bytes, 3));
  CHECK(record.events == 3);
  CHECK(record.content_events == 2);
  CHECK(record.text_bytes == 6);
  CHECK(record.input_tokens == 9);
  CHECK(record.output_tokens == 3);
  CHECK(record.terminated);
  check_every_split("llama-cpp", bytes);
}

TEST_CASE("llama-cpp: an error: field mid-stream is not lost") {
  const std::string bytes = load_stream("llama-cpp/error_field.sse");
  const StreamRecord record = decode_bytewise("llama-cpp", bytes);
  CHECK(record.stream_error == "exceed_context_size_error: the request exceeds the available context size");
  CHECK(record.events == 2);
  CHECK(record.content_events == 1);
  CHECK_FALSE(record.terminated);
  check_every_split("llama-cpp", bytes);
}

TEST_CASE("llama-cpp: counts from timings alone") {
  const std::string bytes = load_stream("llama-cpp/timings_only.sse");
  const StreamRecord record = decode_bytewise("llama-cpp", bytes);
  CHECK(record.input_tokens == 9);  // prompt_n + cache_n
  CHECK(record.cached_input_tokens == 5);  // cache_n
  CHECK(record.output_tokens == 2);
  CHECK(record.first_answer_ns == record.first_token_ns);
  CHECK(record.text_bytes == 7);
  CHECK(record.terminated);
  check_every_split("llama-cpp", bytes);
}

TEST_CASE("llama-cpp: timings.prompt_ms and predicted_ms are the server timings") {
  const StreamRecord record = decode_bytewise("llama-cpp", load_stream("llama-cpp/basic.sse"));
  REQUIRE(record.server_timings.has_value());
  CHECK(record.server_timings->prompt_eval_ns == 21'400'000);  // "prompt_ms":21.4
  CHECK(record.server_timings->eval_ns == 36'000'000);         // "predicted_ms":36.0
  CHECK_FALSE(record.server_timings->load_ns);
  CHECK_FALSE(record.server_timings->total_ns);
  // The OpenAI-compatible endpoint puts the same object on its finish chunk.
  const StreamRecord chat = decode_bytewise(
      "openai-chat", "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],"
                     "\"timings\":{\"prompt_ms\":1.5,\"predicted_ms\":-3}}\n\ndata: [DONE]\n\n");
  REQUIRE(chat.server_timings.has_value());
  CHECK(chat.server_timings->prompt_eval_ns == 1'500'000);
  CHECK_FALSE(chat.server_timings->eval_ns);  // negative: not a duration
  CHECK_FALSE(decode_bytewise("llama-cpp", load_stream("llama-cpp/error_field.sse")).server_timings);
}
