// The WHATWG SSE parser: one test per parsing rule (docs/protocols.md ("Server-Sent Events")), the spec test
// vector at every split point, U+FFFD substitution, and the exact size limits.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/sse_parser.hpp"

using ttft::protocol::SseParser;

namespace {

struct Seen {
  std::string type;
  std::string data;
  std::string last_id;  // the parser's last event ID when the event was dispatched
  bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Seen& seen) {
  return out << '{' << seen.type << '|' << seen.data << '|' << seen.last_id << '}';
}

// Feeds each piece in order, then ends the stream.
std::vector<Seen> parse_pieces(
    const std::vector<std::string_view>& pieces,
    std::size_t max_event_bytes = ttft::protocol::kDefaultMaxEventBytes) {
  SseParser parser(max_event_bytes);
  std::vector<Seen> seen;
  for (std::string_view piece : pieces) {
    parser.feed(piece, [&](const ttft::protocol::Event& event) {
      seen.push_back({std::string(event.type), std::string(event.data), parser.last_event_id()});
    });
  }
  parser.finish();
  return seen;
}

std::vector<Seen> parse(std::string_view bytes,
                        std::size_t max_event_bytes = ttft::protocol::kDefaultMaxEventBytes) {
  return parse_pieces({bytes}, max_event_bytes);
}

std::vector<Seen> parse_bytewise(std::string_view bytes) {
  std::vector<std::string_view> pieces;
  for (std::size_t i = 0; i < bytes.size(); ++i) pieces.push_back(bytes.substr(i, 1));
  return parse_pieces(pieces);
}

std::vector<std::string> datas(const std::vector<Seen>& seen) {
  std::vector<std::string> out;
  for (const Seen& each : seen) out.push_back(each.data);
  return out;
}

// A vector exercising every rule of docs/protocols.md ("Server-Sent Events"); note the embedded NUL in the second id.
const char kSseVector[] =
    "\xEF\xBB\xBF"
    ": keep-alive\r\n"
    "event: delta\r\n"
    "data: first line\r\n"
    "data:second line\r"
    "data\n"
    "id: 7\n"
    "retry: 2500\n"
    "\n"
    "event: ping\n"
    "\n"
    "data :ignored\n"
    "id: a\0b\n"
    "data:  two spaces\n"
    "\n"
    "data: never delivered";
constexpr std::string_view kVector(kSseVector, sizeof(kSseVector) - 1);

const std::vector<Seen> kVectorEvents{
    {"delta", "first line\nsecond line\n", "7"},
    {"message", " two spaces", "7"},
};

}  // namespace

TEST_CASE("sse: the spec test vector gives two events, whole and byte by byte") {
  REQUIRE(kVector.size() == 165);  // the embedded NUL is part of the input
  CHECK(parse(kVector) == kVectorEvents);
  CHECK(parse_bytewise(kVector) == kVectorEvents);
}

TEST_CASE("sse: the spec test vector gives the same events at every split point") {
  for (std::size_t a = 0; a <= kVector.size(); ++a) {
    INFO("split at " << a);
    CHECK(parse_pieces({kVector.substr(0, a), kVector.substr(a)}) == kVectorEvents);
  }
}

TEST_CASE("sse: the spec test vector gives the same events at every pair of split points") {
  for (std::size_t a = 0; a <= kVector.size(); ++a) {
    for (std::size_t b = a; b <= kVector.size(); ++b) {
      const auto seen =
          parse_pieces({kVector.substr(0, a), kVector.substr(a, b - a), kVector.substr(b)});
      if (seen != kVectorEvents) FAIL("split at " << a << " and " << b);
    }
  }
  SUCCEED("all pairs agree");
}

TEST_CASE("sse: LF, CR and CRLF each end a line, in any mix") {
  const std::vector<std::string> expected{"a\nb"};
  CHECK(datas(parse("data: a\ndata: b\n\n")) == expected);
  CHECK(datas(parse("data: a\rdata: b\r\r")) == expected);
  CHECK(datas(parse("data: a\r\ndata: b\r\n\r\n")) == expected);
  CHECK(datas(parse("data: a\rdata: b\n\r\n")) == expected);
  // LF CR is two terminators, so the CR is an empty line that dispatches.
  CHECK(datas(parse("data: a\n\rdata: b\n\n")) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("sse: a CR ending one read and an LF starting the next are one terminator") {
  // Were the LF a second terminator, it would be an empty line dispatching "a" alone.
  CHECK(datas(parse_pieces({"data: a\r", "\ndata: b\r\n\r\n"})) ==
        std::vector<std::string>{"a\nb"});
  CHECK(datas(parse_pieces({"data: a\r", "", "\ndata: b\r", "\n\r", "\n"})) ==
        std::vector<std::string>{"a\nb"});
  // A CR that is not followed by an LF still ends its line.
  CHECK(datas(parse_pieces({"data: a\r", "data: b\r", "\r"})) == std::vector<std::string>{"a\nb"});
}

TEST_CASE("sse: one leading BOM is stripped, even when split across reads") {
  const std::vector<std::string> expected{"x"};
  CHECK(datas(parse("\xEF\xBB\xBF"
                    "data: x\n\n")) == expected);
  CHECK(datas(parse_pieces({"\xEF",
                            "\xBB\xBF"
                            "data: x\n\n"})) == expected);  // WPT format-bom-split
  CHECK(datas(parse_pieces({"\xEF\xBB", "\xBF", "data: x\n\n"})) == expected);
  CHECK(datas(parse_pieces({"\xEF", "\xBB", "\xBF", "data: x\n\n"})) == expected);
  CHECK(datas(parse_pieces({"", "\xEF\xBB\xBF", "", "data: x\n\n"})) == expected);
}

TEST_CASE("sse: a BOM after the first bytes is an ordinary character") {
  // WPT format-bom: the second BOM makes the field name "\uFEFFdata", so "2" is not delivered.
  CHECK(datas(parse("\xEF\xBB\xBF"
                    "data:1\n\n"
                    "\xEF\xBB\xBF"
                    "data:2\n\ndata:3\n\n")) == std::vector<std::string>{"1", "3"});
  // Only one BOM is removed at the start, too.
  CHECK(datas(parse("\xEF\xBB\xBF\xEF\xBB\xBF"
                    "data:1\n\ndata:2\n\n")) == std::vector<std::string>{"2"});
}

TEST_CASE("sse: the start of a BOM that does not complete stays in the line") {
  // EF BB then 'd' is one invalid sequence: U+FFFD + "data" is an unknown field name.
  CHECK(parse_pieces({"\xEF\xBB", "data: x\n\n"}).empty());
  CHECK(datas(parse_pieces({"\xEF", "\n", "data: y\n\n"})) == std::vector<std::string>{"y"});
}

TEST_CASE("sse: comment lines are ignored, even inside an event") {
  CHECK(parse(": keep-alive\n\n: another\r\n\r\n").empty());
  CHECK(datas(parse("data: a\n: comment\ndata: b\n\n")) == std::vector<std::string>{"a\nb"});
  CHECK(parse(":data: x\n\n").empty());
}

TEST_CASE("sse: data lines are joined with LF and one trailing LF is removed") {
  CHECK(datas(parse("data: a\ndata:\ndata: c\n\n")) == std::vector<std::string>{"a\n\nc"});
  CHECK(datas(parse("data: a\ndata\n\n")) == std::vector<std::string>{"a\n"});
}

TEST_CASE("sse: a line without a colon is a field with an empty value") {
  CHECK(parse("data\n\n") == std::vector<Seen>{{"message", "", ""}});
  CHECK(parse("event: x\nevent\ndata: 1\n\n") == std::vector<Seen>{{"message", "1", ""}});
  CHECK(parse("id: 3\nid\ndata: 1\n\n") == std::vector<Seen>{{"message", "1", ""}});
}

TEST_CASE("sse: only one leading space of a value is removed, and only a space") {
  CHECK(datas(parse("data:x\n\ndata: x\n\ndata:  x\n\ndata:\tx\n\ndata: \n\n")) ==
        std::vector<std::string>{"x", "x", " x", "\tx", ""});
  CHECK(datas(parse("data: a: b\n\n")) == std::vector<std::string>{"a: b"});
}

TEST_CASE("sse: a space before the colon is part of the field name") {
  CHECK(parse("data : x\n\n").empty());
}

TEST_CASE("sse: an empty data buffer dispatches nothing") {
  CHECK(parse("event: ping\n\n").empty());
  CHECK(parse("\n\n\r\n").empty());
  SseParser parser;
  int dispatched = 0;
  parser.feed("id: 5\n\n", [&](const auto&) { ++dispatched; });
  CHECK(dispatched == 0);
  CHECK(parser.last_event_id() == "5");
}

TEST_CASE("sse: the event type resets after each dispatch, and after an empty event") {
  CHECK(parse("event: a\ndata: 1\n\ndata: 2\n\n") ==
        std::vector<Seen>{{"a", "1", ""}, {"message", "2", ""}});
  CHECK(parse("event: x\n\ndata: 1\n\n") == std::vector<Seen>{{"message", "1", ""}});
  CHECK(parse("event:\ndata: 1\n\n") == std::vector<Seen>{{"message", "1", ""}});
}

TEST_CASE("sse: the last event id persists, and an id containing NUL is ignored") {
  using namespace std::string_view_literals;
  CHECK(parse("id: 1\ndata: a\n\ndata: b\n\n"sv) ==
        std::vector<Seen>{{"message", "a", "1"}, {"message", "b", "1"}});
  CHECK(parse("id: 1\ndata: a\n\nid: x\0y\ndata: b\n\n"sv) ==
        std::vector<Seen>{{"message", "a", "1"}, {"message", "b", "1"}});
  CHECK(parse("id: 1\ndata: a\n\nid:\ndata: b\n\n"sv) ==
        std::vector<Seen>{{"message", "a", "1"}, {"message", "b", ""}});
}

TEST_CASE("sse: an incomplete event at the end of the stream is dropped") {
  CHECK(parse("data: x").empty());
  CHECK(parse("data: x\n").empty());
  CHECK(parse("data: x\r").empty());
  CHECK(datas(parse("data: x\n\ndata: y\n")) == std::vector<std::string>{"x"});
}

TEST_CASE("sse: unknown fields and a non-numeric retry are ignored") {
  CHECK(parse("foo: bar\nretry: abc\nretry: 10\nerror: boom\nDATA: no\ndata: x\n\n") ==
        std::vector<Seen>{{"message", "x", ""}});
}

TEST_CASE("sse: a UTF-8 character split across reads stays intact") {
  const std::string_view bytes = "data: h\xC3\xA9llo \xF0\x9F\x9A\x80\n\n";
  const std::vector<std::string> expected{"h\xC3\xA9llo \xF0\x9F\x9A\x80"};
  for (std::size_t a = 0; a <= bytes.size(); ++a) {
    INFO("split at " << a);
    CHECK(datas(parse_pieces({bytes.substr(0, a), bytes.substr(a)})) == expected);
  }
  CHECK(datas(parse_bytewise(bytes)) == expected);
}

TEST_CASE("sse: invalid UTF-8 becomes one U+FFFD per maximal invalid subsequence") {
  const std::string fffd = "\xEF\xBF\xBD";
  struct Case {
    std::string_view bytes;
    std::string decoded;
  };
  const std::vector<Case> cases{
      {"\xFF", fffd},
      {"a\x80z", "a" + fffd + "z"},  // lone continuation byte
      {"\xC3", fffd},                // truncated at the end of the line
      {"\xE2\x82x", fffd + "x"},     // truncated 3-byte: one U+FFFD
      {"\xF0\x9F\x98"
       "A",
       fffd + "A"},                                     // truncated 4-byte: one U+FFFD
      {"\xC0\xAF", fffd + fffd},                        // overlong lead: each byte alone
      {"\xE0\x80\xAF", fffd + fffd + fffd},             // overlong 3-byte
      {"\xED\xA0\x80", fffd + fffd + fffd},             // UTF-16 surrogate
      {"\xF4\x90\x80\x80", fffd + fffd + fffd + fffd},  // above U+10FFFF
      {"\xF5", fffd},
      {"\xC3\xA9\xE2\x82\xAC", "\xC3\xA9\xE2\x82\xAC"},  // valid: unchanged
  };
  for (const Case& each : cases) {
    INFO("value bytes " << std::string(each.bytes));
    CHECK(datas(parse("data: " + std::string(each.bytes) + "\n\n")) ==
          std::vector<std::string>{each.decoded});
  }
  // Field names and event types are decoded too.
  CHECK(parse("event: a\xFF\ndata: 1\n\n") == std::vector<Seen>{{"a" + fffd, "1", ""}});
}

TEST_CASE("sse: a line may be exactly max_event_bytes long, one more overflows") {
  const std::string fits = "data:" + std::string(27, 'x');  // 32 bytes
  CHECK(datas(parse(fits + "\n\n", 32)) == std::vector<std::string>{std::string(27, 'x')});
  CHECK(datas(parse_bytewise(fits + "\n\n")) == std::vector<std::string>{std::string(27, 'x')});

  SseParser parser(32);
  int dispatched = 0;
  const auto count = [&](const auto&) { ++dispatched; };
  CHECK(parser.feed("data: ok\n\n", count));
  CHECK_FALSE(parser.feed("data:" + std::string(28, 'x') + "\n\n", count));  // 33 bytes
  CHECK(parser.overflowed());
  CHECK(dispatched == 1);
  CHECK_FALSE(parser.feed("data: later\n\n", count));
  CHECK(dispatched == 1);
}

TEST_CASE("sse: a line growing past the limit across reads overflows before it ends") {
  SseParser parser(32);
  int dispatched = 0;
  const auto count = [&](const auto&) { ++dispatched; };
  CHECK(parser.feed(": " + std::string(20, 'c'), count));
  CHECK(parser.feed(std::string(10, 'c'), count));  // 32 bytes pending: still fine
  CHECK_FALSE(parser.feed("c", count));             // 33 without an end of line
  CHECK(parser.overflowed());
  CHECK_FALSE(parser.feed("\n\ndata: x\n\n", count));
  CHECK(dispatched == 0);
}

TEST_CASE("sse: an event's data buffer may hold max_event_bytes, one more overflows") {
  // Each "data:" line of 15 bytes adds 16 to the buffer (value + LF).
  const std::string line = "data:" + std::string(15, 'x') + "\n";
  std::vector<Seen> seen = parse(line + line + "\n", 32);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].data.size() == 31);

  SseParser parser(32);
  int dispatched = 0;
  const auto count = [&](const auto&) { ++dispatched; };
  CHECK(parser.feed("data: first\n\n" + line + line, count));
  CHECK_FALSE(parser.feed("data\n\n", count));  // an empty value still adds an LF: 33 bytes
  CHECK(dispatched == 1);
  CHECK(parser.overflowed());
}

TEST_CASE("sse: an unknown field is ignored unless deliver_field asks for it (llama.cpp error:)") {
  const std::string_view bytes =
      "data: a\n\nerror: {\"code\":400}\n\ndata: b\nerror: x\ndata: c\n\n";
  CHECK(datas(parse(bytes)) == std::vector<std::string>{"a", "b\nc"});
  SseParser parser;
  parser.deliver_field("error");
  std::vector<Seen> seen;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    parser.feed(bytes.substr(i, 1), [&](const ttft::protocol::Event& event) {
      seen.push_back({std::string(event.type), std::string(event.data), ""});
    });
  }
  // The field is delivered at its line end, without disturbing the event being built around it.
  CHECK(seen == std::vector<Seen>{{"message", "a", ""},
                                  {"error", "{\"code\":400}", ""},
                                  {"error", "x", ""},
                                  {"message", "b\nc", ""}});
}
