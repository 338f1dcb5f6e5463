// Faults whose point is the bytes on the wire, read from a plain socket: a chunk cut in half, a
// head sent byte by byte, gzip flushed per event, a reset before any byte.
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "sim_fixture.hpp"
#include "support/gunzip.hpp"

using ttft::kNanosPerMs;
using ttft::test::instant_request;
using ttft::test::raw_exchange;
using ttft::test::start_sim;

namespace {

struct ChunkedBody {
  std::string head;
  std::vector<std::string> chunks;  // whole chunks, in order
  bool ended = false;               // the last chunk (size 0) arrived
  std::optional<std::size_t> cut_promised;  // a chunk's size line promised this many bytes …
  std::string cut_bytes;                    // … and only these followed
};

// Splits a raw HTTP/1.1 reply with a chunked body into its head and chunks.
ChunkedBody parse_chunked(const std::string& raw) {
  ChunkedBody body;
  const std::size_t head_end = raw.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  body.head = raw.substr(0, head_end + 4);
  std::size_t at = head_end + 4;
  while (at < raw.size()) {
    const std::size_t line_end = raw.find("\r\n", at);
    REQUIRE(line_end != std::string::npos);
    const std::size_t size = std::stoul(raw.substr(at, line_end - at), nullptr, 16);
    if (size == 0) {
      body.ended = true;
      break;
    }
    const std::size_t data = line_end + 2;
    if (data + size + 2 > raw.size()) {
      body.cut_promised = size;
      body.cut_bytes = raw.substr(data);
      break;
    }
    body.chunks.push_back(raw.substr(data, size));
    REQUIRE(raw.compare(data + size, 2, "\r\n") == 0);
    at = data + size + 2;
  }
  return body;
}

}  // namespace

TEST_CASE("sim truncated-chunked fault: whole chunks, then half a chunk and a FIN") {
  auto server = start_sim();
  auto request = instant_request("/v1/chat/completions", {"x-sim-fault: truncated-chunked"});
  const auto reply = raw_exchange(server->port(), request);
  CHECK(reply.eof);
  CHECK_FALSE(reply.reset);
  CHECK_FALSE(reply.timed_out);
  const auto body = parse_chunked(reply.bytes);
  CHECK(body.head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(body.head.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
  CHECK(body.head.find("Content-Type: text/event-stream\r\n") != std::string::npos);
  REQUIRE(body.chunks.size() == 2);  // the role chunk and the first of 3 tokens
  CHECK(body.chunks[1].find(R"("content":"Hello")") != std::string::npos);
  CHECK_FALSE(body.ended);
  REQUIRE(body.cut_promised.has_value());
  CHECK(body.cut_bytes.size() == *body.cut_promised / 2);
  CHECK(body.cut_bytes.rfind("data: {", 0) == 0);
}

TEST_CASE("sim slow-headers fault: the response head arrives one byte per 100 ms") {
  auto server = start_sim();
  auto request = instant_request("/v1/chat/completions", {"x-sim-fault: slow-headers"});
  request.timeout_ms = 5000;
  const auto first = raw_exchange(server->port(), request, 5);
  REQUIRE(first.bytes == "HTTP/");
  CHECK_FALSE(first.timed_out);
  // Timers never fire early, so five bytes take at least 500 ms after receipt; the upper bound is
  // loose for a loaded machine.
  CHECK(first.read_ns.back() - first.started_ns >= 450 * kNanosPerMs);
  CHECK(first.read_ns.back() - first.started_ns < 4000 * kNanosPerMs);
  // And never faster: 700 ms after the request at most 7 bytes of the head have been sent.
  request.timeout_ms = 700;
  const auto partial = raw_exchange(server->port(), request);
  CHECK(partial.timed_out);
  CHECK_FALSE(partial.bytes.empty());
  CHECK(partial.bytes.size() <= 7);
  CHECK(std::string("HTTP/1.1 200 OK\r\n").rfind(partial.bytes, 0) == 0);
}

TEST_CASE("sim gzip fault: a valid gzip stream, one sync flush per send slot") {
  // Two fresh servers, so both streams carry the same message id.
  const auto healthy = raw_exchange(start_sim()->port(), instant_request("/v1/chat/completions"));
  const auto zipped =
      raw_exchange(start_sim()->port(), instant_request("/v1/chat/completions", {"x-sim-fault: gzip"}));
  const auto plain = parse_chunked(healthy.bytes);
  auto body = parse_chunked(zipped.bytes);
  CHECK(body.head.find("Content-Encoding: gzip\r\n") != std::string::npos);
  REQUIRE(body.ended);
  REQUIRE(body.chunks.size() == plain.chunks.size());

  ttft::test::Gunzip reader;
  for (std::size_t i = 0; i < body.chunks.size(); ++i) {
    INFO("chunk " << i);
    // Every chunk decodes on its own to exactly the events of the same slot in a plain stream:
    // no event waits in the compressor, so its arrival time is the time it was sent.
    CHECK(reader.feed(body.chunks[i]) == plain.chunks[i]);
    CHECK(reader.ok());
  }
  CHECK(reader.ended());  // the trailer came with the last chunk
}

TEST_CASE("sim reset-before-headers fault: an RST and no byte at all") {
  auto server = start_sim();
  const auto reply =
      raw_exchange(server->port(), instant_request("/v1/chat/completions", {"x-sim-fault: reset-before-headers"}));
  CHECK(reply.reset);
  CHECK(reply.bytes.empty());
}
