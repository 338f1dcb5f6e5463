// What the gate tests share: an expression that must parse, and the one check an assertion
// without wildcards yields.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "gate/evaluate.hpp"
#include "gate/parser.hpp"

namespace ttft::test {

inline gate::Assertion parsed(const std::string& text) {
  auto result = gate::parse_assertion(text);
  INFO(text << " → " << (result ? "" : result.error().message));
  REQUIRE(result);
  return *result;
}

inline gate::Check only_check(std::vector<gate::Check> checks) {
  REQUIRE(checks.size() == 1);
  return std::move(checks.front());
}

/// An expression the parser must refuse, the column it must point at and its message.
struct ParseErrorCase {
  const char* text;
  std::size_t column;
  const char* message;
};

inline void check_parse_errors(const std::vector<ParseErrorCase>& cases) {
  for (const ParseErrorCase& c : cases) {
    INFO(c.text);
    const auto result = gate::parse_assertion(c.text);
    REQUIRE_FALSE(result);
    CHECK(result.error().message == c.message);
    CHECK(result.error().column == c.column);
  }
}

}  // namespace ttft::test
