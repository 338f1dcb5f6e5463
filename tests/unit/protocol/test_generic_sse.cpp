// The sse adapter: any event with data is text, [DONE] ends, connection end is normal.
#include <catch2/catch.hpp>

#include "protocol/generic_sse.hpp"
#include "protocol/openai_chat.hpp"
#include "stream_harness.hpp"

using namespace ttft::protocol;
using namespace ttft::protocol::testing;

TEST_CASE("sse adapter: every event with data is text") {
  GenericSseAdapter adapter;
  CHECK(adapter.interpret(Event{"token", "hello"}).text == "hello");
  CHECK(adapter.interpret(Event{"message", "{\"a\":1}"}).text == "{\"a\":1}");
  const auto empty = adapter.interpret(Event{"message", ""});
  CHECK(empty.text.empty());
  CHECK_FALSE(empty.end_of_stream);
  const auto done = adapter.interpret(Event{"message", "[DONE]"});
  CHECK(done.end_of_stream);
  CHECK(done.text.empty());
  CHECK(adapter.eof_is_normal_end());
}

TEST_CASE("sse adapter: the body is the openai-chat body, with extra_body merged") {
  Workload workload;
  workload.model = "any-model";
  workload.messages = {{"user", "Hi"}};
  workload.extra_body = {{"mode", "edge"}};
  CHECK(GenericSseAdapter().build_body(workload) ==
        R"({"model":"any-model","messages":[{"role":"user","content":"Hi"}],"max_tokens":256,)"
        R"("stream":true,"stream_options":{"include_usage":true},"mode":"edge"})");
}

TEST_CASE("sse adapter: a plain stream ends at EOF, at every pair of split points") {
  const std::string bytes = load_stream("sse/plain.sse");
  const StreamRecord record = decode_bytewise("sse", bytes);
  CHECK(record.first_event_ns == blank_line_offset(bytes, 2));  // after the comment
  CHECK(record.first_token_ns == record.first_event_ns);
  CHECK(record.last_token_ns == blank_line_offset(bytes, 5));  // "event: heartbeat" is empty
  CHECK(record.events == 3);
  CHECK(record.content_events == 3);
  CHECK(record.text_bytes == 14);  // "Hello", ", wor\nld", "!"
  CHECK_FALSE(record.terminated);
  CHECK_FALSE(record.output_tokens);
  CHECK(record.end_ns == static_cast<ttft::Nanos>(bytes.size()));
  check_every_split("sse", bytes, /*pairs=*/true);
}

TEST_CASE("sse adapter: [DONE] terminates and later events are ignored") {
  const std::string bytes = load_stream("sse/done.sse");
  const StreamRecord record = decode_bytewise("sse", bytes);
  CHECK(record.events == 3);
  CHECK(record.content_events == 2);
  CHECK(record.terminated);
  CHECK(record.end_ns == blank_line_offset(bytes, 3));
  check_every_split("sse", bytes, /*pairs=*/true);
}
