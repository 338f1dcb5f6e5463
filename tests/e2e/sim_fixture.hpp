// `ttftbench serve` started as a user would, on an ephemeral port, with its request log.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace ttft::test {

class ServedSimulator {
 public:
  explicit ServedSimulator(const std::string& profile = "fast");
  std::string url(const std::string& path) const;
  /// The loopback port it listens on.
  std::uint16_t port() const { return port_; }
  /// The server's log line for `request_id`; waits briefly for the line to be flushed.
  std::optional<nlohmann::json> log_entry(const std::string& request_id) const;

 private:
  TempDir dir_;
  std::string log_path_;
  std::unique_ptr<BackgroundProcess> process_;
  std::uint16_t port_ = 0;
};

/// Runs `ttftbench probe ...` with a 30 s bound and parses its --json output (null if none).
struct ProbeRun {
  ProcessResult process;
  nlohmann::json sample;
};
ProbeRun run_probe(const std::vector<std::string>& args);

/// A loopback port with nothing listening on it (bound, then closed).
std::uint16_t closed_port();

/// True as soon as 127.0.0.1:`port` accepts a TCP connection (tried every 20 ms); false after
/// `timeout`.
bool wait_for_listener(std::uint16_t port, std::chrono::milliseconds timeout);

}  // namespace ttft::test
