// HTTP versions and connections proved by a real server: the simulator behind Debian's nginx with
// TLS and HTTP/2 (tests/e2e/nginx_fixture.hpp), whose access log, not libcurl, says which protocol
// and which client connection carried each request. The fixture on its own, with curl and probe.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e/nginx_fixture.hpp"
#include "e2e/sim_fixture.hpp"
#include "support/process.hpp"

using ttft::test::NginxProxy;

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
