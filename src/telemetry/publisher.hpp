// Sends the run's metrics to every --export destination from one worker thread: the run loop only
// enqueues a copied RowRecord under a mutex; the worker aggregates, encodes and sends (retried
// with bounded back-off). A failed push never fails the run: it is counted, and reported once.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/redact.hpp"
#include "telemetry/destination.hpp"
#include "telemetry/http_send.hpp"
#include "telemetry/metric_set.hpp"
#include "telemetry/row_record.hpp"

namespace ttft::telemetry {

/// One destination's pushes, for the manifest's "exports" (docs/results.md ("manifest.json")).
struct ExportTally {
  std::string kind;
  std::string url;           // redacted
  std::int64_t pushes = 0;   // pushes attempted (a push's retries count once)
  std::int64_t failed = 0;   // pushes that failed after their retries
  std::string first_error;   // why the first failed push failed; "" = none
};

struct PublisherOptions {
  std::string scenario;
  std::string version;               // the OTLP scope's version
  Nanos interval_ns = 5 * kNanosPerSecond;  // periodic pushes (prometheus-rw and otlp); 0 = at the end only
  bool row_times = false;            // timestamps from the rows (report) rather than the clock (run)
};

class Publisher {
 public:
  Publisher(std::vector<Destination> destinations, PublisherOptions options, Redactor redactor);
  /// Finishes with no wait when finish() was not called.
  ~Publisher();
  Publisher(const Publisher&) = delete;
  Publisher& operator=(const Publisher&) = delete;

  /// From the run loop: copies the record into the queue; never blocks on the network.
  void enqueue(RowRecord record);
  /// The last push to every destination, waited for at most `bound_ns` (then abandoned: the
  /// worker's sends are bounded by the same deadline). Returns the tallies; call once.
  std::vector<ExportTally> finish(Nanos bound_ns);

 private:
  void work();
  void push_all(bool final_push);
  void push(std::size_t index, std::int64_t now_ms);
  bool send(const HttpRequest& request, ExportTally& tally);

  std::vector<Destination> destinations_;
  PublisherOptions options_;
  MetricSet metrics_;                 // worker thread only
  std::vector<ExportTally> tallies_;  // worker thread until joined
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<RowRecord> queue_;      // guarded by mutex_
  bool stopping_ = false;             // guarded by mutex_
  Nanos deadline_ns_ = 0;             // guarded by mutex_: monotonic; 0 = none yet
  std::int64_t start_unix_ms_ = 0;   // the run's pushes: when the publisher started
  std::thread worker_;
};

/// The one warning line of a destination with failed pushes (no trailing newline):
/// "warning: export to <kind> <url>: <n> of <m> pushes failed (<first error>); counted in manifest.json".
std::string failure_warning(const ExportTally& tally);

/// Where a run's metrics go on a Pushgateway: <base>/metrics/job/ttftbench/run_id/<id> (the id
/// base64url-encoded, as run_id@base64, when it holds a character a path segment cannot).
std::string pushgateway_url(const std::string& base_url, const std::string& run_id);

}  // namespace ttft::telemetry
