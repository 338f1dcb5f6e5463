// JSON-lines request log of the simulator. Called on the server's loop thread only.
#include "sim/request_log.hpp"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ttft::sim {

namespace {
nlohmann::ordered_json optional_ns(const std::optional<Nanos>& ns) {
  return ns ? nlohmann::ordered_json(*ns) : nlohmann::ordered_json(nullptr);
}

// Milliseconds to the microsecond: a duration for people, where the timestamps are for machines.
double queued_ms(Nanos ns) { return static_cast<double>(ns / 1000) / 1000.0; }
}  // namespace

std::string format_log_line(const RequestRecord& r) {
  nlohmann::ordered_json line{{"request_id", r.request_id},
                                    {"path", r.path},
                                    {"protocol", r.protocol},
                                    {"cold", r.cold},
                                    {"fault", r.fault},
                                    {"status", r.status},
                                    {"tokens", r.tokens},
                                    {"reasoning_tokens", r.reasoning_tokens},
                                    {"body_sha256", r.body_sha256},
                                    {"prompt_head_sha256", r.prompt_head_sha256},
                                    {"received_ns", r.received_ns},
                                    {"queued_ms", queued_ms(r.queued_ns)},
                                    {"headers_sent_ns", optional_ns(r.headers_sent_ns)},
                                    {"first_event_ns", optional_ns(r.first_event_ns)},
                                    {"first_token_ns", optional_ns(r.first_token_ns)},
                                    {"first_answer_ns", optional_ns(r.first_answer_ns)},
                                    {"last_event_ns", optional_ns(r.last_event_ns)},
                                    {"end_ns", r.end_ns}};
  if (r.vectors) line["vectors"] = *r.vectors;
  if (r.dimensions) line["dimensions"] = *r.dimensions;
  // Replace, not throw, on invalid UTF-8 in client-supplied strings (request id, path).
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

Result<RequestLog> RequestLog::open(const std::string& path) {
  RequestLog log;
  log.file_.reset(std::fopen(path.c_str(), "a"));
  if (!log.file_) {
    return fail(path, fmt::format("cannot open the request log: {}", std::strerror(errno)),
                "check that the directory exists and is writable");
  }
  return log;
}

void RequestLog::append(const RequestRecord& record) noexcept {
  if (!file_) return;
  try {
    const std::string line = format_log_line(record);
    const bool ok = std::fwrite(line.data(), 1, line.size(), file_.get()) == line.size() &&
                    std::fflush(file_.get()) == 0;
    if (!ok && !write_failed_) {
      write_failed_ = true;
      std::fprintf(stderr, "ttftbench: warning: sim: cannot write the request log: %s\n",
                   std::strerror(errno));
    }
  } catch (...) {
    write_failed_ = true;
  }
}

}  // namespace ttft::sim
