// How numbers are written for people and files: fixed, readable, significant, prose, p-values.
#include <catch2/catch.hpp>

#include "report/number_format.hpp"

using namespace ttft::report;

TEST_CASE("numbers: fixed and readable and significant and p-values") {
  CHECK(format_fixed(1.23456, 3) == "1.235");
  CHECK(format_fixed(-0.0001, 3) == "0.000");
  CHECK(format_fixed(std::nullopt, 3).empty());
  CHECK(format_readable(410.4) == "410");
  CHECK(format_readable(41.34) == "41.3");
  CHECK(format_readable(4.134) == "4.13");
  CHECK(format_readable(0.4134) == "0.41");
  CHECK(format_readable(std::nullopt) == "-");
  CHECK(format_significant(0.15, 4) == "0.15");
  CHECK(format_significant(0.037512, 4) == "0.03751");
  CHECK(format_significant(12345.6, 4) == "12346");
  CHECK(format_significant(0.0, 4) == "0");
  CHECK(format_prose(-20, 183) == "\u221220");
  CHECK(format_prose(1.5, 8.1) == "1.5");
  CHECK(format_prose(1.04, 12) == "1");
  CHECK(format_prose(0.123, 0.5) == "0.12");
  CHECK(format_p_value(0.0004) == "p < 0.001");
  CHECK(format_p_value(0.4123) == "p = 0.41");
  CHECK(format_p_value(0.0412) == "p = 0.041");
  CHECK(format_p_value(1.0) == "p = 1");
}

TEST_CASE("percentages: one decimal, and only none or all read as 0.0% or 100.0%") {
  CHECK(format_percent(0) == "0.0%");
  CHECK(format_percent(1) == "100.0%");
  CHECK(format_percent(0.2) == "20.0%");
  CHECK(format_percent(15.0 / 65) == "23.1%");
  CHECK(format_percent(0.0004) == "<0.1%");
  CHECK(format_percent(0.0006) == "0.1%");
  CHECK(format_percent(0.9996) == ">99.9%");
  CHECK(format_percent(0.999) == "99.9%");
}

TEST_CASE("grouped quantities: thousands separated, optionally rounded") {
  CHECK(format_grouped(16384) == "16,384");
  CHECK(format_grouped(128) == "128");
  CHECK(format_grouped(0.5) == "0.5");
  CHECK(format_grouped(1234567) == "1,234,567");
  CHECK(format_grouped(2153.7, 3) == "2,150");
  CHECK(format_grouped(999.7, 3) == "1,000");
  CHECK(format_grouped(42.137, 3) == "42.1");
  CHECK(format_grouped(-2500) == "-2,500");
  CHECK(format_grouped(std::nullopt) == "-");
}
