#include "e2e/tls_fixture.hpp"

#include <chrono>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "e2e/certificates.hpp"

namespace ttft::test {

TlsTerminator::TlsTerminator() {
  const std::string stunnel = require_tool({"stunnel4", "stunnel"}, "stunnel4");
  const TestCertificates certificates = make_test_certificates(dir_.path());
  port_ = closed_port();
  const auto at = [&](const char* name) { return (dir_ / name).string(); };
  // Foreground without stderr noise; its log goes to a file that a failure quotes.
  std::ofstream(at("stunnel.conf")) << "foreground = quiet\nsyslog = no\n"
                                    << "output = " << at("stunnel.log") << "\npid = " << at("stunnel.pid") << "\n"
                                    << "[simulator]\naccept = 127.0.0.1:" << port_ << "\n"
                                    << "connect = 127.0.0.1:" << simulator_.port() << "\n"
                                    << "cert = " << certificates.server_pem.string() << "\n"
                                    << "key = " << certificates.server_key.string() << "\n";
  stunnel_ = std::make_unique<BackgroundProcess>(std::vector<std::string>{stunnel, at("stunnel.conf")});
  if (wait_for_listener(port_, std::chrono::seconds(10))) return;
  std::ifstream log(at("stunnel.log"));
  throw std::runtime_error("stunnel did not accept connections on port " + std::to_string(port_) + "; its log:\n" +
                           std::string(std::istreambuf_iterator<char>(log), {}));
}

std::string TlsTerminator::url(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(port_) + path;
}

}  // namespace ttft::test
