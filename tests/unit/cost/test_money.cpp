#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include "cost/money.hpp"

using ttft::cost::parse_usd;
using ttft::cost::usd_from_json_number;

TEST_CASE("decimal dollars parse exactly to micro-dollars") {
  CHECK(parse_usd("0.15").value() == 150'000);
  CHECK(parse_usd("0.60").value() == 600'000);
  CHECK(parse_usd("0.011").value() == 11'000);
  CHECK(parse_usd("2").value() == 2'000'000);
  CHECK(parse_usd("0").value() == 0);
  CHECK(parse_usd("0.000001").value() == 1);
  CHECK(parse_usd("007.50").value() == 7'500'000);
  CHECK(parse_usd("0.1500000000").value() == 150'000);  // trailing zeros are not precision
  CHECK(parse_usd("1.5e-3").value() == 1'500);
  CHECK(parse_usd("1e-05").value() == 10);
  CHECK(parse_usd("2.5E+2").value() == 250'000'000);
  CHECK(parse_usd("999999999999.999999").value() == 999'999'999'999'999'999);
}

TEST_CASE("amounts finer than a micro-dollar are errors") {
  for (const char* fine : {"0.0000005", "0.1234567", "5e-7", "1.0000001"}) {
    INFO(fine);
    const auto parsed = parse_usd(fine);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().message.find("more than 6 decimal places") != std::string::npos);
  }
}

TEST_CASE("negative, malformed and huge amounts are errors that quote the input") {
  for (const char* bad : {"", "-0.15", "abc", ".5", "5.", "1,5", "+1", " 1", "1 ", "0x10", "1e",
                          "1e+", "nan", "inf", "1..2", "$1", "1000000000000", "1e30"}) {
    INFO(bad);
    const auto parsed = parse_usd(bad);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().message.find(std::string("\"") + bad + "\"") != std::string::npos);
    CHECK(parsed.error().where.empty());
  }
  CHECK(parse_usd("-1").error().message.find("negative") != std::string::npos);
}

TEST_CASE("JSON numbers go through their shortest decimal form") {
  CHECK(usd_from_json_number(0.15).value() == 150'000);
  CHECK(usd_from_json_number(0.6).value() == 600'000);
  CHECK(usd_from_json_number(0.011).value() == 11'000);
  CHECK(usd_from_json_number(2.0).value() == 2'000'000);
  CHECK(usd_from_json_number(1e-05).value() == 10);  // fmt prints "1e-05"
  CHECK(usd_from_json_number(0.0001).value() == 100);
  CHECK(usd_from_json_number(0.0).value() == 0);
  CHECK(usd_from_json_number(-0.0).value() == 0);
  CHECK(usd_from_json_number(1e6).value() == 1'000'000'000'000);
  CHECK_FALSE(usd_from_json_number(5e-7).has_value());
  CHECK_FALSE(usd_from_json_number(-0.15).has_value());
  CHECK_FALSE(usd_from_json_number(1e300).has_value());
  CHECK_FALSE(usd_from_json_number(std::numeric_limits<double>::quiet_NaN()).has_value());
  CHECK_FALSE(usd_from_json_number(std::numeric_limits<double>::infinity()).has_value());
}

TEST_CASE("pico-dollars convert to dollars for display") {
  CHECK(ttft::cost::pusd_to_usd(450'000'000) == Approx(0.00045));
  CHECK(ttft::cost::pusd_to_usd(1'000'000'000'000) == 1.0);
}
