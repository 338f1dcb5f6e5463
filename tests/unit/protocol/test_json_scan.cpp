// The JSON scanner of the adapters' fast path: what it accepts nlohmann accepts too, what it
// hands out (members, strings, counts) equals what nlohmann reads, and what it leaves to
// nlohmann (BOM, deep nesting, huge numbers) it declines rather than guesses.
#include <catch2/catch.hpp>

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "protocol/json_scan.hpp"

using namespace ttft::protocol::json_scan;

namespace {

bool nlohmann_accepts(std::string_view text) {
  return !nlohmann::json::parse(text.begin(), text.end(), nullptr, false).is_discarded();
}

bool scans(std::string_view text) {
  Value root;
  const bool ok = validate(text, root);
  // The one property the fast path rests on: the scanner never accepts what nlohmann rejects.
  if (ok) {
    INFO(text);
    CHECK(nlohmann_accepts(text));
  }
  return ok;
}

Value root_of(std::string_view text) {
  Value root;
  REQUIRE(validate(text, root));
  return root;
}

std::string decoded(std::string_view json_string) {
  std::string out = "prefix:";
  append_string(root_of(json_string), out);
  return out;
}

}  // namespace

TEST_CASE("json_scan: valid documents are accepted, with their kind and exact text") {
  for (const char* text :
       {R"({})", R"([])", R"({"a":1})", R"([1,2,3])", R"({"a":{"b":[true,false,null]}})",
        R"("just a string")", "0", "-0", "12", "-3.25", "1e5", "1E+5", "2.5e-3", "true", "null",
        " \t\r\n{ \"a\" : [ 1 , { } , [ ] ] }\n ", R"({"a":"","b":[[]],"c":{"d":{}}})",
        R"(["\" \\ \/ \b \f \n \r \t \u0000 \u00e9 \uD83D\uDE80"])", "\"caf\xC3\xA9 \xE6\x9D\xB1 \xF0\x9F\x9A\x80\"",
        "1e-400", "1e300", "123456789012345678901234567890"}) {
    INFO(text);
    CHECK(scans(text));
  }
  const Value root = root_of("  {\"a\": [1, 2]}  ");
  CHECK(root.kind == Kind::object);
  CHECK(root.text == "{\"a\": [1, 2]}");
  CHECK(root_of("[]").kind == Kind::array);
  CHECK(root_of("\"x\"").kind == Kind::string);
  CHECK(root_of("-1").kind == Kind::number);
  CHECK(root_of("false").kind == Kind::boolean);
  CHECK(root_of("null").kind == Kind::null);
}

TEST_CASE("json_scan: invalid documents are declined, as nlohmann rejects them") {
  for (const char* text :
       {"", "   ", "{", "}", "[1,]", R"({"a":1,})", R"({"a" 1})", R"({a:1})", R"({"a":1}})",
        R"({"a":1} {"b":2})", "01", "-", "1.", ".5", "1e", "1e+", "+1", "tru", "nul", "truex",
        "NaN", "Infinity", "'a'", "[1 2]", R"({"a":1 "b":2})", R"({,"a":1})", "\"unterminated",
        "\"tab\there\"", "\"nl\nhere\"", R"("\x")",
        R"("\u12")", R"("\u12G4")", R"("\uD800")", R"("\uD800x")", R"("\uD800\u0041")",
        R"("\uDC00")", R"("\uDBFF\uD800")", "\"\xC0\x80\"", "\"\xC1\xBF\"", "\"\xE0\x80\x80\"",
        "\"\xED\xA0\x80\"", "\"\xF0\x80\x80\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xF5\x80\x80\x80\"",
        "\"\x80\"", "\"\xC3\"", "\"\xE6\x9D\"", "\"\xFF\"", "1e400", "-1e400"}) {
    INFO(text);
    CHECK_FALSE(scans(text));
    CHECK_FALSE(nlohmann_accepts(text));
  }
  CHECK_FALSE(scans(std::string("\"nul\0here\"", 10)));
}

TEST_CASE("json_scan: what it leaves to nlohmann is declined, never guessed") {
  // nlohmann accepts these; the fast path simply does not take them.
  const std::string bom = "\xEF\xBB\xBF{}";
  CHECK_FALSE(scans(bom));
  CHECK(nlohmann_accepts(bom));
  const std::string deep = std::string(65, '[') + std::string(65, ']');
  CHECK_FALSE(scans(deep));
  CHECK(nlohmann_accepts(deep));
  const std::string shallow = std::string(64, '[') + std::string(64, ']');
  CHECK(scans(shallow));
  // 10^309 overflows a double (nlohmann: "number overflow"); 10^308 is below DBL_MAX, but the
  // scanner's bound is on written digits, so the largest it takes has 308 of them.
  CHECK_FALSE(scans("1" + std::string(309, '0')));
  CHECK(scans("1" + std::string(307, '0')));
  CHECK_FALSE(scans("1e309"));
  CHECK(scans("9.99e307"));
  CHECK_FALSE(scans("0.5e308"));  // finite, but past the digit bound: declined, not guessed
}

TEST_CASE("json_scan: picked values are captured, the last duplicate winning") {
  enum { kA, kB, kC, kFirst, kFirstC, kBD, kCount };
  constexpr std::array<Pick, kCount> picks = {{
      {kRoot, "a"}, {kRoot, "b"}, {kRoot, "c"}, {kB, {}, true}, {kFirst, "c"}, {kB, "d"}}};
  const PickList list{picks};
  std::array<std::optional<Value>, kCount> picked;
  Value root;
  REQUIRE(validate(R"({"a":1,"x":{"a":2,"c":3},"b":[{"c":4},{"c":5}],"a":"last"})", root, list, picked));
  REQUIRE(picked[kA]);
  CHECK(picked[kA]->kind == Kind::string);
  CHECK(picked[kA]->text == R"("last")");
  REQUIRE(picked[kB]);
  CHECK(picked[kB]->kind == Kind::array);
  CHECK(picked[kB]->text == R"([{"c":4},{"c":5}])");
  CHECK_FALSE(picked[kC]);  // only nested "c"s
  REQUIRE(picked[kFirst]);
  CHECK(picked[kFirst]->text == R"({"c":4})");
  REQUIRE(picked[kFirstC]);
  CHECK(picked[kFirstC]->text == "4");  // the first element's, never the second's
  CHECK_FALSE(picked[kBD]);             // b is an array: its members are not b's keys

  // A later duplicate replaces an earlier one with everything picked inside it.
  REQUIRE(validate(R"({"b":[{"c":1}],"b":[]})", root, list, picked));
  CHECK(picked[kB]->text == "[]");
  CHECK_FALSE(picked[kFirst]);
  CHECK_FALSE(picked[kFirstC]);
  REQUIRE(validate(R"({"b":{"d":1},"b":[{"c":2}]})", root, list, picked));
  CHECK_FALSE(picked[kBD]);
  CHECK(picked[kFirstC]->text == "2");
  // Whitespace around values is not part of them; empty containers are values too.
  REQUIRE(validate(" { \"a\" : { } , \"b\" : [ ] } ", root, list, picked));
  CHECK(picked[kA]->text == "{ }");
  CHECK(picked[kB]->text == "[ ]");

  // An escaped key in an object picks are read from might spell a wanted key ("\u0061" is
  // "a"): declined. Elsewhere it is just a key.
  CHECK_FALSE(validate(R"({"\u0061":1})", root, list, picked));
  CHECK_FALSE(validate(R"({"b":[{"\u0063":1}]})", root, list, picked));
  REQUIRE(validate(R"({"x":{"\u0061":1}})", root, list, picked));
  CHECK(validate(R"({"\u0061":1})", root));  // nothing picked: nothing to be unsure of
  // An array root has no members.
  REQUIRE(validate(R"([{"a":1}])", root, list, picked));
  CHECK_FALSE(picked[kA]);
}

TEST_CASE("json_scan: strings decode as nlohmann decodes them") {
  for (const char* text :
       {R"("plain")", R"("")", R"("a\"b\\c\/d")", R"("\b\f\n\r\t")", R"("\u0041\u00e9\u6771")",
        R"("\uD83D\uDE80 rocket")", R"("\u0000nul")", "\"caf\xC3\xA9\"", R"("\ud83d\ude80")",
        R"("end\\")"}) {
    INFO(text);
    std::string expected = "prefix:" + nlohmann::json::parse(text).get<std::string>();
    CHECK(decoded(text) == expected);
  }
  CHECK(plain_string(root_of(R"("plain é")")) == "plain é");
  CHECK_FALSE(plain_string(root_of(R"("a\nb")")));
}

TEST_CASE("json_scan: a string's special byte is found at every position") {
  // Strings are scanned 16 and 8 bytes at a time: put each kind of byte that ends a plain run
  // at every offset of strings up to 40 bytes, around the word boundaries.
  const std::vector<std::string> specials = {"\\n", "\\\"", "\\u00e9", "\xC3\xA9", "\xF0\x9F\x9A\x80",
                                             "\x01", "\x1F", "\x7F", "\xC3", "\xFF", "\""};
  for (std::size_t length = 0; length <= 40; ++length) {
    for (std::size_t at = 0; at <= length; ++at) {
      for (const std::string& special : specials) {
        const std::string text = "[\"" + std::string(at, 'a') + special + std::string(length - at, 'b') + "\"]";
        INFO(text);
        const bool nlohmann_ok = nlohmann_accepts(text);
        CHECK(scans(text) == nlohmann_ok);
        if (!nlohmann_ok) continue;
        std::string out;
        Value root;
        constexpr std::array<Pick, 1> first = {{{kRoot, {}, true}}};
        const PickList list{first};
        std::array<std::optional<Value>, 1> picked;
        REQUIRE(validate(text, root, list, picked));
        REQUIRE(picked[0]);
        append_string(*picked[0], out);
        CHECK(out == nlohmann::json::parse(text)[0].get<std::string>());
      }
    }
  }
}

TEST_CASE("json_scan: plain_count takes only plain digits that fit an int64") {
  CHECK(plain_count(root_of("0")) == 0);
  CHECK(plain_count(root_of("42")) == 42);
  CHECK(plain_count(root_of("999999999999999999")) == 999999999999999999);
  CHECK_FALSE(plain_count(root_of("1000000000000000000")));  // 19 digits: nlohmann decides
  CHECK_FALSE(plain_count(root_of("-1")));
  CHECK_FALSE(plain_count(root_of("-0")));
  CHECK_FALSE(plain_count(root_of("1.0")));
  CHECK_FALSE(plain_count(root_of("1e2")));
}
