// parse_json_fast accepts exactly what parse_json_line accepts, with the same value, on valid
// texts, and refuses every invalid one (the caller then re-parses for the located error).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scenario/fast_json.hpp"

using namespace ttft::scenario;

TEST_CASE("the fast parser gives the library's value on valid JSON") {
  const std::vector<std::string> valid = {
      R"({"a": "plain text that is longer than one eight-byte word", "b": [1, -2.5e3, true, false, null]})",
      R"({"esc": "q\" b\\ s\/ \b\f\n\r\t u\u00e9 \u6771 pair\ud83d\ude00 end"})",
      "{\"utf8\": \"r\xc3\xa9sum\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80\"}",
      R"(  [ {} , [] , "" , 0 , {"x": {"y": ["z"]}} ]  )",
      R"("just a string")",
      R"({"conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello"}]})",
  };
  for (const std::string& text : valid) {
    INFO(text);
    Json fast;
    REQUIRE(parse_json_fast(text, fast));
    CHECK(fast == Json::parse(text));
    CHECK(fast.dump() == Json::parse(text).dump());  // same key order
  }
}

TEST_CASE("the fast parser refuses what parse_json_line refuses") {
  const std::vector<std::string> invalid = {
      R"({"a": 1,})",          R"({"a" 1})",           R"([1 2])",
      R"({"a": tru})",         R"({"a": "x)",          R"({"a": "bad \x escape"})",
      R"({"a": "\ud800"})",    R"({"a": "\udc00x"})",  R"({"a": "\u12"})",
      R"({"a": 1, "a": 2})",   R"({"a": 01})",         R"({"a": 1e999})",
      R"({} extra)",           "",                     "{\"a\": \"tab\there\"}",
      "{\"a\": \"\xc3\"}",     "{\"a\": \"\xed\xa0\x80\"}",  // cut sequence, encoded surrogate
      "{\"a\": \"\xc0\xaf\"}", "{\"a\": \"\xf4\x90\x80\x80\"}",  // overlong, above U+10FFFF
      R"({'a': 1})",           R"([1,])",
  };
  for (const std::string& text : invalid) {
    INFO(text);
    Json fast;
    CHECK_FALSE(parse_json_fast(text, fast));
    CHECK_FALSE(parse_json_line(text, "x.jsonl:1"));
  }
}

TEST_CASE("the fast parser agrees with the library on every prefix of an entry") {
  const std::string text =
      "{\"id\": \"q1\", \"conversations\": [{\"from\": \"human\", \"value\": \"caf\xc3\xa9 \\\"x\\\" \\u00e9\"}]}";
  for (std::size_t length = 0; length <= text.size(); ++length) {
    const std::string prefix = text.substr(0, length);
    INFO(prefix);
    Json fast;
    const bool fast_ok = parse_json_fast(prefix, fast);
    const auto slow = parse_json_line(prefix, "x.jsonl:1");
    CHECK(fast_ok == static_cast<bool>(slow));
    if (fast_ok && slow) CHECK(fast == *slow);
  }
}
