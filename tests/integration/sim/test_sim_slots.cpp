// Serving slots over real sockets: requests beyond the slots wait first come first served, their
// whole response (head included) counts from the slot, the log records the wait, and a client
// that gives up while waiting neither frees a slot it never held nor wedges the queue.
#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim_fixture.hpp"
#include "support/temp_dir.hpp"

using nlohmann::json;
using ttft::kNanosPerMs;
using ttft::Nanos;
using ttft::test::HttpRequest;
using ttft::test::instant_request;
using ttft::test::perform;
using ttft::test::read_log;
using ttft::test::start_sim;

namespace {

ttft::sim::Profile profile_with_slots(std::int64_t slots) {
  auto profile = ttft::sim::builtin_profile("fast").value();
  profile.slots = slots;
  return profile;
}

Nanos ns(const json& line, const char* key) { return line[key].get<Nanos>(); }

// When the request got its slot, by the server's clock.
Nanos granted_ns(const json& line) {
  return ns(line, "received_ns") + static_cast<Nanos>(line["queued_ms"].get<double>() * 1e6);
}

double ms(Nanos value) { return static_cast<double>(value) / 1e6; }

}  // namespace

TEST_CASE("sim slots: 6 concurrent requests on 2 slots start in pairs, one service time apart") {
  ttft::test::TempDir dir;
  auto server = start_sim((dir / "log.jsonl").string(), profile_with_slots(2));
  // One service: the first event 150 ms after the slot, then 3 more tokens 50 ms apart: 300 ms.
  HttpRequest request = instant_request("/sse");
  request.headers = {"x-sim-first-event-ms: 150", "x-sim-token-interval-ms: 50", "x-sim-tokens: 4"};
  const auto responses = ttft::test::perform_all(server->port(), std::vector<HttpRequest>(6, request));
  server->stop();

  std::vector<double> client_first_ms;
  for (const auto& response : responses) {
    CHECK(response.code == CURLE_OK);
    CHECK(response.body == "data: Hello\n\ndata: ,\n\ndata:  world\n\ndata: !\n\n");
    client_first_ms.push_back(ms(response.first_byte_ns - response.started_ns));
  }
  std::sort(client_first_ms.begin(), client_first_ms.end());
  auto records = read_log(dir / "log.jsonl");
  REQUIRE(records.size() == 6);
  std::sort(records.begin(), records.end(),
            [](const json& a, const json& b) { return ns(a, "received_ns") < ns(b, "received_ns"); });
  REQUIRE(ns(records[5], "received_ns") - ns(records[0], "received_ns") < 50 * kNanosPerMs);

  const double expected_wait_ms[] = {0, 0, 300, 300, 600, 600};
  for (std::size_t i = 0; i < records.size(); ++i) {
    const json& line = records[i];
    INFO("request " << i << ": " << line.dump());
    const double queued_ms = line["queued_ms"].get<double>();
    if (i < 2) {
      CHECK(queued_ms == 0);
    } else {
      // A slot frees only when a stream ends: the grant is at or after some earlier stream's end.
      const Nanos grant = granted_ns(line);
      const auto earlier_end = std::any_of(records.begin(), records.begin() + static_cast<long>(i),
                                           [&](const json& e) { return ns(e, "end_ns") <= grant + 1000; });
      CHECK(earlier_end);
      CHECK(queued_ms >= expected_wait_ms[i] - 50);  // arrivals spread over < 50 ms
      CHECK(queued_ms < expected_wait_ms[i] + 40 * static_cast<double>(i / 2));
    }
    // The head and the first event count from the slot, not from the receipt.
    CHECK(ns(line, "headers_sent_ns") >= granted_ns(line));
    const double first_after_slot_ms = ms(ns(line, "first_event_ns") - granted_ns(line));
    CHECK(first_after_slot_ms >= 149.9);
    CHECK(first_after_slot_ms < 190);
  }
  // FIFO: a later arrival never gets its slot before an earlier one.
  for (std::size_t i = 1; i < records.size(); ++i) CHECK(granted_ns(records[i - 1]) <= granted_ns(records[i]));
  // What a client sees: first events at about 150, 450 and 750 ms, two at a time.
  const double expected_first_ms[] = {150, 150, 450, 450, 750, 750};
  for (std::size_t i = 0; i < client_first_ms.size(); ++i) {
    INFO("client " << i);
    CHECK(client_first_ms[i] >= expected_first_ms[i] - 50);
    CHECK(client_first_ms[i] < expected_first_ms[i] + 60 + 40 * static_cast<double>(i / 2));
  }
}

TEST_CASE("sim slots: a client gone while waiting frees nothing it did not hold and wedges nothing") {
  ttft::test::TempDir dir;
  auto server = start_sim((dir / "log.jsonl").string(), profile_with_slots(1));
  HttpRequest holder = instant_request("/sse", {"X-Request-Id: holder"});
  holder.headers = {"X-Request-Id: holder", "x-sim-first-event-ms: 100", "x-sim-token-interval-ms: 50",
                    "x-sim-tokens: 8"};  // holds the slot 450 ms
  std::thread first([&] { CHECK(perform(server->port(), holder).code == CURLE_OK); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  HttpRequest quitter = instant_request("/sse", {"X-Request-Id: quitter"});
  quitter.timeout_ms = 100;  // gives up while waiting behind the holder
  CHECK(perform(server->port(), quitter).code == CURLE_OPERATION_TIMEDOUT);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto waiter = perform(server->port(), instant_request("/sse", {"X-Request-Id: waiter"}));
  first.join();
  CHECK(waiter.code == CURLE_OK);
  CHECK(waiter.body == "data: Hello\n\ndata: ,\n\ndata:  world\n\n");
  const auto after = perform(server->port(), instant_request("/sse", {"X-Request-Id: after"}));
  CHECK(after.code == CURLE_OK);
  server->stop();

  std::map<std::string, json> by_id;
  for (const json& line : read_log(dir / "log.jsonl")) by_id[line["request_id"].get<std::string>()] = line;
  REQUIRE(by_id.size() == 4);
  const json& quit = by_id["quitter"];
  INFO(quit.dump());
  // The server noticed the client leave while it waited: nothing was sent, and the wait is logged.
  CHECK(quit["headers_sent_ns"].is_null());
  CHECK(quit["first_event_ns"].is_null());
  CHECK(ms(ns(quit, "end_ns") - ns(quit, "received_ns")) < 300);
  CHECK(quit["queued_ms"].get<double>() == Approx(ms(ns(quit, "end_ns") - ns(quit, "received_ns"))).margin(0.01));
  // The waiter got the slot only when the holder ended, not when the quitter left.
  const json& wait = by_id["waiter"];
  INFO(wait.dump());
  CHECK(granted_ns(wait) >= ns(by_id["holder"], "end_ns") - 1000);
  CHECK(wait["queued_ms"].get<double>() > 200);
  CHECK(by_id["holder"]["queued_ms"].get<double>() == 0);
  CHECK(by_id["after"]["queued_ms"].get<double>() == 0);  // the slot came back
}

TEST_CASE("sim slots: error replies take no slot and never wait") {
  ttft::test::TempDir dir;
  auto server = start_sim((dir / "log.jsonl").string(), profile_with_slots(1));
  HttpRequest holder = instant_request("/sse");
  holder.headers = {"x-sim-first-event-ms: 400", "x-sim-tokens: 1"};
  std::thread first([&] { CHECK(perform(server->port(), holder).code == CURLE_OK); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto started_ns = ttft::monotonic_ns();
  CHECK(perform(server->port(), instant_request("/sse", {"x-sim-status: 503"})).status == 503);
  CHECK(perform(server->port(), instant_request("/sse", {"x-sim-fault: http-429"})).status == 429);
  CHECK(perform(server->port(), instant_request("/nowhere")).status == 404);
  CHECK(ttft::monotonic_ns() - started_ns < 200 * kNanosPerMs);  // not behind the 400 ms holder
  first.join();
  server->stop();
  for (const json& line : read_log(dir / "log.jsonl")) CHECK(line["queued_ms"].get<double>() == 0);
}
