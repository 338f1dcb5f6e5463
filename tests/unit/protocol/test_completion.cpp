// Non-streaming requests: each protocol's body and URL, and parse_completion over each protocol's
// JSON response, its error body and a body cut short (docs/protocols.md ("Non-streaming requests")).
#include <catch2/catch.hpp>

#include "protocol/adapter.hpp"
#include "protocol/completion.hpp"
#include "protocol/stream_decoder.hpp"

using namespace ttft::protocol;

namespace {

std::string non_streaming_body(std::string_view protocol) {
  auto adapter = make_adapter(protocol);
  REQUIRE(adapter.has_value());
  Workload workload;
  workload.model = "m";
  workload.messages = {{"user", "Hi"}};
  workload.max_tokens = 8;
  workload.stream = false;
  return (*adapter)->build_body(workload);
}

}  // namespace

TEST_CASE("completion: the non-streaming bodies say stream false and ask for no stream options") {
  CHECK(non_streaming_body("openai-chat") ==
        R"({"model":"m","messages":[{"role":"user","content":"Hi"}],"max_tokens":8,"stream":false})");
  CHECK(non_streaming_body("openai-completions") == R"({"model":"m","prompt":"Hi","max_tokens":8,"stream":false})");
  CHECK(non_streaming_body("anthropic") ==
        R"({"model":"m","max_tokens":8,"stream":false,"messages":[{"role":"user","content":"Hi"}]})");
  CHECK(non_streaming_body("ollama") ==
        R"({"model":"m","messages":[{"role":"user","content":"Hi"}],"stream":false,"options":{"num_predict":8}})");
  CHECK(non_streaming_body("llama-cpp") == R"({"prompt":"Hi","n_predict":8,"stream":false})");
  CHECK(non_streaming_body("workers-ai").find(R"("stream":false)") != std::string::npos);
  CHECK(non_streaming_body("openai-responses").find(R"("stream":false)") != std::string::npos);
  // Gemini's body has no stream key: the URL says it.
  CHECK(non_streaming_body("gemini").find("stream") == std::string::npos);
}

TEST_CASE("completion: which protocols have a non-streaming form") {
  for (const char* name : {"openai-chat", "openai-completions", "openai-responses", "anthropic", "workers-ai",
                           "gemini", "ollama", "llama-cpp"}) {
    CHECK(has_completion_form(name));
  }
  for (const char* name : {"sse", "text", "vercel-ui", "vercel-data", "auto", "nope"}) CHECK_FALSE(has_completion_form(name));
  const ttft::Error error = no_completion_form("vercel-ui", "/targets/a/stream");
  CHECK(error.where == "/targets/a/stream");
  CHECK(error.message == R"(protocol "vercel-ui" has no non-streaming form)");
  CHECK(error.hint == R"("stream": false works with openai-chat, openai-completions, openai-responses, anthropic, )"
                      "workers-ai, gemini, ollama, llama-cpp");
}

TEST_CASE("completion: gemini's URL becomes generateContent without alt=sse, other parameters kept") {
  CHECK(completion_url("gemini", "https://g.example/v1beta/models/x:streamGenerateContent?alt=sse") ==
        "https://g.example/v1beta/models/x:generateContent");
  CHECK(completion_url("gemini", "https://g.example/models/x:streamGenerateContent?alt=sse&key=K") ==
        "https://g.example/models/x:generateContent?key=K");
  CHECK(completion_url("gemini", "https://g.example/models/x:streamGenerateContent?key=K&alt=sse") ==
        "https://g.example/models/x:generateContent?key=K");
  CHECK(completion_url("openai-chat", "http://h/v1/chat/completions?alt=sse") == "http://h/v1/chat/completions?alt=sse");
}

TEST_CASE("completion: openai-chat message, reasoning and usage with details") {
  const auto m = parse_completion("openai-chat",
      R"({"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",)"
      R"("content":"Hello there","reasoning_content":"hm"},"finish_reason":"stop"}],)"
      R"("usage":{"prompt_tokens":12,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":4},)"
      R"("completion_tokens_details":{"reasoning_tokens":2}}})");
  CHECK(m.text == "Hello there");
  CHECK(m.reasoning == "hm");
  CHECK(m.input_tokens == 12);
  CHECK(m.output_tokens == 5);
  CHECK(m.cached_input_tokens == 4);
  CHECK(m.reasoning_tokens == 2);
  CHECK(m.end_of_stream);
  CHECK_FALSE(m.error);
  const auto error = parse_completion("openai-chat", R"({"error":{"message":"model overloaded","type":"server_error"}})");
  CHECK(error.error == "model overloaded");
  CHECK_FALSE(error.end_of_stream);
}

TEST_CASE("completion: a body cut short, not JSON or of another shape is a protocol error") {
  const auto cut = parse_completion("openai-chat", R"({"choices":[{"message":{"content":"Hel)");
  REQUIRE(cut.protocol_error);
  CHECK(cut.protocol_error->starts_with("response body is not a JSON object: "));
  CHECK_FALSE(cut.end_of_stream);
  CHECK(parse_completion("anthropic", "<html>busy</html>").protocol_error);
  const auto other = parse_completion("openai-chat", R"({"result":{"response":"x"}})");
  CHECK(other.protocol_error == R"(expected a openai-chat response, got: {"result":{"response":"x"}})");
  CHECK(parse_completion("gemini", R"({"foo":1})").protocol_error);
  CHECK(parse_completion("ollama", R"({"foo":1})").protocol_error);
  CHECK(parse_completion("llama-cpp", R"({"foo":1})").protocol_error);
  CHECK(parse_completion("openai-responses", R"({"foo":1})").protocol_error);
  CHECK(parse_completion("workers-ai", R"({"success":true})").protocol_error);
  CHECK(parse_completion("sse", R"({"x":1})").protocol_error);
}

TEST_CASE("completion: openai-completions text and usage") {
  const auto m = parse_completion("openai-completions",
      R"({"object":"text_completion","choices":[{"text":"Once upon","index":0,"finish_reason":"length"}],)"
      R"("usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}})");
  CHECK(m.text == "Once upon");
  CHECK(m.input_tokens == 3);
  CHECK(m.output_tokens == 2);
}

TEST_CASE("completion: openai-responses output items, usage details and a failed response") {
  const auto m = parse_completion("openai-responses",
      R"({"id":"r","object":"response","status":"completed","error":null,"output":[)"
      R"({"type":"reasoning","summary":[{"type":"summary_text","text":"think"}]},)"
      R"({"type":"message","role":"assistant","content":[{"type":"output_text","text":"Hi!","annotations":[]}]}],)"
      R"("usage":{"input_tokens":20,"input_tokens_details":{"cached_tokens":8},"output_tokens":9,)"
      R"("output_tokens_details":{"reasoning_tokens":6},"total_tokens":29}})");
  CHECK(m.text == "Hi!");
  CHECK(m.reasoning == "think");
  CHECK(m.input_tokens == 20);
  CHECK(m.output_tokens == 9);
  CHECK(m.cached_input_tokens == 8);
  CHECK(m.reasoning_tokens == 6);
  CHECK(m.end_of_stream);
  const auto failed = parse_completion("openai-responses",
      R"({"object":"response","status":"failed","error":{"code":"server_error","message":"boom"},"output":[]})");
  CHECK(failed.error == "server_error: boom");
}

TEST_CASE("completion: anthropic content blocks, summed input usage and an error body") {
  const auto m = parse_completion("anthropic",
      R"({"id":"msg_1","type":"message","role":"assistant","content":[{"type":"thinking","thinking":"hm",)"
      R"("signature":"s"},{"type":"text","text":"Hello"},{"type":"tool_use","id":"t","name":"f","input":{}}],)"
      R"("stop_reason":"end_turn","usage":{"input_tokens":10,"cache_creation_input_tokens":5,)"
      R"("cache_read_input_tokens":20,"output_tokens":7}})");
  CHECK(m.text == "Hello");
  CHECK(m.reasoning == "hm");
  CHECK(m.tool_call);
  CHECK(m.input_tokens == 35);
  CHECK(m.cached_input_tokens == 20);
  CHECK(m.cache_write_tokens == 5);
  CHECK(m.output_tokens == 7);
  const auto error = parse_completion("anthropic",
      R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
  CHECK(error.error == "overloaded_error: Overloaded");
}

TEST_CASE("completion: workers-ai envelope, native and chat-shaped results, and its errors") {
  const auto native = parse_completion("workers-ai",
      R"({"result":{"response":"Hi there","usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}},)"
      R"("success":true,"errors":[],"messages":[]})");
  CHECK(native.text == "Hi there");
  CHECK(native.input_tokens == 9);
  CHECK(native.output_tokens == 3);
  const auto chat = parse_completion("workers-ai",
      R"({"result":{"choices":[{"message":{"content":"Yo"}}],"usage":{"prompt_tokens":2,"completion_tokens":1}},)"
      R"("success":true,"errors":[]})");
  CHECK(chat.text == "Yo");
  CHECK(chat.output_tokens == 1);
  const auto error = parse_completion("workers-ai",
      R"({"result":null,"success":false,"errors":[{"code":3040,"message":"Capacity temporarily exceeded"}]})");
  CHECK(error.error == "3040: Capacity temporarily exceeded");
}

TEST_CASE("completion: gemini generateContent, thoughts and a blocked prompt") {
  const auto m = parse_completion("gemini",
      R"({"candidates":[{"content":{"parts":[{"text":"plan","thought":true},{"text":"Hello"}],"role":"model"},)"
      R"("finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":11,"candidatesTokenCount":4,)"
      R"("thoughtsTokenCount":3,"cachedContentTokenCount":2,"totalTokenCount":18}})");
  CHECK(m.text == "Hello");
  CHECK(m.reasoning == "plan");
  CHECK(m.input_tokens == 11);
  CHECK(m.output_tokens == 7);
  CHECK(m.reasoning_tokens == 3);
  CHECK(m.cached_input_tokens == 2);
  const auto blocked = parse_completion("gemini", R"({"promptFeedback":{"blockReason":"SAFETY"}})");
  CHECK(blocked.error == "prompt blocked: SAFETY");
}

TEST_CASE("completion: ollama and llama-cpp whole responses with their counts") {
  const auto ollama = parse_completion("ollama",
      R"({"model":"m","message":{"role":"assistant","content":"Hi","thinking":"t"},"done":true,)"
      R"("prompt_eval_count":26,"eval_count":3})");
  CHECK(ollama.text == "Hi");
  CHECK(ollama.reasoning == "t");
  CHECK(ollama.input_tokens == 26);
  CHECK(ollama.output_tokens == 3);
  CHECK(parse_completion("ollama", R"({"error":"model not found"})").error == "model not found");
  const auto llama = parse_completion("llama-cpp",
      R"({"content":"Once","stop":true,"tokens_predicted":4,"tokens_evaluated":6})");
  CHECK(llama.text == "Once");
  CHECK(llama.end_of_stream);
}

TEST_CASE("completion: the whole-body decoder keeps no event times and bounds the body") {
  auto decoder = StreamDecoder::whole_body("openai-chat", 1024);
  REQUIRE(decoder.has_value());
  const std::string body = R"({"choices":[{"message":{"content":"Hello world"}}],"usage":{"prompt_tokens":3,"completion_tokens":2}})";
  // Split anywhere: only the whole body is read.
  CHECK(decoder->feed(body.substr(0, 17), 100));
  CHECK(decoder->feed(body.substr(17), 250));
  decoder->finish(300);
  const StreamRecord& r = decoder->record();
  CHECK_FALSE(r.first_event_ns);
  CHECK_FALSE(r.first_token_ns);
  CHECK_FALSE(r.first_answer_ns);
  CHECK(r.content_event_ns.empty());
  CHECK(r.end_ns == 300);
  CHECK(r.terminated);
  CHECK(r.text_bytes == 11);
  CHECK(r.output_tokens == 2);
  CHECK_FALSE(r.events_are_tokens);

  auto small = StreamDecoder::whole_body("ollama", 8);
  REQUIRE(small.has_value());
  CHECK(small->feed("{\"mess", 1));
  CHECK_FALSE(small->feed("age\":{}}", 2));
  CHECK(small->record().protocol_error == "response body larger than 8 bytes");
  CHECK_FALSE(StreamDecoder::whole_body("vercel-ui", 8).has_value());
}
