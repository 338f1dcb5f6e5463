// Publisher against a dead loopback endpoint: the run side never waits on the network, failed
// pushes are counted once each (retries included), and finish() keeps its bound even mid-back-off.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "support/fake_env.hpp"
#include "telemetry/publisher.hpp"

using ttft::telemetry::Publisher;
using ttft::telemetry::RowRecord;
using Clock = std::chrono::steady_clock;

namespace {

/// A loopback port with nothing listening (bound, then closed).
int dead_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

ttft::telemetry::Destination dead_destination(const std::string& kind) {
  const std::string url = "http://127.0.0.1:" + std::to_string(dead_port()) + "/v1/metrics";
  auto parsed = ttft::telemetry::parse_destination(kind + "=" + url, ttft::test::fake_env({}));
  REQUIRE(parsed);
  return *parsed;
}

RowRecord a_row() {
  RowRecord r;
  r.run_id = "run-1";
  r.target = "edge";
  r.phase = "warm";
  r.ttft_s = 0.05;
  return r;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("Publisher: enqueue never waits on a dead endpoint, and finish keeps its bound in the middle of back-off") {
  Publisher publisher({dead_destination("otlp")}, {"demo", "0", 10'000'000, false}, ttft::Redactor({}));
  const auto start = Clock::now();
  for (int i = 0; i < 1000; ++i) publisher.enqueue(a_row());
  CHECK(seconds_since(start) < 0.5);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a periodic push is failing, backing off
  const auto finishing = Clock::now();
  const auto tallies = publisher.finish(300'000'000);
  CHECK(seconds_since(finishing) < 1.0);  // unbounded, the back-off alone would take 1.5 s
  REQUIRE(tallies.size() == 1);
  CHECK(tallies[0].kind == "otlp");
  CHECK(tallies[0].pushes >= 2);  // the periodic push and the last one
  CHECK(tallies[0].failed == tallies[0].pushes);
  CHECK(tallies[0].first_error.find("onnect") != std::string::npos);
}

TEST_CASE("Publisher: the Pushgateway is pushed only at the end, and a zero bound gives up at once") {
  Publisher publisher({dead_destination("pushgateway")}, {"demo", "0", 10'000'000, false}, ttft::Redactor({}));
  publisher.enqueue(a_row());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // several intervals: no push yet
  const auto finishing = Clock::now();
  const auto tallies = publisher.finish(0);
  CHECK(seconds_since(finishing) < 0.5);
  REQUIRE(tallies.size() == 1);
  CHECK(tallies[0].pushes == 1);
  CHECK(tallies[0].failed == 1);
}
