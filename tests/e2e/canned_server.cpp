#include "e2e/canned_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace ttft::test {
namespace {

constexpr int kPollMs = 50;                  // how often the loop looks at stop_
constexpr auto kRequestTimeout = std::chrono::seconds(2);

// Reads until the end of the request headers (the bodies tests send are small and ignored).
void read_request(int fd) {
  std::string request;
  const auto deadline = std::chrono::steady_clock::now() + kRequestTimeout;
  char buffer[4096];
  while (request.find("\r\n\r\n") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd waiting{fd, POLLIN, 0};
    if (poll(&waiting, 1, kPollMs) <= 0) continue;
    const ssize_t got = read(fd, buffer, sizeof buffer);
    if (got <= 0) return;
    request.append(buffer, static_cast<std::size_t>(got));
  }
}

}  // namespace

CannedServer::CannedServer(std::string response) : response_(std::move(response)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  auto* any = reinterpret_cast<sockaddr*>(&address);
  if (listen_fd_ < 0 || bind(listen_fd_, any, sizeof address) != 0 || listen(listen_fd_, 8) != 0 ||
      getsockname(listen_fd_, any, &length) != 0) {
    if (listen_fd_ >= 0) close(listen_fd_);
    throw std::runtime_error("canned server: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

CannedServer::~CannedServer() {
  stop_ = true;
  thread_.join();
  close(listen_fd_);
}

std::string CannedServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void CannedServer::serve() {
  while (!stop_) {
    pollfd listening{listen_fd_, POLLIN, 0};
    if (poll(&listening, 1, kPollMs) <= 0) continue;
    const int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    read_request(fd);
    std::size_t sent = 0;
    while (sent < response_.size()) {
      const ssize_t wrote = write(fd, response_.data() + sent, response_.size() - sent);
      if (wrote <= 0) break;
      sent += static_cast<std::size_t>(wrote);
    }
    close(fd);  // a clean close: the body ends here
  }
}

}  // namespace ttft::test
