#include "run/tls_options.hpp"

#include <fstream>
#include <ostream>

#include <fmt/format.h>

namespace ttft::run {

Result<void> check_cacert(const std::string& path, const std::string& where) {
  if (std::ifstream(path).good()) return {};
  return fail(where, fmt::format("cannot read the CA certificate file \"{}\"", path),
              "give a PEM file with the certificate authority that signed the server's certificate");
}

Result<void> apply_tls_options(scenario::Scenario& s, bool insecure_flag, Io& io) {
  for (auto& target : s.targets) {
    if (!target.tls.cacert.empty()) {
      const auto where = fmt::format("{}: /targets/{}/tls/cacert", s.path, target.name);
      if (auto readable = check_cacert(target.tls.cacert, where); !readable) return readable;
    }
  }
  if (insecure_flag) {
    warn_insecure_flag(io);
  } else {
    for (const auto& name : insecure_targets(s)) {
      io.err << fmt::format("warning: TLS certificate verification is off for target {} (/targets/{}/tls/insecure): "
                            "its server's identity is not checked\n", name, name);
    }
  }
  for (auto& target : s.targets) target.tls.insecure = target.tls.insecure || insecure_flag;
  return {};
}

std::vector<std::string> insecure_targets(const scenario::Scenario& s) {
  std::vector<std::string> names;
  for (const auto& target : s.targets) {
    if (target.tls.insecure) names.push_back(target.name);
  }
  return names;
}

void warn_insecure_flag(Io& io) {
  // Said every time: a benchmark that skips verification cannot tell it reached the real server.
  io.err << "warning: TLS certificate verification is off (--insecure): the server's identity is not checked\n";
}

}  // namespace ttft::run
