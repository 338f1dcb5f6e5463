// Runs the built binaries from tests, always bounded in time: a child that outlives its
// deadline is killed and the test fails instead of hanging.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ttft::test {

struct ProcessResult {
  int exit_code = -1;     // -1 when killed by a signal or on timeout
  bool timed_out = false;
  std::string out;
  std::string err;
};

/// Runs argv[0] with argv, stdin from /dev/null, and waits at most `timeout`.
/// `env` entries ("K=V") are added to the current environment.
ProcessResult run_process(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30),
                          const std::vector<std::string>& env = {});

/// A child kept running in the background (a server); killed (SIGTERM, then SIGKILL) on
/// destruction.
class BackgroundProcess {
 public:
  explicit BackgroundProcess(const std::vector<std::string>& argv,
                             const std::vector<std::string>& env = {});
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  /// The next line of its stdout, or nullopt at EOF or after `timeout`.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  /// Sends `signal` and waits at most `timeout` for exit; the exit code, or nullopt.
  std::optional<int> stop(int signal, std::chrono::milliseconds timeout);
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string buffered_;
};

/// The first of `names` found as an executable on PATH, or "" when none is.
std::string find_on_path(const std::vector<std::string>& names);

/// find_on_path, or throws "NAME is not installed (Debian package PACKAGE): run scripts/setup".
std::string require_tool(const std::vector<std::string>& names, const std::string& package);

/// Path of the built ttftbench binary: $TTFTBENCH_BIN, else the one this build made.
std::string ttftbench_bin();

}  // namespace ttft::test
