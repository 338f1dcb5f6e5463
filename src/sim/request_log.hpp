// The simulator's --log: one JSON line per finished request, appended and flushed at once, with
// absolute CLOCK_MONOTONIC timestamps that a client on the same machine can compare with its own.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace ttft::sim {

struct RequestRecord {
  std::string request_id;  // the X-Request-Id header, "" when absent
  std::string path;
  std::string protocol;  // "" for routes that are not a protocol (404, /healthz)
  bool cold = false;
  std::string fault;  // fault_name(): "" for none
  int status = 0;
  std::int64_t tokens = 0;            // answer content events sent
  std::int64_t reasoning_tokens = 0;  // reasoning events sent
  std::optional<std::int64_t> vectors;     // an embeddings response's vectors; unset otherwise
  std::optional<std::int64_t> dimensions;  // and their length
  // SHA-256 of the request body and of the first bytes of its message text (kPromptHeadBytes, in
  // prompt order): a prompt cache is busted when no two requests share them. "" when not hashed.
  std::string body_sha256;
  std::string prompt_head_sha256;
  Nanos received_ns = 0;    // full request received (evhttp request callback)
  Nanos queued_ns = 0;      // waited for a serving slot: until it got one, or ended waiting
  std::optional<Nanos> headers_sent_ns;  // headers queued; they leave on the next loop turn
  std::optional<Nanos> first_event_ns;  // bytes handed to the socket; null when none was sent
  std::optional<Nanos> first_token_ns;   // the first reasoning or answer token's bytes, likewise
  std::optional<Nanos> first_answer_ns;  // the first answer token's bytes, likewise
  std::optional<Nanos> last_event_ns;
  Nanos end_ns = 0;
};

/// {"request_id":…,"path":…,"protocol":…,"cold":…,"fault":…,"status":…,"tokens":…,
///  "reasoning_tokens":…,"body_sha256":…,"prompt_head_sha256":…,"received_ns":…,"queued_ms":…,
///  "headers_sent_ns":…,"first_event_ns":…,"first_token_ns":…,"first_answer_ns":…,
///  "last_event_ns":…,"end_ns":…[,"vectors":…,"dimensions":…]}\n, the last two for an embeddings
///  response that was sent
std::string format_log_line(const RequestRecord& record);

class RequestLog {
 public:
  /// Opens `path` for appending (created if missing).
  [[nodiscard]] static Result<RequestLog> open(const std::string& path);

  /// Appends one line and flushes it; a write error is reported once on stderr, never thrown.
  void append(const RequestRecord& record) noexcept;

 private:
  struct Closer {
    void operator()(std::FILE* file) const noexcept { std::fclose(file); }
  };
  std::unique_ptr<std::FILE, Closer> file_;
  bool write_failed_ = false;
};

}  // namespace ttft::sim
