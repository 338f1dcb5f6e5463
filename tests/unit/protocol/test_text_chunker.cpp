// Plain text framing: each read is one event, cut on a character boundary; and the UTF-8 helper
// that finds a character split across reads.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "protocol/text_chunker.hpp"
#include "protocol/utf8.hpp"

using ttft::protocol::Event;
using ttft::protocol::incomplete_utf8_tail;
using ttft::protocol::TextChunker;

namespace {

std::vector<std::string> chunk(const std::vector<std::string>& reads) {
  TextChunker chunker;
  std::vector<std::string> events;
  for (const std::string& read : reads) {
    CHECK(chunker.feed(read, [&](const Event& event) {
      CHECK(event.type == "text");
      events.emplace_back(event.data);
    }));
  }
  chunker.finish();
  return events;
}

using Events = std::vector<std::string>;

}  // namespace

TEST_CASE("utf8: the unfinished character at the end of a read") {
  CHECK(incomplete_utf8_tail("") == 0);
  CHECK(incomplete_utf8_tail("abc") == 0);
  CHECK(incomplete_utf8_tail("a\xC3") == 1);          // é cut after its lead byte
  CHECK(incomplete_utf8_tail("a\xC3\xA9") == 0);      // é whole
  CHECK(incomplete_utf8_tail("\xE6\x97") == 2);       // 日 cut after 2 of 3 bytes
  CHECK(incomplete_utf8_tail("\xF0\x9F\x9A") == 3);   // 🚀 cut after 3 of 4 bytes
  CHECK(incomplete_utf8_tail("\xF0\x9F\x9A\x80") == 0);
  // Bytes that can never become a character are not held back.
  CHECK(incomplete_utf8_tail("a\xFF") == 0);
  CHECK(incomplete_utf8_tail("a\xC0") == 0);
  CHECK(incomplete_utf8_tail("a\x80") == 0);
  CHECK(incomplete_utf8_tail("\xE0\x80") == 0);  // an overlong start
}

TEST_CASE("text: every read with text is one event, empty reads are none") {
  CHECK(chunk({"Hel", "", "lo"}) == Events{"Hel", "lo"});
  CHECK(chunk({}).empty());
}

TEST_CASE("text: a character split across reads is delivered whole with the next read") {
  CHECK(chunk({"caf\xC3", "\xA9!"}) == Events{"caf", "\xC3\xA9!"});
  CHECK(chunk({"\xF0", "\x9F", "\x9A", "\x80"}) == Events{"\xF0\x9F\x9A\x80"});
  // An unfinished character at the end of the body is not text.
  CHECK(chunk({"ok\xE6\x97"}) == Events{"ok"});
}
