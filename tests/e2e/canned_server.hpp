// An HTTP server on 127.0.0.1 that answers every connection with the same bytes and closes it:
// for replies `ttftbench serve` never gives (a JSON body with status 200, an HTML page). Serves
// until destroyed; each connection is bounded in time.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace ttft::test {

class CannedServer {
 public:
  /// `response` is the whole reply: status line, headers, blank line and body.
  explicit CannedServer(std::string response);
  ~CannedServer();
  CannedServer(const CannedServer&) = delete;
  CannedServer& operator=(const CannedServer&) = delete;

  std::string url(const std::string& path) const;

 private:
  void serve();

  std::string response_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace ttft::test
