// Regression tests for what fuzz/fuzz_adapters found: each input, reduced to its point,
// with the invariant it broke.
#include <catch2/catch.hpp>

#include <string>

#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

const Headers kEventStreamHeaders = {{"Content-Type", "text/event-stream"}};

// `auto` for a request shaped as openai-chat, reading events or lines of up to 16 bytes.
StreamDecoder detecting(const Headers& headers) {
  auto decoder = StreamDecoder::detecting("openai-chat", 16);
  decoder.on_response_headers(headers);
  return decoder;
}

}  // namespace

TEST_CASE("fuzz: auto gives up after the same bytes whatever the reads") {
  // 30 bytes of keep-alives, then an event that ends past the 32-byte limit (2 * 16). Read in
  // one piece, the event used to be detected as plain sse; read byte by byte, detection failed
  // at byte 33, and the message named how many bytes the last read happened to reach.
  const std::string body = ": ping\n: ping\n: ping\n: ping\n:\ndata: x\n\n";
  const StreamRecord whole = feed_whole(detecting(kEventStreamHeaders), body);
  const StreamRecord bytewise = feed_bytewise(detecting(kEventStreamHeaders), body);
  CHECK(whole.detected_protocol.empty());
  CHECK(whole.protocol_error == bytewise.protocol_error);
  CHECK(whole.protocol_error == "auto: no protocol detected in the first 32 bytes");
}

TEST_CASE("fuzz: auto still detects an event that ends at the limit's last byte") {
  // The event's blank line is byte 33, the one byte detection looks at past the limit.
  const std::string body = ": ping\n: ping\n: ping\n:\ndata: xx\n\n";
  REQUIRE(body.size() == 33);
  CHECK(feed_whole(detecting(kEventStreamHeaders), body).detected_protocol == "sse");
  CHECK(feed_bytewise(detecting(kEventStreamHeaders), body).detected_protocol == "sse");
}

TEST_CASE("fuzz: auto reads a text stream's first line only within the line limit") {
  // Without headers, `0:` starts like an AI SDK data stream part, but the first line is longer
  // than max_event_bytes (16). Byte by byte, detection saw 17 bytes without a line end and chose
  // text; in one read it used to see the whole line, chose vercel-data, and then failed on the
  // line's length.
  const std::string body = "0:\"0123456789abcdef\"\nmore text";
  const StreamRecord a = feed_whole(detecting({}), body);
  const StreamRecord b = feed_bytewise(detecting({}), body);
  CHECK(a.detected_protocol == "text");
  CHECK(b.detected_protocol == "text");
  CHECK_FALSE(a.protocol_error);
  CHECK(a.text_bytes == b.text_bytes);
}

TEST_CASE("fuzz: an oversized frame after the terminator does not fail a finished stream") {
  // Frames after the terminator are not part of the answer (a proxy's trailing bytes), but one
  // longer than max_event_bytes used to turn the finished stream into a `protocol` error.
  const std::string junk(100, 'x');
  for (const auto& [protocol, body] : {
           std::pair<std::string, std::string>{"openai-chat", "data: [DONE]\n\ndata: " + junk + "\n\n"},
           std::pair<std::string, std::string>{"ollama", "{\"done\":true}\n" + junk + "\n"},
       }) {
    INFO(protocol);
    const StreamRecord record = feed_whole(StreamDecoder(adapter_for(protocol), 64), body);
    CHECK(record.terminated);
    CHECK_FALSE(record.protocol_error);
  }
}
