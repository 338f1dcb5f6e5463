// Policy texts: every form, its defaults, and errors that name the text and what is wrong.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "whatif/policy.hpp"

using ttft::whatif::parse_policy;
using ttft::whatif::PolicyKind;

namespace {

const std::vector<std::string> kTargets = {"edge", "central", "backup"};

std::string error_of(const std::string& text) {
  const auto parsed = parse_policy(text, kTargets);
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error().where + ": " + parsed.error().message;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// Parses `text`, which must be valid, and checks its kind and targets.
ttft::whatif::Policy parsed_as(const std::string& text, PolicyKind kind, const std::string& first,
                               const std::string& second) {
  const auto p = parse_policy(text, kTargets);
  REQUIRE(p.has_value());
  CHECK(p->kind == kind);
  CHECK(p->first == first);
  CHECK(p->second == second);
  CHECK(p->text == text);
  return *p;
}

}  // namespace

TEST_CASE("edge-first with a timeout and a fallback target") {
  CHECK(parsed_as("edge-first timeout=300ms fallback=central", PolicyKind::fallback, "edge", "central").after_ns ==
        300'000'000);
  CHECK(parsed_as("central-first fallback=edge timeout=1s", PolicyKind::fallback, "central", "edge").after_ns ==
        1'000'000'000);
}

TEST_CASE("hedge defaults to the first two targets in scenario order, or names them") {
  CHECK(parsed_as("hedge after=250ms", PolicyKind::hedge, "edge", "central").after_ns == 250'000'000);
  parsed_as("hedge first=central second=backup after=1s", PolicyKind::hedge, "central", "backup");
  // The first target in scenario order that is not `first`.
  parsed_as("hedge first=central after=1s", PolicyKind::hedge, "central", "edge");
}

TEST_CASE("split by input tokens") {
  CHECK(parsed_as("split input_tokens<1000 edge else central", PolicyKind::split, "edge", "central")
            .input_tokens_below == 1000);
}

TEST_CASE("bad policy texts are errors naming the text and the problem") {
  CHECK(contains(error_of("edge-first timeout=300ms fallback=cloud"), "unknown target \"cloud\""));
  CHECK(contains(error_of("cloud-first timeout=300ms fallback=edge"), "unknown target \"cloud\""));
  CHECK(contains(error_of("edge-first fallback=central"), "missing timeout="));
  CHECK(contains(error_of("edge-first timeout=300 fallback=central"), "timeout="));
  CHECK(contains(error_of("edge-first timeout=1s"), "missing fallback="));
  CHECK(contains(error_of("edge-first timeout=1s fallback=edge"), "the first target itself"));
  CHECK(contains(error_of("edge-first timeout=1s fallback=central speed=9"), "unexpected \"speed=9\""));
  CHECK(contains(error_of("hedge"), "missing after="));
  CHECK(contains(error_of("hedge first=edge second=edge after=1s"), "two different targets"));
  CHECK(contains(error_of("split input_tokens<lots edge else central"), "positive whole number"));
  CHECK(contains(error_of("split input_tokens<100 edge central"), "split input_tokens<N A else B"));
  CHECK(contains(error_of("round-robin"), "unknown policy \"round-robin\""));
  CHECK(contains(error_of("   "), "empty"));
  CHECK(contains(error_of("round-robin"), "--policy \"round-robin\""));
}
