#include <catch2/catch.hpp>

#include "driver/response_headers.hpp"

using ttft::driver::HeaderList;
using ttft::driver::pop_from_headers;

TEST_CASE("the serving location is read from the headers CDNs and platforms send") {
  CHECK(pop_from_headers({{"CF-RAY", "8a1b2c3d4e5f6a7b-SJC"}}) == "SJC");
  CHECK(pop_from_headers({{"fly-region", "fra"}}) == "fra");
  CHECK(pop_from_headers({{"x-amz-cf-pop", "IAD89-C1"}}) == "IAD89-C1");
  CHECK(pop_from_headers({{"x-vercel-id", "iad1::sfo1::abcde-123"}}) == "iad1");
  CHECK(pop_from_headers({{"x-served-by", "cache-sjc10025-SJC, cache-fra-12-FRA"}}) == "cache-fra-12-FRA");
  CHECK(pop_from_headers({{"content-type", "text/event-stream"}}).empty());
}

TEST_CASE("header lines split into name and value, status lines do not") {
  std::string name, value;
  REQUIRE(ttft::driver::split_header_line("Retry-After:  7 \r\n", name, value));
  CHECK(name == "Retry-After");
  CHECK(value == "7");
  CHECK_FALSE(ttft::driver::split_header_line("HTTP/1.1 200 OK\r\n", name, value));
  CHECK_FALSE(ttft::driver::split_header_line("\r\n", name, value));
  CHECK(ttft::driver::header_value({{"Retry-After", "7"}}, "retry-after") == "7");
}

TEST_CASE("header names compare ignoring case only") {
  CHECK(ttft::driver::iequals("Content-Type", "content-type"));
  CHECK(ttft::driver::iequals("ACCEPT", "accept"));
  CHECK_FALSE(ttft::driver::iequals("Accept", "Accept-Encoding"));
  CHECK_FALSE(ttft::driver::iequals("Expect", "Expecu"));
  CHECK(ttft::driver::iequals("", ""));
}
