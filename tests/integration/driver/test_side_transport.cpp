// run_schedule with a side transport: browser requests go to it and never to libcurl, each ends
// exactly once, and its eventfd wakes the loop (not the 250 ms safety poll).
#include <catch2/catch.hpp>

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "driver/run_loop.hpp"
#include "scenario/load.hpp"

using namespace ttft;

namespace {

// Ends each request 20 ms after it starts, from its own thread, as the browser's worker does.
class FakeSide final : public driver::SideTransport {
 public:
  FakeSide() : fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}
  ~FakeSide() override {
    for (auto& t : threads_) t.join();
    close(fd_);
  }
  void start(driver::RequestSpec spec) override {
    ++in_flight_;
    ++started_;
    threads_.emplace_back([this, tag = spec.tag] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      driver::Outcome outcome;
      outcome.tag = tag;
      outcome.t0_ns = monotonic_ns();
      outcome.end_ns = 1;
      {
        const std::lock_guard lock(mutex_);
        done_.push_back(outcome);
      }
      const std::uint64_t one = 1;
      [[maybe_unused]] const auto n = write(fd_, &one, sizeof one);
    });
  }
  int wake_fd() const override { return fd_; }
  std::vector<driver::Outcome> take_finished() override {
    std::uint64_t count = 0;
    [[maybe_unused]] const auto n = read(fd_, &count, sizeof count);
    const std::lock_guard lock(mutex_);
    in_flight_ -= done_.size();
    return std::exchange(done_, {});
  }
  std::size_t in_flight() const override { return in_flight_; }
  std::vector<driver::Outcome> abort_all(const std::string&, const std::string&) override { return {}; }
  int started_ = 0;

 private:
  int fd_;
  std::size_t in_flight_ = 0;
  std::mutex mutex_;
  std::vector<driver::Outcome> done_;
  std::vector<std::thread> threads_;
};

}  // namespace

TEST_CASE("browser requests go to the side transport, end once each, and its eventfd wakes the loop") {
  const auto scenario = scenario::parse_scenario(
      R"({"name": "t", "targets": {"a": {"protocol": "openai-chat", "url": "http://127.0.0.1:9/v1"},
                                    "b": {"protocol": "openai-chat", "url": "http://127.0.0.1:9/v1"}},
          "workload": {"messages": [{"role": "user", "content": "hi"}]},
          "phases": [{"name": "p", "requests": 4, "concurrency": 1}]})",
      "s.json", [](const std::string&) { return std::optional<std::string>(); });
  REQUIRE(scenario);
  schedule::Scheduler scheduler(*scenario, 1);
  auto loop = driver::Driver::create();
  REQUIRE(loop);
  FakeSide side;
  std::vector<std::uint64_t> finished;
  driver::RunHooks hooks;
  hooks.side = &side;
  hooks.make_request = [](const schedule::PlannedRequest&) -> Result<driver::RequestSpec> {
    driver::RequestSpec spec;
    spec.browser = true;
    return spec;
  };
  hooks.on_finished = [&](driver::Finished&& f) { finished.push_back(f.outcome.tag); };
  const std::atomic<bool> stop{false};
  const auto started = std::chrono::steady_clock::now();
  const auto result = driver::run_schedule(scheduler, **loop, hooks, stop, monotonic_ns());
  const auto elapsed = std::chrono::steady_clock::now() - started;
  REQUIRE(result);
  CHECK(side.started_ == 8);
  CHECK(finished.size() == 8);
  std::sort(finished.begin(), finished.end());
  CHECK(std::adjacent_find(finished.begin(), finished.end()) == finished.end());
  CHECK((*loop)->in_flight() == 0);
  // Four rounds of 20 ms; woken only by the 250 ms safety poll they would take a second.
  CHECK(elapsed < std::chrono::milliseconds(600));
}
