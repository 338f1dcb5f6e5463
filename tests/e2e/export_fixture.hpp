// Real receivers for the export tests, started on loopback with temporary storage and bounded
// waits: Debian's Prometheus (remote write receiver on) and Pushgateway, and a GET through curl.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace ttft::test {

/// The body of GET `url` (curl, at most 10 s); throws on a failed request.
std::string http_get(const std::string& url);

class PrometheusServer {
 public:
  /// Starts `prometheus --web.enable-remote-write-receiver` on a free port with its storage and a
  /// minimal config in a temp dir; waits at most 30 s for /-/ready. Throws naming the package
  /// when it is not installed.
  PrometheusServer();
  std::string url(const std::string& path) const;
  /// The result vector of an instant query (/api/v1/query); throws unless status is success.
  nlohmann::json query(const std::string& promql) const;

 private:
  TempDir dir_;
  std::uint16_t port_ = 0;
  std::unique_ptr<BackgroundProcess> process_;
};

class PushgatewayServer {
 public:
  /// Starts `prometheus-pushgateway` on a free port, keeping metrics in memory only; waits at most
  /// 20 s until it accepts.
  PushgatewayServer();
  std::string url(const std::string& path) const;

 private:
  std::uint16_t port_ = 0;
  std::unique_ptr<BackgroundProcess> process_;
};

}  // namespace ttft::test
