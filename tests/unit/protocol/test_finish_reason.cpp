// The provider's finish reason as each protocol says it, streamed and in a whole body, and the
// reasoning length the decoder counts (outputs.jsonl records both, docs/results.md ("outputs.jsonl")).
#include <catch2/catch.hpp>

#include <string>

#include "protocol/completion.hpp"
#include "protocol/stream_decoder.hpp"

using namespace ttft::protocol;

namespace {

StreamRecord decode(std::string_view protocol, std::string_view body) {
  auto decoder = StreamDecoder::for_protocol(protocol, "http://127.0.0.1/");
  REQUIRE(decoder.has_value());
  decoder->feed(body, 1);
  decoder->finish(2);
  return decoder->record();
}

}  // namespace

TEST_CASE("finish reason: openai-chat, on the scanner's path and on the full reader's") {
  const auto plain = decode("openai-chat",
                            "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
                            "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"length\"}]}\n\n"
                            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}\n\n"
                            "data: [DONE]\n\n");
  CHECK(plain.finish_reason == std::optional<std::string>("length"));
  // llama.cpp's timings send the chunk to the full reader.
  const auto full = decode("openai-chat",
                           "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"st\\u006fp\"}],\"timings\":{}}\n\n");
  CHECK(full.finish_reason == std::optional<std::string>("stop"));
  const auto none = decode("openai-chat", "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n");
  CHECK_FALSE(none.finish_reason.has_value());
}

TEST_CASE("finish reason: anthropic stop_reason, gemini finishReason, ollama done_reason") {
  const auto anthropic = decode("anthropic",
                                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":"
                                "{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":4}}\n\n"
                                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  CHECK(anthropic.finish_reason == std::optional<std::string>("end_turn"));
  const auto gemini = decode("gemini",
                             "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]}\n\n"
                             "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"b\"}]},"
                             "\"finishReason\":\"MAX_TOKENS\"}]}\n\n");
  CHECK(gemini.finish_reason == std::optional<std::string>("MAX_TOKENS"));
  const auto ollama = decode("ollama",
                             "{\"message\":{\"content\":\"a\"},\"done\":false}\n"
                             "{\"message\":{\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}\n");
  CHECK(ollama.finish_reason == std::optional<std::string>("stop"));
  const auto completions = decode("openai-completions",
                                  "data: {\"choices\":[{\"text\":\"\",\"finish_reason\":\"stop\"}]}\n\n");
  CHECK(completions.finish_reason == std::optional<std::string>("stop"));
}

TEST_CASE("finish reason: a responses stream's final status") {
  const auto done = decode("openai-responses",
                           "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
                           "\"delta\":\"Hi\"}\n\nevent: response.incomplete\ndata: {\"type\":\"response.incomplete\","
                           "\"response\":{\"status\":\"incomplete\"}}\n\n");
  CHECK(done.finish_reason == std::optional<std::string>("incomplete"));
}

TEST_CASE("finish reason: whole non-streaming bodies") {
  CHECK(parse_completion("openai-chat", R"({"choices":[{"message":{"content":"x"},"finish_reason":"stop"}]})")
            .finish_reason == std::optional<std::string>("stop"));
  CHECK(parse_completion("anthropic", R"({"type":"message","content":[],"stop_reason":"max_tokens"})")
            .finish_reason == std::optional<std::string>("max_tokens"));
  CHECK(parse_completion("openai-responses", R"({"status":"completed","output":[]})").finish_reason ==
        std::optional<std::string>("completed"));
  CHECK(parse_completion("ollama", R"({"message":{"content":"x"},"done":true,"done_reason":"length"})")
            .finish_reason == std::optional<std::string>("length"));
  CHECK_FALSE(parse_completion("llama-cpp", R"({"content":"x"})").finish_reason.has_value());
}

TEST_CASE("reasoning_chars counts code points of reasoning only, never of text") {
  // "é" is two bytes, one character; the text "Hi" is not reasoning.
  const auto record = decode("openai-chat",
                             "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"caf\xC3\xA9\"}}]}\n\n"
                             "data: {\"choices\":[{\"delta\":{\"reasoning_content\":\"!\",\"content\":\"Hi\"}}]}\n\n");
  CHECK(record.reasoning_chars == 5);
  CHECK(record.text_bytes == 8);
  CHECK(decode("openai-chat", "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n").reasoning_chars == 0);
}
