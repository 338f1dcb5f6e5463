#include "e2e/sim_fixture.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace ttft::test {
namespace {

sockaddr_in loopback_address(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  return address;
}

}  // namespace

ServedSimulator::ServedSimulator(const std::string& profile) : log_path_((dir_ / "sim.log").string()) {
  process_ = std::make_unique<BackgroundProcess>(std::vector<std::string>{
      ttftbench_bin(), "serve", "--port", "0", "--profile", profile, "--log", log_path_, "--quiet"});
  const auto line = process_->read_line(std::chrono::seconds(10));
  const std::string prefix = "listening on http://127.0.0.1:";
  if (!line || line->rfind(prefix, 0) != 0) throw std::runtime_error("serve did not report its port");
  port_ = static_cast<std::uint16_t>(std::stoi(line->substr(prefix.size())));
}

std::string ServedSimulator::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::optional<nlohmann::json> ServedSimulator::log_entry(const std::string& request_id) const {
  for (int attempt = 0; attempt < 50; ++attempt) {  // at most ~1 s
    std::ifstream in(log_path_);
    for (std::string line; std::getline(in, line);) {
      auto entry = nlohmann::json::parse(line, nullptr, false);
      if (!entry.is_discarded() && entry.value("request_id", "") == request_id) return entry;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

ProbeRun run_probe(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {ttftbench_bin(), "probe"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProbeRun run{run_process(argv, std::chrono::seconds(30)), nullptr};
  auto parsed = nlohmann::json::parse(run.process.out, nullptr, false);
  if (!parsed.is_discarded()) run.sample = parsed;
  return run;
}

std::uint16_t closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = loopback_address(0);
  socklen_t length = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

bool wait_for_listener(std::uint16_t port, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = loopback_address(port);
    const bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    if (connected) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace ttft::test
