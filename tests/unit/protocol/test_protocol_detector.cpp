// Protocol `auto`: detection from headers and the first event or line, and a detected stream
// decoded exactly as the explicit protocol decodes it (docs/protocols.md ("auto")).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "protocol/protocol_detector.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

namespace {

const Headers kEventStream = {{"Content-Type", "text/event-stream"}};
const Headers kNdjson = {{"Content-Type", "application/x-ndjson"}};
const Headers kJson = {{"Content-Type", "application/json"}};
const Headers kPlainText = {{"Content-Type", "text/plain; charset=utf-8"}};
const Headers kNoHeaders = {};

constexpr std::string_view kChatUrl = "https://api.example.com/v1/chat/completions";
constexpr std::string_view kWorkersUrl = "https://api.cloudflare.com/client/v4/accounts/a/ai/run/@cf/m";

// How each provider serves its stream: the request URL's shape and the response Content-Type,
// without the AI SDK's own headers, so detection has to come from the body.
struct Served {
  std::string url;
  Headers headers;
};

Served served_as(const std::string& protocol) {
  if (protocol == "workers-ai") return {std::string(kWorkersUrl), kEventStream};
  if (protocol == "anthropic") return {"https://api.anthropic.com/v1/messages", kEventStream};
  if (protocol == "ollama") return {"http://localhost:11434/api/chat", kNdjson};
  if (protocol == "vercel-data" || protocol == "text") return {"https://app.example/api/chat", kPlainText};
  return {std::string(kChatUrl), kEventStream};
}

// Fixtures `auto` reads as another protocol than their folder's, by design (see the test below).
bool detected_as_other(const std::string& relative) { return relative == "openai-chat/not_json.sse"; }

StreamRecord detect_whole(std::string_view url, const Headers& headers, std::string_view bytes) {
  return feed_whole(auto_decoder(url, headers), bytes);
}

}  // namespace

TEST_CASE("auto: every fixture stream is detected and decoded as its own protocol decodes it") {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(TTFT_FIXTURES_DIR) / "streams";
  int fixtures = 0;
  for (const auto& folder : fs::directory_iterator(root)) {
    const std::string protocol = folder.path().filename().string();
    for (const auto& file : fs::directory_iterator(folder.path())) {
      const std::string relative = protocol + "/" + file.path().filename().string();
      if (detected_as_other(relative)) continue;
      INFO(relative);
      ++fixtures;
      const std::string bytes = load_stream(relative);
      const Served served = served_as(protocol);
      const StreamRecord whole = detect_whole(served.url, served.headers, bytes);
      CHECK(whole.detected_protocol == protocol);
      CHECK(describe(whole) == describe(feed_whole(StreamDecoder(adapter_for(protocol)), bytes)));
      // Byte by byte: every time is the arrival of the byte that completed the event, as with
      // the explicit protocol, however many reads detection had to hold.
      const StreamRecord bytewise = feed_bytewise(auto_decoder(served.url, served.headers), bytes);
      CHECK(bytewise.detected_protocol == protocol);
      CHECK(describe(bytewise) == describe(decode_bytewise(protocol, bytes)));
    }
  }
  CHECK(fixtures >= 40);  // the folder really was read
}

TEST_CASE("auto: data that is not JSON in the first event is plain sse") {
  // A gateway's HTML page framed as events: openai-chat calls it a protocol error, but no
  // protocol's shape is in it, so auto reads it as any SSE stream and records auto:sse.
  const std::string bytes = load_stream("openai-chat/not_json.sse");
  const StreamRecord record = feed_bytewise(auto_decoder(kChatUrl, kEventStream), bytes);
  CHECK(record.detected_protocol == "sse");
  CHECK(describe(record) == describe(decode_bytewise("sse", bytes)));
  CHECK(detect_whole(kChatUrl, kEventStream, "data: {\"foo\":1}\n\n").detected_protocol == "sse");
  CHECK(detect_whole(kChatUrl, kEventStream, "data: [DONE]\n\n").detected_protocol == "sse");
}

TEST_CASE("auto: the AI SDK's headers decide before any byte") {
  const Headers ui = {{"content-type", "text/event-stream"}, {"X-Vercel-AI-UI-Message-Stream", "v1"}};
  const Headers data = {{"Content-Type", "text/plain; charset=utf-8"}, {"x-vercel-ai-data-stream", "v1"}};
  CHECK(detect_whole(kChatUrl, ui, "").detected_protocol == "vercel-ui");
  CHECK(detect_whole(kChatUrl, data, "").detected_protocol == "vercel-data");
  // The header wins over a body that would read as something else.
  CHECK(detect_whole(kChatUrl, data, "Hello").detected_protocol == "vercel-data");
  const ResponseHints hints = response_hints(ui);
  CHECK(hints.media_type == "text/event-stream");
  CHECK(hints.ui_message_stream);
  CHECK_FALSE(hints.data_stream);
  CHECK(response_hints({{"X-Vercel-AI-Data-Stream", "v2"}}).data_stream == false);
}

TEST_CASE("auto: a first event that is an error goes to the protocol whose body was sent") {
  const auto chat = detect_whole(kChatUrl, kEventStream, "data: {\"error\":{\"message\":\"boom\"}}\n\n");
  CHECK(chat.detected_protocol == "openai-chat");
  CHECK(chat.stream_error == "boom");
  const auto anthropic = detect_whole("https://api.anthropic.com/v1/messages", kEventStream,
                                      "event: error\ndata: {\"type\":\"error\",\"error\":"
                                      "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
  CHECK(anthropic.detected_protocol == "anthropic");
  CHECK(anthropic.stream_error == "overloaded_error: Overloaded");
  // Cloudflare's envelope is Workers AI's wherever it was sent.
  const auto cloudflare = detect_whole(kChatUrl, kEventStream,
                                       "data: {\"success\":false,\"errors\":"
                                       "[{\"code\":3040,\"message\":\"Out of capacity\"}]}\n\n");
  CHECK(cloudflare.detected_protocol == "workers-ai");
  CHECK(cloudflare.stream_error == "3040: Out of capacity");
  // An AI SDK error part is the UI stream's.
  const auto ui = detect_whole(kChatUrl, kEventStream, "data: {\"type\":\"error\",\"errorText\":\"x\"}\n\n");
  CHECK(ui.detected_protocol == "vercel-ui");
  CHECK(ui.stream_error == "x");
}

TEST_CASE("auto: OpenAI chunks from /ai/run/ are Workers AI, which reads both shapes") {
  const std::string chunk =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: {\"response\":\"!\"}\n\n";
  const auto workers = detect_whole(kWorkersUrl, kEventStream, chunk);
  CHECK(workers.detected_protocol == "workers-ai");
  CHECK(workers.text_bytes == 3);
  CHECK(detect_whole(kChatUrl, kEventStream, chunk).detected_protocol == "openai-chat");
}

TEST_CASE("auto: text/plain is text unless its first line is a data stream part") {
  CHECK(detect_whole(kChatUrl, kPlainText, "0: not JSON\n").detected_protocol == "text");
  CHECK(detect_whole(kChatUrl, kPlainText, "0:\"Hel\"\n").detected_protocol == "vercel-data");
  CHECK(detect_whole(kChatUrl, kPlainText, "f:{\"messageId\":\"m\"}\r\n").detected_protocol == "vercel-data");
  CHECK(detect_whole(kChatUrl, kPlainText, "0:\"unterminated\n").detected_protocol == "text");
  CHECK(detect_whole(kChatUrl, kPlainText, "Hello").detected_protocol == "text");
}

TEST_CASE("auto: holding reads while deciding never moves a timestamp") {
  SECTION("text that starts like a data stream part is decided on a later read") {
    StreamDecoder decoder = auto_decoder(kChatUrl, kPlainText);
    CHECK(decoder.feed("0", 10));
    CHECK_FALSE(decoder.record().first_event_ns);  // "0" could still be "0:\"...\""
    CHECK(decoder.feed(" apples", 20));
    decoder.finish(30);
    CHECK(decoder.record().detected_protocol == "text");
    CHECK(decoder.record().first_event_ns == 10);  // the first body bytes, not the deciding read
    CHECK(decoder.record().first_token_ns == 10);
    CHECK(decoder.record().content_event_ns == std::vector<ttft::Nanos>{10, 20});
  }
  SECTION("a text body that ends undecided is text, stamped when its bytes arrived") {
    StreamDecoder decoder = auto_decoder(kChatUrl, kPlainText);
    CHECK(decoder.feed("0:\"Hi", 10));
    decoder.finish(30);
    CHECK(decoder.record().detected_protocol == "text");
    CHECK(decoder.record().first_event_ns == 10);
    CHECK(decoder.record().end_ns == 30);
    CHECK_FALSE(decoder.record().protocol_error);
  }
  SECTION("a data stream line completed by a later read is stamped with that read") {
    StreamDecoder decoder = auto_decoder(kChatUrl, kPlainText);
    CHECK(decoder.feed("0:\"Hel", 10));
    CHECK(decoder.feed("lo\"\n", 20));
    CHECK(decoder.record().detected_protocol == "vercel-data");
    CHECK(decoder.record().first_event_ns == 20);
  }
}

TEST_CASE("auto: without a content type the first bytes choose the framing") {
  const std::string sse = load_stream("workers-ai/basic.sse");
  const auto workers = feed_bytewise(auto_decoder(kWorkersUrl, kNoHeaders), sse);
  CHECK(workers.detected_protocol == "workers-ai");
  CHECK(describe(workers) == describe(decode_bytewise("workers-ai", sse)));
  const std::string ndjson = load_stream("ollama/basic.ndjson");
  const auto ollama = feed_bytewise(auto_decoder(kChatUrl, kNoHeaders), ndjson);
  CHECK(ollama.detected_protocol == "ollama");
  CHECK(describe(ollama) == describe(decode_bytewise("ollama", ndjson)));
  CHECK(detect_whole(kChatUrl, kNoHeaders, ": keep-alive\n\ndata: x\n\n").detected_protocol == "sse");
  CHECK(detect_whole(kChatUrl, kNoHeaders, "\xEF\xBB\xBF" "data: x\n\n").detected_protocol == "sse");
  CHECK(detect_whole(kChatUrl, kNoHeaders, "Hello there").detected_protocol == "text");
  const Headers octets = {{"Content-Type", "application/octet-stream"}};
  CHECK(detect_whole(kChatUrl, octets, "dat").detected_protocol == "text");
}

TEST_CASE("auto: bodies no protocol reads are protocol errors that say what arrived") {
  SECTION("a JSON reply instead of a stream, with or without its line end") {
    const std::string reply = R"({"error":{"message":"bad key"}})";
    for (const std::string& body : {reply, reply + "\n"}) {
      const auto record = detect_whole(kChatUrl, kJson, body);
      CHECK(record.detected_protocol.empty());
      CHECK(record.protocol_error == "auto: a JSON body, not a stream (application/json): " + reply);
    }
  }
  SECTION("an NDJSON line in no known shape") {
    const auto record = detect_whole(kChatUrl, kNdjson, "{\"foo\":1}\n");
    CHECK(record.protocol_error == "auto: no protocol reads the first line: {\"foo\":1}");
    // Ollama's error line is Ollama's.
    const auto ollama_error = detect_whole(kChatUrl, kNdjson, "{\"error\":\"model not found\"}\n");
    CHECK(ollama_error.detected_protocol == "ollama");
    CHECK(ollama_error.stream_error == "model not found");
  }
  SECTION("an event stream that ends before its first event") {
    const auto record = detect_whole(kChatUrl, kEventStream, "data: {\"choi");
    CHECK(record.protocol_error ==
          "auto: the body ended before its first complete event (text/event-stream): data: {\"choi");
    CHECK(record.events == 0);
  }
  SECTION("an empty body decides nothing and fails nothing") {
    const auto record = detect_whole(kChatUrl, kEventStream, "");
    CHECK(record.detected_protocol.empty());
    CHECK_FALSE(record.protocol_error);
  }
}

TEST_CASE("auto: detection is bounded by the event size limit") {
  SECTION("a first event over the limit") {
    auto decoder = StreamDecoder::detecting("openai-chat", 16);
    decoder.on_response_headers(kEventStream);
    CHECK_FALSE(decoder.feed("data: 0123456789abcdefghij\n\n", 1));
    CHECK(decoder.record().protocol_error ==
          "auto: event larger than 16 bytes before the protocol was detected");
  }
  SECTION("keep-alive comments alone") {
    auto decoder = StreamDecoder::detecting("openai-chat", 16);
    decoder.on_response_headers(kEventStream);
    bool reading = true;
    for (int i = 0; i < 10 && reading; ++i) reading = decoder.feed(": ping\n", i);
    CHECK_FALSE(reading);
    CHECK(decoder.record().protocol_error == "auto: no protocol detected in the first 32 bytes");
  }
}
