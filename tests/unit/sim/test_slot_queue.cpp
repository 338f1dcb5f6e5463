// Serving slots: first come first served, a slot freed by every kind of end, a waiting request
// that leaves freeing nothing, unlimited at 0; and the profile's "slots" key with its errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/profile.hpp"
#include "sim/slot_queue.hpp"

using ttft::sim::SlotQueue;

TEST_CASE("sim slots: requests beyond the slots wait and get them first come first served") {
  SlotQueue slots(2);
  CHECK(slots.arrive(1));
  CHECK(slots.arrive(2));
  CHECK_FALSE(slots.arrive(3));
  CHECK_FALSE(slots.arrive(4));
  CHECK_FALSE(slots.arrive(5));
  CHECK(slots.busy() == 2);
  CHECK(slots.waiting() == 3);
  // Whichever holder ends, the longest-waiting request gets its slot.
  CHECK(slots.leave(2) == std::optional<SlotQueue::Ticket>(3));
  CHECK(slots.holds(3));
  CHECK_FALSE(slots.holds(2));
  CHECK(slots.leave(1) == std::optional<SlotQueue::Ticket>(4));
  CHECK(slots.leave(3) == std::optional<SlotQueue::Ticket>(5));
  CHECK(slots.busy() == 2);
  CHECK(slots.waiting() == 0);
  CHECK(slots.leave(4) == std::nullopt);
  CHECK(slots.busy() == 1);
  CHECK(slots.arrive(6));  // a free slot is taken at once
  CHECK(slots.busy() == 2);
}

TEST_CASE("sim slots: a request that leaves while waiting frees nothing and keeps the order") {
  SlotQueue slots(1);
  REQUIRE(slots.arrive(10));
  REQUIRE_FALSE(slots.arrive(11));
  REQUIRE_FALSE(slots.arrive(12));
  CHECK(slots.leave(11) == std::nullopt);  // gone before its turn
  CHECK(slots.holds(10));
  CHECK(slots.busy() == 1);
  CHECK(slots.waiting() == 1);
  CHECK_FALSE(slots.arrive(13));  // still full: the leaver freed no slot
  CHECK(slots.leave(11) == std::nullopt);  // twice, or unknown: nothing changes
  CHECK(slots.leave(99) == std::nullopt);
  CHECK(slots.busy() == 1);
  CHECK(slots.waiting() == 2);
  CHECK(slots.leave(10) == std::optional<SlotQueue::Ticket>(12));
  CHECK(slots.leave(12) == std::optional<SlotQueue::Ticket>(13));
  CHECK(slots.leave(13) == std::nullopt);
  CHECK(slots.busy() == 0);
  CHECK(slots.arrive(14));
}

TEST_CASE("sim slots: 0 is unlimited") {
  SlotQueue slots(0);
  for (SlotQueue::Ticket ticket = 1; ticket <= 1000; ++ticket) CHECK(slots.arrive(ticket));
  CHECK(slots.busy() == 1000);
  CHECK(slots.waiting() == 0);
  CHECK(slots.leave(500) == std::nullopt);
  CHECK(slots.busy() == 999);
  slots.clear();
  CHECK(slots.busy() == 0);
}

TEST_CASE("sim profile slots: default unlimited, read from JSON, errors located") {
  using ttft::scenario::Json;
  using ttft::scenario::parse_sim_profile;
  const auto edge = ttft::sim::builtin_profile("edge").value();
  CHECK(edge.slots == 0);
  CHECK(ttft::sim::builtin_profile("fast").value().slots == 0);
  const auto four = parse_sim_profile(Json::parse(R"({"slots": 4})"), edge, "p.json", "/t");
  REQUIRE(four.has_value());
  CHECK(four->slots == 4);
  CHECK(four->network_ms == edge.network_ms);
  const auto fractional = parse_sim_profile(Json::parse(R"({"slots": 1.5})"), edge, "p.json", "/t");
  REQUIRE_FALSE(fractional.has_value());
  CHECK(fractional.error().where == "p.json: /t/slots");
  CHECK(fractional.error().message == "expected an integer from 0 to 1000000, got number 1.5");
  const auto negative = parse_sim_profile(Json::parse(R"({"slots": -1})"), edge, "p.json", "/t");
  REQUIRE_FALSE(negative.has_value());
  CHECK(negative.error().where == "p.json: /t/slots");
  CHECK(negative.error().message == "expected an integer from 0 to 1000000, got -1");
}
