// A real HTTP/2 server in front of `ttftbench serve`: Debian's nginx with TLS (a certificate made by
// openssl) and HTTP/2, proxying unbuffered over kept-alive HTTP/1.1. Its access log is the
// third-party record of which protocol and which client connection carried each request.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "e2e/sim_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace ttft::test {

/// One line of nginx's access log (nginx's variable names in the comments).
struct NginxLogEntry {
  std::string protocol;                  // $server_protocol: "HTTP/2.0", "HTTP/1.1"
  std::int64_t connection = 0;           // $connection: the client connection's serial number
  std::int64_t connection_requests = 0;  // $connection_requests: requests on it so far, this one included
  double request_time_s = 0;             // $request_time: first client byte to last byte sent
  double end_s = 0;                      // $msec: when it was logged, after its last byte (Unix time)
  std::string request_id;                // the X-Request-Id header, "" when absent
  int status = 0;                        // $status
};

/// True when two of `entries` were on one connection at the same time (as HTTP/2 streams): one
/// started (end_s - request_time_s) before the other ended. nginx's clock ticks once per event
/// loop turn, so starts within 5 ms of the previous end count as one after the other.
bool concurrent_on_a_connection(const std::vector<NginxLogEntry>& entries);

class NginxProxy {
 public:
  /// Makes the certificates, starts the simulator and nginx (its own config, pid file, temp dirs
  /// and logs in a temp dir; workers as root when run as root), and waits at most 10 s until it
  /// accepts connections. Throws std::runtime_error with nginx's error log otherwise, or naming
  /// the Debian package when nginx or openssl is missing.
  NginxProxy();
  /// Stops nginx: fast shutdown (SIGTERM), at most 5 s, then SIGKILL for its worker and master.
  ~NginxProxy();
  NginxProxy(const NginxProxy&) = delete;
  NginxProxy& operator=(const NginxProxy&) = delete;

  /// https://127.0.0.1:<nginx port><path>.
  std::string url(const std::string& path) const;
  /// http://127.0.0.1:<simulator port><path>: the upstream, without nginx.
  std::string simulator_url(const std::string& path) const { return simulator_.url(path); }
  /// The PEM file of the CA that signed nginx's certificate (not in any system store).
  std::filesystem::path cacert() const { return dir_ / "ca.pem"; }

  /// Every request nginx has logged so far, in log order (nginx logs a request when it ends).
  std::vector<NginxLogEntry> log_entries() const;
  /// The entries of `request_ids`, in that order, waiting at most `timeout` for nginx to log the
  /// last ones. Throws std::runtime_error naming the first id it never logged.
  std::vector<NginxLogEntry> log_entries_for(const std::vector<std::string>& request_ids,
                                             std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

 private:
  TempDir dir_;
  ServedSimulator simulator_;
  std::unique_ptr<BackgroundProcess> nginx_;
  std::uint16_t port_ = 0;
};

}  // namespace ttft::test
