// Ctrl-C (SIGINT) and SIGTERM during a run: the handler only sets a flag; the run loop sees it
// (epoll_wait returns EINTR) and stops sending, drains, and writes what was measured.
#pragma once

#include <atomic>

namespace ttft::run {

/// Installs the handlers for the lifetime of this object; restores the previous ones after.
class InterruptFlag {
 public:
  InterruptFlag();
  ~InterruptFlag();
  InterruptFlag(const InterruptFlag&) = delete;
  InterruptFlag& operator=(const InterruptFlag&) = delete;

  const std::atomic<bool>& flag() const;
};

}  // namespace ttft::run
