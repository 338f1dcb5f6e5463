#include "e2e/certificates.hpp"

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace ttft::test {
namespace {

void run_openssl(const std::string& openssl, std::vector<std::string> args) {
  args.insert(args.begin(), openssl);
  const auto result = run_process(args, std::chrono::seconds(30));
  if (result.exit_code != 0) throw std::runtime_error("openssl " + args[1] + " failed: " + result.err);
}

}  // namespace

// P-256 keys: generated in milliseconds.
TestCertificates make_test_certificates(const std::filesystem::path& dir) {
  const std::string openssl = require_tool({"openssl"}, "openssl");
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
  return {dir / "ca.pem", dir / "server.pem", dir / "server.key"};
}

}  // namespace ttft::test
