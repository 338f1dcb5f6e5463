// The line framer (NDJSON, AI SDK data stream): one event per complete line, CR LF tolerated,
// empty lines skipped, bounded, split-proof; and the decoder driving it.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "protocol/line_parser.hpp"
#include "protocol/stream_decoder.hpp"

using ttft::protocol::Event;
using ttft::protocol::LineParser;

namespace {

struct Collected {
  std::vector<std::string> lines;
  bool ok = true;
};

Collected collect_lines(const std::vector<std::string>& reads, std::size_t max = 1 << 20) {
  LineParser parser(max);
  Collected out;
  for (const std::string& read : reads) {
    out.ok = parser.feed(read, [&](const Event& event) {
      CHECK(event.type == "line");
      out.lines.emplace_back(event.data);
    });
    if (!out.ok) break;
  }
  parser.finish();
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("lines: one event per LF, a CR before it dropped, empty lines skipped") {
  CHECK(collect_lines({"a\nbb\r\n\n\r\nccc\n"}).lines == Lines{"a", "bb", "ccc"});
  // A lone CR is not a line end in NDJSON; only the one right before LF is removed.
  CHECK(collect_lines({"a\rb\n c \r\r\n"}).lines == Lines{"a\rb", " c \r"});
}

TEST_CASE("lines: a line without its LF at the end is discarded") {
  CHECK(collect_lines({"a\n{\"half\":"}).lines == Lines{"a"});
  CHECK(collect_lines({""}).lines.empty());
}

TEST_CASE("lines: any split gives the same lines, CRLF and characters split too") {
  const std::string bytes = "{\"t\":\"Grüße\"}\r\n\r\n0:\"日本\"\n🚀\r\n";
  const Lines expected{"{\"t\":\"Grüße\"}", "0:\"日本\"", "🚀"};
  for (std::size_t a = 0; a <= bytes.size(); ++a) {
    for (std::size_t b = a; b <= bytes.size(); ++b) {
      INFO("cuts " << a << ", " << b);
      CHECK(collect_lines({bytes.substr(0, a), bytes.substr(a, b - a), bytes.substr(b)}).lines == expected);
    }
  }
}

TEST_CASE("lines: invalid UTF-8 is replaced per line") {
  CHECK(collect_lines({"a\xFF", "b\n"}).lines == Lines{"a\xEF\xBF\xBD" "b"});
}

TEST_CASE("lines: a line may be exactly the limit, one byte more is an overflow") {
  CHECK(collect_lines({std::string(8, 'x') + "\r\n"}, 8).lines == Lines{std::string(8, 'x')});
  CHECK(collect_lines({std::string(4, 'x'), std::string(4, 'x') + "\n"}, 8).ok);
  const auto over = collect_lines({std::string(9, 'x') + "\n", "y\n"}, 8);
  CHECK_FALSE(over.ok);
  CHECK(over.lines.empty());
  // Without its LF a long line is caught as it grows, so memory stays bounded.
  CHECK_FALSE(collect_lines({std::string(5, 'x'), std::string(5, 'x')}, 8).ok);
}

TEST_CASE("lines: after an overflow all input is dropped") {
  LineParser parser(4);
  int events = 0;
  const auto count = [&](const Event&) { ++events; };
  CHECK(parser.feed("ok\n", count));
  CHECK_FALSE(parser.feed("toolong\n", count));
  CHECK_FALSE(parser.feed("ok\n", count));
  CHECK(events == 1);
}

TEST_CASE("decoder: an ndjson adapter's oversized line is a protocol error") {
  auto adapter = ttft::protocol::make_adapter("ollama");
  REQUIRE(adapter.has_value());
  ttft::protocol::StreamDecoder decoder(std::move(*adapter), 16);
  CHECK_FALSE(decoder.feed(std::string(20, 'x') + "\n", 1));
  CHECK(decoder.record().protocol_error == "line larger than 16 bytes");
}
