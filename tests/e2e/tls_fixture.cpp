#include "e2e/tls_fixture.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ttft::test {
namespace {

namespace fs = std::filesystem;

void run_openssl(const std::string& openssl, std::vector<std::string> args) {
  args.insert(args.begin(), openssl);
  const auto result = run_process(args, std::chrono::seconds(30));
  if (result.exit_code != 0) throw std::runtime_error("openssl " + args[1] + " failed: " + result.err);
}

/// A CA valid for one day and a server certificate it signed for 127.0.0.1 and localhost
/// (ca.pem, server.pem, server.key in `dir`). P-256 keys: generated in milliseconds.
void make_certificates(const std::string& openssl, const fs::path& dir) {
  const auto at = [&](const char* name) { return (dir / name).string(); };
  const std::vector<std::string> ec_key = {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"};
  std::vector<std::string> ca = {"req", "-x509", "-days", "1", "-subj", "/CN=ttftbench test CA",
                                 "-addext", "basicConstraints=critical,CA:TRUE",
                                 "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                                 "-keyout", at("ca.key"), "-out", at("ca.pem")};
  ca.insert(ca.begin() + 1, ec_key.begin(), ec_key.end());
  run_openssl(openssl, ca);
  std::vector<std::string> request = {"req", "-subj", "/CN=localhost", "-keyout", at("server.key"),
                                      "-out", at("server.csr")};
  request.insert(request.begin() + 1, ec_key.begin(), ec_key.end());
  run_openssl(openssl, request);
  std::ofstream(at("server.ext")) << "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                                     "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n";
  run_openssl(openssl, {"x509", "-req", "-in", at("server.csr"), "-CA", at("ca.pem"), "-CAkey", at("ca.key"),
                        "-set_serial", "1", "-days", "1", "-extfile", at("server.ext"), "-out", at("server.pem")});
}

bool accepts_connections(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool connected = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return connected;
}

std::uint16_t port_of(const std::string& url) {
  const auto colon = url.rfind(':');
  return static_cast<std::uint16_t>(std::stoi(url.substr(colon + 1)));
}

}  // namespace

TlsTerminator::TlsTerminator() {
  const std::string openssl = require_tool({"openssl"}, "openssl");
  const std::string stunnel = require_tool({"stunnel4", "stunnel"}, "stunnel4");
  make_certificates(openssl, dir_.path());
  port_ = closed_port();
  const auto at = [&](const char* name) { return (dir_ / name).string(); };
  // Foreground without stderr noise; its log goes to a file that a failure quotes.
  std::ofstream(at("stunnel.conf")) << "foreground = quiet\nsyslog = no\n"
                                    << "output = " << at("stunnel.log") << "\npid = " << at("stunnel.pid") << "\n"
                                    << "[simulator]\naccept = 127.0.0.1:" << port_ << "\n"
                                    << "connect = 127.0.0.1:" << port_of(simulator_.url("")) << "\n"
                                    << "cert = " << at("server.pem") << "\nkey = " << at("server.key") << "\n";
  stunnel_ = std::make_unique<BackgroundProcess>(std::vector<std::string>{stunnel, at("stunnel.conf")});
  for (int attempt = 0; attempt < 500; ++attempt) {  // at most ~10 s
    if (accepts_connections(port_)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::ifstream log(at("stunnel.log"));
  throw std::runtime_error("stunnel did not accept connections on port " + std::to_string(port_) + "; its log:\n" +
                           std::string(std::istreambuf_iterator<char>(log), {}));
}

std::string TlsTerminator::url(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(port_) + path;
}

}  // namespace ttft::test
