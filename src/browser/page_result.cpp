#include "browser/page_result.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/check.hpp"

namespace ttft::browser {
namespace {

constexpr std::size_t kBodyHeadBytes = 200;

std::optional<double> number_or_null(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return text.substr(0, kBodyHeadBytes);
}

// The same classes as a native request's (docs/results.md ("Error classes")).
void classify(const PageResult& page, const protocol::StreamDecoder& decoder, const std::string& body_head,
              driver::Outcome& o) {
  const auto& stream = decoder.record();
  const int status = page.status.value_or(0);
  if (!page.status) {
    o.error = "connect";
    o.error_detail = "fetch failed in the browser: " + one_line(page.error);
  } else if (status == 429) {
    o.error = "rate_limited";
    o.error_detail = fmt::format("HTTP 429: {}", one_line(body_head));
  } else if (status < 200 || status >= 300) {
    o.error = status >= 500 ? "http_5xx" : status >= 400 ? "http_4xx" : "http_3xx";
    o.error_detail = fmt::format("HTTP {}: {}", status, one_line(body_head));
  } else if (stream.stream_error) {
    o.error = "stream";
    o.error_detail = one_line(*stream.stream_error);
  } else if (stream.protocol_error) {
    o.error = "protocol";
    o.error_detail = one_line(*stream.protocol_error);
  } else if (!page.error.empty()) {
    o.error = "truncated";
    o.error_detail = "the browser's reader failed: " + one_line(page.error);
  } else if (!stream.terminated && !decoder.complete()) {
    o.error = "truncated";
    o.error_detail = fmt::format("stream ended after {} events without its end marker", stream.events);
  }
}

}  // namespace

Nanos page_ms_to_ns(double ms) { return static_cast<Nanos>(std::llround(ms * 1e6)); }

Result<PageResult> parse_page_result(std::string_view json) {
  try {
    const auto j = nlohmann::json::parse(json);
    PageResult page;
    if (const auto status = number_or_null(j, "status")) page.status = static_cast<int>(*status);
    page.content_type = j.value("content_type", "");
    page.headers_ms = number_or_null(j, "headers_ms");
    page.end_ms = number_or_null(j, "end_ms");
    page.error = j.value("error", "");
    for (const auto& chunk : j.at("chunks")) {
      PageChunk c;
      c.chunk_ms = chunk.at(0).get<double>();
      if (chunk.at(1).is_number()) c.paint_ms = chunk.at(1).get<double>();
      c.text = chunk.at(2).get<std::string>();
      page.chunks.push_back(std::move(c));
    }
    return page;
  } catch (const nlohmann::json::exception& e) {
    return fail("", std::string("the browser page returned an unexpected result: ") + e.what());
  }
}

driver::Outcome outcome_of(const PageResult& page, const driver::RequestSpec& spec) {
  driver::Outcome o;
  o.tag = spec.tag;
  o.http_status = page.status;
  if (page.headers_ms) o.ttfb_ns = page_ms_to_ns(*page.headers_ms);
  if (!page.content_type.empty()) o.response_headers.emplace_back("content-type", page.content_type);
  auto decoder = protocol::StreamDecoder::for_protocol(spec.protocol, spec.url, spec.max_event_bytes);
  TTFT_CHECK(decoder.has_value(), "a browser request with an unknown protocol was started");
  if (spec.keep_answer_text) decoder->keep_answer_text();
  decoder->on_response_headers(o.response_headers);
  std::string body_head;
  for (const auto& chunk : page.chunks) {
    if (body_head.size() < kBodyHeadBytes) body_head += chunk.text.substr(0, kBodyHeadBytes - body_head.size());
    const Nanos at_ns = page_ms_to_ns(chunk.chunk_ms);
    const bool had_token = decoder->record().first_token_ns.has_value();
    const bool go_on = decoder->feed(chunk.text, at_ns);
    if (!had_token && decoder->record().first_token_ns) {
      o.browser_ttft_ns = at_ns;
      if (chunk.paint_ms) o.browser_paint_ns = page_ms_to_ns(*chunk.paint_ms);
    }
    if (!go_on) break;
  }
  decoder->finish(page_ms_to_ns(page.end_ms.value_or(page.chunks.empty() ? 0 : page.chunks.back().chunk_ms)));
  o.body_head = body_head;
  classify(page, *decoder, body_head, o);
  o.stream = decoder->record();
  o.end_ns = o.stream.end_ns;
  return o;
}

}  // namespace ttft::browser
