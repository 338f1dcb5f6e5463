#include "telemetry/publisher.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

#include "telemetry/otlp_json.hpp"
#include "telemetry/remote_write.hpp"
#include "telemetry/text_format.hpp"

namespace ttft::telemetry {
namespace {

// Three tries, 0.5 s then 1 s apart, 5 s each at most: a dead endpoint costs a push about 1.5 s
// of the worker's time and nothing of the run's.
constexpr int kTries = 3;
constexpr Nanos kFirstBackoffNs = 500 * kNanosPerMs;
constexpr Nanos kTryTimeoutNs = 5 * kNanosPerSecond;

std::int64_t unix_ms(WallTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

bool plain_segment(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
  });
}

std::string base64url(const std::string& text) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(text[i]) << 16) | (static_cast<unsigned char>(text[i + 1]) << 8) |
                       static_cast<unsigned char>(text[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kDigits[(n >> shift) & 63];
  }
  const std::size_t rest = text.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned char>(text[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(text[i + 1]) << 8;
    out += kDigits[(n >> 18) & 63];
    out += kDigits[(n >> 12) & 63];
    out += rest == 2 ? kDigits[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace

std::string failure_warning(const ExportTally& tally) {
  return fmt::format("warning: export to {} {}: {} of {} pushes failed ({}); counted in manifest.json", tally.kind,
                     tally.url, tally.failed, tally.pushes, tally.first_error);
}

std::string pushgateway_url(const std::string& base_url, const std::string& run_id) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string group = plain_segment(run_id) ? "run_id/" + run_id : "run_id@base64/" + base64url(run_id);
  return base + "/metrics/job/ttftbench/" + group;
}

Publisher::Publisher(std::vector<Destination> destinations, PublisherOptions options, Redactor redactor)
    : destinations_(std::move(destinations)),
      options_(std::move(options)),
      metrics_(options_.scenario, std::move(redactor)) {
  for (const Destination& d : destinations_) tallies_.push_back({kind_name(d.kind), d.shown_url, 0, 0, ""});
  if (!options_.row_times) start_unix_ms_ = unix_ms(wall_now());
  worker_ = std::thread([this] { work(); });
}

Publisher::~Publisher() {
  if (worker_.joinable()) static_cast<void>(finish(0));
}

void Publisher::enqueue(RowRecord record) {
  const std::lock_guard lock(mutex_);
  queue_.push_back(std::move(record));
}

std::vector<ExportTally> Publisher::finish(Nanos bound_ns) {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    deadline_ns_ = monotonic_ns() + bound_ns;
  }
  wake_.notify_all();
  worker_.join();  // bounded: every send and back-off of the worker ends by the deadline
  return tallies_;
}

// Wakes every interval (or at the stop), folds the queued rows into the metrics and pushes.
void Publisher::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto stopped = [this] { return stopping_; };
    bool stop = true;
    if (options_.interval_ns > 0) {
      stop = wake_.wait_for(lock, std::chrono::nanoseconds(options_.interval_ns), stopped);
    } else {
      wake_.wait(lock, stopped);
    }
    std::vector<RowRecord> batch;
    batch.swap(queue_);
    lock.unlock();
    for (const RowRecord& row : batch) metrics_.add(row);
    if (stop) {
      push_all(true);
      return;
    }
    if (metrics_.rows() > 0) push_all(false);
    lock.lock();
  }
}

// The Pushgateway only at the end: it keeps the last push, and a run's end is what it should keep.
void Publisher::push_all(bool final_push) {
  const std::int64_t now_ms = options_.row_times ? 0 : unix_ms(wall_now());
  for (std::size_t i = 0; i < destinations_.size(); ++i) {
    if (!final_push && destinations_[i].kind == ExportKind::pushgateway) continue;
    push(i, now_ms);
  }
}

void Publisher::push(std::size_t index, std::int64_t now_ms) {
  const Destination& d = destinations_[index];
  ExportTally& tally = tallies_[index];
  switch (d.kind) {
    case ExportKind::prometheus_rw:
      send({"POST", d.url,
            {"Content-Encoding: snappy", "Content-Type: application/x-protobuf",
             "X-Prometheus-Remote-Write-Version: 0.1.0", "User-Agent: ttftbench"},
            remote_write_body(metrics_.families(), now_ms)},
           tally);
      break;
    case ExportKind::otlp: {
      const std::int64_t start_ms = options_.row_times ? metrics_.first_ms() : start_unix_ms_;
      const OtlpTimes times{start_ms * 1'000'000, now_ms * 1'000'000};
      send({"POST", d.url, {"Content-Type: application/json"}, otlp_json(metrics_.families(), times, options_.version)},
           tally);
      break;
    }
    case ExportKind::pushgateway:
      for (const std::string& run_id : metrics_.run_ids()) {
        send({"PUT", pushgateway_url(d.url, run_id), {"Content-Type: text/plain; version=0.0.4"},
              text_format(metrics_.families(run_id))},
             tally);
      }
      break;
  }
}

// Retried with back-off while the answer may change (no answer, 429, 5xx), never past the deadline.
bool Publisher::send(const HttpRequest& request, ExportTally& tally) {
  ++tally.pushes;
  std::string detail = "not sent before the run's end";
  for (int attempt = 0; attempt < kTries; ++attempt) {
    Nanos deadline = 0;
    {
      const std::lock_guard lock(mutex_);
      deadline = deadline_ns_;
    }
    const Nanos left = deadline == 0 ? kTryTimeoutNs * 2 : deadline - monotonic_ns();
    if (attempt > 0) {
      const Nanos backoff = std::min(kFirstBackoffNs << (attempt - 1), left);
      std::this_thread::sleep_for(std::chrono::nanoseconds(std::max<Nanos>(backoff, 0)));
    }
    const Nanos timeout = std::min(kTryTimeoutNs, deadline == 0 ? kTryTimeoutNs : deadline - monotonic_ns());
    if (timeout < kNanosPerMs) break;
    const HttpOutcome outcome = http_send(request, timeout);
    if (outcome.ok) return true;
    detail = outcome.detail;
    if (!outcome.retryable) break;
  }
  ++tally.failed;
  if (tally.first_error.empty()) tally.first_error = detail;
  return false;
}

}  // namespace ttft::telemetry
