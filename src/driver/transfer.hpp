// One in-flight request: its easy handle, the bytes it sends, the decoder its body goes through,
// and what has been measured so far. libcurl calls into it through CURLOPT_PRIVATE pointers.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "driver/curl_handles.hpp"
#include "driver/request.hpp"
#include "protocol/stream_decoder.hpp"

namespace ttft::driver {

class Transfer {
 public:
  /// Prepares the easy handle (not yet started). Fails for an unknown protocol.
  static Result<std::unique_ptr<Transfer>> create(RequestSpec spec);
  /// Gives the easy handle back for reuse when it never made a TLS connection (give_back_easy);
  /// call only once the handle is out of its multi handle.
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  CURL* easy() const { return easy_.get(); }
  const RequestSpec& spec() const { return spec_; }

  /// Stamps t0; call just before the handle goes to curl_multi_add_handle.
  void mark_started(Nanos t0_ns);
  /// When the first-event timeout expires (absolute monotonic), while no event has arrived.
  std::optional<Nanos> first_event_deadline() const;
  /// That deadline whether or not an event has arrived (t0 + the first-event timeout).
  Nanos first_event_limit_ns() const { return outcome_.t0_ns + spec_.timeouts.first_event_ns; }
  /// Ends the transfer ourselves (first-event timeout, Ctrl-C) with an error class.
  void abort_with(std::string error_class, std::string detail);
  /// Completes the Outcome from libcurl's result; `now_ns` is absolute monotonic.
  Outcome finish(CURLcode code, Nanos now_ns);

 private:
  Transfer(RequestSpec spec, protocol::StreamDecoder decoder, HeaderList default_headers);
  static Result<std::unique_ptr<Transfer>> start(RequestSpec spec, protocol::StreamDecoder decoder,
                                                 HeaderList default_headers);
  void configure();
  static size_t on_body(char* data, size_t size, size_t count, void* self) noexcept;
  static size_t on_header(char* data, size_t size, size_t count, void* self) noexcept;
  void read_curl_timers();
  void classify(CURLcode code);
  void classify_http_error(int status);
  void classify_unfinished_body(CURLcode code);
  void classify_whole_body(CURLcode code);
  std::string curl_message(CURLcode code) const;

  RequestSpec spec_;
  EasyHandle easy_;
  Slist request_headers_;
  protocol::StreamDecoder decoder_;
  HeaderList default_headers_;  // the protocol's own (anthropic-version), before the user's
  Outcome outcome_;
  std::string body_head_;       // the first bytes of the body, for error details
  std::string content_type_;
  bool headers_done_ = false;
  bool stopped_by_decoder_ = false;
  std::optional<std::string> abort_class_;
  std::string abort_detail_;
  char curl_error_[CURL_ERROR_SIZE] = {};
};

}  // namespace ttft::driver
