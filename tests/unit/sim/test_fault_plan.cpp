// The pure side of the simulator's faults: names, replies, how each fault reshapes a plan, the
// raw HTTP framing and the gzip encoder. No sockets.
#include <algorithm>
#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/fault_plan.hpp"
#include "sim/gzip_encoder.hpp"
#include "sim/wire.hpp"
#include "support/gunzip.hpp"

using ttft::Nanos;
using ttft::kNanosPerMs;
using ttft::sim::Fault;
using ttft::sim::FrameKind;
using ttft::sim::PlanInput;
using ttft::sim::Protocol;
using ttft::sim::StreamPlan;

namespace {

// A 4-token openai-chat plan with 100 ms to the first event and 20 ms between tokens.
StreamPlan plan_for(Fault fault, Protocol protocol = Protocol::kOpenAiChat, std::optional<double> stall_ms = {}) {
  ttft::sim::Rng rng(5);
  PlanInput input;
  input.protocol = protocol;
  input.overrides.first_event_ms = 100;
  input.overrides.token_interval_ms = 20;
  input.overrides.tokens = 4;
  input.overrides.stall_ms = stall_ms;
  input.fault = fault;
  return ttft::sim::make_stream_plan(input, ttft::sim::builtin_profile("fast").value(), rng);
}

std::string all_bytes(const StreamPlan& plan) {
  std::string bytes;
  for (const auto& frame : plan.frames) bytes += frame.bytes;
  return bytes;
}

}  // namespace

TEST_CASE("sim fault table: unique names both ways, parse_fault inverts fault_name") {
  std::set<std::string_view> names, keys;
  for (const auto& info : ttft::sim::fault_table()) {
    INFO(info.name);
    CHECK(names.insert(info.name).second);
    CHECK(keys.insert(info.profile_key).second);
    CHECK(ttft::sim::parse_fault(info.name) == info.fault);
    CHECK(ttft::sim::fault_name(info.fault) == info.name);
    CHECK(ttft::sim::fault_names_list().find(info.name) != std::string::npos);
  }
  CHECK(names.size() == ttft::sim::kFaultCount);
  CHECK(ttft::sim::parse_fault("none") == Fault::kNone);
  CHECK_FALSE(ttft::sim::parse_fault("http_429").has_value());
  CHECK(ttft::sim::fault_names_list().rfind("none, http-429, ", 0) == 0);
}

TEST_CASE("sim fault replies: status, headers and provider bodies") {
  const auto overloaded = ttft::sim::fault_reply(Protocol::kAnthropic, Fault::kHttp529, "/v1/messages");
  REQUIRE(overloaded);
  CHECK(overloaded->status == 529);
  CHECK(overloaded->body.find(R"("type":"overloaded_error")") != std::string::npos);

  const auto wrong_type = ttft::sim::fault_reply(Protocol::kOpenAiChat, Fault::kWrongContentType, "/x");
  REQUIRE(wrong_type);
  CHECK(wrong_type->status == 200);
  CHECK(wrong_type->headers.front() == std::pair<std::string, std::string>{"Content-Type", "application/json"});
  CHECK(wrong_type->body.rfind(R"({"error":{)", 0) == 0);

  const auto redirect = ttft::sim::fault_reply(Protocol::kGemini, Fault::kRedirect,
                                               "/v1beta/models/m:streamGenerateContent?alt=sse");
  REQUIRE(redirect);
  CHECK(redirect->status == 307);
  CHECK(redirect->headers.at(1) == std::pair<std::string, std::string>{
                                       "Location", "/v1beta/models/m:streamGenerateContent?alt=sse&x-sim-redirected=1"});
  const auto plain = ttft::sim::fault_reply(Protocol::kOpenAiChat, Fault::kRedirect, "/v1/chat/completions");
  CHECK(plain->headers.at(1).second == "/v1/chat/completions?x-sim-redirected=1");

  CHECK(ttft::sim::is_redirected("x-sim-redirected=1"));
  CHECK(ttft::sim::is_redirected("alt=sse&x-sim-redirected=1"));
  CHECK_FALSE(ttft::sim::is_redirected("alt=sse"));
  CHECK_FALSE(ttft::sim::is_redirected("x-sim-redirected=10"));
  CHECK_FALSE(ttft::sim::is_redirected(""));

  for (const Fault streamed : {Fault::kNone, Fault::kGzip, Fault::kStall, Fault::kSlowHeaders}) {
    CHECK_FALSE(ttft::sim::fault_reply(Protocol::kOpenAiChat, streamed, "/").has_value());
  }
}

TEST_CASE("sim fault plans: cuts, stalls and closes") {
  const auto healthy = plan_for(Fault::kNone);
  REQUIRE(healthy.frames.size() == 6);  // role, 4 tokens, tail
  CHECK(healthy.send_headers);
  CHECK_FALSE(healthy.raw);

  const auto clean_cut = plan_for(Fault::kCloseWithoutTerminator);
  REQUIRE(clean_cut.frames.size() == 3);  // role + 2 of 4 tokens, then a clean end
  CHECK_FALSE(clean_cut.close_abruptly);
  CHECK(all_bytes(clean_cut).find("[DONE]") == std::string::npos);

  const auto stalled = plan_for(Fault::kStallMidStream, Protocol::kOpenAiChat, 500);
  REQUIRE(stalled.frames.size() == 3);
  CHECK(stalled.close_abruptly);
  CHECK_FALSE(stalled.reset);
  CHECK(stalled.close_slot == 3);  // its own slot, one stall after the last frame (slot 2)
  CHECK(stalled.slot_offsets_ns[3] - stalled.slot_offsets_ns[2] == 500 * kNanosPerMs);
  const auto capped = plan_for(Fault::kStallMidStream, Protocol::kSse);
  CHECK(capped.slot_offsets_ns.at(static_cast<std::size_t>(capped.close_slot)) -
            capped.slot_offsets_ns.at(static_cast<std::size_t>(capped.close_slot - 1)) ==
        ttft::sim::kMaxStallNs);

  const auto reset = plan_for(Fault::kResetBeforeHeaders);
  CHECK(reset.frames.empty());
  CHECK_FALSE(reset.send_headers);
  CHECK(reset.reset);
  CHECK(reset.close_slot == 0);
  CHECK(reset.slot_offsets_ns[0] == 100 * kNanosPerMs);  // at the first-event time

  const auto chunked = plan_for(Fault::kTruncatedChunked);
  REQUIRE(chunked.frames.size() == 4);  // role + 2 tokens whole, the third token cut
  CHECK(chunked.raw);
  CHECK(chunked.cut_last_chunk);
  CHECK(chunked.close_abruptly);
  CHECK(chunked.close_slot == chunked.frames.back().slot);

  const auto slow = plan_for(Fault::kSlowHeaders);
  CHECK(slow.raw);
  CHECK(slow.header_byte_interval_ns == 100 * kNanosPerMs);
  CHECK(all_bytes(slow) == all_bytes(healthy));

  CHECK(plan_for(Fault::kGzip).gzip);
  CHECK(all_bytes(plan_for(Fault::kGzip)) == all_bytes(healthy));
}

TEST_CASE("sim fault plans: corrupted bytes") {
  const auto healthy = plan_for(Fault::kNone);
  const auto invalid = plan_for(Fault::kInvalidUtf8);
  REQUIRE(invalid.frames.size() == healthy.frames.size());
  CHECK(invalid.frames[1].bytes == healthy.frames[1].bytes);  // the first token is intact
  CHECK(invalid.frames[2].bytes.find(ttft::sim::kInvalidUtf8Token) != std::string::npos);
  CHECK(all_bytes(invalid).find(ttft::sim::kTokenMarker) == std::string::npos);

  const auto oversize = plan_for(Fault::kOversizeEvent, Protocol::kAnthropic);
  std::size_t largest = 0;
  for (const auto& frame : oversize.frames) largest = std::max(largest, frame.bytes.size());
  CHECK(largest > ttft::sim::kOversizeTokenBytes);
  CHECK(all_bytes(oversize).find("message_stop") != std::string::npos);  // otherwise whole

  const auto garbage = plan_for(Fault::kGarbage);
  for (std::size_t i = 0; i < garbage.frames.size(); ++i) {
    const auto& frame = garbage.frames[i];
    INFO("frame " << i);
    CHECK(frame.bytes.rfind("data: ", 0) == 0);
    if (frame.kind == FrameKind::kContent) {
      CHECK(frame.bytes.find('\n') == frame.bytes.size() - 2);  // one SSE event
      const std::string data = frame.bytes.substr(6, frame.bytes.size() - 8);
      CHECK(nlohmann::json::parse(data, nullptr, false).is_discarded());
    } else {
      CHECK(frame.bytes == healthy.frames[i].bytes);
    }
  }
  const auto ndjson = plan_for(Fault::kGarbage, Protocol::kOllama);
  for (const auto& frame : ndjson.frames) {
    if (frame.kind == FrameKind::kContent) CHECK(frame.bytes.find('\n') == frame.bytes.size() - 1);
  }
}

TEST_CASE("sim raw framing: response head and chunks") {
  CHECK(ttft::sim::response_head(200, "OK", {{"A", "1"}, {"B", "x y"}}) == "HTTP/1.1 200 OK\r\nA: 1\r\nB: x y\r\n\r\n");
  CHECK(ttft::sim::chunk("hello, world!!") == "e\r\nhello, world!!\r\n");
  CHECK(ttft::sim::chunk("").empty());
  CHECK(ttft::sim::cut_chunk("hello, world!!") == "e\r\nhello, ");
}

TEST_CASE("sim gzip encoder: each flush decodes on its own, the last call ends the stream") {
  ttft::sim::GzipEncoder encoder;
  REQUIRE(encoder.ok());
  ttft::test::Gunzip reader;
  CHECK(reader.feed(encoder.compress("data: one\n\n", false)) == "data: one\n\n");
  CHECK_FALSE(reader.ended());
  CHECK(reader.feed(encoder.compress("data: two\n\n", true)) == "data: two\n\n");
  CHECK(reader.ended());
  CHECK(encoder.compress("more", false).empty());  // finished
}
