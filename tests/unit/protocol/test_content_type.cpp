// Media types and what each framing accepts, as the driver names them in protocol errors.
#include <catch2/catch.hpp>

#include "protocol/content_type.hpp"

using namespace ttft::protocol;

TEST_CASE("content type: the media type is lowercase without parameters") {
  CHECK(media_type("Text/Event-Stream; charset=utf-8") == "text/event-stream");
  CHECK(media_type(" application/x-ndjson ") == "application/x-ndjson");
  CHECK(media_type("") == "");
}

TEST_CASE("content type: each framing fits its own media types, text fits any") {
  CHECK(media_type_fits(Framing::sse, "text/event-stream"));
  CHECK_FALSE(media_type_fits(Framing::sse, "application/json"));
  CHECK(media_type_fits(Framing::ndjson, "application/x-ndjson"));
  CHECK(media_type_fits(Framing::ndjson, "application/jsonl"));
  CHECK(media_type_fits(Framing::ndjson, "text/plain"));  // the AI SDK data stream
  CHECK_FALSE(media_type_fits(Framing::ndjson, "application/json"));  // one JSON reply
  CHECK_FALSE(media_type_fits(Framing::ndjson, "text/event-stream"));
  CHECK(media_type_fits(Framing::text, "text/html"));
  CHECK(media_type_fits(Framing::text, ""));
}

TEST_CASE("content type: error details name what each framing expected") {
  CHECK(framing_expectation(Framing::sse) == "an event stream (text/event-stream)");
  CHECK(framing_expectation(Framing::ndjson) == "NDJSON lines");
  CHECK(framing_expectation(Framing::text) == "text");
}
