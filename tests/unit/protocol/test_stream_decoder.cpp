// StreamDecoder: arrival stamping, first event vs first token, usage, errors and the
// terminator, with a scripted adapter so only the decoder's own rules are under test.
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "protocol/generic_sse.hpp"
#include "protocol/stream_decoder.hpp"

using ttft::protocol::Event;
using ttft::protocol::EventMeaning;
using ttft::protocol::StreamDecoder;

namespace {

// data "text:x" / "reason:x" / "both:x" / "tool" / "reason_tool:x" / "in:N" / "out:N" /
// "usage:R,C,W" (reasoning, cached, written) / "error:x" / "proto:x" / "end"; anything else means
// nothing.
class ScriptedAdapter final : public ttft::protocol::Adapter {
 public:
  std::string_view name() const override { return "scripted"; }
  std::string build_body(const ttft::protocol::Workload&) const override { return "{}"; }
  EventMeaning interpret(const Event& event) override {
    EventMeaning meaning;
    const std::string_view data = event.data;
    const std::size_t colon = data.find(':');
    const std::string_view verb = data.substr(0, colon);
    const std::string arg(colon == std::string_view::npos ? "" : data.substr(colon + 1));
    if (verb == "text") meaning.text = arg;
    if (verb == "reason") meaning.reasoning = arg;
    if (verb == "both") meaning.text = meaning.reasoning = arg;
    if (verb == "tool") meaning.tool_call = true;
    if (verb == "reason_tool") {
      meaning.reasoning = arg;
      meaning.tool_call = true;
    }
    if (verb == "usage") {
      const std::size_t first = arg.find(','), second = arg.rfind(',');
      meaning.reasoning_tokens = std::stoll(arg.substr(0, first));
      meaning.cached_input_tokens = std::stoll(arg.substr(first + 1, second - first - 1));
      meaning.cache_write_tokens = std::stoll(arg.substr(second + 1));
    }
    if (verb == "in") meaning.input_tokens = std::stoll(arg);
    if (verb == "out") meaning.output_tokens = std::stoll(arg);
    if (verb == "error") meaning.error = arg;
    if (verb == "proto") meaning.protocol_error = arg;
    if (verb == "end") meaning.end_of_stream = true;
    return meaning;
  }
};

StreamDecoder scripted(std::size_t max_event_bytes = ttft::protocol::kDefaultMaxEventBytes) {
  return StreamDecoder(std::make_unique<ScriptedAdapter>(), max_event_bytes);
}

}  // namespace

TEST_CASE("decoder: an event is stamped with the arrival of the read that completed it") {
  StreamDecoder decoder = scripted();
  CHECK(decoder.feed(": hello\n\ndata: nothing\n", 10));  // comment, then half an event
  CHECK_FALSE(decoder.record().first_event_ns);
  CHECK(decoder.feed("\ndata: text:a", 20));  // completes "nothing"; starts "text:a"
  CHECK(decoder.feed("b\n\ndata: text:c\n\ndata: text:d\n", 30));
  CHECK(decoder.feed("\n", 40));
  decoder.finish(50);
  const auto& record = decoder.record();
  CHECK(record.first_event_ns == 20);
  CHECK(record.first_token_ns == 30);
  CHECK(record.last_token_ns == 40);
  CHECK(record.content_event_ns == std::vector<ttft::Nanos>{30, 30, 40});
  CHECK(record.events == 4);
  CHECK(record.content_events == 3);
  CHECK(record.text_bytes == 4);  // "ab", "c", "d"
  CHECK(record.end_ns == 50);
  CHECK_FALSE(record.terminated);
  CHECK_FALSE(decoder.complete());
}

TEST_CASE("decoder: a reasoning-only first token is flagged, and counts as content") {
  StreamDecoder decoder = scripted();
  decoder.feed("data: reason:hmm\n\n", 1);
  decoder.feed("data: text:yes\n\n", 2);
  CHECK(decoder.record().first_token_ns == 1);
  CHECK(decoder.record().first_token_kind == ttft::protocol::TokenKind::reasoning);
  CHECK(decoder.record().content_events == 2);
  CHECK(decoder.record().text_bytes == 6);

  StreamDecoder both = scripted();
  both.feed("data: both:x\n\n", 1);
  CHECK(both.record().first_token_ns == 1);
  CHECK(both.record().first_token_kind == ttft::protocol::TokenKind::text);
  CHECK(both.record().text_bytes == 2);
}

TEST_CASE("decoder: each usage field is overwritten by the last value seen") {
  StreamDecoder decoder = scripted();
  decoder.feed("data: in:5\n\ndata: out:1\n\ndata: out:7\n\n", 1);
  decoder.feed("data: in:6\n\ndata: text:x\n\n", 2);
  CHECK(decoder.record().input_tokens == 6);
  CHECK(decoder.record().output_tokens == 7);
}

TEST_CASE("decoder: a provider error stops the stream, later bytes are ignored") {
  StreamDecoder decoder = scripted();
  CHECK(decoder.feed("data: text:a\n\n", 1));
  CHECK_FALSE(decoder.feed("data: error:overloaded\n\ndata: text:b\n\n", 2));
  CHECK_FALSE(decoder.feed("data: text:c\n\ndata: end\n\n", 3));
  decoder.finish(4);
  const auto& record = decoder.record();
  CHECK(record.stream_error == "overloaded");
  CHECK_FALSE(record.protocol_error);
  CHECK(record.events == 2);
  CHECK(record.content_events == 1);
  CHECK_FALSE(record.terminated);
  CHECK(record.end_ns == 4);
}

TEST_CASE("decoder: a protocol error from the adapter stops the stream") {
  StreamDecoder decoder = scripted();
  CHECK_FALSE(decoder.feed("data: proto:not json\n\ndata: text:a\n\n", 1));
  CHECK(decoder.record().protocol_error == "not json");
  CHECK(decoder.record().events == 1);
  CHECK(decoder.record().content_events == 0);
  CHECK_FALSE(decoder.feed("data: text:b\n\n", 2));
}

TEST_CASE("decoder: an event over the size limit is a protocol error") {
  StreamDecoder decoder = scripted(16);
  CHECK(decoder.feed("data: text:a\n\n", 1));
  CHECK_FALSE(decoder.feed("data: text:" + std::string(20, 'x'), 2));
  CHECK(decoder.record().protocol_error == "event larger than 16 bytes");
  CHECK_FALSE(decoder.feed("\n\ndata: text:b\n\n", 3));
  CHECK(decoder.record().content_events == 1);
}

TEST_CASE("decoder: an error event before an overflow in the same read is what is recorded") {
  StreamDecoder decoder = scripted(16);
  CHECK_FALSE(decoder.feed("data: error:x\n\ndata: " + std::string(20, 'x') + "\n\n", 1));
  CHECK(decoder.record().stream_error == "x");
  CHECK_FALSE(decoder.record().protocol_error);
}

TEST_CASE("decoder: the terminator ends the stream at its arrival, later events are ignored") {
  StreamDecoder decoder = scripted();
  CHECK(decoder.feed("data: text:a\n\ndata: end\n", 1));
  CHECK(decoder.feed("\ndata: text:late\n\ndata: out:99\n\n", 2));
  CHECK(decoder.feed("data: error:late\n\n", 3));
  decoder.finish(9);
  const auto& record = decoder.record();
  CHECK(record.terminated);
  CHECK(decoder.complete());
  CHECK(record.end_ns == 2);
  CHECK(record.events == 2);
  CHECK(record.content_events == 1);
  CHECK_FALSE(record.output_tokens);
  CHECK_FALSE(record.stream_error);
}

TEST_CASE("decoder: an incomplete event at the end of the body is not counted") {
  StreamDecoder decoder = scripted();
  decoder.feed("data: text:a\n\ndata: text:b\n", 1);
  decoder.finish(2);
  CHECK(decoder.record().events == 1);
  CHECK(decoder.record().end_ns == 2);
}

TEST_CASE("decoder: a body with no events records no event times") {
  StreamDecoder decoder = scripted();
  decoder.feed(": keep-alive\n\n", 1);
  decoder.finish(2);
  CHECK_FALSE(decoder.record().first_event_ns);
  CHECK_FALSE(decoder.record().first_token_ns);
  CHECK(decoder.record().events == 0);
  CHECK(decoder.record().end_ns == 2);
}

TEST_CASE("decoder: for plain sse the end of the body is a complete stream") {
  StreamDecoder decoder(std::make_unique<ttft::protocol::GenericSseAdapter>());
  decoder.feed("data: x\n\n", 1);
  decoder.finish(2);
  CHECK_FALSE(decoder.record().terminated);
  CHECK(decoder.complete());
}

TEST_CASE("decoder: the first answer is the first text or tool call, never reasoning") {
  SECTION("reasoning first: the answer is the first text, stamped with its read's arrival") {
    StreamDecoder decoder = scripted();
    CHECK(decoder.feed("data: reason:think\n\ndata: reason:more\n\n", 10));
    CHECK_FALSE(decoder.record().first_answer_ns);
    CHECK(decoder.feed("data: te", 20));
    CHECK(decoder.feed("xt:hi\n\ndata: text:again\n\n", 30));
    decoder.finish(40);
    const auto& record = decoder.record();
    CHECK(record.first_token_ns == 10);
    CHECK(record.first_token_kind == ttft::protocol::TokenKind::reasoning);
    CHECK(record.first_answer_ns == 30);
  }
  SECTION("a tool call first is the first token, of kind tool_call, and no text") {
    StreamDecoder decoder = scripted();
    CHECK(decoder.feed("data: nothing\n\ndata: tool\n\n", 10));
    CHECK(decoder.feed("data: text:after\n\n", 20));
    decoder.finish(30);
    const auto& record = decoder.record();
    CHECK(record.first_event_ns == 10);
    CHECK(record.first_answer_ns == 10);
    CHECK(record.first_token_ns == 10);
    CHECK(record.first_token_kind == ttft::protocol::TokenKind::tool_call);
    CHECK(record.content_events == 1);
    CHECK(record.text_bytes == 5);
  }
  SECTION("an event with both reasoning and a tool call is the first token and the first answer") {
    StreamDecoder decoder = scripted();
    CHECK(decoder.feed("data: reason_tool:x\n\n", 10));
    decoder.finish(20);
    CHECK(decoder.record().first_token_ns == 10);
    CHECK(decoder.record().first_token_kind == ttft::protocol::TokenKind::reasoning);
    CHECK(decoder.record().first_answer_ns == 10);
  }
  SECTION("text first: the first answer is the first token") {
    StreamDecoder decoder = scripted();
    CHECK(decoder.feed("data: text:a\n\ndata: reason:b\n\n", 10));
    decoder.finish(20);
    CHECK(decoder.record().first_answer_ns == decoder.record().first_token_ns);
  }
  SECTION("only reasoning: no answer") {
    StreamDecoder decoder = scripted();
    CHECK(decoder.feed("data: reason:a\n\ndata: end\n\n", 10));
    decoder.finish(20);
    CHECK(decoder.record().first_token_ns == 10);
    CHECK_FALSE(decoder.record().first_answer_ns);
  }
  SECTION("after the terminator nothing counts") {
    StreamDecoder decoder = scripted();
    CHECK(decoder.feed("data: end\n\ndata: text:late\n\n", 10));
    decoder.finish(20);
    CHECK_FALSE(decoder.record().first_answer_ns);
  }
}

TEST_CASE("decoder: reasoning, cached and written token counts, the last value wins") {
  StreamDecoder decoder = scripted();
  CHECK(decoder.feed("data: usage:1,2,3\n\ndata: nothing\n\ndata: usage:10,20,0\n\n", 10));
  decoder.finish(20);
  const auto& record = decoder.record();
  CHECK(record.reasoning_tokens == 10);
  CHECK(record.cached_input_tokens == 20);
  CHECK(record.cache_write_tokens == 0);
  StreamDecoder silent = scripted();
  CHECK(silent.feed("data: text:a\n\n", 10));
  silent.finish(20);
  CHECK_FALSE(silent.record().reasoning_tokens);
  CHECK_FALSE(silent.record().cached_input_tokens);
  CHECK_FALSE(silent.record().cache_write_tokens);
}
