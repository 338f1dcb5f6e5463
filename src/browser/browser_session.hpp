// The DevTools conversation of every browser request in flight, on one Chromium: each request's
// steps (context, page, load from the target's origin, run) as replies and events arrive.
// Used by BrowserClient's worker thread only; relaunches Chromium when it has died.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "browser/cdp_pipe.hpp"
#include "driver/request.hpp"

namespace ttft::browser {

class BrowserSession {
 public:
  BrowserSession(LaunchOptions options, std::unique_ptr<CdpPipe> pipe);

  /// Starts a request now (relaunching Chromium first if it died); failures end it as an Outcome.
  void begin(driver::RequestSpec spec);
  /// Reads and handles what Chromium sent; a closed pipe or an exited process ends every request
  /// in flight as `browser` and drops the process (the next begin() starts another).
  void on_readable();
  /// Ends the requests whose deadline has passed.
  void expire(Nanos now_ns);
  std::optional<Nanos> next_deadline_ns() const;
  /// Ends every request in flight with `error_class`.
  void fail_all(const std::string& error_class, const std::string& detail);
  std::vector<driver::Outcome> take_done();
  int read_fd() const { return pipe_ ? pipe_->read_fd() : -1; }
  pid_t browser_pid() const { return pipe_ ? pipe_->pid() : -1; }

 private:
  enum class Stage { context, target, attach, enabling, loading, window, running };
  struct Job {
    driver::RequestSpec spec;
    Stage stage = Stage::context;
    std::string context_id, target_id, session_id;
    bool shared_context = false;
    Nanos deadline_ns = 0;
    Nanos t0_ns = 0;
    WallTime started_wall{};
  };
  struct Pending {
    std::uint64_t tag;
    bool advances;  // its reply moves the job on; otherwise only an error matters
  };

  int send(const std::string& method, nlohmann::json params, const std::string& session_id = {});
  void command(Job& job, const std::string& method, nlohmann::json params, bool advances);
  void handle(const std::string& message);
  void on_reply(Job& job, const nlohmann::json& result);
  void on_event(const std::string& method, const nlohmann::json& message);
  void run_page(Job& job, const std::string& window_id);
  void finish(Job& job, driver::Outcome outcome);
  void fail(Job& job, const std::string& error_class, const std::string& detail);
  void died(const std::string& detail);
  void check_broken();  // after each entry point: a failed write or an exited process is death

  LaunchOptions options_;
  std::unique_ptr<CdpPipe> pipe_;
  bool broken_ = false;  // a write failed: the pipe is closed
  int next_id_ = 0;
  std::map<std::uint64_t, Job> jobs_;                      // by tag
  std::unordered_map<int, Pending> pending_;               // by command id
  std::unordered_map<std::string, std::uint64_t> by_session_;
  std::string shared_context_;  // reuse_connections targets' one context
  std::vector<driver::Outcome> done_;
};

}  // namespace ttft::browser
