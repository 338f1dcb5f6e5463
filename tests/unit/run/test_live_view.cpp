// run's live view: the running model fed from rows, the frame for a known state, colour, and the
// terminal redraw (throttled, in place, cleared at the end) on a string stream.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "run/live_view.hpp"
#include "stats/percentile.hpp"

using namespace ttft;
using run::LiveModel;

namespace {

samples::Sample row(const std::string& target, const std::string& phase, std::optional<double> ttft_ms,
                    const std::string& error = "") {
  samples::Sample s;
  s.target = target;
  s.phase = phase;
  s.error = error;
  if (ttft_ms) s.ttft_ns = static_cast<Nanos>(std::llround(*ttft_ms * 1e6));
  return s;
}

// Two targets (edge, central) over two phases; warm's planned count for central unknown.
LiveModel two_by_two() {
  return LiveModel("demo", {"edge", "central"}, {"cold", "warm"}, {{2, 2}, {10, std::nullopt}}, run::TargetPair{0, 1});
}

// edge: cold 100 and 120 ms; warm 40, 50, 60 and an error. central: cold 200 ms; warm 30 ms.
LiveModel known_state() {
  LiveModel model = two_by_two();
  for (const double ms : {100.0, 120.0}) model.record(row("edge", "cold", ms));
  model.record(row("central", "cold", 200.0));
  for (const double ms : {40.0, 50.0, 60.0}) model.record(row("edge", "warm", ms));
  model.record(row("edge", "warm", std::nullopt, "http_5xx"));
  model.record(row("central", "warm", 30.0));
  model.record(row("nobody", "warm", 1.0));  // a target the scenario does not have: ignored
  return model;
}

}  // namespace

TEST_CASE("live model: done, planned and errors per target and phase") {
  const LiveModel model = known_state();
  CHECK(model.group(0, 0).done == 2);
  CHECK(model.group(0, 1).done == 1);
  CHECK(model.group(1, 0).done == 4);
  CHECK(model.group(1, 0).errors == 1);
  CHECK(model.group(1, 0).ttft_ms.count() == 3);  // the error has no TTFT
  CHECK(model.group(1, 1).errors == 0);
  CHECK(model.planned(1, 0) == 10);
  CHECK_FALSE(model.planned(1, 1).has_value());
}

TEST_CASE("live model: running percentiles within 1% of the exact ones over many rows") {
  LiveModel model = two_by_two();
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) {
    const double ms = 20 + std::fmod(i * 7.31, 900.0);
    values.push_back(ms);
    model.record(row("central", "warm", ms));
  }
  for (const double p : {50.0, 95.0}) {
    const double exact = *stats::percentile(values, p);
    CHECK(std::abs(*model.group(1, 1).ttft_ms.percentile(p) - exact) <= 0.01 * exact);
  }
}

TEST_CASE("live model: the A/B difference is the pair's p50 TTFT difference in the phase") {
  const LiveModel model = known_state();
  CHECK(*model.ab_p50_diff_ms(0) == Approx(110.0 - 200.0).epsilon(0.02));
  CHECK(*model.ab_p50_diff_ms(1) == Approx(50.0 - 30.0).epsilon(0.02));
  const LiveModel no_pair("demo", {"edge"}, {"warm"}, {{1}}, std::nullopt);
  CHECK_FALSE(no_pair.ab_p50_diff_ms(0).has_value());
}

TEST_CASE("live A/B pair: the first two streaming chat targets, none with fewer") {
  scenario::Scenario s;
  s.targets.resize(4);
  s.targets[0].kind = scenario::TargetKind::embeddings;
  s.targets[1].stream = false;
  CHECK(run::live_ab_pair(s) == run::TargetPair{2, 3});
  s.targets[3].stream = false;
  CHECK_FALSE(run::live_ab_pair(s).has_value());
}

TEST_CASE("live frame: a known state renders exactly, no escape codes without colour") {
  const LiveModel model = known_state();
  const std::string frame = run::render_live_frame(model, {2500 * kNanosPerMs, 1, {3, 1}, false});
  // The ends of a sample are exact (110 = type 7 between 100 and 120); 50 ms is its bucket's
  // midpoint, 49.9 (within 1%), so edge's warm p95 interpolates 49.9 → 60 to 59.0.
  const std::string expected =
      "live  demo  2.5 s  phase warm (2/2)\n"
      "target   phase   done/planned  in flight  errors    p50 ms    p95 ms\n"
      "edge     cold             2/2                  0     110.0     119.0\n"
      "central  cold             1/2                  0     200.0     200.0\n"
      "edge     warm            4/10          3       1      49.9      59.0\n"
      "central  warm             1/?          1       0      30.0      30.0\n"
      "A/B p50 TTFT in warm: edge − central = +19.9 ms\n";
  CHECK(frame == expected);
  CHECK(frame.find('\x1b') == std::string::npos);
}

TEST_CASE("live frame: colour only when asked, errors in red") {
  const LiveModel model = known_state();
  const std::string frame = run::render_live_frame(model, {0, 1, {0, 0}, true});
  CHECK(frame.rfind("\x1b[1mlive  demo", 0) == 0);
  CHECK(frame.find("\x1b[31m     1\x1b[0m") != std::string::npos);  // edge's one error in warm
  CHECK(frame.find("\x1b[31m     0") == std::string::npos);         // no red for no errors
}

TEST_CASE("live frame: the A/B line says n/a without a pair or before both have a TTFT") {
  const LiveModel single("demo", {"edge"}, {"warm"}, {{1}}, std::nullopt);
  CHECK(run::render_live_frame(single, {0, 0, {0}, false}).find("A/B p50 TTFT: n/a (fewer than two streaming chat targets)\n") !=
        std::string::npos);
  const LiveModel empty = two_by_two();
  CHECK(run::render_live_frame(empty, {0, 0, {0, 0}, false}).find("edge − central = n/a (no TTFT yet)") != std::string::npos);
}

TEST_CASE("live frame: only the current phase and the three before it, the rest counted") {
  const LiveModel model("sweep", {"a", "b"}, {"p1", "p2", "p3", "p4", "p5", "p6"}, {}, run::TargetPair{0, 1});
  const std::string frame = run::render_live_frame(model, {0, 5, {0, 0}, false});
  CHECK(frame.find("(2 earlier phases not shown)\n") != std::string::npos);
  CHECK(frame.find("a       p2 ") == std::string::npos);
  CHECK(frame.find("a       p3 ") != std::string::npos);
  CHECK(frame.find("b       p6 ") != std::string::npos);
  CHECK(frame.find("0/?") != std::string::npos);  // nothing planned given: unknown
}

TEST_CASE("live view on: a terminal's stdout, never quiet, --live/--no-live, else runs over 30 s") {
  using run::LiveMode;
  int estimates = 0;
  const auto long_run = [&] { ++estimates; return 31 * kNanosPerSecond; };
  const auto short_run = [&] { ++estimates; return 30 * kNanosPerSecond; };
  CHECK(run::live_view_on(LiveMode::automatic, true, false, long_run));
  CHECK_FALSE(run::live_view_on(LiveMode::automatic, true, false, short_run));
  CHECK(estimates == 2);
  CHECK(run::live_view_on(LiveMode::on, true, false, short_run));
  CHECK_FALSE(run::live_view_on(LiveMode::off, true, false, long_run));
  CHECK_FALSE(run::live_view_on(LiveMode::on, false, false, long_run));  // not a terminal
  CHECK_FALSE(run::live_view_on(LiveMode::on, true, true, long_run));    // --quiet
  CHECK(estimates == 2);  // estimated only when it decides
}

TEST_CASE("live view: draws at most once a second, in place, and clears itself at the end") {
  std::ostringstream out, err;
  Io io{out, err, true, true, [](const std::string&) { return std::optional<std::string>{}; }};
  run::LiveView view(io, two_by_two(), true, false);
  view.render(0, 0, {1, 0});
  const std::string first = out.str();
  CHECK(first.rfind("live  demo  0 ms  phase cold (1/2)\n", 0) == 0);
  CHECK(std::count(first.begin(), first.end(), '\n') == 5);
  view.record(row("edge", "cold", 100.0));
  view.render(900 * kNanosPerMs, 0, {0, 0});  // under a second since the last frame: nothing
  CHECK(out.str() == first);
  view.render(kNanosPerSecond, 0, {0, 0});
  const std::string second = out.str().substr(first.size());
  CHECK(second.rfind("\x1b[5F\x1b[J", 0) == 0);  // up over the 5 lines drawn, clear, redraw
  CHECK(second.find("edge     cold             1/2") != std::string::npos);
  view.finish();
  CHECK(out.str().substr(first.size() + second.size()) == "\x1b[5F\x1b[J");
  CHECK(err.str().empty());
}

TEST_CASE("live view: disabled, it never writes") {
  std::ostringstream out, err;
  Io io{out, err, false, false, [](const std::string&) { return std::optional<std::string>{}; }};
  run::LiveView view(io, two_by_two(), false, true);
  view.record(row("edge", "cold", 100.0));
  view.render(0, 0, {0, 0});
  view.render(5 * kNanosPerSecond, 0, {0, 0});
  view.finish();
  CHECK(out.str().empty());
}
