// Synthetic bodies for the parser benchmarks. The frames copy the fixtures' shapes field by
// field; only the token text, counters and padding change from one content event to the next.
#include "bench/parsers/stream_mixes.hpp"

#include <array>
#include <functional>
#include <map>
#include <string>

#include "core/check.hpp"

namespace ttft::bench {
namespace {

// Token texts as a chat model streams them: mostly a leading-space word, some punctuation and
// markdown, a newline pair, quotes, and multi-byte characters (2, 3 and 4 bytes).
constexpr std::array<std::string_view, 24> kTokens = {
    "The",   " edge",  " model", " answers", " faster", ",",     " but",  " the",
    " cost", " per",   " token", " is",      " \"",     "higher", "\"",    ".\n\n",
    "**",    "Note",   "**:",    " café",    " —",      " 東京",  " 🚀",   " 42%"};

std::string json_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

// Opaque padding whose length varies per event, like OpenAI's "obfuscation" and Workers AI's "p".
std::string padding(std::size_t i) {
  static constexpr std::string_view kAlphabet = "aZ3kQ9xR2mT7pL0v";
  return std::string(kAlphabet.substr(0, 1 + (i * 7) % 15));
}

std::string sse(std::string_view data) { return "data: " + std::string(data) + "\n\n"; }

std::string sse(std::string_view type, std::string_view data) {
  return "event: " + std::string(type) + "\n" + sse(data);
}

// A protocol's frames: its opening, one content frame per token, its closing.
struct Shape {
  std::vector<std::string> (*opening)();
  std::string (*content)(std::string_view token, std::size_t i);
  std::vector<std::string> (*closing)(std::size_t tokens);
};

constexpr std::string_view kChatHead =
    R"({"id":"chatcmpl-7Qx","object":"chat.completion.chunk","created":1767225600,)"
    R"("model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_a1","choices":)";

const Shape kOpenAiChat{
    [] {
      return std::vector<std::string>{sse(std::string(kChatHead) +
          R"([{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"pQ3s"})")};
    },
    [](std::string_view token, std::size_t i) {
      return sse(std::string(kChatHead) + R"([{"index":0,"delta":{"content":")" +
                 json_escape(token) + R"("},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":")" +
                 padding(i) + "\"}");
    },
    [](std::size_t tokens) {
      return std::vector<std::string>{
          sse(std::string(kChatHead) +
              R"([{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null,"obfuscation":"m0T"})"),
          sse(std::string(kChatHead) + R"([],"usage":{"prompt_tokens":11,"completion_tokens":)" +
              std::to_string(tokens) +
              R"(,"total_tokens":)" + std::to_string(tokens + 11) +
              R"(,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"obfuscation":"q"})"),
          sse("[DONE]")};
    }};

constexpr std::string_view kCompletionHead =
    R"({"id":"cmpl-8Ab","object":"text_completion","created":1767225600,"model":"gpt-3.5-turbo-instruct","choices":)";

const Shape kOpenAiCompletions{
    [] { return std::vector<std::string>{}; },
    [](std::string_view token, std::size_t) {
      return sse(std::string(kCompletionHead) + R"([{"text":")" + json_escape(token) +
                 R"(","index":0,"logprobs":null,"finish_reason":null}],"usage":null})");
    },
    [](std::size_t tokens) {
      return std::vector<std::string>{
          sse(std::string(kCompletionHead) +
              R"([{"text":"","index":0,"logprobs":null,"finish_reason":"stop"}],"usage":null})"),
          sse(std::string(kCompletionHead) + R"([],"usage":{"prompt_tokens":5,"completion_tokens":)" +
              std::to_string(tokens) + R"(,"total_tokens":)" + std::to_string(tokens + 5) + "}}"),
          sse("[DONE]")};
    }};

const Shape kOpenAiResponses{
    [] {
      return std::vector<std::string>{
          sse("response.created",
              R"({"type":"response.created","sequence_number":0,"response":{"id":"resp_9f","object":"response","created_at":1767225600,"status":"in_progress","model":"gpt-4o-mini-2024-07-18","output":[],"usage":null}})"),
          sse("response.in_progress",
              R"({"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_9f","object":"response","created_at":1767225600,"status":"in_progress","model":"gpt-4o-mini-2024-07-18","output":[],"usage":null}})"),
          sse("response.output_item.added",
              R"({"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"msg_9f","type":"message","status":"in_progress","role":"assistant","content":[]}})"),
          sse("response.content_part.added",
              R"({"type":"response.content_part.added","sequence_number":3,"item_id":"msg_9f","output_index":0,"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}})")};
    },
    [](std::string_view token, std::size_t i) {
      return sse("response.output_text.delta",
                 R"({"type":"response.output_text.delta","sequence_number":)" + std::to_string(i + 4) +
                     R"(,"item_id":"msg_9f","output_index":0,"content_index":0,"delta":")" +
                     json_escape(token) + R"(","logprobs":[],"obfuscation":")" + padding(i) + "\"}");
    },
    [](std::size_t tokens) {
      return std::vector<std::string>{sse(
          "response.completed",
          R"({"type":"response.completed","sequence_number":)" + std::to_string(tokens + 4) +
              R"(,"response":{"id":"resp_9f","object":"response","created_at":1767225600,"status":"completed","model":"gpt-4o-mini-2024-07-18","output":[],"usage":{"input_tokens":11,"input_tokens_details":{"cached_tokens":0},"output_tokens":)" +
              std::to_string(tokens) + R"(,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":)" +
              std::to_string(tokens + 11) + "}}}")};
    }};

const Shape kAnthropic{
    [] {
      return std::vector<std::string>{
          sse("message_start",
              R"({"type":"message_start","message":{"id":"msg_01AbC","type":"message","role":"assistant","content":[],"model":"claude-haiku-4-5-20251001","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":14,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}})"),
          sse("content_block_start",
              R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"),
          sse("ping", R"({"type": "ping"})")};
    },
    [](std::string_view token, std::size_t) {
      return sse("content_block_delta",
                 R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":")" +
                     json_escape(token) + "\"}}");
    },
    [](std::size_t tokens) {
      return std::vector<std::string>{
          sse("content_block_stop", R"({"type":"content_block_stop","index":0})"),
          sse("message_delta",
              R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":)" +
                  std::to_string(tokens) + "}}"),
          sse("message_stop", R"({"type":"message_stop"})")};
    }};

const Shape kWorkersAi{
    [] { return std::vector<std::string>{}; },
    [](std::string_view token, std::size_t i) {
      return sse(R"({"response":")" + json_escape(token) + R"(","p":")" + padding(i) + "\"}");
    },
    [](std::size_t tokens) {
      return std::vector<std::string>{
          sse(R"({"response":"","usage":{"prompt_tokens":18,"completion_tokens":)" +
              std::to_string(tokens) + R"(,"total_tokens":)" + std::to_string(tokens + 18) + "}}"),
          sse("[DONE]")};
    }};

const Shape kVercelUi{
    [] {
      return std::vector<std::string>{sse(R"({"type":"start","messageId":"msg-5hT2"})"),
                                      sse(R"({"type":"start-step"})"),
                                      sse(R"({"type":"text-start","id":"txt-0"})")};
    },
    [](std::string_view token, std::size_t) {
      return sse(R"({"type":"text-delta","id":"txt-0","delta":")" + json_escape(token) + "\"}");
    },
    [](std::size_t) {
      return std::vector<std::string>{sse(R"({"type":"text-end","id":"txt-0"})"),
                                      sse(R"({"type":"finish-step"})"),
                                      sse(R"({"type":"finish","finishReason":"stop"})"),
                                      sse("[DONE]")};
    }};

const Shape kVercelData{
    [] { return std::vector<std::string>{R"(f:{"messageId":"msg-5hT2"})" "\n"}; },
    [](std::string_view token, std::size_t) { return "0:\"" + json_escape(token) + "\"\n"; },
    [](std::size_t tokens) {
      const std::string usage = R"({"promptTokens":11,"completionTokens":)" + std::to_string(tokens) + "}";
      return std::vector<std::string>{
          R"(e:{"finishReason":"stop","usage":)" + usage + R"(,"isContinued":false})" + "\n",
          R"(d:{"finishReason":"stop","usage":)" + usage + "}\n"};
    }};

const Shape kGemini{
    [] { return std::vector<std::string>{}; },
    [](std::string_view token, std::size_t i) {
      return sse(R"({"candidates":[{"content":{"parts":[{"text":")" + json_escape(token) +
                 R"("}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":)" +
                 std::to_string(i + 1) + R"(,"totalTokenCount":)" + std::to_string(i + 10) +
                 R"(},"modelVersion":"gemini-2.5-flash","responseId":"r-1"})");
    },
    [](std::size_t tokens) {
      return std::vector<std::string>{
          sse(R"({"candidates":[{"content":{"parts":[{"text":""}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":)" +
              std::to_string(tokens) + R"(,"totalTokenCount":)" + std::to_string(tokens + 9) +
              R"(},"modelVersion":"gemini-2.5-flash","responseId":"r-1"})")};
    }};

const Shape kOllama{
    [] { return std::vector<std::string>{}; },
    [](std::string_view token, std::size_t) {
      return R"({"model":"llama3.2","created_at":"2026-01-01T00:00:00.10Z","message":{"role":"assistant","content":")" +
             json_escape(token) + R"("},"done":false})" + "\n";
    },
    [](std::size_t tokens) {
      return std::vector<std::string>{
          R"({"model":"llama3.2","created_at":"2026-01-01T00:00:00.14Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":142000000,"load_duration":2100000,"prompt_eval_count":26,"prompt_eval_duration":61000000,"eval_count":)" +
          std::to_string(tokens) + R"(,"eval_duration":40000000})" + "\n"};
    }};

const Shape kLlamaCpp{
    [] { return std::vector<std::string>{}; },
    [](std::string_view token, std::size_t i) {
      return sse(R"({"index":0,"content":")" + json_escape(token) +
                 R"(","tokens":[],"stop":false,"id_slot":0,"tokens_predicted":)" + std::to_string(i + 1) +
                 R"(,"tokens_evaluated":9})");
    },
    [](std::size_t tokens) {
      return std::vector<std::string>{sse(
          R"({"index":0,"content":"","tokens":[],"id_slot":0,"stop":true,"model":"local.gguf","tokens_predicted":)" +
          std::to_string(tokens) +
          R"(,"tokens_evaluated":9,"stop_type":"eos","stopping_word":"","tokens_cached":11,"timings":{"prompt_n":9,"prompt_ms":21.4,"prompt_per_token_ms":2.38,"prompt_per_second":420.6,"predicted_n":3,"predicted_ms":36.0,"predicted_per_token_ms":12.0,"predicted_per_second":83.3}})")};
    }};

// No framing: every read is one event, so "one event per read" feeds one token per read.
const Shape kText{[] { return std::vector<std::string>{}; },
                  [](std::string_view token, std::size_t) { return std::string(token); },
                  [](std::size_t) { return std::vector<std::string>{}; }};

// Any SSE endpoint: each event's data is its text; the connection's end ends the stream.
const Shape kSse{[] { return std::vector<std::string>{": stream opened\n\n"}; },
                 [](std::string_view token, std::size_t i) {
                   // Multi-line data is the generic stream's way to send a newline.
                   std::string frame = "id: " + std::to_string(i) + "\n";
                   std::size_t begin = 0;
                   for (std::size_t nl = token.find('\n'); nl != std::string_view::npos;
                        nl = token.find('\n', begin)) {
                     frame += "data: " + std::string(token.substr(begin, nl - begin)) + "\n";
                     begin = nl + 1;
                   }
                   return frame + "data: " + std::string(token.substr(begin)) + "\n\n";
                 },
                 [](std::size_t) { return std::vector<std::string>{}; }};

const std::map<std::string, const Shape*, std::less<>>& shapes() {
  static const std::map<std::string, const Shape*, std::less<>> table{
      {"openai-chat", &kOpenAiChat}, {"openai-completions", &kOpenAiCompletions},
      {"openai-responses", &kOpenAiResponses}, {"anthropic", &kAnthropic},
      {"workers-ai", &kWorkersAi}, {"vercel-ui", &kVercelUi}, {"vercel-data", &kVercelData},
      {"gemini", &kGemini}, {"ollama", &kOllama}, {"llama-cpp", &kLlamaCpp},
      {"text", &kText}, {"sse", &kSse}};
  return table;
}

}  // namespace

const std::vector<std::string>& mix_protocols() {
  static const std::vector<std::string> names{
      "openai-chat", "openai-completions", "openai-responses", "anthropic", "workers-ai", "vercel-ui",
      "vercel-data", "gemini", "ollama", "llama-cpp", "text", "sse"};
  return names;
}

StreamMix make_stream_mix(std::string_view protocol, std::size_t tokens) {
  const auto found = shapes().find(protocol);
  TTFT_CHECK(found != shapes().end(), "a stream mix exists for every benchmarked protocol");
  const Shape& shape = *found->second;
  StreamMix mix;
  mix.protocol = std::string(protocol);
  mix.frames = shape.opening();
  for (std::size_t i = 0; i < tokens; ++i) {
    mix.frames.push_back(shape.content(kTokens[i % kTokens.size()], i));
  }
  for (std::string& frame : shape.closing(tokens)) mix.frames.push_back(std::move(frame));
  mix.content_events = tokens;
  for (const std::string& frame : mix.frames) mix.body += frame;
  return mix;
}

std::vector<std::string_view> cut_reads(std::string_view body, std::size_t read_bytes) {
  TTFT_CHECK(read_bytes > 0, "reads carry at least one byte");
  std::vector<std::string_view> reads;
  for (std::size_t at = 0; at < body.size(); at += read_bytes) {
    reads.push_back(body.substr(at, read_bytes));
  }
  return reads;
}

}  // namespace ttft::bench
