// The text adapter: no framing, every read is text, EOF is the normal end, and reads are not
// tokens (docs/protocols.md ("text")). The generic split check does not apply: the number of
// events is the number of reads, so each split is checked against what it must give.
#include <catch2/catch.hpp>

#include "protocol/plain_text.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

TEST_CASE("text: the body AI SDK chat routes read, EOF is the end, reads are not tokens") {
  PlainTextAdapter adapter;
  CHECK(adapter.framing() == Framing::text);
  CHECK(adapter.eof_is_normal_end());
  CHECK_FALSE(adapter.events_are_tokens());
  Workload workload;
  workload.messages = {{"user", "Hi"}};
  CHECK(adapter.build_body(workload) ==
        R"({"id":"ttftbench","messages":[{"id":"m1","role":"user","content":"Hi",)"
        R"("parts":[{"type":"text","text":"Hi"}]}]})");
  CHECK(adapter.interpret(Event{"text", "Hel"}).text == "Hel");
}

TEST_CASE("text: the first body bytes are the first event and the first token") {
  const std::string bytes = load_stream("text/basic.txt");
  StreamDecoder decoder(adapter_for("text"));
  CHECK(decoder.feed(bytes.substr(0, 4), 10));  // "Grü"
  CHECK(decoder.feed(bytes.substr(4), 20));
  decoder.finish(30);
  const StreamRecord& record = decoder.record();
  CHECK(record.first_event_ns == 10);
  CHECK(record.first_token_ns == 10);
  CHECK(record.last_token_ns == 20);
  CHECK(record.end_ns == 30);
  CHECK(record.events == 2);
  CHECK(record.text_bytes == static_cast<std::int64_t>(bytes.size()));
  CHECK_FALSE(record.output_tokens);
  CHECK_FALSE(record.events_are_tokens);
  CHECK_FALSE(record.terminated);
  CHECK(decoder.complete());
}

TEST_CASE("text: every split keeps every byte, and a split character waits for its end") {
  const std::string bytes = load_stream("text/basic.txt");  // "Grüße, 日本語 🚀!"
  const StreamRecord whole = decode_pieces("text", bytes, {});
  CHECK(whole.events == 1);
  CHECK(whole.text_bytes == 24);
  for (std::size_t a = 0; a <= bytes.size(); ++a) {
    INFO("cut at " << a);
    const StreamRecord record = decode_pieces("text", bytes, {a});
    CHECK(record.text_bytes == 24);
    CHECK(record.first_event_ns == (a == 0 ? 2 : 1));  // an empty first read is no event
    CHECK(record.first_token_ns == record.first_event_ns);
    CHECK(record.events == (a == 0 || a == bytes.size() ? 1 : 2));
    CHECK(record.last_token_ns == (a == bytes.size() ? 1 : 2));
  }
  // Byte by byte: one event per character, each when its last byte arrives.
  const StreamRecord bytewise = decode_bytewise("text", bytes);
  CHECK(bytewise.events == 13);
  CHECK(bytewise.text_bytes == 24);
  CHECK(bytewise.content_event_ns[2] == 3);  // ü arrives complete with byte 3
}

TEST_CASE("text: an unfinished character at the end of the body is not text") {
  const StreamRecord record = decode_pieces("text", "ok\xE6\x97", {1});
  CHECK(record.text_bytes == 2);
  CHECK(record.events == 2);
}
