// The simulator's tool calls (docs/simulator.md ("Tool calls")): each protocol's emitter streams
// get_weather({"city":"Paris"}) in the provider's shape between reasoning and the answer, and
// ttftbench's own adapters join it back the same wherever the body is cut.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "protocol/stream_decoder.hpp"
#include "sim/emitters.hpp"
#include "sim/plan.hpp"

using ttft::protocol::StreamDecoder;
using ttft::protocol::StreamRecord;
using ttft::protocol::TokenKind;
using ttft::protocol::ToolCall;
using ttft::sim::Frame;
using ttft::sim::FrameKind;
using ttft::sim::Protocol;

namespace {

struct Emitted {
  std::string bytes;
  std::vector<std::int64_t> tool_slots;  // the slot of each kToolCall frame
  std::int64_t first_content_slot = -1;
};

Emitted emit(Protocol protocol, std::int64_t tool_calls, std::int64_t output_tokens, std::int64_t reasoning = 0) {
  ttft::sim::StreamSpec spec;
  spec.id = "resp_sim000001";
  spec.model = "m";
  spec.input_tokens = 5;
  spec.output_tokens = output_tokens;
  spec.reasoning_tokens = reasoning;
  spec.tool_calls = tool_calls;
  Emitted out;
  std::int64_t last_slot = 0;
  for (const Frame& frame : ttft::sim::emit_stream(protocol, spec)) {
    CHECK(frame.slot >= last_slot);  // slots never decrease
    last_slot = frame.slot;
    out.bytes += frame.bytes;
    if (frame.kind == FrameKind::kToolCall) out.tool_slots.push_back(frame.slot);
    if (frame.kind == FrameKind::kContent && out.first_content_slot < 0) out.first_content_slot = frame.slot;
  }
  return out;
}

// `bytes` in two reads cut at `cut`, the first at time 1 and the second at time 2.
StreamRecord decode_cut(std::string_view protocol, std::string_view bytes, std::size_t cut) {
  auto decoder = StreamDecoder::for_protocol(protocol, "http://127.0.0.1/");
  REQUIRE(decoder.has_value());
  if (decoder->feed(bytes.substr(0, cut), 1)) decoder->feed(bytes.substr(cut), 2);
  decoder->finish(3);
  return decoder->record();
}

struct Case {
  Protocol protocol;
  const char* name;
  std::size_t frames_per_call;   // 4 where arguments stream in pieces, 1 for whole calls
  const char* shape;             // a piece of the call, byte for byte
};

const std::vector<Case> kCases = {
    {Protocol::kOpenAiChat, "openai-chat", 4,
     R"("delta":{"tool_calls":[{"index":0,"id":"call_sim0","type":"function","function":{"name":"get_weather","arguments":""}}]})"},
    {Protocol::kOpenAiResponses, "openai-responses", 4,
     R"({"type":"response.function_call_arguments.delta","sequence_number":3,"item_id":"fc_sim0","output_index":0,"delta":"{\"city\":"})"},
    {Protocol::kAnthropic, "anthropic", 4,
     R"({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\"Paris\""}})"},
    {Protocol::kGemini, "gemini", 1, R"({"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}])"},
    {Protocol::kOllama, "ollama", 1,
     R"("message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]})"},
    {Protocol::kVercelUi, "vercel-ui", 4,
     R"(data: {"type":"tool-input-delta","toolCallId":"call_sim0","inputTextDelta":"}"})"},
};

}  // namespace

TEST_CASE("sim tool calls: each protocol's shape, before the answer, one slot per piece") {
  for (const Case& c : kCases) {
    INFO(c.name);
    const Emitted emitted = emit(c.protocol, 2, 3);
    CHECK(emitted.bytes.find(c.shape) != std::string::npos);
    REQUIRE(emitted.tool_slots.size() == 2 * c.frames_per_call);
    for (std::size_t i = 1; i < emitted.tool_slots.size(); ++i) CHECK(emitted.tool_slots[i] == emitted.tool_slots[i - 1] + 1);
    CHECK(emitted.first_content_slot == emitted.tool_slots.back() + 1);
    const StreamRecord record = decode_cut(c.name, emitted.bytes, 0);
    CHECK(record.tool_calls == std::vector<ToolCall>(2, ToolCall{"get_weather", R"({"city":"Paris"})"}));
    CHECK(record.terminated == (c.protocol != Protocol::kGemini));
    CHECK(record.text_bytes == 12);  // "Hello" "," " world": the three answer tokens, never the arguments
    CHECK(record.content_events == 3);
    // Without tool calls the stream has none and its first token is text.
    const StreamRecord plain = decode_cut(c.name, emit(c.protocol, 0, 3).bytes, 0);
    CHECK(plain.tool_calls.empty());
    CHECK(plain.first_token_kind == TokenKind::text);
  }
}

TEST_CASE("sim tool calls: joined the same at every cut, the first token a tool call, also instead of text") {
  for (const Case& c : kCases) {
    for (std::int64_t output_tokens : {0, 2}) {
      INFO(c.name << " with " << output_tokens << " answer tokens");
      const std::string bytes = emit(c.protocol, 1, output_tokens).bytes;
      const StreamRecord whole = decode_cut(c.name, bytes, 0);
      REQUIRE(whole.tool_calls == std::vector<ToolCall>{{"get_weather", R"({"city":"Paris"})"}});
      CHECK(whole.first_token_kind == TokenKind::tool_call);
      CHECK_FALSE(whole.protocol_error);
      CHECK_FALSE(whole.stream_error);
      for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
        const StreamRecord record = decode_cut(c.name, bytes, cut);
        if (record.tool_calls != whole.tool_calls || record.first_token_kind != TokenKind::tool_call) {
          FAIL_CHECK("cut at " << cut);
          break;
        }
      }
    }
  }
}

TEST_CASE("sim tool calls after reasoning: reasoning is the first token, the call still joined") {
  for (const Case& c : kCases) {
    if (c.protocol == Protocol::kOllama || c.protocol == Protocol::kGemini) continue;  // reasoning + whole calls: covered above
    INFO(c.name);
    const StreamRecord record = decode_cut(c.name, emit(c.protocol, 1, 2, 2).bytes, 0);
    CHECK(record.first_token_kind == TokenKind::reasoning);
    CHECK(record.tool_calls.size() == 1);
  }
}

TEST_CASE("sim plans: x-sim-tool-calls wins over the profile, and the reasoning time ends at the call") {
  ttft::sim::Profile profile = ttft::sim::builtin_profile("edge").value();
  profile.tool_calls = 3;
  ttft::sim::Rng rng(5);
  const auto header = [](std::string_view name) -> std::optional<std::string> {
    if (name == "x-sim-tool-calls") return "1";
    return std::nullopt;
  };
  ttft::sim::PlanInput input;
  input.protocol = Protocol::kOpenAiChat;
  input.overrides = ttft::sim::parse_overrides(header).value();
  input.overrides.first_event_ms = 100;
  input.overrides.token_interval_ms = 10;
  input.overrides.tokens = 2;
  input.overrides.reasoning_tokens = 2;
  input.overrides.reasoning_ms = 50;
  const auto plan = ttft::sim::make_stream_plan(input, profile, rng);
  CHECK(plan.spec.tool_calls == 1);
  // role (slot 0), reasoning (1, 2), the call's 4 pieces (3 to 6), 2 tokens (7, 8), the tail.
  const auto first_call = std::find_if(plan.frames.begin(), plan.frames.end(),
                                       [](const Frame& f) { return f.kind == FrameKind::kToolCall; });
  REQUIRE(first_call != plan.frames.end());
  CHECK(first_call->slot == 3);
  // The first call follows the first reasoning delta by exactly reasoning_ms.
  CHECK(plan.slot_offsets_ns[3] - plan.slot_offsets_ns[1] == 50 * ttft::kNanosPerMs);
  CHECK(plan.frames.back().slot == 8);
  input.overrides.tool_calls.reset();
  CHECK(ttft::sim::make_stream_plan(input, profile, rng).spec.tool_calls == 3);
  const auto bad = [](std::string_view name) -> std::optional<std::string> {
    if (name == "x-sim-tool-calls") return "101";
    return std::nullopt;
  };
  CHECK_FALSE(ttft::sim::parse_overrides(bad).has_value());
}
