// The page's result turned into an Outcome (docs/browser.md ("Clocks")): the native decoder fed
// with each chunk at its page time; browser_ttft_ms is the chunk holding the first token.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "browser/page_result.hpp"

using namespace ttft;
using browser::outcome_of;
using browser::parse_page_result;

namespace {

driver::RequestSpec chat_spec() {
  driver::RequestSpec spec;
  spec.tag = 42;
  spec.url = "http://127.0.0.1:9/v1/chat/completions";
  spec.protocol = "openai-chat";
  return spec;
}

std::string sse(const std::string& json) { return "data: " + json + "\n\n"; }

// A role-only event first (an event, no token), then two text deltas split across reads, usage
// and [DONE].
std::string page_json() {
  const std::string role = sse(R"({"choices":[{"delta":{"role":"assistant"}}]})");
  const std::string hello = sse(R"({"choices":[{"delta":{"content":"Hel"}}]})");
  const std::string world = sse(R"({"choices":[{"delta":{"content":"lo"},"finish_reason":"stop"}]})");
  const std::string usage = sse(R"({"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2}})");
  nlohmann::json page = {{"status", 200},       {"content_type", "text/event-stream"},
                         {"headers_ms", 50.25}, {"end_ms", 180.0},
                         {"error", ""}};
  page["chunks"] = nlohmann::json::array({
      nlohmann::json::array({100.5, 104.0, role}),
      nlohmann::json::array({120.0, 125.5, hello.substr(0, 10)}),
      nlohmann::json::array({130.25, 141.0, hello.substr(10) + world}),
      nlohmann::json::array({170.0, nullptr, usage + "data: [DONE]\n\n"}),
  });
  return page.dump();
}

}  // namespace

TEST_CASE("chunks are decoded at their page times and the browser columns name the first token's chunk") {
  const auto page = parse_page_result(page_json());
  REQUIRE(page);
  REQUIRE(page->chunks.size() == 4);
  CHECK_FALSE(page->chunks[3].paint_ms);
  const driver::Outcome o = outcome_of(*page, chat_spec());
  CHECK(o.tag == 42);
  CHECK(o.error.empty());
  CHECK(o.http_status == 200);
  CHECK(o.ttfb_ns == 50'250'000);
  CHECK(o.stream.first_event_ns == 100'500'000);   // the role-only event
  CHECK(o.stream.first_token_ns == 130'250'000);   // "Hel" completed in the third read
  CHECK(o.browser_ttft_ns == 130'250'000);
  CHECK(o.browser_paint_ns == 141'000'000);
  CHECK(o.stream.output_tokens == 2);
  CHECK(o.stream.input_tokens == 9);
  CHECK(o.stream.finish_reason == "stop");
  CHECK(o.stream.terminated);
  CHECK(o.end_ns == 170'000'000);  // [DONE]'s read
}

TEST_CASE("an HTTP error, a failed fetch and a stream cut short get the native error classes") {
  SECTION("HTTP 503 with its body in the detail") {
    const auto page = parse_page_result(
        R"({"status":503,"content_type":"application/json","headers_ms":5,"end_ms":6,"error":"",
            "chunks":[[6,7,"{\"error\":\"overloaded\"}"]]})");
    REQUIRE(page);
    const auto o = outcome_of(*page, chat_spec());
    CHECK(o.error == "http_5xx");
    CHECK(o.error_detail.find("overloaded") != std::string::npos);
    CHECK_FALSE(o.browser_ttft_ns);
  }
  SECTION("fetch() failed: no status") {
    const auto page = parse_page_result(R"({"status":null,"content_type":"","headers_ms":null,"end_ms":3,
                                           "error":"Failed to fetch","chunks":[]})");
    REQUIRE(page);
    const auto o = outcome_of(*page, chat_spec());
    CHECK(o.error == "connect");
    CHECK(o.error_detail == "fetch failed in the browser: Failed to fetch");
  }
  SECTION("no [DONE]: truncated, with the first token still timed") {
    const auto page = parse_page_result(
        R"({"status":200,"content_type":"text/event-stream","headers_ms":5,"end_ms":40,"error":"",
            "chunks":[[30,31,"data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n"]]})");
    REQUIRE(page);
    const auto o = outcome_of(*page, chat_spec());
    CHECK(o.error == "truncated");
    CHECK(o.browser_ttft_ns == 30'000'000);
    CHECK(o.browser_paint_ns == 31'000'000);
  }
}

TEST_CASE("a page result that is not the page's JSON is an error") {
  CHECK_FALSE(parse_page_result("not json"));
  CHECK_FALSE(parse_page_result(R"({"status":200})"));
  CHECK_FALSE(parse_page_result(R"({"chunks":[[1,2]]})"));
}
