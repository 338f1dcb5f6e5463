// The confidence router: its policy text and errors, its rule on words and keywords, and a replay
// of the graded fixture tests/fixtures/results/router, whose figures are worked out by hand below.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "results/outputs_file.hpp"
#include "samples/csv_reader.hpp"
#include "whatif/replay.hpp"
#include "whatif/route.hpp"

using namespace ttft::whatif;

namespace {

const std::vector<std::string> kRouteTargets = {"edge", "central"};

Policy route(const std::string& text) {
  auto parsed = parse_policy(text, kRouteTargets);
  REQUIRE(parsed.has_value());
  return *parsed;
}

std::string route_error_of(const std::string& text) {
  const auto parsed = parse_policy(text, kRouteTargets);
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error().where + ": " + parsed.error().message;
}

ttft::cost::Pricing route_prices(ttft::cost::Uusd input_uusd_per_mtok, ttft::cost::Uusd output_uusd_per_mtok) {
  ttft::cost::Pricing pricing;
  pricing.tokens = ttft::cost::TokenPrices{input_uusd_per_mtok, output_uusd_per_mtok};
  return pricing;
}

}  // namespace

TEST_CASE("route: the policy text, with and without keywords") {
  const Policy p = route("route short<12 keywords=Summarize,explain edge else central");
  CHECK(p.kind == PolicyKind::route);
  CHECK(p.first == "edge");
  CHECK(p.second == "central");
  CHECK(p.words_below == 12);
  CHECK(p.keywords == std::vector<std::string>{"summarize", "explain"});
  const Policy plain = route("route short<5 central else edge");
  CHECK(plain.first == "central");
  CHECK(plain.keywords.empty());
}

TEST_CASE("route: bad texts are errors naming the text and the problem") {
  CHECK(route_error_of("route short<x edge else central") ==
        "--policy \"route short<x edge else central\": expected a positive whole number of words after \"<\", got \"x\"");
  CHECK(route_error_of("route short<0 edge else central").find("positive whole number of words") != std::string::npos);
  CHECK(route_error_of("route long<5 edge else central").find("expected \"route short<N keywords=word,word A else B\"") !=
        std::string::npos);
  CHECK(route_error_of("route short<5 edge central").find("A else B") != std::string::npos);
  CHECK(route_error_of("route short<5 words=a edge else central").find("keywords= optional") != std::string::npos);
  CHECK(route_error_of("route short<5 keywords= edge else central") ==
        "--policy \"route short<5 keywords= edge else central\": expected words separated by commas, got \"\"");
  CHECK(route_error_of("route short<5 keywords=a,,b edge else central").find("got \"a,,b\"") != std::string::npos);
  CHECK(route_error_of("route short<5 keywords=why? edge else central").find("got \"why?\"") != std::string::npos);
  CHECK(route_error_of("route short<5 edge else cloud").find("unknown target \"cloud\"") != std::string::npos);
  CHECK(route_error_of("route short<5 edge else edge").find("two different targets") != std::string::npos);
}

TEST_CASE("route: fewer than N words and no keyword as a whole word, in any case, goes first") {
  const Policy p = route("route short<5 keywords=explain,sum edge else central");
  CHECK(word_count("  one\ttwo\nthree  ") == 3);
  CHECK(word_count("") == 0);
  CHECK(routes_to_first(p, "What is 2+2?"));             // 3 words
  CHECK_FALSE(routes_to_first(p, "one two three four five"));  // 5 words: not fewer than 5
  CHECK(routes_to_first(p, "one two three four"));
  CHECK_FALSE(routes_to_first(p, "EXPLAIN: gravity"));    // a keyword, upper case, before a colon
  CHECK_FALSE(routes_to_first(p, "the sum?"));
  CHECK(routes_to_first(p, "explained summary"));         // not whole words
  CHECK(routes_to_first(p, ""));
  CHECK(routes_to_first(p, "café au lait"));
}

// The fixture: edge and central each answered the same four prompts once. Every edge answer took
// 100 ms and is graded correct; every central answer 300 ms and graded wrong; each has 100 input
// and 50 output tokens. Prompts 0, 1 and 3 are short without a keyword ("What is the capital of
// France?", "Name the largest planet.", "Capital of Peru?"); prompt 2 ("Explain: why is the sky
// blue?") holds the keyword, so it goes to central. Each request draws one of the 8 measured
// prompts: 6 go to edge, so a share f ≈ 1/4 of requests go to central.
// Prices: edge $1 in / $2 out per Mtok → $0.0002 an answer; central $3 / $4 → $0.0005.
// By hand:
// - p50 = 100 ms (more than half the answers are edge's), p95 = 300 ms (more than 5% central's);
// - $ per 1,000 requests = 1000 × (0.0002 × (1 − f) + 0.0005 × f) = 0.2 + 0.3 f;
// - accuracy = correct / graded = (1 − f): every answer is graded, only edge's are correct;
// - edge alone: 100% with n = 2000, Wilson's low end n / (n + z²) = 2000 / 2003.8415 = 0.998083;
//   central alone: 0%, high end z² / (n + z²) = 0.001917.
TEST_CASE("route: replayed on the graded fixture, p50, cost per 1,000 and accuracy as worked out by hand") {
  const std::string dir = std::string(TTFT_FIXTURES_DIR) + "/results/router/";
  auto rows = ttft::samples::read_samples_csv(dir + "samples.csv");
  REQUIRE(rows.has_value());
  auto outputs = ttft::results::read_outputs_jsonl(dir + "outputs.jsonl");
  REQUIRE(outputs.has_value());
  const auto prompts = ttft::results::prompts_of_rows(rows->samples, outputs->records);
  REQUIRE(prompts.size() == 8);
  CHECK(prompts[5] == std::optional<std::string>("Explain: why is the sky blue?"));
  const std::map<std::string, ttft::cost::Pricing> pricing = {{"edge", route_prices(1'000'000, 2'000'000)},
                                                              {"central", route_prices(3'000'000, 4'000'000)}};
  const auto pools = build_pools(rows->samples, kRouteTargets, pricing, {"ttft", ""}, prompts);
  const std::vector<Policy> policies = {single_target("edge"), single_target("central"),
                                        route("route short<12 keywords=summarize,explain edge else central")};
  auto outcomes = replay(policies, pools, {2000, 7});
  REQUIRE(outcomes.has_value());
  const Outcome& routed = (*outcomes)[2];
  const double f = static_cast<double>(routed.second_used) / 2000;
  CHECK(f == Approx(0.25).margin(0.04));  // 2,000 draws of a 1-in-4 chance: 0.25 ± 0.01
  CHECK(*routed.p50_ms == Approx(100));
  CHECK(*routed.p95_ms == Approx(300));
  CHECK(*routed.usd_per_1k_requests == Approx(0.2 + 0.3 * f));
  CHECK(routed.accuracy.n == 2000);
  CHECK(routed.accuracy.k == static_cast<std::size_t>(2000 - routed.second_used));
  REQUIRE(routed.accuracy_ci.has_value());
  CHECK(routed.accuracy_ci->low < 1 - f);
  CHECK(routed.accuracy_ci->high > 1 - f);

  const Outcome& edge = (*outcomes)[0];
  CHECK(edge.accuracy.k == 2000);
  // The interval counts the fixture's 4 measured edge answers, not the 2,000 draws of them:
  // Wilson's low end for 4 of 4 is 4 / (4 + 1.96²) = 0.510109.
  CHECK(edge.accuracy_ci->low == Approx(0.510109).epsilon(1e-5));
  CHECK(edge.accuracy_ci->high == 1.0);
  const Outcome& central = (*outcomes)[1];
  CHECK(central.accuracy.k == 0);
  CHECK(central.accuracy.n == 2000);
  CHECK(central.accuracy_ci->high == Approx(0.489891).epsilon(1e-5));  // 1.96² / (4 + 1.96²)
}

TEST_CASE("route: without grades there is no accuracy, and a request without a recorded prompt counts as empty") {
  auto rows = ttft::samples::read_samples_csv(std::string(TTFT_FIXTURES_DIR) + "/results/router/samples.csv");
  REQUIRE(rows.has_value());
  for (auto& sample : rows->samples) sample.correct.reset();
  // No prompts: every drawn prompt is empty, short and without a keyword, so all go to edge.
  const auto pools = build_pools(rows->samples, kRouteTargets, {}, {"ttft", ""});
  auto outcomes = replay({route("route short<3 edge else central")}, pools, {500, 1});
  REQUIRE(outcomes.has_value());
  CHECK(outcomes->front().second_used == 0);
  CHECK(outcomes->front().accuracy.n == 0);
  CHECK_FALSE(outcomes->front().accuracy_ci.has_value());
}
