#include "browser/browser_client.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "browser/browser_session.hpp"

namespace ttft::browser {
namespace {

constexpr Nanos kLongestPollNs = 100 * kNanosPerMs;  // the process check's period while idle

void signal_fd(int fd) {
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto n = write(fd, &one, sizeof one);
}

void drain_fd(int fd) {
  std::uint64_t count = 0;
  [[maybe_unused]] const auto n = read(fd, &count, sizeof count);
}

}  // namespace

Result<std::unique_ptr<BrowserClient>> BrowserClient::create(LaunchOptions options) {
  auto pipe = CdpPipe::launch(options);
  if (!pipe) return tl::unexpected(pipe.error());
  std::unique_ptr<BrowserClient> client(new BrowserClient());
  client->wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  client->request_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (client->wake_fd_ < 0 || client->request_fd_ < 0) return fail("", "cannot create the browser's eventfds");
  client->browser_pid_ = (*pipe)->pid();
  client->session_ = std::make_unique<BrowserSession>(std::move(options), std::move(*pipe));
  client->worker_ = std::thread([c = client.get()] { c->work(); });
  return client;
}

BrowserClient::~BrowserClient() {
  stop_worker();
  session_.reset();  // kills Chromium and removes its profile
  if (wake_fd_ >= 0) close(wake_fd_);
  if (request_fd_ >= 0) close(request_fd_);
}

void BrowserClient::stop_worker() {
  if (!worker_.joinable()) return;
  stopping_ = true;
  signal_fd(request_fd_);
  worker_.join();
}

void BrowserClient::start(driver::RequestSpec spec) {
  in_flight_.insert(spec.tag);
  {
    const std::lock_guard lock(mutex_);
    queued_.push_back(std::move(spec));
  }
  signal_fd(request_fd_);
}

std::vector<driver::Outcome> BrowserClient::take_finished() {
  drain_fd(wake_fd_);
  std::vector<driver::Outcome> out;
  {
    const std::lock_guard lock(mutex_);
    out.swap(finished_);
  }
  for (const auto& outcome : out) in_flight_.erase(outcome.tag);
  return out;
}

std::vector<driver::Outcome> BrowserClient::abort_all(const std::string& error_class, const std::string& detail) {
  stop_worker();
  session_->fail_all(error_class, detail);
  auto out = take_finished();
  for (auto& outcome : session_->take_done()) out.push_back(std::move(outcome));
  {
    const std::lock_guard lock(mutex_);
    for (auto& spec : queued_) {
      driver::Outcome outcome;
      outcome.tag = spec.tag;
      outcome.t0_ns = monotonic_ns();
      outcome.started_wall = wall_now();
      outcome.error = error_class;
      outcome.error_detail = detail;
      out.push_back(std::move(outcome));
    }
    queued_.clear();
  }
  for (const auto& outcome : out) in_flight_.erase(outcome.tag);
  return out;
}

// The worker: waits for new requests, Chromium's messages or the nearest deadline, and hands
// ended requests back through finished_ and wake_fd_.
void BrowserClient::work() noexcept {
  while (!stopping_.load()) {
    const Nanos now_ns = monotonic_ns();
    const Nanos wait_ns = std::clamp<Nanos>(session_->next_deadline_ns().value_or(now_ns + kLongestPollNs) - now_ns, 0,
                                            kLongestPollNs);
    std::array<pollfd, 2> fds{pollfd{request_fd_, POLLIN, 0}, pollfd{session_->read_fd(), POLLIN, 0}};
    poll(fds.data(), fds.size(), static_cast<int>((wait_ns + kNanosPerMs - 1) / kNanosPerMs));
    if (stopping_.load()) break;
    drain_fd(request_fd_);
    std::deque<driver::RequestSpec> starting;
    {
      const std::lock_guard lock(mutex_);
      starting.swap(queued_);
    }
    for (auto& spec : starting) session_->begin(std::move(spec));
    session_->on_readable();
    session_->expire(monotonic_ns());
    browser_pid_ = session_->browser_pid();
    auto done = session_->take_done();
    if (done.empty()) continue;
    {
      const std::lock_guard lock(mutex_);
      for (auto& outcome : done) finished_.push_back(std::move(outcome));
    }
    signal_fd(wake_fd_);
  }
}

}  // namespace ttft::browser
