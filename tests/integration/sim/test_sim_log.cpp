// The request log, timing bounds, the scale-to-zero rule, concurrency and client disconnects.
#include <chrono>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim_fixture.hpp"
#include "support/temp_dir.hpp"

using nlohmann::json;
using ttft::kNanosPerMs;
using ttft::test::HttpRequest;
using ttft::test::instant_request;
using ttft::test::perform;
using ttft::test::read_log;
using ttft::test::start_sim;

TEST_CASE("sim log: one JSON line per request with ordered monotonic timestamps") {
  ttft::test::TempDir dir;
  const auto log_path = dir / "sim.jsonl";
  auto server = start_sim(log_path.string());
  auto request = instant_request("/v1/chat/completions", {"X-Request-Id: run1-edge-warm-1"});
  request.headers[0] = "x-sim-first-event-ms: 100";
  const auto response = perform(server->port(), request);
  REQUIRE(response.code == CURLE_OK);
  const auto limited = perform(server->port(), instant_request("/v1/messages", {"x-sim-fault: http-429"}));
  CHECK(limited.status == 429);
  server->stop();  // every line is written once its exchange has ended

  const auto records = read_log(log_path);
  REQUIRE(records.size() == 2);
  const json& line = records[0];
  CHECK(line["request_id"] == "run1-edge-warm-1");
  CHECK(line["path"] == "/v1/chat/completions");
  CHECK(line["protocol"] == "openai-chat");
  CHECK(line["cold"] == false);
  CHECK(line["fault"] == "");
  CHECK(line["status"] == 200);
  CHECK(line["tokens"] == 3);
  const auto received = line["received_ns"].get<std::int64_t>();
  const auto headers_sent = line["headers_sent_ns"].get<std::int64_t>();
  const auto first_event = line["first_event_ns"].get<std::int64_t>();
  const auto last_event = line["last_event_ns"].get<std::int64_t>();
  const auto end = line["end_ns"].get<std::int64_t>();
  CHECK(received <= headers_sent);
  CHECK(headers_sent <= first_event);
  CHECK(first_event <= last_event);
  CHECK(last_event <= end);
  CHECK(first_event - received >= 100 * kNanosPerMs);
  CHECK(first_event - received < 110 * kNanosPerMs);
  // The client's own time to the first body byte includes the server's, plus loopback transit.
  const auto client_ns = response.first_byte_ns - response.started_ns;
  CHECK(client_ns >= first_event - received);
  CHECK(client_ns - (first_event - received) < 25 * kNanosPerMs);

  const json& error = records[1];
  CHECK(error["request_id"] == "");
  CHECK(error["status"] == 429);
  CHECK(error["fault"] == "http-429");
  CHECK(error["protocol"] == "anthropic");
  CHECK(error["first_event_ns"].is_null());
  CHECK(error["last_event_ns"].is_null());
  CHECK(error["tokens"] == 0);
}

TEST_CASE("sim decode events follow absolute deadlines") {
  ttft::test::TempDir dir;
  auto server = start_sim((dir / "log.jsonl").string());
  auto request = instant_request("/sse");
  request.headers = {"x-sim-first-event-ms: 20", "x-sim-token-interval-ms: 20", "x-sim-tokens: 6"};
  REQUIRE(perform(server->port(), request).code == CURLE_OK);
  server->stop();
  const auto line = read_log(dir / "log.jsonl").at(0);
  const auto received = line["received_ns"].get<std::int64_t>();
  // Each event leaves at or after its deadline (receipt + 20 ms + k · 20 ms), never before.
  CHECK(line["first_event_ns"].get<std::int64_t>() - received >= 20 * kNanosPerMs);
  const auto last_ns = line["last_event_ns"].get<std::int64_t>() - received;
  CHECK(last_ns >= 120 * kNanosPerMs);
  CHECK(last_ns < 135 * kNanosPerMs);
}

TEST_CASE("sim scale-to-zero: first request and requests after the idle limit are cold") {
  auto profile = ttft::sim::builtin_profile("fast").value();
  profile.scale_to_zero_after_s = 3;
  profile.time_scale = 0.1;  // idle limit 0.3 s
  auto server = start_sim("", profile);
  const auto request = instant_request("/sse");
  CHECK(perform(server->port(), request).header("X-Sim-Cold") == "1");
  CHECK(perform(server->port(), request).header("X-Sim-Cold") == "0");
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  CHECK(perform(server->port(), request).header("X-Sim-Cold") == "1");
  CHECK(perform(server->port(), instant_request("/sse", {"x-sim-cold: 1"})).header("X-Sim-Cold") == "1");
}

TEST_CASE("sim serves 50 concurrent streams on one thread") {
  auto server = start_sim();
  HttpRequest request = instant_request("/sse");
  request.headers = {"x-sim-first-event-ms: 200", "x-sim-token-interval-ms: 20", "x-sim-tokens: 5"};
  const std::vector<HttpRequest> requests(50, request);
  const auto started_ns = ttft::monotonic_ns();
  const auto responses = ttft::test::perform_all(server->port(), requests);
  const auto elapsed_ns = ttft::monotonic_ns() - started_ns;
  REQUIRE(responses.size() == 50);
  for (const auto& response : responses) {
    CHECK(response.code == CURLE_OK);
    CHECK(response.body == "data: Hello\n\ndata: ,\n\ndata:  world\n\ndata: !\n\ndata:  This\n\n");
  }
  CHECK(elapsed_ns < 3 * ttft::kNanosPerSecond);  // one after another would take 14 s
}

TEST_CASE("sim survives a client that disconnects mid-stream and stops streaming to it") {
  ttft::test::TempDir dir;
  auto server = start_sim((dir / "log.jsonl").string());
  auto request = instant_request("/v1/chat/completions");
  request.headers = {"x-sim-first-event-ms: 0", "x-sim-token-interval-ms: 20", "x-sim-tokens: 50"};
  request.timeout_ms = 150;  // gives up after ~7 of 50 tokens (a 1 s stream)
  CHECK(perform(server->port(), request).code == CURLE_OPERATION_TIMEDOUT);
  CHECK(perform(server->port(), instant_request("/sse")).code == CURLE_OK);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  server->stop();
  const auto records = read_log(dir / "log.jsonl");
  REQUIRE(records.size() == 2);
  const auto& aborted = records[0]["path"] == "/sse" ? records[1] : records[0];
  CHECK(aborted["tokens"].get<int>() < 50);
  CHECK(aborted["end_ns"].get<std::int64_t>() - aborted["received_ns"].get<std::int64_t>() <
        1000 * kNanosPerMs);
}

TEST_CASE("sim stop is idempotent and ends in-flight streams") {
  ttft::test::TempDir dir;
  auto server = start_sim((dir / "log.jsonl").string());
  auto request = instant_request("/sse");
  request.headers = {"x-sim-first-event-ms: 5000"};
  request.timeout_ms = 5000;
  std::thread client([&] { (void)perform(server->port(), request); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto stop_started_ns = ttft::monotonic_ns();
  server->stop();
  server->stop();
  client.join();
  CHECK(ttft::monotonic_ns() - stop_started_ns < 2 * ttft::kNanosPerSecond);
  const auto records = read_log(dir / "log.jsonl");
  REQUIRE(records.size() == 1);
  CHECK(records[0]["first_event_ns"].is_null());
}
