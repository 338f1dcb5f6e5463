// The run's browser: one Chromium started once and reused, driven by a worker thread that owns
// its pipe. Each request runs in a fresh page of a fresh browser context (no connection reused,
// unless the target's reuse_connections), on a page served from the target's own origin.
#pragma once

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "browser/cdp_pipe.hpp"
#include "core/error.hpp"
#include "driver/side_transport.hpp"

namespace ttft::browser {

class BrowserSession;

class BrowserClient final : public driver::SideTransport {
 public:
  /// Starts Chromium now (so a missing one is an error before anything is sent) and the worker.
  static Result<std::unique_ptr<BrowserClient>> create(LaunchOptions options);
  ~BrowserClient() override;
  BrowserClient(const BrowserClient&) = delete;
  BrowserClient& operator=(const BrowserClient&) = delete;

  void start(driver::RequestSpec spec) override;
  int wake_fd() const override { return wake_fd_; }
  std::vector<driver::Outcome> take_finished() override;
  std::size_t in_flight() const override { return in_flight_.size(); }
  std::vector<driver::Outcome> abort_all(const std::string& error_class, const std::string& detail) override;

  /// The running Chromium's process id (tests kill it), or -1 between a crash and the restart.
  pid_t browser_pid() const { return browser_pid_.load(); }

 private:
  BrowserClient() = default;
  void work() noexcept;
  void stop_worker();

  std::unique_ptr<BrowserSession> session_;  // the worker's only
  std::thread worker_;
  int wake_fd_ = -1;     // eventfd: outcomes are waiting (the run loop's Driver watches it)
  int request_fd_ = -1;  // eventfd: requests are waiting (the worker polls it)
  std::atomic<bool> stopping_{false};
  std::atomic<pid_t> browser_pid_{-1};
  std::mutex mutex_;  // guards queued_ and finished_
  std::deque<driver::RequestSpec> queued_;
  std::vector<driver::Outcome> finished_;
  std::set<std::uint64_t> in_flight_;  // tags; the caller's thread only
};

}  // namespace ttft::browser
