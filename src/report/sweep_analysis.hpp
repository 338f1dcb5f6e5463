// What a sweep's points say (docs/metrics.md ("Sweeps")): the TTFT-against-prompt-length line of
// each target and where two targets' lines cross, or the load at which a target saturates. Pure;
// the sentences are made here so every exporter prints the same ones.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/workload_report.hpp"
#include "stats/linear_fit.hpp"

namespace ttft::report {

/// A sweep point "meets the SLO" when at least this share of its requests did.
inline constexpr double kSaturationGoodput = 0.95;
/// Throughput "stops growing" when the next value adds less than this share.
inline constexpr double kSaturationGrowth = 0.10;

/// TTFT = a + b × input tokens from (input tokens, TTFT ms) points: a in ms, b and its interval
/// per 1,000 tokens; nullopt with fewer than two distinct input lengths.
std::optional<LinearFit> ttft_fit(const stats::LinearFitAccumulator& points);

/// Where a's and b's fitted lines cross when that lies inside the input lengths both measured,
/// with the sentence: "edge is faster below 2,150 input tokens, central above (lines cross at
/// 2,150; measured 128 to 16,384)", or which is faster throughout the measured range.
Crossover crossover(const std::string& a_name, const std::optional<LinearFit>& a, const std::string& b_name,
                    const std::optional<LinearFit>& b);

/// A target's saturation point over `points` (in the sweep's order): with an SLO, the highest
/// value whose goodput is at least kSaturationGoodput; without, the first value past which
/// requests_per_s grows by less than kSaturationGrowth (the last value when it never stops).
Saturation saturation(const std::string& target, const std::string& parameter, const std::vector<SweepPoint>& points,
                      bool with_slo);

}  // namespace ttft::report
