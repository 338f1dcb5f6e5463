// Accuracy from hand-made graded samples: shares, Wilson intervals and the A/B verdict worked out
// by hand (Wilson 8/10 = 0.4902–0.9433; Newcombe 10/10 − 0/10 = 0.6075–1), which rows are graded.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "report/report_model.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

samples::Sample graded(const std::string& target, const std::string& phase, std::optional<bool> correct,
                       const std::string& error = "") {
  samples::Sample s = test::make_sample(target, phase, 100, error);
  s.correct = correct;
  return s;
}

report::RunInfo run_of(std::vector<std::string> targets, std::vector<std::string> phases) {
  report::RunInfo run;
  run.targets = std::move(targets);
  run.phases = std::move(phases);
  return run;
}

}  // namespace

TEST_CASE("accuracy: no graded row, no accuracy") {
  const std::vector<samples::Sample> s = {graded("a", "warm", std::nullopt), graded("b", "warm", std::nullopt)};
  CHECK_FALSE(report::build_report(s, run_of({"a", "b"}, {"warm"})).accuracy);
}

TEST_CASE("accuracy: correct of graded with the Wilson interval, failures and ungraded rows left out") {
  std::vector<samples::Sample> s;
  for (int i = 0; i < 10; ++i) s.push_back(graded("a", "warm", i < 8));
  s.push_back(graded("a", "warm", std::nullopt));            // ungraded prompt
  s.push_back(graded("a", "warm", std::nullopt, "timeout"));  // failed
  for (int i = 0; i < 4; ++i) s.push_back(graded("b", "warm", true));
  const auto report = report::build_report(s, run_of({"a", "b"}, {"cold", "warm"}));
  REQUIRE(report.accuracy);
  const report::AccuracyRow* a = report::find_accuracy(*report.accuracy, "a", "warm");
  REQUIRE(a != nullptr);
  CHECK(a->correct == 8);
  CHECK(a->graded == 10);
  CHECK(a->errors == 1);
  CHECK(*a->accuracy == Approx(0.8));
  CHECK(a->ci->low == Approx(0.4901625).epsilon(1e-6));
  CHECK(a->ci->high == Approx(0.9433178).epsilon(1e-6));
  CHECK(report::find_accuracy(*report.accuracy, "a", "all")->graded == 10);
  CHECK(report::find_accuracy(*report.accuracy, "a", "cold") == nullptr);  // no phase without graded rows
  CHECK(report.accuracy->rows.size() == 4);  // a, b × warm, all
  REQUIRE(report.accuracy->verdicts.size() == 1);  // warm only: "all" would say the same
}

TEST_CASE("accuracy: the A/B verdict, first target minus second, with Newcombe's interval and the z-test") {
  std::vector<samples::Sample> s;
  for (int i = 0; i < 10; ++i) {
    s.push_back(graded("edge", "warm", true));
    s.push_back(graded("central", "warm", false));
  }
  auto report = report::build_report(s, run_of({"edge", "central"}, {"warm"}));
  REQUIRE(report.accuracy);
  REQUIRE(report.accuracy->verdicts.size() == 1);
  const report::AccuracyVerdict& v = report.accuracy->verdicts.front();
  CHECK(v.target_a == "edge");
  CHECK(v.target_b == "central");
  CHECK(*v.comparison.diff == Approx(1.0));
  CHECK(v.comparison.ci->low == Approx(0.6075).margin(1e-4));
  CHECK(v.comparison.ci->high == Approx(1.0));
  // Pooled 0.5: z = 1 / sqrt(0.25 * 0.2) = 4.472, p = erfc(4.472 / sqrt 2) = 7.74e-6.
  CHECK(*v.comparison.p_value == Approx(7.744e-6).epsilon(1e-3));
  CHECK(v.comparison.significant);
  CHECK(v.comparison.text ==
        "warm accuracy: edge answers correctly more often (100.0% vs 0.0%, difference 100 points, 95% CI 61\u2013100 "
        "points, p < 0.001)");

  // 6 of 10 against 5 of 10: no significant difference, the second target higher reads first.
  s.clear();
  for (int i = 0; i < 10; ++i) {
    s.push_back(graded("edge", "warm", i < 5));
    s.push_back(graded("central", "warm", i < 6));
  }
  report = report::build_report(s, run_of({"edge", "central"}, {"warm"}));
  const report::AccuracyVerdict& tie = report.accuracy->verdicts.front();
  CHECK(*tie.comparison.diff == Approx(-0.1));
  CHECK_FALSE(tie.comparison.significant);
  CHECK(tie.comparison.text.rfind("warm accuracy: no significant difference (central 60.0%, edge 50.0%;", 0) == 0);
}

TEST_CASE("accuracy: several graded phases get an all verdict, a target without grades says so") {
  std::vector<samples::Sample> s = {graded("a", "cold", true), graded("a", "warm", false), graded("b", "warm", true)};
  const auto report = report::build_report(s, run_of({"a", "b"}, {"cold", "warm"}));
  REQUIRE(report.accuracy);
  REQUIRE(report.accuracy->verdicts.size() == 3);  // cold, warm, all
  CHECK(report.accuracy->verdicts[0].comparison.text == "cold accuracy: no graded answers from b");
  CHECK(report.accuracy->verdicts[2].phase == "all");
  CHECK(report::find_accuracy(*report.accuracy, "b", "cold")->graded == 0);
  CHECK_FALSE(report::find_accuracy(*report.accuracy, "b", "cold")->accuracy);
}
