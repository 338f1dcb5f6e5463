// The event loop that runs every in-flight request: libcurl multi handles driven by
// curl_multi_socket_action, with epoll for sockets and a timerfd for nanosecond-precise wake-ups
// (curl_multi_poll only takes whole milliseconds). Single-threaded; not thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "driver/curl_handles.hpp"
#include "driver/request.hpp"
#include "driver/reservoir.hpp"
#include "driver/transfer.hpp"

struct epoll_event;

namespace ttft::driver {

/// How late the loop itself was: the client's own error (docs/metrics.md ("Client lateness")).
struct LoopStats {
  Reservoir wake_lateness_ns;  // a timed wake-up: actual - requested
  Reservoir busy_ns;           // work between two waits: what a read could wait behind
  std::size_t starts = 0;                     // requests handed to libcurl
  std::size_t most_starts_between_waits = 0;  // the largest burst of starts between two waits
};

class Driver {
 public:
  /// Creates the multi handle, epoll and timerfd; fails only if the system refuses them.
  static Result<std::unique_ptr<Driver>> create();
  ~Driver();
  Driver(const Driver&) = delete;
  Driver& operator=(const Driver&) = delete;

  /// Hands a request to libcurl now; t0 is stamped just before. An unknown protocol is an error.
  Result<void> start(RequestSpec spec);

  /// Waits for network activity or until `wake_at_ns` (absolute monotonic; nullopt = only
  /// activity), processes it, and returns the requests that ended. Never blocks longer than
  /// the nearest libcurl timer or first-event deadline.
  std::vector<Outcome> step(std::optional<Nanos> wake_at_ns);

  /// As step, but only processes what is ready now, without waiting (the run loop calls it
  /// between batches of starts, so in-flight reads never wait behind a long burst of starts).
  std::vector<Outcome> step_without_waiting();

  /// Ends every in-flight request with `error_class` (e.g. "aborted") and returns them.
  std::vector<Outcome> abort_all(const std::string& error_class, const std::string& detail);

  /// Also wakes step() when `fd` becomes readable; the owner of `fd` drains it (an eventfd).
  void watch(int fd);

  std::size_t in_flight() const { return transfers_.size(); }
  const LoopStats& loop_stats() const { return stats_; }

 private:
  Driver() = default;
  // One libcurl multi handle and its connection pool. Requests that may share an HTTP/2
  // connection (multiplex) go to one that multiplexes, the others to one that never does, so
  // their connections carry one request at a time even over HTTP/2 (docs/scenario.md ("HTTP versions and multiplexing")).
  struct Pool {
    Driver* driver = nullptr;
    std::size_t index = 0;
    MultiHandle multi;
    std::optional<Nanos> curl_deadline_ns;  // when libcurl asked to be called back
  };
  static constexpr std::size_t kSerialPool = 0;
  static constexpr std::size_t kMultiplexPool = 1;

  static int on_socket(CURL* easy, curl_socket_t fd, int what, void* pool, void* socket_data) noexcept;
  static int on_timer(CURLM* multi, long timeout_ms, void* pool) noexcept;
  Pool& pool_of(const Transfer& transfer);
  std::vector<Outcome> run_once(std::optional<Nanos> wake_at_ns, bool wait);
  void wait_until(std::optional<Nanos> deadline_ns, bool wait);
  void arm_timer(std::optional<Nanos> deadline_ns);
  void act_on_socket(const epoll_event& event);
  std::optional<Nanos> next_first_event_deadline();
  void expire_first_event_deadlines(Nanos now_ns, std::vector<Outcome>& done);
  void collect_done(std::vector<Outcome>& done);
  Outcome remove(CURL* easy, CURLcode code);

  std::array<Pool, 2> pools_;  // kSerialPool, kMultiplexPool
  int epoll_fd_ = -1;
  int timer_fd_ = -1;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers_;
  // First-event deadlines in time order, so each loop turn looks at the earliest only instead of
  // scanning every transfer (O(in flight) per turn was a hot spot at thousands of streams). An
  // entry whose transfer has had its first event is dropped when it reaches the front.
  std::set<std::pair<Nanos, CURL*>> first_event_deadlines_;
  LoopStats stats_;
  std::optional<Nanos> armed_ns_;      // what the timerfd is armed for (nullopt: disarmed)
  std::size_t starts_since_wait_ = 0;
};

}  // namespace ttft::driver
