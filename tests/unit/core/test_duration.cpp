#include <catch2/catch.hpp>

#include "core/duration.hpp"

using ttft::parse_duration;

TEST_CASE("durations parse with every unit") {
  CHECK(parse_duration("250ms").value() == 250'000'000);
  CHECK(parse_duration("30s").value() == 30'000'000'000);
  CHECK(parse_duration("30m").value() == 1'800'000'000'000);
  CHECK(parse_duration("1h").value() == 3'600'000'000'000);
  CHECK(parse_duration("1.5s").value() == 1'500'000'000);
  CHECK(parse_duration("100us").value() == 100'000);
  CHECK(parse_duration("0s").value() == 0);
}

TEST_CASE("durations without a known unit are errors that quote the input") {
  for (const char* bad : {"", "10", "ms", "-5s", "5 s", "5sec", "1e3ms", "5d", "1..2s"}) {
    INFO(bad);
    const auto parsed = parse_duration(bad);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().message.find(std::string("got \"") + bad + "\"") != std::string::npos);
  }
}

TEST_CASE("durations format for humans") {
  CHECK(ttft::format_duration(850'000'000) == "850 ms");
  CHECK(ttft::format_duration(12'340'000'000) == "12.3 s");
  CHECK(ttft::format_duration(245'000'000'000) == "4m05s");
  CHECK(ttft::format_duration(3'720'000'000'000) == "1h02m");
}
