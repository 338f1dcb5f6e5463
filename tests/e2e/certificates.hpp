// A throwaway CA and a server certificate it signed for 127.0.0.1 and localhost, made by openssl,
// for the fixtures that put a real TLS server in front of the simulator (stunnel, nginx).
#pragma once

#include <filesystem>

namespace ttft::test {

struct TestCertificates {
  std::filesystem::path ca_pem;      // the CA clients verify against (not in any system store)
  std::filesystem::path server_pem;  // the server's certificate, signed by that CA
  std::filesystem::path server_key;  // its private key, unencrypted
};

/// Writes ca.pem, server.pem and server.key (and the files that made them) into `dir`, all valid
/// for one day. Throws std::runtime_error with openssl's complaint, or naming the Debian package
/// when openssl is not installed.
TestCertificates make_test_certificates(const std::filesystem::path& dir);

}  // namespace ttft::test
