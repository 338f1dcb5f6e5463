// Chromium's DevTools protocol over --remote-debugging-pipe: launches a headless Chromium with a
// fresh temporary profile, writes commands to its fd 3 and reads its replies and events from its
// fd 4, each message a JSON text ended by a NUL byte. Owns the process and the profile folder.
#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace ttft::browser {

/// Splits a byte stream into NUL-terminated messages, wherever the reads split it.
class NulFramer {
 public:
  void push(std::string_view bytes) { buffer_.append(bytes); }
  /// The next complete message (without its NUL), or nullopt until one is complete.
  std::optional<std::string> next();

 private:
  std::string buffer_;
  std::size_t start_ = 0;  // where the next message begins in buffer_
};

struct LaunchOptions {
  std::string chromium;      // the executable; empty = chromium_executable()
  std::string net_log_path;  // tests only: Chromium's --log-net-log (docs/browser.md ("Testing"))
  std::vector<std::string> hosts;  // the only host names Chromium may resolve (loopback always may)
};

/// The Chromium to run: $TTFTBENCH_CHROMIUM when set, else `chromium` or `chromium-browser` on
/// PATH; an error naming the package to install when there is none.
Result<std::string> chromium_executable();

class CdpPipe {
 public:
  /// Starts Chromium headless on a new mkdtemp profile; an error if it cannot be started.
  static Result<std::unique_ptr<CdpPipe>> launch(const LaunchOptions& options);
  ~CdpPipe();  // kills the process, waits for it, removes the profile
  CdpPipe(const CdpPipe&) = delete;
  CdpPipe& operator=(const CdpPipe&) = delete;

  /// Writes one message and its NUL; false when the browser is gone (EPIPE).
  bool send(std::string_view json);
  /// Reads what is available now (never blocks) into `messages`; false at EOF or a read error.
  bool read_available(std::vector<std::string>& messages);
  /// True once the process has exited (reaped without blocking).
  bool exited();
  int read_fd() const { return from_browser_; }
  pid_t pid() const { return pid_; }
  const std::string& profile_dir() const { return profile_dir_; }

 private:
  CdpPipe() = default;
  pid_t pid_ = -1;
  int to_browser_ = -1;    // our end of Chromium's fd 3
  int from_browser_ = -1;  // our end of Chromium's fd 4
  std::string profile_dir_;
  NulFramer framer_;
};

}  // namespace ttft::browser
