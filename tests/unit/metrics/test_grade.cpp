// Grading answers: each kind of "expected" on hand cases, with and without ignore_case.
#include <catch2/catch.hpp>

#include "metrics/grade.hpp"

using namespace ttft;
using metrics::ExpectKind;
using metrics::Expected;
using metrics::grade_answer;

TEST_CASE("equals compares the whole answer after trimming surrounding whitespace") {
  const Expected paris{ExpectKind::equals, {"Paris"}, false};
  CHECK(grade_answer(paris, "Paris"));
  CHECK(grade_answer(paris, "  Paris\n"));
  CHECK_FALSE(grade_answer(paris, "paris"));
  CHECK_FALSE(grade_answer(paris, "Paris."));
  CHECK_FALSE(grade_answer(paris, "It is Paris"));
  CHECK_FALSE(grade_answer(paris, ""));
  CHECK(grade_answer(Expected{ExpectKind::equals, {"Paris"}, true}, " PARIS "));
  CHECK(grade_answer(Expected{ExpectKind::equals, {""}, false}, " \n"));
}

TEST_CASE("contains is a substring test, ignore_case folds ASCII only") {
  const Expected paris{ExpectKind::contains, {"Paris"}, false};
  CHECK(grade_answer(paris, "The capital is Paris."));
  CHECK_FALSE(grade_answer(paris, "the capital is paris."));
  CHECK_FALSE(grade_answer(paris, "Lyon"));
  const Expected folded{ExpectKind::contains, {"PARIS"}, true};
  CHECK(grade_answer(folded, "the capital is paris."));
  CHECK_FALSE(grade_answer(Expected{ExpectKind::contains, {"É"}, true}, "é"));  // not ASCII: not folded
}

TEST_CASE("regex searches anywhere in the answer, not a full match") {
  const Expected year{ExpectKind::regex, {"\\b19[0-9]{2}\\b"}, false};
  CHECK(grade_answer(year, "It happened in 1969, in July."));
  CHECK_FALSE(grade_answer(year, "It happened in 2001."));
  CHECK_FALSE(grade_answer(Expected{ExpectKind::regex, {"^yes$"}, false}, "YES"));
  CHECK(grade_answer(Expected{ExpectKind::regex, {"^yes$"}, true}, "YES"));
  CHECK_FALSE(grade_answer(Expected{ExpectKind::regex, {"("}, false}, "("));  // never compiles: wrong
}

TEST_CASE("one_of is equals against any of its values") {
  const Expected either{ExpectKind::one_of, {"4", "four"}, true};
  CHECK(grade_answer(either, "4"));
  CHECK(grade_answer(either, " Four\n"));
  CHECK_FALSE(grade_answer(either, "It is four"));
  CHECK_FALSE(grade_answer(either, "5"));
}

TEST_CASE("regex_error names what std::regex rejects") {
  CHECK_FALSE(metrics::regex_error("a+b", false));
  CHECK_FALSE(metrics::regex_error("[a-z]+", true));
  REQUIRE(metrics::regex_error("(unclosed", false));
  CHECK_FALSE(metrics::regex_error("(unclosed", false)->empty());
  CHECK(metrics::regex_error("a{2,1}", false));
}
