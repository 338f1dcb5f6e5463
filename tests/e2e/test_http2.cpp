// HTTP versions and connections proved by a real server: the simulator behind Debian's nginx with
// TLS and HTTP/2 (tests/e2e/nginx_fixture.hpp), whose access log, not libcurl, says which protocol
// and which client connection carried each request. First the fixture on its own (curl, probe),
// then the targets' `http` and `multiplex` options and the `http_version` column (docs/scenario.md).
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e/nginx_fixture.hpp"
#include "e2e/run_fixture.hpp"
#include "e2e/sim_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::CsvTable;
using ttft::test::NginxLogEntry;
using ttft::test::NginxProxy;
using ttft::test::TempDir;

namespace {

const std::string kPath = "/v1/chat/completions";

/// curl's arguments for one streaming POST through nginx that carries `request_id`, spoken in the
/// HTTP version `version_flag` asks for (--http2, --http1.1); it prints the version it spoke.
std::vector<std::string> curl_request(const NginxProxy& nginx, const std::string& version_flag,
                                      const std::string& request_id) {
  return {version_flag, "--silent", "--show-error", "--cacert", nginx.cacert().string(),
          "--header", "X-Request-Id: " + request_id, "--header", "Content-Type: application/json",
          "--data", R"({"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":4,"stream":true})",
          "--output", "/dev/null", "--write-out", "%{http_version}\n", nginx.url(kPath)};
}

/// `curl` with `options` and then each request's arguments, separated by --next (one curl run,
/// one connection pool: a request may reuse the connection of the one before).
ttft::test::ProcessResult run_curl(const std::vector<std::string>& options,
                                   const std::vector<std::vector<std::string>>& requests) {
  std::vector<std::string> argv = {ttft::test::require_tool({"curl"}, "curl")};
  argv.insert(argv.end(), options.begin(), options.end());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (i > 0) argv.push_back("--next");
    argv.insert(argv.end(), requests[i].begin(), requests[i].end());
  }
  return ttft::test::run_process(argv, std::chrono::seconds(30));
}

/// `ttftbench run FIXTURE --out OUT` with the fixture's variables naming `nginx`, its simulator and CA.
CsvTable run_scenario(const NginxProxy& nginx, const std::string& fixture, const fs::path& out) {
  const auto run = ttft::test::run_ttftbench(
      {"run", ttft::test::scenario_fixture("e2e", fixture).string(), "--out", out.string()},
      {"TTFT_SIM_URL=" + nginx.simulator_url(kPath), "TTFT_NGINX_URL=" + nginx.url(kPath),
       "TTFT_NGINX_CACERT=" + nginx.cacert().string()},
      std::chrono::seconds(60));
  INFO(fixture << ": " << run.err);
  REQUIRE(run.exit_code == 0);
  return ttft::test::parse_csv(ttft::test::read_file(out / "samples.csv"));
}

struct Row {
  std::string request_id;
  std::string http_version;
  std::string error;
};

/// samples.csv's rows of `target`, in file order.
std::vector<Row> rows_of(const CsvTable& csv, const std::string& target) {
  std::vector<Row> rows;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    if (csv.cell(row, "target") != target) continue;
    rows.push_back({csv.cell(row, "request_id"), csv.cell(row, "http_version"), csv.cell(row, "error")});
  }
  return rows;
}

/// Checks that every row of `target` succeeded over `http_version` and that nginx logged each of
/// them as `server_protocol`; nginx's entries for those rows.
std::vector<NginxLogEntry> check_version(const NginxProxy& nginx, const CsvTable& csv, const std::string& target,
                                         const std::string& http_version, const std::string& server_protocol) {
  std::vector<std::string> request_ids;
  for (const auto& row : rows_of(csv, target)) {
    INFO(target << " " << row.request_id);
    CHECK(row.error == "");
    CHECK(row.http_version == http_version);
    request_ids.push_back(row.request_id);
  }
  const auto entries = nginx.log_entries_for(request_ids);
  for (const auto& entry : entries) {
    INFO(target << " " << entry.request_id);
    CHECK(entry.protocol == server_protocol);
    CHECK(entry.status == 200);
  }
  return entries;
}

/// The distinct client connections, by nginx's serial number, that carried `entries`.
std::set<std::int64_t> connections_of(const std::vector<NginxLogEntry>& entries) {
  std::set<std::int64_t> connections;
  for (const auto& entry : entries) connections.insert(entry.connection);
  return connections;
}

}  // namespace

TEST_CASE("nginx fixture: logs the protocol and connection of curl's HTTP/2 and HTTP/1.1 requests, streams unbuffered") {
  const NginxProxy nginx;
  // Two requests in one curl run: the second reuses the first's connection. A second run opens
  // another; a third sends two at once, which curl multiplexes on one connection.
  const auto h2 = run_curl({}, {curl_request(nginx, "--http2", "h2-a"), curl_request(nginx, "--http2", "h2-b")});
  const auto h1 = run_curl({}, {curl_request(nginx, "--http1.1", "h1")});
  const auto streams = run_curl({"--parallel"}, {curl_request(nginx, "--http2", "stream-a"),
                                                 curl_request(nginx, "--http2", "stream-b")});
  INFO(h2.err << h1.err << streams.err);
  REQUIRE(h2.exit_code == 0);
  REQUIRE(h1.exit_code == 0);
  REQUIRE(streams.exit_code == 0);
  CHECK(h2.out == "2\n2\n");
  CHECK(h1.out == "1.1\n");

  const auto entries = nginx.log_entries_for({"h2-a", "h2-b", "h1", "stream-a", "stream-b"});
  for (const auto& entry : entries) {
    INFO(entry.request_id);
    CHECK(entry.protocol == (entry.request_id == "h1" ? "HTTP/1.1" : "HTTP/2.0"));
    CHECK(entry.status == 200);
    CHECK(entry.request_time_s > 0);
  }
  CHECK(entries[0].connection == entries[1].connection);
  CHECK(entries[0].connection_requests == 1);
  CHECK(entries[1].connection_requests == 2);
  CHECK_FALSE(ttft::test::concurrent_on_a_connection({entries[0], entries[1]}));
  CHECK(entries[2].connection != entries[0].connection);
  CHECK(entries[2].connection_requests == 1);
  CHECK(entries[3].connection == entries[4].connection);
  CHECK(ttft::test::concurrent_on_a_connection({entries[3], entries[4]}));

  // probe over https: HTTP/2 as well, and the tokens arrive spread out as the simulator sends them
  // (the fast profile: 16 tokens 10 ms apart). A proxy that held the stream back, as nginx does
  // with buffering on and gzip, would deliver them at once.
  const auto probe = ttft::test::run_probe(
      {nginx.url(kPath), "--protocol", "openai-chat", "--cacert", nginx.cacert().string(), "--json"});
  INFO(probe.process.err);
  REQUIRE(probe.process.exit_code == 0);
  REQUIRE(probe.sample["error"].is_null());
  const auto probed = nginx.log_entries_for({probe.sample["request_id"].get<std::string>()});
  CHECK(probed[0].protocol == "HTTP/2.0");
  CHECK(probe.sample["e2e_ms"].get<double>() - probe.sample["first_token_ms"].get<double>() >= 75);
}

TEST_CASE("http_version: 1.1 straight to the simulator, 2 through nginx over https with http auto") {
  const NginxProxy nginx;
  TempDir tmp;
  const auto csv = run_scenario(nginx, "http2_versions.json", tmp / "out");
  REQUIRE(csv.rows.size() == 6);
  for (const auto& row : rows_of(csv, "direct")) {
    CHECK(row.error == "");
    CHECK(row.http_version == "1.1");
  }
  CHECK(check_version(nginx, csv, "proxied", "2", "HTTP/2.0").size() == 3);
  // The direct requests never passed through nginx.
  CHECK(nginx.log_entries().size() == 3);
}

TEST_CASE("reuse_connections with 10 in flight over HTTP/2: 10 or more connections, fewer with multiplex") {
  const NginxProxy nginx;
  TempDir tmp;

  const auto separate_csv = run_scenario(nginx, "http2_one_per_connection.json", tmp / "separate");
  REQUIRE(separate_csv.rows.size() == 60);
  const auto separate = check_version(nginx, separate_csv, "proxied", "2", "HTTP/2.0");
  CHECK(connections_of(separate).size() >= 10);
  // Kept alive: 30 requests did not need 30 connections, and none carried two at once.
  CHECK(connections_of(separate).size() < 30);
  CHECK_FALSE(ttft::test::concurrent_on_a_connection(separate));

  const auto shared_csv = run_scenario(nginx, "http2_multiplexed.json", tmp / "shared");
  REQUIRE(shared_csv.rows.size() == 60);
  const auto shared = check_version(nginx, shared_csv, "proxied", "2", "HTTP/2.0");
  CHECK(connections_of(shared).size() < 10);
  CHECK(ttft::test::concurrent_on_a_connection(shared));
}

TEST_CASE("http 1.1 speaks HTTP/1.1 to a server that offers HTTP/2, while auto beside it gets 2") {
  const NginxProxy nginx;
  TempDir tmp;
  const auto csv = run_scenario(nginx, "http2_pinned_h1.json", tmp / "out");
  REQUIRE(csv.rows.size() == 6);
  CHECK(check_version(nginx, csv, "pinned", "1.1", "HTTP/1.1").size() == 3);
  CHECK(check_version(nginx, csv, "negotiated", "2", "HTTP/2.0").size() == 3);
}
