#include "driver/transfer.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/version.hpp"
#include "driver/response_headers.hpp"
#include "protocol/completion.hpp"
#include "protocol/content_type.hpp"

namespace ttft::driver {
namespace {

constexpr std::size_t kBodyHeadBytes = 1024;   // kept for error details and traces

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// The text on one line, for the error_detail column, with every control character (a garbage
/// body's NUL or ESC, which a terminal would act on) as a space. Not shortened here: secrets are
/// redacted first (by the caller), then the detail is cut, so a cut can never split a secret.
std::string one_line(std::string_view text) {
  std::string out;
  for (const char c : text) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

long curl_http_version(HttpVersion version) {
  switch (version) {
    case HttpVersion::http1_1: return CURL_HTTP_VERSION_1_1;
    // Prior knowledge over cleartext; over TLS libcurl still negotiates it by ALPN.
    case HttpVersion::http2: return CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE;
    case HttpVersion::automatic: break;
  }
  return CURL_HTTP_VERSION_2TLS;
}

// CURLINFO_HTTP_VERSION as the http_version column writes it; "" when no response came.
std::string http_version_text(long version) {
  switch (version) {
    case CURL_HTTP_VERSION_1_0: return "1.0";
    case CURL_HTTP_VERSION_1_1: return "1.1";
    case CURL_HTTP_VERSION_2_0: return "2";
    case CURL_HTTP_VERSION_3: return "3";
    default: return "";
  }
}

bool is_tls_error(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR: case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM: case CURLE_SSL_CIPHER: case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR: case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS: case CURLE_SSL_ENGINE_NOTFOUND:
      return true;
    default:
      return false;
  }
}

}  // namespace

Result<std::unique_ptr<Transfer>> Transfer::create(RequestSpec spec) {
  if (spec.embeddings) {  // one JSON body, read at its end; no protocol adapter's headers
    const EmbeddingsCheck& check = *spec.embeddings;
    // Room for every vector at 64 KiB (3,072 floats in JSON take about 40 KiB), and never less
    // than a chat response's bound.
    constexpr std::size_t kBytesPerVector = std::size_t{64} << 10;
    const std::size_t max_bytes = std::max(protocol::kMaxCompletionBytes, check.vectors * kBytesPerVector);
    auto decoder = protocol::StreamDecoder::embeddings(check.format, check.vectors, check.dimensions, max_bytes);
    return start(std::move(spec), std::move(decoder), {});
  }
  auto decoder = spec.stream
                     ? protocol::StreamDecoder::for_protocol(spec.protocol, spec.url, spec.max_event_bytes)
                     : protocol::StreamDecoder::whole_body(spec.protocol, protocol::kMaxCompletionBytes);
  if (!decoder) return tl::unexpected(decoder.error());
  if (spec.keep_answer_text) decoder->keep_answer_text();
  // `auto` sends the headers of the protocol whose body it sends.
  auto request_adapter = protocol::make_adapter(protocol::request_protocol(spec.protocol, spec.url));
  if (!request_adapter) return tl::unexpected(request_adapter.error());
  return start(std::move(spec), std::move(*decoder), (*request_adapter)->default_headers());
}

Result<std::unique_ptr<Transfer>> Transfer::start(RequestSpec spec, protocol::StreamDecoder decoder,
                                                  HeaderList default_headers) {
  auto transfer =
      std::unique_ptr<Transfer>(new Transfer(std::move(spec), std::move(decoder), std::move(default_headers)));
  if (!transfer->easy_) return fail("", "libcurl could not create a transfer handle");
  transfer->configure();
  transfer->outcome_.prepared_ns = monotonic_ns();
  return transfer;
}

Transfer::Transfer(RequestSpec spec, protocol::StreamDecoder decoder, HeaderList default_headers)
    : spec_(std::move(spec)),
      easy_(take_easy()),
      decoder_(std::move(decoder)),
      default_headers_(std::move(default_headers)) {
  outcome_.tag = spec_.tag;
}

Transfer::~Transfer() {
  // Plain http:// without redirects (which may lead to https://) never touched TLS.
  if (spec_.url.rfind("http://", 0) == 0 && !spec_.follow_redirects) give_back_easy(std::move(easy_));
}

void Transfer::configure() {
  CURL* h = easy_.get();
  // Defaults first, each dropped when the user (or the adapter) sends the same header.
  HeaderList headers = {{"Content-Type", "application/json"},
                        {"Accept", spec_.stream ? "text/event-stream" : "application/json"},
                        {"Expect", ""}};  // no 100-continue round trip before the body
  headers.insert(headers.end(), default_headers_.begin(), default_headers_.end());
  for (const auto& header : spec_.headers) headers.push_back(header);
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const auto later_same_name = std::find_if(headers.begin() + static_cast<long>(i) + 1, headers.end(),
        [&](const auto& other) { return iequals(other.first, headers[i].first); });
    if (later_same_name != headers.end()) continue;
    // "Name:" removes a header libcurl would add; "Name;" sends it with an empty value.
    request_headers_.append(headers[i].second.empty() && headers[i].first != "Expect"
                                ? headers[i].first + ";"
                                : headers[i].first + ": " + headers[i].second);
  }
  curl_easy_setopt(h, CURLOPT_URL, spec_.url.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, spec_.body.data());
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(spec_.body.size()));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, request_headers_.get());
  curl_easy_setopt(h, CURLOPT_USERAGENT, (std::string("ttftbench/") + kVersion).c_str());
  curl_easy_setopt(h, CURLOPT_PRIVATE, this);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curl_error_);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_NODELAY, 1L);
  // Compressed responses are decoded (docs/protocols.md ("Requests")). "" offers every encoding libcurl can decode
  // (as browsers and SDKs offer theirs); a scenario header "Accept-Encoding: identity" opts out.
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(spec_.timeouts.connect_ns / kNanosPerMs));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(spec_.timeouts.total_ns / kNanosPerMs));
  if (!spec_.reuse_connection) {
    curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
  }
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, curl_http_version(spec_.http_version));
  // A multiplexing request waits for a connection being set up to say whether it can take more
  // streams, rather than opening one of its own (the driver's pools keep the others apart).
  if (spec_.multiplex) curl_easy_setopt(h, CURLOPT_PIPEWAIT, 1L);
  if (spec_.follow_redirects) {
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(h, CURLOPT_POSTREDIR, static_cast<long>(CURL_REDIR_POST_ALL));
  }
  if (spec_.tls_insecure) {
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!spec_.cacert.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, spec_.cacert.c_str());
}

void Transfer::mark_started(Nanos t0_ns) {
  outcome_.t0_ns = t0_ns;
  outcome_.started_wall = wall_now();
}

std::optional<Nanos> Transfer::first_event_deadline() const {
  // A non-streaming response has no events: only the total timeout bounds it.
  if (decoder_.record().first_event_ns || abort_class_ || decoder_.reads_whole_body()) return std::nullopt;
  return outcome_.t0_ns + spec_.timeouts.first_event_ns;
}

size_t Transfer::on_header(char* data, size_t size, size_t count, void* self) noexcept {
  const Nanos arrival_ns = monotonic_ns();  // first: the stamp is the bytes' arrival
  auto& t = *static_cast<Transfer*>(self);
  const std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (after 1xx or a followed redirect)
    t.outcome_.response_headers.clear();
    t.content_type_.clear();
    return size * count;
  }
  if (line == "\r\n" || line == "\n") {
    long status = 0;
    curl_easy_getinfo(t.easy_.get(), CURLINFO_RESPONSE_CODE, &status);
    const bool interim = status < 200 || (t.spec_.follow_redirects && status >= 300 && status < 400 &&
                                          !header_value(t.outcome_.response_headers, "location").empty());
    if (!interim) {
      t.headers_done_ = true;
      t.outcome_.http_status = static_cast<int>(status);
      t.outcome_.ttfb_ns = arrival_ns - t.outcome_.t0_ns;
      t.decoder_.on_response_headers(t.outcome_.response_headers);
    }
    return size * count;
  }
  std::string name, value;
  if (split_header_line(line, name, value)) {
    if (iequals(name, "content-type")) t.content_type_ = lower(value);
    t.outcome_.response_headers.emplace_back(std::move(name), std::move(value));
  }
  return size * count;
}

size_t Transfer::on_body(char* data, size_t size, size_t count, void* self) noexcept {
  const Nanos arrival_ns = monotonic_ns();  // first: nothing may run between read and stamp
  auto& t = *static_cast<Transfer*>(self);
  const std::string_view bytes(data, size * count);
  if (t.body_head_.size() < kBodyHeadBytes) {
    t.body_head_.append(bytes.substr(0, kBodyHeadBytes - t.body_head_.size()));
  }
  const int status = t.outcome_.http_status.value_or(0);
  if (status < 200 || status >= 300) return bytes.size();  // an error body: kept for the detail
  if (!t.decoder_.feed(bytes, arrival_ns - t.outcome_.t0_ns)) {
    t.stopped_by_decoder_ = true;
    return 0;  // ends the transfer: the provider reported an error or the framing broke
  }
  return bytes.size();
}

void Transfer::abort_with(std::string error_class, std::string detail) {
  abort_class_ = std::move(error_class);
  abort_detail_ = std::move(detail);
}

void Transfer::read_curl_timers() {
  curl_off_t dns_us = 0, connect_us = 0, tls_us = 0;
  long connects = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_NAMELOOKUP_TIME_T, &dns_us);
  curl_easy_getinfo(easy_.get(), CURLINFO_CONNECT_TIME_T, &connect_us);
  curl_easy_getinfo(easy_.get(), CURLINFO_APPCONNECT_TIME_T, &tls_us);
  curl_easy_getinfo(easy_.get(), CURLINFO_NUM_CONNECTS, &connects);
  const bool reused = headers_done_ && connects == 0;
  if (headers_done_) outcome_.connection_reused = reused;
  long http_version = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_HTTP_VERSION, &http_version);
  if (headers_done_) outcome_.http_version = http_version_text(http_version);
  if (reused) {  // 0 when the connection was reused: docs/metrics.md ("Per-request times")
    outcome_.dns_ns = outcome_.connect_ns = Nanos{0};
    if (spec_.url.rfind("https:", 0) == 0) outcome_.tls_ns = Nanos{0};
    return;
  }
  if (dns_us > 0 || connect_us > 0) outcome_.dns_ns = dns_us * 1000;
  if (connect_us > 0) outcome_.connect_ns = connect_us * 1000;
  if (tls_us > 0) outcome_.tls_ns = tls_us * 1000;
}

Outcome Transfer::finish(CURLcode code, Nanos now_ns) {
  read_curl_timers();
  decoder_.finish(now_ns - outcome_.t0_ns);
  if (abort_class_) {
    outcome_.error = *abort_class_;
    outcome_.error_detail = abort_detail_;
  } else {
    classify(code);
  }
  outcome_.pop = pop_from_headers(outcome_.response_headers);
  outcome_.body_head = body_head_;
  outcome_.stream = decoder_.record();
  outcome_.end_ns = outcome_.stream.end_ns;
  return std::move(outcome_);
}

void Transfer::classify_http_error(int status) {
  auto& o = outcome_;
  const std::string body = one_line(body_head_);
  if (status >= 300 && status < 400) {
    o.error = "http_3xx";
    o.error_detail = fmt::format("HTTP {} redirect to {} (follow_redirects is off)", status,
                                 header_value(o.response_headers, "location"));
  } else if (status == 429) {
    o.error = "rate_limited";
    const auto retry = header_value(o.response_headers, "retry-after");
    o.error_detail = fmt::format("HTTP 429, retry-after: {}; {}", retry.empty() ? "-" : retry, body);
  } else {
    o.error = status >= 500 ? "http_5xx" : status >= 400 ? "http_4xx" : "protocol";
    o.error_detail = fmt::format("HTTP {}: {}", status, body);
  }
}

void Transfer::classify(CURLcode code) {
  auto& o = outcome_;
  const auto& stream = decoder_.record();
  const int status = o.http_status.value_or(0);
  // libcurl reports a clean close (FIN) as CURLE_OK, or CURLE_PARTIAL_FILE when it cut a chunked
  // body short; a reset is CURLE_RECV_ERROR. Only a clean close can be the end of a protocol that
  // ends at EOF (docs/results.md ("Error classes"), `truncated`): a reset is never a normal end.
  const bool clean_close = code == CURLE_OK || code == CURLE_PARTIAL_FILE;
  if (stopped_by_decoder_ && stream.stream_error) {
    o.error = "stream";
    o.error_detail = one_line(*stream.stream_error);
  } else if (stopped_by_decoder_ && stream.protocol_error) {
    o.error = "protocol";
    o.error_detail = one_line(*stream.protocol_error);
  } else if (headers_done_ && (status < 200 || status >= 300)) {
    classify_http_error(status);
  } else if (headers_done_ && decoder_.reads_whole_body()) {
    classify_whole_body(code);
  } else if (stream.terminated || (headers_done_ && clean_close && decoder_.complete())) {
    return;  // success
  } else if (headers_done_ && stream.protocol_error && code != CURLE_OPERATION_TIMEDOUT) {
    // `auto` could not tell the protocol of a body that ended (or broke) before it could.
    o.error = "protocol";
    o.error_detail = one_line(*stream.protocol_error);
  } else if (headers_done_ && clean_close) {
    classify_unfinished_body(code);
  } else if (code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY) {
    o.error = "dns";
  } else if (code == CURLE_COULDNT_CONNECT) {
    o.error = "connect";
  } else if (is_tls_error(code)) {
    o.error = "tls";
  } else if (code == CURLE_OPERATION_TIMEDOUT) {
    o.error = o.connect_ns ? "timeout_total" : "timeout_connect";
  } else if (code == CURLE_TOO_MANY_REDIRECTS) {
    o.error = "http_3xx";
  } else {
    // Once the request was on its way the connection was up: a reset or close before the headers
    // cut the response short, it did not fail the connect.
    curl_off_t pretransfer_us = 0;
    curl_easy_getinfo(easy_.get(), CURLINFO_PRETRANSFER_TIME_T, &pretransfer_us);
    o.error = headers_done_ || pretransfer_us > 0 ? "truncated" : "connect";
  }
  if (o.error_detail.empty() && code != CURLE_OK) o.error_detail = curl_message(code);
}

// A non-streaming 2xx: read only once the body ended whole; a body cut short (a reset, or fewer
// bytes than its length said) is `truncated` (or a timeout), never a parse failure of its first part.
void Transfer::classify_whole_body(CURLcode code) {
  auto& o = outcome_;
  const auto& stream = decoder_.record();
  if (code != CURLE_OK) {
    o.error = code == CURLE_OPERATION_TIMEDOUT ? "timeout_total" : "truncated";
    o.error_detail = curl_message(code);
  } else if (stream.stream_error) {
    o.error = "stream";
    o.error_detail = one_line(*stream.stream_error);
  } else if (stream.protocol_error || !stream.terminated) {
    o.error = "protocol";
    o.error_detail = one_line(stream.protocol_error.value_or("response body not read"));
  }
}

std::string Transfer::curl_message(CURLcode code) const {
  return one_line(curl_error_[0] != '\0' ? curl_error_ : curl_easy_strerror(code));
}

void Transfer::classify_unfinished_body(CURLcode code) {
  auto& o = outcome_;
  const auto& stream = decoder_.record();
  const auto framing = decoder_.framing();
  const std::string media = protocol::media_type(content_type_);
  // Nothing framed and a body of another kind: not the expected protocol at all (a JSON error
  // with status 200, an HTML page), rather than a stream cut short.
  if (stream.events == 0 && !body_head_.empty() && framing &&
      !protocol::media_type_fits(*framing, media)) {
    o.error = "protocol";
    o.error_detail = one_line(fmt::format("expected {}, got {}: {}", protocol::framing_expectation(*framing),
                                          media.empty() ? "no content-type" : media, body_head_));
    return;
  }
  o.error = "truncated";
  o.error_detail = fmt::format("stream ended after {} events without its end marker", stream.events);
  if (code != CURLE_OK) o.error_detail += " (" + curl_message(code) + ")";
}

}  // namespace ttft::driver
