#include "driver/driver.hpp"

#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <span>

#include "core/check.hpp"

namespace ttft::driver {
namespace {

constexpr int kMaxEpollEvents = 256;
// epoll entries say whose they are: the timerfd, or a socket of pool P (P in the high 32 bits).
constexpr std::uint64_t kTimerEntry = ~std::uint64_t{0};
constexpr std::uint64_t kWatchedEntry = kTimerEntry - 1;  // a watch()ed fd: only wakes the wait

std::uint64_t socket_entry(std::size_t pool, curl_socket_t fd) {
  return (std::uint64_t{pool} << 32) | static_cast<std::uint32_t>(fd);
}

timespec to_timespec(Nanos ns) {
  return timespec{static_cast<time_t>(ns / kNanosPerSecond), static_cast<long>(ns % kNanosPerSecond)};
}

}  // namespace

Result<std::unique_ptr<Driver>> Driver::create() {
  ensure_curl_global();
  auto driver = std::unique_ptr<Driver>(new Driver());
  driver->epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  driver->timer_fd_ = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  for (std::size_t i = 0; i < driver->pools_.size(); ++i) {
    Pool& pool = driver->pools_[i];
    pool.driver = driver.get();
    pool.index = i;
    pool.multi.reset(curl_multi_init());
    if (!pool.multi) return fail("", "cannot set up the network loop: libcurl could not create a multi handle");
    CURLM* m = pool.multi.get();
    curl_multi_setopt(m, CURLMOPT_SOCKETFUNCTION, &Driver::on_socket);
    curl_multi_setopt(m, CURLMOPT_SOCKETDATA, &pool);
    curl_multi_setopt(m, CURLMOPT_TIMERFUNCTION, &Driver::on_timer);
    curl_multi_setopt(m, CURLMOPT_TIMERDATA, &pool);
    // The serial pool never puts a second stream on a connection in use (it opens another), and
    // caps HTTP/2 streams at one besides; the multiplexing pool is libcurl's default.
    const bool multiplex = i == kMultiplexPool;
    curl_multi_setopt(m, CURLMOPT_PIPELINING, multiplex ? CURLPIPE_MULTIPLEX : CURLPIPE_NOTHING);
    if (!multiplex) curl_multi_setopt(m, CURLMOPT_MAX_CONCURRENT_STREAMS, 1L);
  }
  if (driver->epoll_fd_ < 0 || driver->timer_fd_ < 0) {
    return fail("", std::string("cannot set up the network loop: ") + std::strerror(errno));
  }
  epoll_event timer_event{};
  timer_event.events = EPOLLIN;
  timer_event.data.u64 = kTimerEntry;
  epoll_ctl(driver->epoll_fd_, EPOLL_CTL_ADD, driver->timer_fd_, &timer_event);
  return driver;
}

void Driver::watch(int fd) {
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = kWatchedEntry;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
}

Driver::~Driver() {
  for (auto& [easy, transfer] : transfers_) curl_multi_remove_handle(pool_of(*transfer).multi.get(), easy);
  transfers_.clear();
  for (Pool& pool : pools_) pool.multi.reset();  // before the fds: cleanup may still report sockets to close
  if (timer_fd_ >= 0) close(timer_fd_);
  if (epoll_fd_ >= 0) close(epoll_fd_);
}

int Driver::on_socket(CURL*, curl_socket_t fd, int what, void* pool, void* socket_data) noexcept {
  const auto& p = *static_cast<Pool*>(pool);
  auto& d = *p.driver;
  if (what == CURL_POLL_REMOVE) {
    epoll_ctl(d.epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
    return 0;  // libcurl forgets the socket, and with it the mark below
  }
  epoll_event event{};
  event.events = (what & CURL_POLL_IN ? EPOLLIN : 0u) | (what & CURL_POLL_OUT ? EPOLLOUT : 0u);
  event.data.u64 = socket_entry(p.index, fd);
  // A socket libcurl has not told us of before carries no mark: one ADD, then MODs (no failing
  // MOD per new connection).
  if (socket_data == nullptr) {
    epoll_ctl(d.epoll_fd_, EPOLL_CTL_ADD, fd, &event);
    curl_multi_assign(p.multi.get(), fd, &d);
  } else {
    epoll_ctl(d.epoll_fd_, EPOLL_CTL_MOD, fd, &event);
  }
  return 0;
}

int Driver::on_timer(CURLM*, long timeout_ms, void* pool) noexcept {
  auto& p = *static_cast<Pool*>(pool);
  if (timeout_ms < 0) p.curl_deadline_ns.reset();
  else p.curl_deadline_ns = monotonic_ns() + timeout_ms * kNanosPerMs;
  return 0;
}

Driver::Pool& Driver::pool_of(const Transfer& transfer) {
  return pools_[transfer.spec().multiplex ? kMultiplexPool : kSerialPool];
}

Result<void> Driver::start(RequestSpec spec) {
  // Everything of ours happens before t0: the easy handle with its headers and body (create),
  // and the bookkeeping. Between t0 and the send there is only libcurl's and the kernel's work.
  auto created = Transfer::create(std::move(spec));
  if (!created) return tl::unexpected(created.error());
  Transfer& transfer = **created;
  CURL* easy = transfer.easy();
  CURLM* multi = pool_of(transfer).multi.get();
  transfers_.emplace(easy, std::move(*created));
  ++stats_.starts;
  stats_.most_starts_between_waits = std::max(stats_.most_starts_between_waits, ++starts_since_wait_);
  transfer.mark_started(monotonic_ns());  // t0: just before libcurl gets the request
  TTFT_CHECK(curl_multi_add_handle(multi, easy) == CURLM_OK, "curl_multi_add_handle failed");
  // Start connecting (or, on a kept-alive connection, sending) now rather than at the next wake-up.
  int running = 0;
  curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
  first_event_deadlines_.emplace(transfer.first_event_limit_ns(), easy);  // after the send's start
  return {};
}

std::vector<Outcome> Driver::step(std::optional<Nanos> wake_at_ns) { return run_once(wake_at_ns, true); }

std::vector<Outcome> Driver::step_without_waiting() { return run_once(std::nullopt, false); }

std::vector<Outcome> Driver::run_once(std::optional<Nanos> wake_at_ns, bool wait) {
  std::vector<Outcome> done;
  collect_done(done);  // requests that ended while being started
  wait = wait && done.empty();  // those go back without waiting, after what is ready now
  std::optional<Nanos> deadline = wake_at_ns;
  const auto sooner = [&](std::optional<Nanos> t) {
    if (t && (!deadline || *t < *deadline)) deadline = t;
  };
  for (const Pool& pool : pools_) sooner(pool.curl_deadline_ns);
  sooner(next_first_event_deadline());
  if (wait) {
    wait_until(deadline, /*wait=*/true);
  } else {
    wait_until(std::nullopt, /*wait=*/false);  // nothing timed: this turn takes what is ready
  }
  collect_done(done);
  expire_first_event_deadlines(monotonic_ns(), done);
  return done;
}

// The earliest deadline of a transfer still waiting for its first event; entries of transfers
// that have had it are dropped on the way (each at most once).
std::optional<Nanos> Driver::next_first_event_deadline() {
  while (!first_event_deadlines_.empty()) {
    const auto [deadline_ns, easy] = *first_event_deadlines_.begin();
    const auto it = transfers_.find(easy);
    if (it != transfers_.end() && it->second->first_event_deadline() == deadline_ns) return deadline_ns;
    first_event_deadlines_.erase(first_event_deadlines_.begin());
  }
  return std::nullopt;
}

// Arms the timerfd for `deadline_ns` (nullopt disarms) unless it already is: one system call
// less per loop turn when the nearest deadline has not moved.
void Driver::arm_timer(std::optional<Nanos> deadline_ns) {
  if (deadline_ns == armed_ns_) return;
  itimerspec spec{};
  if (deadline_ns) spec.it_value = to_timespec(std::max<Nanos>(*deadline_ns, 1));
  timerfd_settime(timer_fd_, TFD_TIMER_ABSTIME, &spec, nullptr);  // zero disarms
  armed_ns_ = deadline_ns;
}

void Driver::wait_until(std::optional<Nanos> deadline_ns, bool wait) {
  if (wait) arm_timer(deadline_ns);
  starts_since_wait_ = 0;
  std::array<epoll_event, kMaxEpollEvents> events{};
  const int timeout_ms = wait && (deadline_ns || !transfers_.empty()) ? -1 : 0;
  const int n = epoll_wait(epoll_fd_, events.data(), kMaxEpollEvents, timeout_ms);
  const Nanos woke_ns = monotonic_ns();
  const auto ready = std::span(events.data(), static_cast<std::size_t>(std::max(n, 0)));
  bool timer_fired = false;
  for (const epoll_event& event : ready) {
    if (event.data.u64 != kTimerEntry) continue;
    std::uint64_t expirations = 0;
    [[maybe_unused]] const auto r = read(timer_fd_, &expirations, sizeof expirations);
    timer_fired = true;
    armed_ns_.reset();  // a one-shot timer that fired is disarmed
  }
  // Reads first: a response's bytes are stamped before any connection is set up or request sent
  // in this turn (those only wait for their socket to be writable).
  for (const bool reads : {true, false}) {
    for (const epoll_event& event : ready) {
      const bool ours = event.data.u64 == kTimerEntry || event.data.u64 == kWatchedEntry;  // not a socket
      if (ours || ((event.events & ~std::uint32_t{EPOLLOUT}) != 0) != reads) continue;
      act_on_socket(event);
    }
  }
  if (timer_fired && deadline_ns) stats_.wake_lateness_ns.add(woke_ns - *deadline_ns);
  int running = 0;
  for (Pool& pool : pools_) {
    if (pool.curl_deadline_ns && *pool.curl_deadline_ns <= monotonic_ns()) {
      pool.curl_deadline_ns.reset();
      curl_multi_socket_action(pool.multi.get(), CURL_SOCKET_TIMEOUT, 0, &running);
    }
  }
  stats_.busy_ns.add(monotonic_ns() - woke_ns);
}

void Driver::act_on_socket(const epoll_event& event) {
  const auto flags = event.events;
  const int action = ((flags & EPOLLIN) ? CURL_CSELECT_IN : 0) | ((flags & EPOLLOUT) ? CURL_CSELECT_OUT : 0) |
                     ((flags & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
  const auto fd = static_cast<curl_socket_t>(static_cast<std::uint32_t>(event.data.u64));
  int running = 0;
  curl_multi_socket_action(pools_.at(event.data.u64 >> 32).multi.get(), fd, action, &running);
}

void Driver::expire_first_event_deadlines(Nanos now_ns, std::vector<Outcome>& done) {
  std::vector<CURL*> expired;
  for (auto deadline = next_first_event_deadline(); deadline && *deadline <= now_ns;
       deadline = next_first_event_deadline()) {
    expired.push_back(first_event_deadlines_.begin()->second);
    first_event_deadlines_.erase(first_event_deadlines_.begin());
  }
  for (CURL* easy : expired) {
    auto& transfer = *transfers_.at(easy);
    const auto limit_ms = transfer.spec().timeouts.first_event_ns / kNanosPerMs;
    transfer.abort_with("timeout_first_event", "no event within " + std::to_string(limit_ms) + " ms");
    done.push_back(remove(easy, CURLE_ABORTED_BY_CALLBACK));
  }
}

void Driver::collect_done(std::vector<Outcome>& done) {
  for (Pool& pool : pools_) {
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(pool.multi.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;        // copy before removal: the message dies with it
      const CURLcode code = message->data.result;
      done.push_back(remove(easy, code));
    }
  }
}

Outcome Driver::remove(CURL* easy, CURLcode code) {
  const Nanos now_ns = monotonic_ns();
  auto node = transfers_.extract(easy);
  TTFT_CHECK(!node.empty(), "finished transfer is unknown");
  curl_multi_remove_handle(pool_of(*node.mapped()).multi.get(), easy);
  first_event_deadlines_.erase({node.mapped()->first_event_limit_ns(), easy});
  return node.mapped()->finish(code, now_ns);
}

std::vector<Outcome> Driver::abort_all(const std::string& error_class, const std::string& detail) {
  std::vector<Outcome> done;
  std::vector<CURL*> easies;
  for (const auto& [easy, transfer] : transfers_) easies.push_back(easy);
  for (CURL* easy : easies) {
    transfers_.at(easy)->abort_with(error_class, detail);
    done.push_back(remove(easy, CURLE_ABORTED_BY_CALLBACK));
  }
  return done;
}

}  // namespace ttft::driver
