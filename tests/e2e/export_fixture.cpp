#include "e2e/export_fixture.hpp"

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "e2e/sim_fixture.hpp"

namespace ttft::test {
namespace {

std::string local_url(std::uint16_t port, const std::string& path) {
  return "http://127.0.0.1:" + std::to_string(port) + path;
}

}  // namespace

std::string http_get(const std::string& url) {
  const std::string curl = require_tool({"curl"}, "curl");
  const ProcessResult got = run_process({curl, "-sS", "--fail", "--max-time", "10", url}, std::chrono::seconds(15));
  if (got.exit_code != 0) throw std::runtime_error("GET " + url + " failed: " + got.err);
  return got.out;
}

PrometheusServer::PrometheusServer() {
  const std::string prometheus = require_tool({"prometheus"}, "prometheus");
  std::ofstream(dir_ / "prometheus.yml") << "global:\n  scrape_interval: 1m\n";
  port_ = closed_port();
  process_ = std::make_unique<BackgroundProcess>(std::vector<std::string>{
      prometheus, "--web.enable-remote-write-receiver", "--storage.tsdb.path=" + (dir_ / "data").string(),
      "--web.listen-address=127.0.0.1:" + std::to_string(port_), "--config.file=" + (dir_ / "prometheus.yml").string(),
      "--log.level=warn"});
  if (!wait_for_listener(port_, std::chrono::seconds(20))) throw std::runtime_error("prometheus did not listen");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      http_get(url("/-/ready"));
      return;
    } catch (const std::runtime_error&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  throw std::runtime_error("prometheus was not ready within 30 s");
}

std::string PrometheusServer::url(const std::string& path) const { return local_url(port_, path); }

nlohmann::json PrometheusServer::query(const std::string& promql) const {
  const std::string curl = require_tool({"curl"}, "curl");
  const ProcessResult got = run_process(
      {curl, "-sS", "--max-time", "10", url("/api/v1/query"), "--data-urlencode", "query=" + promql},
      std::chrono::seconds(15));
  const auto answer = nlohmann::json::parse(got.out);
  if (answer.value("status", "") != "success") throw std::runtime_error("query failed: " + got.out);
  return answer.at("data").at("result");
}

PushgatewayServer::PushgatewayServer() {
  const std::string pushgateway = require_tool({"prometheus-pushgateway", "pushgateway"}, "prometheus-pushgateway");
  port_ = closed_port();
  process_ = std::make_unique<BackgroundProcess>(std::vector<std::string>{
      pushgateway, "--web.listen-address=127.0.0.1:" + std::to_string(port_), "--log.level=warn",
      "--persistence.file="});  // memory only: Debian's default file is the system service's
  if (!wait_for_listener(port_, std::chrono::seconds(20))) throw std::runtime_error("pushgateway did not listen");
}

std::string PushgatewayServer::url(const std::string& path) const { return local_url(port_, path); }

}  // namespace ttft::test
