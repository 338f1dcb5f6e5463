// A second way to send requests beside libcurl (a real browser, docs/browser.md): it runs them on
// its own thread and signals wake_fd() when some have ended, so the run loop's wait wakes for them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "driver/request.hpp"

namespace ttft::driver {

class SideTransport {
 public:
  virtual ~SideTransport() = default;
  /// Starts a request; t0 and every failure come back in its Outcome, never as an error here.
  virtual void start(RequestSpec spec) = 0;
  /// Readable while ended requests wait in take_finished(); the Driver watches it.
  virtual int wake_fd() const = 0;
  /// The requests that ended since the last call, each once; drains wake_fd().
  virtual std::vector<Outcome> take_finished() = 0;
  virtual std::size_t in_flight() const = 0;
  /// Ends every request still in flight with `error_class` and returns them (and any ended ones).
  virtual std::vector<Outcome> abort_all(const std::string& error_class, const std::string& detail) = 0;
};

}  // namespace ttft::driver
