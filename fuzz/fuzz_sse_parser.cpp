// libFuzzer target: the SSE parser. Input: one control byte, then the stream. The same stream is
// parsed in one read and in the reads the control byte chooses; whatever the split, the events,
// the last event ID and the overflow must be the same (the parser "does not care how the bytes
// are split"), and every event must respect the size bound and be valid UTF-8.
//
// Control byte: bits 0-4 the split (0 = one read), bit 5 deliver_field("error") as llama.cpp
// uses it, bits 6-7 max_event_bytes (the default, 16, 64 or 512, so overflow is reachable).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol/sse_parser.hpp"
#include "protocol/utf8.hpp"
#include "fuzz_support.hpp"

namespace {

using ttft::protocol::Event;
using ttft::protocol::SseParser;

struct Options {
  std::size_t max_event_bytes = ttft::protocol::kDefaultMaxEventBytes;
  bool error_field = false;
};

struct Outcome {
  std::vector<std::pair<std::string, std::string>> events;  // type, data
  std::string last_event_id;
  bool ok = true;  // every feed returned true
  bool overflowed = false;

  bool operator==(const Outcome&) const = default;
};

Outcome parse(std::string_view stream, const std::vector<std::size_t>& ends, const Options& options) {
  SseParser parser(options.max_event_bytes);
  if (options.error_field) parser.deliver_field("error");
  Outcome out;
  const auto on_event = [&](const Event& event) {
    // A failed feed drops all further input: no event may follow it.
    FUZZ_REQUIRE(out.ok);
    // The data buffer (data plus its final LF) fits in max_event_bytes. A type, and a delivered
    // field's value, come from one line of at most max_event_bytes, where U+FFFD (3 bytes) may
    // replace each invalid byte.
    const bool delivered_field = options.error_field && event.type == "error";
    FUZZ_REQUIRE(event.data.size() < options.max_event_bytes ||
                 (delivered_field && event.data.size() <= 3 * options.max_event_bytes));
    FUZZ_REQUIRE(event.type.size() <= 3 * options.max_event_bytes);
    FUZZ_REQUIRE(ttft::protocol::is_valid_utf8(event.type));
    FUZZ_REQUIRE(ttft::protocol::is_valid_utf8(event.data));
    out.events.emplace_back(event.type, event.data);
  };
  std::size_t begin = 0;
  for (const std::size_t end : ends) {
    const bool fed = parser.feed(stream.substr(begin, end - begin), on_event);
    FUZZ_REQUIRE(fed == !parser.overflowed());
    out.ok = out.ok && fed;
    begin = end;
  }
  parser.finish();
  out.last_event_id = parser.last_event_id();
  out.overflowed = parser.overflowed();
  FUZZ_REQUIRE(out.ok == !out.overflowed);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::uint8_t control = ttft::fuzz::take_byte(input);
  constexpr std::array<std::size_t, 4> kMaxEventBytes = {ttft::protocol::kDefaultMaxEventBytes, 16,
                                                         64, 512};
  Options options;
  options.error_field = (control & 0x20) != 0;
  options.max_event_bytes = kMaxEventBytes[control >> 6];

  const Outcome whole = parse(input, ttft::fuzz::read_ends(input.size(), 0), options);
  const Outcome split = parse(input, ttft::fuzz::read_ends(input.size(), control & 0x1F), options);
  FUZZ_REQUIRE(whole == split);
  return 0;
}
