// libFuzzer target: the --assert grammar (src/gate). Input: one expression. A failure must point
// at a column inside the text (or just past it); an expression that parses must print back
// (expression_for) as text that parses to the same assertion, and evaluating it against a small
// fixed report must give checks whose expressions parse too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gate/evaluate.hpp"
#include "gate/parser.hpp"
#include "report/report_model.hpp"
#include "fuzz_support.hpp"

namespace {

using ttft::gate::Assertion;

ttft::samples::Sample sample(const std::string& target, const std::string& phase, int i, const std::string& error) {
  ttft::samples::Sample s;
  s.target = target;
  s.phase = phase;
  s.error = error;
  if (!error.empty()) return s;
  s.ttft_ns = (100 + 7 * i) * ttft::kNanosPerMs;
  s.first_token_ns = *s.ttft_ns + 5 * ttft::kNanosPerMs;
  s.e2e_ns = *s.ttft_ns + 400 * ttft::kNanosPerMs;
  s.input_tokens = 100;
  s.output_tokens = 200 + i;
  s.decode_tps = 40.0 + i;
  return s;
}

// edge (priced) and central (unpriced), warm and cold, one failure: every kind of figure is
// there, measured or not.
const ttft::report::Report& fixed_report() {
  static const ttft::report::Report report = [] {
    std::vector<ttft::samples::Sample> samples;
    for (int i = 0; i < 6; ++i) {
      samples.push_back(sample("edge", "warm", i, ""));
      samples.push_back(sample("central", "warm", 2 * i, ""));
    }
    samples.push_back(sample("edge", "cold", 1, ""));
    samples.push_back(sample("central", "warm", 0, "http_5xx"));
    ttft::report::RunInfo run;
    run.targets = {"edge", "central"};
    run.phases = {"warm", "cold"};
    run.seed = 1;
    run.pricing["edge"].tokens = ttft::cost::TokenPrices{150'000, 600'000};
    return ttft::report::build_report(samples, run);
  }();
  return report;
}

std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

void check_same(const Assertion& a, const Assertion& b) {
  FUZZ_REQUIRE(a.subject == b.subject);
  FUZZ_REQUIRE(a.target == b.target);
  FUZZ_REQUIRE(a.phase == b.phase);
  FUZZ_REQUIRE(a.metric == b.metric);
  FUZZ_REQUIRE(a.stat == b.stat);
  FUZZ_REQUIRE(a.cost_field == b.cost_field);
  FUZZ_REQUIRE(a.op == b.op);
  FUZZ_REQUIRE(a.threshold == b.threshold);
  FUZZ_REQUIRE(a.value_text == b.value_text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = ttft::gate::parse_assertion(text);
  if (!parsed) {
    FUZZ_REQUIRE(parsed.error().column >= 1);
    FUZZ_REQUIRE(parsed.error().column <= characters(text) + 1);
    FUZZ_REQUIRE(!parsed.error().message.empty());
    FUZZ_REQUIRE(!ttft::gate::to_error(text, parsed.error()).message.empty());
    return 0;
  }
  const Assertion& a = *parsed;
  const auto reparsed = ttft::gate::parse_assertion(ttft::gate::expression_for(a, a.target, a.phase));
  FUZZ_REQUIRE(reparsed.has_value());
  check_same(a, *reparsed);

  const ttft::report::Report& report = fixed_report();
  (void)ttft::gate::check_names(a, report.run.targets, report.run.phases);
  const std::vector<ttft::gate::Check> checks = ttft::gate::evaluate(a, report);
  FUZZ_REQUIRE(!checks.empty());
  for (const ttft::gate::Check& check : checks) {
    FUZZ_REQUIRE(ttft::gate::parse_assertion(check.expression).has_value());
    FUZZ_REQUIRE(!check.detail.empty());
    FUZZ_REQUIRE(!check.passed || check.detail.rfind("measured ", 0) == 0);
    FUZZ_REQUIRE(!ttft::gate::check_line(check).empty());
  }
  FUZZ_REQUIRE(!ttft::gate::checks_markdown(checks).empty());
  return 0;
}
