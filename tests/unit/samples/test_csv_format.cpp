#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sample_factory.hpp"
#include "samples/csv_format.hpp"

using namespace ttft::samples;

TEST_CASE("the header is the samples.csv columns of docs/results.md in order, the appended ones last") {
  CHECK(header_row() ==
        "run_id,region,shard,phase,cold,seq,target,protocol,model,request_id,started_at,"
        "send_lag_ms,idle_before_s,connection_reused,pop,http_status,error,error_detail,dns_ms,"
        "connect_ms,tls_ms,ttfb_ms,ttft_ms,first_token_ms,e2e_ms,input_tokens,output_tokens,"
        "token_source,events,itl_p50_ms,itl_p95_ms,decode_tps,cost_usd,first_token_kind,"
        "first_answer_ms,reasoning_tokens,cached_input_tokens,cache_write_tokens,http_version,"
        "input_tokens_requested,max_tokens_requested,sweep_value,conversation,turn,"
        "vectors,dimensions,correct,browser_ttft_ms,browser_paint_ms\n");
}

TEST_CASE("milliseconds have exactly three decimals rounded to the microsecond") {
  CHECK(format_ms(50'312'000) == "50.312");
  CHECK(format_ms(50'312'499) == "50.312");
  CHECK(format_ms(50'312'500) == "50.313");
  CHECK(format_ms(0) == "0.000");
  CHECK(format_ms(7'000'000'000) == "7000.000");
  CHECK(format_ms(-4'000) == "-0.004");
  CHECK(format_ms(-400) == "0.000");
}

TEST_CASE("integers and milliseconds keep every digit at the int64 extremes") {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  CHECK(format_ms(kMin) == "-9223372036854.776");
  CHECK(format_ms(kMax) == "9223372036854.776");
  auto sample = ttft::test::empty_sample();
  sample.seq = kMin;
  CHECK(format_row(sample).find(",-9223372036854775808,") != std::string::npos);
  sample.seq = kMax;
  CHECK(format_row(sample).find(",9223372036854775807,") != std::string::npos);
}

TEST_CASE("pico-dollars print as exact dollars with trailing zeros trimmed") {
  CHECK(format_pusd_as_usd(123'456'789) == "0.000123456789");
  CHECK(format_pusd_as_usd(2'000'000'000'000) == "2");
  CHECK(format_pusd_as_usd(1'500'000'000'000) == "1.5");
  CHECK(format_pusd_as_usd(0) == "0");
  CHECK(format_pusd_as_usd(-500'000'000'000) == "-0.5");
}

TEST_CASE("fields with a comma or quote or CR or LF are quoted with quotes doubled") {
  CHECK(csv_quote("plain text") == "plain text");
  CHECK(csv_quote("a,b") == "\"a,b\"");
  CHECK(csv_quote("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_quote("one\ntwo") == "\"one\ntwo\"");
  CHECK(csv_quote("cr\r") == "\"cr\r\"");
}

TEST_CASE("a full row formats every kind of cell") {
  auto sample = ttft::test::full_sample();
  sample.error_detail = "a, b";
  CHECK(format_row(sample) ==
        "r1,eu-west,2/4,warm,true,17,edge,auto:workers-ai,@cf/meta/llama-3.1-8b-instruct,"
        "r1-edge-warm-17,2026-11-21T10:33:05.123Z,-0.004,61.25,false,FRA,500,http_5xx,\"a, b\","
        "1.250,12.000,30.500,120.000,180.312,181.000,2000.001,120,256,usage,259,7.001,9.999,"
        "140.625,0.000123456789,reasoning,1500.250,200,100,12,2,118,256,0.5,3,2,8,768,0,,\n");
}

TEST_CASE("unmeasured values are empty cells") {
  CHECK(format_row(ttft::test::empty_sample()) ==
        "r1,,,cold,false,0,central,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n");
}

TEST_CASE("decode_tps keeps three decimals and other reals are shortest round-trip") {
  auto sample = ttft::test::empty_sample();
  sample.decode_tps = 1.0 / 3.0;
  sample.idle_before_s = 0.1;
  const std::string row = format_row(sample);
  CHECK(row.find(",0.333,") != std::string::npos);
  CHECK(row.find(",0.1,") != std::string::npos);
}

TEST_CASE("scaled decimals parse exactly and round half away from zero") {
  CHECK(parse_scaled_decimal("50.312", 6) == 50'312'000);
  CHECK(parse_scaled_decimal("-0.004", 6) == -4'000);
  CHECK(parse_scaled_decimal("12", 6) == 12'000'000);
  CHECK(parse_scaled_decimal(".5", 6) == 500'000);
  CHECK(parse_scaled_decimal("0.0000005", 6) == 1);
  CHECK(parse_scaled_decimal("0.0000004", 6) == 0);
  CHECK(parse_scaled_decimal("0.000123456789", 12) == 123'456'789);
  CHECK_FALSE(parse_scaled_decimal("", 6));
  CHECK_FALSE(parse_scaled_decimal("-", 6));
  CHECK_FALSE(parse_scaled_decimal("1e3", 6));
  CHECK_FALSE(parse_scaled_decimal("1.2.3", 6));
  CHECK_FALSE(parse_scaled_decimal("99999999999999999999", 6));
}

TEST_CASE("scaled decimals at the edge of int64: 18 digits unchecked, more checked") {
  CHECK(parse_scaled_decimal("999999999999.999999", 6) == 999'999'999'999'999'999);
  CHECK(parse_scaled_decimal("999999999999.9999995", 6) == 1'000'000'000'000'000'000);
  CHECK(parse_scaled_decimal("-999999999999.99", 6) == -999'999'999'999'990'000);
  CHECK(parse_scaled_decimal("+1.5", 12) == 1'500'000'000'000);
  CHECK(parse_scaled_decimal("9223372036854.775807", 6) == std::numeric_limits<std::int64_t>::max());
  CHECK(parse_scaled_decimal("-9223372036854.775807", 6) == -std::numeric_limits<std::int64_t>::max());
  CHECK_FALSE(parse_scaled_decimal("9223372036854.775808", 6));
  CHECK_FALSE(parse_scaled_decimal("9223372036854.7758075", 6));  // rounds up past the max
  CHECK_FALSE(parse_scaled_decimal("12.3x", 6));
  CHECK_FALSE(parse_scaled_decimal("12.1234567x", 6));  // a bad digit beyond the kept ones
  CHECK_FALSE(parse_scaled_decimal("1-2", 6));
  CHECK_FALSE(parse_scaled_decimal(".", 6));
  CHECK_FALSE(parse_scaled_decimal("-.", 6));
  CHECK(parse_scaled_decimal("5.", 3) == 5'000);
  CHECK(parse_scaled_decimal("0.5", 0) == 1);  // rounding with no decimals kept
  CHECK(parse_scaled_decimal("0.49", 0) == 0);
  CHECK(parse_scaled_decimal("000000000000000000001.5", 6) == 1'500'000);  // long, but small
  CHECK(parse_scaled_decimal(".0000000001234567890123", 20) == 12'345'678'901);  // 20 kept: checked
  CHECK_FALSE(parse_scaled_decimal(".12345678901234567890", 20));  // 20 digits overflow
}

TEST_CASE("a row in another column layout holds those cells only, in that order") {
  const auto sample = ttft::test::full_sample();
  const std::vector<std::size_t> older = {0, 5, 32, 33};  // run_id, seq, cost_usd, first_token_kind
  CHECK(format_row(sample, older) == "r1,17,0.000123456789,reasoning\n");
  const std::vector<std::size_t> reordered = {38, 34, 0};
  CHECK(format_row(sample, reordered) == "2,1500.250,r1\n");
}
