// A real TLS terminator in front of `ttftbench serve`: Debian's stunnel4 with a throwaway CA and
// a server certificate for 127.0.0.1 made by openssl. Both tools come from scripts/setup; when one
// is missing the fixture throws, naming the package, so the test fails instead of skipping.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "e2e/sim_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace ttft::test {

class TlsTerminator {
 public:
  /// Makes the certificates, starts the simulator and stunnel, and waits (at most 10 s) until
  /// stunnel accepts connections. Throws std::runtime_error with the reason otherwise.
  TlsTerminator();

  /// https://127.0.0.1:<stunnel port><path>.
  std::string url(const std::string& path) const;
  /// The PEM file of the CA that signed the server's certificate (not in any system store).
  std::filesystem::path cacert() const { return dir_ / "ca.pem"; }

 private:
  TempDir dir_;
  ServedSimulator simulator_;
  std::unique_ptr<BackgroundProcess> stunnel_;
  std::uint16_t port_ = 0;
};

}  // namespace ttft::test
