// The scenario loader's building blocks: comment stripping, text positions, did-you-mean and
// JSON pointers.
#include <catch2/catch.hpp>

#include "scenario/comments.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/json_pointer.hpp"
#include "scenario/json_syntax.hpp"

using namespace ttft::scenario;

TEST_CASE("comment stripping blanks comments, keeps strings, offsets and newlines") {
  const std::string text = "{\"a\": \"x//y\\\"/*z*/\", // c\n /* b\n c */ \"b\": 1}";
  const StrippedJson out = strip_json_comments(text);
  CHECK_FALSE(out.unterminated_comment_at);
  CHECK(out.text.size() == text.size());
  CHECK(out.text == "{\"a\": \"x//y\\\"/*z*/\",     \n     \n      \"b\": 1}");
  CHECK(strip_json_comments("/*/ x").unterminated_comment_at == 0u);
  CHECK(strip_json_comments("1 /**/").text == "1     ");
  CHECK(strip_json_comments("\"a/*\" /* x").unterminated_comment_at == 6u);
}

TEST_CASE("text positions are 1-based lines and UTF-8 character columns") {
  const std::string text = "ab\n\xC3\xA9x\ny";  // "é" is two bytes, one column
  CHECK(position_at(text, 0).line == 1);
  CHECK(position_at(text, 0).column == 1);
  CHECK(position_at(text, 5).line == 2);
  CHECK(position_at(text, 5).column == 2);
  CHECK(position_at(text, 7).line == 3);
  CHECK(position_at(text, 99).column == 2);
}

TEST_CASE("did-you-mean: edit distance up to 2 or a prefix, else the list") {
  const std::vector<std::string> keys = {"name", "requests", "duration",
                                         "idle", "interval", "rate"};
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(closest_match("intervall", keys) == "interval");
  CHECK(closest_match("Interval", keys) == "interval");
  CHECK(closest_match("interv", keys) == "interval");
  CHECK(closest_match("requ", keys) == "requests");
  CHECK(closest_match("colour", keys) == std::nullopt);
  CHECK(suggestion_hint("rat", keys, "allowed keys") == "did you mean \"rate\"?");
  CHECK(suggestion_hint("xyzzy", keys, "allowed keys") ==
        "allowed keys: name, requests, duration, idle, interval, rate");
}

TEST_CASE("JSON pointer tokens are escaped as RFC 6901 says: ~ first, then /") {
  CHECK(escape_pointer_token("edge") == "edge");
  CHECK(escape_pointer_token("a/b") == "a~1b");
  CHECK(escape_pointer_token("a~b") == "a~0b");
  CHECK(escape_pointer_token("~1") == "~01");  // a literal "~1", not an escaped "/"
  CHECK(escape_pointer_token("/~/") == "~1~0~1");
  CHECK(escape_pointer_token("") == "");
  CHECK(pointer_child("/targets", "a/b") == "/targets/a~1b");
  CHECK(pointer_child("", "x~y") == "/x~0y");
  CHECK(pointer_child("/phases", std::size_t{2}) == "/phases/2");
}
