// Idle sweeps (docs/metrics.md ("Idle threshold")): TTFT against the idle gap before each cold request, per target, and
// an estimate of the target's scale-to-zero threshold with the evidence on each side. Pure.
//
// Rule: a cold sample belongs to the scheduled gap nearest (by ratio) to its measured idle time
// (idle_before_s, scaled back to scenario time by the run's time_scale); samples without a
// measured idle time (a target's first request of the run: it may have had other traffic) are
// left out. A gap "looks cold" when its median TTFT exceeds the target's warm p95 (type 7, over
// the successful samples of its warm phases): a warm request is that slow one time in twenty.
// The threshold lies between the two neighbouring gaps that best separate warm-looking gaps
// (below) from cold-looking ones (above); gaps that disagree with that split are counted. On a
// tie the earlier split wins: a cold start can look warm (edge's cold p50 is under its warm p95
// about 3 times in 10), while a warm request looks cold only 1 time in 20.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "samples/sample.hpp"

namespace ttft::report {

struct IdleGap {
  Nanos gap_ns = 0;                    // as the scenario wrote it (before time_scale)
  std::size_t n = 0, errors = 0;       // successful and failed cold samples matched to it
  std::optional<double> ttft_p50_ms;   // over the successful ones
  std::optional<double> idle_p50_s;    // their measured idle, in scenario seconds
  bool looks_cold = false;
};

enum class ThresholdKind { between, cold_at_every_gap, warm_at_every_gap, unknown };

struct IdleThreshold {
  std::string target;
  std::size_t warm_n = 0;
  std::optional<double> warm_p95_ms;
  std::vector<IdleGap> gaps;                 // every scheduled gap, ascending
  ThresholdKind kind = ThresholdKind::unknown;
  std::optional<std::size_t> warm_gap, cold_gap;  // between: indices into gaps
  std::size_t disagreeing = 0;               // gaps with samples on the wrong side of the split
  std::size_t unknown_idle = 0;              // cold samples left out: no measured idle time
  std::string text;                          // the estimate in words, with its evidence
};

/// run_id → the scenario's time_scale (sim:// demos compress idle gaps); absent = 1.
using TimeScales = std::map<std::string, double>;

/// `measured_s` (idle_before_s) in scenario time: divided by the run's time_scale.
double scenario_seconds(const TimeScales& scales, const std::string& run_id, double measured_s);

/// What the analysis needs from the runs' manifests.
struct IdleSweepSetup {
  std::vector<Nanos> gaps_ns;    // every cold phase's gaps
  TimeScales time_scale_by_run;  // the report's RunInfo::time_scale_by_run
};

/// Keeps what the analysis needs of streamed rows: the cold samples, and the warm TTFTs.
class IdleSweepCollector {
 public:
  void add(const samples::Sample& sample);

  /// One IdleThreshold per target in `targets` with any cold sample; empty unless the setup
  /// has at least two distinct gaps (an idle sweep).
  std::vector<IdleThreshold> analyze(const std::vector<std::string>& targets, const IdleSweepSetup& setup) const;

 private:
  // Targets and run ids are interned: a million-row report keeps hundreds of thousands of these.
  struct ColdSample {
    std::size_t target = 0, run = 0;  // indices into names_
    double idle_s = 0;
    std::optional<double> ttft_ms;  // nullopt: failed (or unmeasured)
  };
  std::size_t name_index(const std::string& name);

  std::vector<std::string> names_;
  std::vector<ColdSample> cold_;
  std::map<std::string, std::vector<double>> warm_ttft_ms_;  // by target, successful only
  std::map<std::string, std::size_t> unknown_idle_;          // by target
};

}  // namespace ttft::report
