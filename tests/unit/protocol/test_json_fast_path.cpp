// Differential check of the adapters' JSON fast path (json_scan) against their full nlohmann
// reader: for every fixture stream and a set of awkward events, openai-chat, workers-ai and
// anthropic must give the same meaning per event and the same StreamRecord either way.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "protocol/anthropic.hpp"
#include "protocol/anthropic_scan.hpp"
#include "protocol/json_scan.hpp"
#include "protocol/openai_chat.hpp"
#include "protocol/openai_chunk_scan.hpp"
#include "protocol/sse_parser.hpp"
#include "protocol/workers_ai.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;
using json_scan::JsonReading;

namespace {

const std::vector<std::string> kFastProtocols = {"openai-chat", "workers-ai", "anthropic"};

std::unique_ptr<Adapter> make_with_reading(std::string_view protocol, JsonReading reading) {
  if (protocol == "openai-chat") return std::make_unique<OpenAiChatAdapter>(reading);
  if (protocol == "workers-ai") return std::make_unique<WorkersAiAdapter>(reading);
  REQUIRE(protocol == "anthropic");
  return std::make_unique<AnthropicAdapter>(reading);
}

std::string describe_meaning(const EventMeaning& m) {
  const auto count = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "-"; };
  return "text=[" + m.text + "] reasoning=[" + m.reasoning + "] tool_call=" + (m.tool_call ? "yes" : "no") +
         " in=" + count(m.input_tokens) + " out=" + count(m.output_tokens) + " reasoning_tokens=" +
         count(m.reasoning_tokens) + " cached=" + count(m.cached_input_tokens) + " cache_write=" +
         count(m.cache_write_tokens) + " error=[" + m.error.value_or("-") + "] protocol_error=[" +
         m.protocol_error.value_or("-") + "] timings=" + (m.server_timings ? "yes" : "no") +
         " end=" + (m.end_of_stream ? "yes" : "no");
}

// Interprets the events in order with a fast and a reference adapter, comparing each meaning.
void check_events(std::string_view protocol, const std::vector<Event>& events) {
  auto fast = make_with_reading(protocol, JsonReading::scanner_first);
  auto reference = make_with_reading(protocol, JsonReading::full_parser);
  for (const Event& event : events) {
    INFO(protocol << " event type " << event.type << " data " << event.data);
    CHECK(describe_meaning(fast->interpret(event)) == describe_meaning(reference->interpret(event)));
  }
}

StreamRecord decode_whole_with(std::string_view protocol, JsonReading reading, std::string_view bytes) {
  StreamDecoder decoder(make_with_reading(protocol, reading));
  decoder.feed(bytes, 1);
  decoder.finish(2);
  return decoder.record();
}

StreamRecord decode_bytewise_with(std::string_view protocol, JsonReading reading, std::string_view bytes) {
  StreamDecoder decoder(make_with_reading(protocol, reading));
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (!decoder.feed(bytes.substr(i, 1), static_cast<ttft::Nanos>(i))) break;
  }
  decoder.finish(static_cast<ttft::Nanos>(bytes.size()));
  return decoder.record();
}

// The SSE events of a body, as the decoder would hand them to an adapter (llama.cpp's error
// field included, harmlessly).
std::vector<std::pair<std::string, std::string>> sse_events(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> events;
  SseParser parser;
  parser.feed(body, [&events](const Event& e) { events.emplace_back(e.type, e.data); });
  return events;
}

std::vector<std::filesystem::path> fixture_streams() {
  std::vector<std::filesystem::path> paths;
  for (const auto& dir : std::filesystem::directory_iterator(std::string(TTFT_FIXTURES_DIR) + "/streams")) {
    for (const auto& file : std::filesystem::directory_iterator(dir.path())) paths.push_back(file.path());
  }
  std::sort(paths.begin(), paths.end());
  REQUIRE(paths.size() > 40);
  return paths;
}

std::string relative_name(const std::filesystem::path& path) {
  return path.parent_path().filename().string() + "/" + path.filename().string();
}

}  // namespace

TEST_CASE("json fast path: every fixture stream decodes the same as with nlohmann alone") {
  for (const auto& path : fixture_streams()) {
    const std::string body = load_stream(relative_name(path));
    for (const std::string& protocol : kFastProtocols) {
      INFO(protocol << " on " << relative_name(path));
      CHECK(testing::describe(decode_whole_with(protocol, JsonReading::scanner_first, body)) ==
            testing::describe(decode_whole_with(protocol, JsonReading::full_parser, body)));
      CHECK(testing::describe(decode_bytewise_with(protocol, JsonReading::scanner_first, body)) ==
            testing::describe(decode_bytewise_with(protocol, JsonReading::full_parser, body)));
      std::vector<Event> events;
      const auto owned = sse_events(body);
      for (const auto& [type, data] : owned) events.push_back(Event{type, data});
      check_events(protocol, events);
    }
  }
}

TEST_CASE("json fast path: awkward events read the same as with nlohmann alone") {
  const std::vector<std::string> data = {
      // Common shapes, with whitespace and key order changed.
      R"({"choices":[{"index":0,"delta":{"content":"Hi"}}]})",
      " {\n \"choices\" : [ { \"delta\" : { \"content\" : \"Hi\" } } ] } \r\n",
      R"({"choices":[{"delta":{"role":"assistant","content":"","refusal":null}}],"usage":null})",
      R"({"choices":[{"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":3}})",
      R"({"choices":[],"usage":{"prompt_tokens":0,"completion_tokens":999999999999999999}})",
      // Escapes and characters in text.
      R"({"choices":[{"delta":{"content":"a\"b\\c\n\t\u00e9\uD83D\uDE80\u0000\/"}}]})",
      "{\"choices\":[{\"delta\":{\"content\":\"caf\xC3\xA9 \xF0\x9F\x9A\x80\"}}]}",
      // Reasoning: reasoning_content wins; a non-string one gives way to reasoning.
      R"({"choices":[{"delta":{"content":null,"reasoning_content":"Hm","reasoning":"no"}}]})",
      R"({"choices":[{"delta":{"reasoning_content":null,"reasoning":"yes"}}]})",
      R"({"choices":[{"delta":{"reasoning_content":7,"reasoning":"yes"}}]})",
      // Odd shapes that read as nothing.
      R"({"choices":{"delta":{"content":"x"}}})", R"({"choices":["x"]})", R"({"choices":[{"delta":"x"}]})",
      R"({"choices":[{"delta":{"content":5}}]})", R"({"choices":[[{"delta":{"content":"x"}}]]})",
      R"({"choices":[{"delta":{"content":"a"}},{"delta":{"content":"b"}}]})", R"({})", R"({"usage":[]})",
      R"({"usage":{"prompt_tokens":"11","completion_tokens":null}})",
      // Duplicates: the last one wins, at every level.
      R"({"choices":[{"delta":{"content":"first"}}],"choices":[{"delta":{"content":"second"}}]})",
      R"({"choices":[{"delta":{"content":"a"},"delta":{"content":"b"}}]})",
      R"({"choices":[{"delta":{"content":"a","content":"b"}}]})",
      R"({"usage":{"prompt_tokens":1,"prompt_tokens":2},"usage":{"completion_tokens":3}})",
      R"({"error":{"message":"x"},"error":null,"choices":[{"delta":{"content":"ok"}}]})",
      // Escaped keys spelling wanted ones.
      R"({"ch\u006fices":[{"delta":{"content":"x"}}]})", R"({"choices":[{"d\u0065lta":{"content":"x"}}]})",
      R"({"choices":[{"delta":{"c\u006fntent":"x"}}]})", R"({"usage":{"prompt\u005ftokens":5}})",
      // Numbers that are not plain counts.
      R"({"usage":{"prompt_tokens":-1,"completion_tokens":-0}})",
      R"({"usage":{"prompt_tokens":1.0,"completion_tokens":2.5}})",
      R"({"usage":{"prompt_tokens":1e3,"completion_tokens":12345678901234567890}})",
      R"({"usage":{"prompt_tokens":9223372036854775807,"completion_tokens":9223372036854775808}})",
      R"({"x":1e308,"choices":[{"delta":{"content":"big"}}]})", R"({"x":1e309})", R"({"x":-1e400})",
      // Errors, falsy and not (openai_error), and Cloudflare's envelope.
      R"({"error":null,"choices":[{"delta":{"content":"x"}}]})", R"({"error":false})", R"({"error":""})",
      R"({"error":{}})", R"({"error":[]})", R"({"error":"boom"})", R"({"error":{"message":"m"}})",
      R"({"error":{"code":1}})", R"({"error":true})", R"({"choices":[],"error":{"message":"late"}})",
      R"({"errors":[{"code":3040,"message":"Out of capacity"}],"success":false})", R"({"errors":[]})",
      R"({"errors":null,"response":"x"})", R"({"errors":"x"})",
      // Usage details: cached and reasoning tokens, only inside an object, only plain counts.
      R"({"choices":[],"usage":{"prompt_tokens":20,"completion_tokens":7,"prompt_tokens_details":{"cached_tokens":16},"completion_tokens_details":{"reasoning_tokens":5}}})",
      R"({"usage":{"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":null}})",
      R"({"usage":{"prompt_tokens_details":[{"cached_tokens":3}],"completion_tokens_details":"x"}})",
      R"({"usage":{"prompt_tokens_details":{"cached_tokens":1.5}}})",
      R"({"usage":{"completion_tokens_details":{"reasoning_tokens":-2}}})",
      R"({"usage":{"prompt_tokens_details":{"cached_tokens":1},"prompt_tokens_details":{}}})",
      R"({"usage":{"prompt_tokens_details":{"cach\u0065d_tokens":4}}})",
      R"({"prompt_tokens_details":{"cached_tokens":4},"usage":{}})",
      // Tool calls: a non-empty list (or the legacy object) is a call; empty and null are not.
      R"({"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"name":"f","arguments":""}}]}}]})",
      R"({"choices":[{"delta":{"role":"assistant","content":null,"tool_calls":[]}}]})",
      R"({"choices":[{"delta":{"tool_calls":null,"content":"x"}}]})",
      R"({"choices":[{"delta":{"tool_calls":{}}}]})", R"({"choices":[{"delta":{"tool_calls":"f"}}]})",
      R"({"choices":[{"delta":{"function_call":{"name":"f"}}}]})",
      R"({"choices":[{"delta":{"function_call":{}}}]})", R"({"choices":[{"delta":{"function_call":null}}]})",
      R"({"tool_calls":[{"name":"f"}]})", R"({"tool_calls":[ ]})", R"({"tool_calls":[{"name":"f"}],"response":"x"})",
      R"({"tool_calls":{"name":"f"}})",
      // Workers AI frames.
      R"({"response":"Hel","p":"ab12"})", R"({"response":"","usage":{"prompt_tokens":18,"completion_tokens":3}})",
      R"({"tool_calls":[],"p":"efgh56"})", R"({"response":null})", R"({"response":"r","choices":[{"delta":{"content":"c"}}]})",
      // llama.cpp timings.
      R"({"choices":[{"delta":{}}],"timings":{"prompt_ms":21.4,"predicted_ms":36.0}})",
      R"({"timings":null})", R"({"timings":"x"})",
      // Not JSON, or not an object, or what the scanner declines.
      "", " ", "[DONE", "[1,2]", "\"text\"", "42", "null", R"({"a":1,})", R"({"a":"\uD800"})",
      "{\"a\":\"\xED\xA0\x80\"}", "{\"a\":\"tab\there\"}", "\xEF\xBB\xBF{\"choices\":[{\"delta\":{\"content\":\"bom\"}}]}",
      std::string(70, '[') + std::string(70, ']'), "{\"x\":" + std::string(70, '[') + std::string(70, ']') + "}",
      R"({"a":1} trailing)", R"({"a":01})", R"({'a':1})",
      // Anthropic events.
      R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}})",
      R"({"type":"content_block_delta","delta":{"type":"thinking_delta","thinking":"Hm"}})",
      R"({"type":"content_block_delta","delta":{"type":"signature_delta","signature":"x"}})",
      R"({"type":"content_block_delta","delta":{"type":"input_json_delta","partial_json":"{"}})",
      R"({"type":"content_block_delta","delta":{"type":"text_delta","text":7}})",
      R"({"type":"content_block_delta","delta":{"text":"no type"}})",
      R"({"type":"content_block_delta","delta":"x"})", R"({"type":"content_block_delta"})",
      R"({"type":"content_block_delta","delta":{"type":"text\u005fdelta","text":"escaped type"}})",
      R"({"type":"content_\u0062lock_delta","delta":{"type":"text_delta","text":"escaped"}})",
      R"({"type":"ping"})", R"({"type": "ping"})", R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
      R"({"type":"content_block_stop","index":0})", R"({"type":"message_stop"})",
      R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t","name":"f","input":{}}})",
      R"({"type":"content_block_start","content_block":{"type":"server_tool_use"}})",
      R"({"type":"content_block_start","content_block":{"type":"tool_\u0075se"}})",
      R"({"type":"content_block_start","content_block":{"type":7}})",
      R"({"type":"content_block_start","content_block":"tool_use"})",
      R"({"type":"content_block_start","content_block":{"type":"thinking","thinking":""}})",
      R"({"type":"message_start","message":{"usage":{"input_tokens":3,"cache_creation_input_tokens":5,"cache_read_input_tokens":7}}})",
      R"({"type":"message_delta","usage":{"input_tokens":3,"cache_read_input_tokens":9,"output_tokens":6}})",
      R"({"type":"message_start","message":{"usage":{"input_tokens":14,"cache_read_input_tokens":2,"output_tokens":1}}})",
      R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":6}})",
      R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})",
      R"({"type":7,"delta":{"type":"text_delta","text":"typed by the event"}})",
      R"({"delta":{"type":"text_delta","text":"no json type"}})", R"({"type":"unknown_event"})",
  };
  const std::vector<std::string> types = {"message", "content_block_delta", "error", "ping"};
  for (const std::string& protocol : kFastProtocols) {
    std::vector<Event> events;
    for (const std::string& type : types) {
      for (const std::string& each : data) events.push_back(Event{type, each});
    }
    check_events(protocol, events);
  }
}

TEST_CASE("json fast path: the common chunks do take it") {
  // So the differential checks above compare two paths, not one path with itself.
  EventMeaning meaning;
  CHECK(scan_openai_chunk(
      R"({"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"x"})",
      ChunkDialect::openai_chat, meaning));
  CHECK(meaning.text == "Hel");
  CHECK(scan_openai_chunk(R"({"choices":[],"usage":{"prompt_tokens":11,"completion_tokens":3}})",
                          ChunkDialect::openai_chat, meaning));
  CHECK(meaning.input_tokens == 11);
  CHECK(meaning.output_tokens == 3);
  EventMeaning frame;
  CHECK(scan_openai_chunk(R"({"response":"lo!","p":"cd3"})", ChunkDialect::workers_ai, frame));
  CHECK(frame.text == "lo!");
  // The unusual ones do not, and leave the meaning untouched.
  EventMeaning untouched;
  CHECK_FALSE(scan_openai_chunk(R"({"error":{"message":"x"}})", ChunkDialect::openai_chat, untouched));
  CHECK_FALSE(scan_openai_chunk(R"({"choices":[{"delta":{"content":"x"}}],"usage":{"prompt_tokens":1.5}})",
                                ChunkDialect::openai_chat, untouched));
  CHECK_FALSE(scan_openai_chunk("not json", ChunkDialect::openai_chat, untouched));
  CHECK(untouched.text.empty());
  CHECK_FALSE(untouched.input_tokens);

  EventMeaning delta;
  CHECK(scan_anthropic_event(
      Event{"content_block_delta",
            R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}})"},
      delta));
  CHECK(delta.text == "Hello");
  EventMeaning stop;
  CHECK(scan_anthropic_event(Event{"message_stop", R"({"type":"message_stop"})"}, stop));
  CHECK(stop.end_of_stream);
  CHECK_FALSE(scan_anthropic_event(
      Event{"message_delta", R"({"type":"message_delta","usage":{"output_tokens":6}})"}, untouched));
  CHECK_FALSE(scan_anthropic_event(Event{"error", R"({"type":"ping"})"}, untouched));
  CHECK_FALSE(untouched.end_of_stream);
}

TEST_CASE("json fast path: usage details take it, tool-call chunks and starts do not") {
  EventMeaning usage;
  CHECK(scan_openai_chunk(
      R"({"choices":[],"usage":{"prompt_tokens":20,"completion_tokens":7,"prompt_tokens_details":{"cached_tokens":16},"completion_tokens_details":{"reasoning_tokens":5}}})",
      ChunkDialect::openai_chat, usage));
  CHECK(usage.cached_input_tokens == 16);
  CHECK(usage.reasoning_tokens == 5);
  CHECK_FALSE(usage.cache_write_tokens);
  EventMeaning empty_list;
  CHECK(scan_openai_chunk(R"({"tool_calls":[],"response":"x"})", ChunkDialect::workers_ai, empty_list));
  CHECK_FALSE(empty_list.tool_call);
  EventMeaning untouched;
  CHECK_FALSE(scan_openai_chunk(R"({"choices":[{"delta":{"tool_calls":[{"index":0}]}}]})",
                                ChunkDialect::openai_chat, untouched));
  CHECK_FALSE(scan_openai_chunk(R"({"tool_calls":[{"name":"f"}]})", ChunkDialect::workers_ai, untouched));
  CHECK_FALSE(untouched.tool_call);
  // The full reader joins a call's pieces (its name, then its input's JSON).
  EventMeaning block;
  CHECK_FALSE(scan_anthropic_event(
      Event{"content_block_start", R"({"type":"content_block_start","content_block":{"type":"tool_use"}})"}, block));
  CHECK_FALSE(block.tool_call);
  CHECK(scan_anthropic_event(
      Event{"content_block_start", R"({"type":"content_block_start","content_block":{"type":"text","text":""}})"}, block));
  EventMeaning json_delta;
  CHECK_FALSE(scan_anthropic_event(
      Event{"content_block_delta",
            R"({"type":"content_block_delta","delta":{"type":"input_json_delta","partial_json":"{"}})"},
      json_delta));
  CHECK_FALSE(json_delta.tool_call);
}
