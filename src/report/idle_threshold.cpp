// The idle-sweep analysis: match cold samples to gaps, classify gaps, find the best split.
#include "report/idle_threshold.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/duration.hpp"
#include "report/number_format.hpp"
#include "stats/percentile.hpp"

namespace ttft::report {
namespace {

constexpr double kShortestIdleS = 1e-3;  // keeps the log of a zero idle time finite
constexpr double kWarmPercentile = 95;

std::size_t nearest_gap(const std::vector<Nanos>& gaps_ns, double idle_s) {
  const double idle = std::log(std::max(idle_s, kShortestIdleS));
  std::size_t best = 0;
  for (std::size_t g = 1; g < gaps_ns.size(); ++g) {
    const auto distance = [&](std::size_t i) {
      return std::abs(idle - std::log(std::max(static_cast<double>(gaps_ns[i]) / 1e9, kShortestIdleS)));
    };
    if (distance(g) < distance(best)) best = g;
  }
  return best;
}

std::string evidence(const IdleGap& gap) {
  return fmt::format("{} (looks {}: n {}, p50 {} ms)", format_duration(gap.gap_ns), gap.looks_cold ? "cold" : "warm",
                     gap.n, format_readable(gap.ttft_p50_ms));
}

// The split k (gaps [0, k) warm, [k, m) cold) with the fewest gaps on the wrong side; the first
// such k on a tie. `tested` are the indices of the gaps with successful samples.
void place_threshold(IdleThreshold& t, const std::vector<std::size_t>& tested) {
  const std::size_t m = tested.size();
  std::size_t best_k = 0, best_misfits = m + 1;
  for (std::size_t k = 0; k <= m; ++k) {
    std::size_t misfits = 0;
    for (std::size_t i = 0; i < m; ++i) misfits += t.gaps[tested[i]].looks_cold == (i < k) ? 1 : 0;
    if (misfits < best_misfits) {
      best_k = k;
      best_misfits = misfits;
    }
  }
  t.disagreeing = best_misfits;
  if (best_k == 0) {
    t.kind = ThresholdKind::cold_at_every_gap;
    t.text = fmt::format("cold at every gap tested (< {})", format_duration(t.gaps[tested.front()].gap_ns));
  } else if (best_k == m) {
    t.kind = ThresholdKind::warm_at_every_gap;
    // Not "no cold starts": a cold start faster than the warm p95 is not told apart by this rule.
    t.text = fmt::format("no cold starts told apart from warm variation up to {} (no gap's median over the warm "
                         "p95, {} ms)",
                         format_duration(t.gaps[tested.back()].gap_ns), format_readable(t.warm_p95_ms));
  } else {
    t.kind = ThresholdKind::between;
    t.warm_gap = tested[best_k - 1];
    t.cold_gap = tested[best_k];
    t.text = fmt::format("between {} and {}", evidence(t.gaps[*t.warm_gap]), evidence(t.gaps[*t.cold_gap]));
  }
  if (t.disagreeing > 0) t.text += fmt::format("; {} gap(s) disagree with this split", t.disagreeing);
}

}  // namespace

void IdleSweepCollector::add(const samples::Sample& sample) {
  const bool ok = sample.error.empty() && sample.ttft_ns;
  if (!sample.cold) {
    if (ok) warm_ttft_ms_[sample.target].push_back(to_ms(*sample.ttft_ns));
    return;
  }
  if (!sample.idle_before_s) {
    ++unknown_idle_[sample.target];
    return;
  }
  cold_.push_back({name_index(sample.target), name_index(sample.run_id), *sample.idle_before_s,
                   ok ? std::optional(to_ms(*sample.ttft_ns)) : std::nullopt});
}

double scenario_seconds(const TimeScales& scales, const std::string& run_id, double measured_s) {
  const auto scale = scales.find(run_id);
  return scale == scales.end() ? measured_s : measured_s / scale->second;
}

std::size_t IdleSweepCollector::name_index(const std::string& name) {
  const auto found = std::find(names_.begin(), names_.end(), name);  // a few targets and runs
  if (found != names_.end()) return static_cast<std::size_t>(found - names_.begin());
  names_.push_back(name);
  return names_.size() - 1;
}

std::vector<IdleThreshold> IdleSweepCollector::analyze(const std::vector<std::string>& targets,
                                                       const IdleSweepSetup& setup) const {
  std::vector<Nanos> gaps = setup.gaps_ns;
  std::sort(gaps.begin(), gaps.end());
  gaps.erase(std::unique(gaps.begin(), gaps.end()), gaps.end());
  if (gaps.size() < 2) return {};
  std::vector<IdleThreshold> out;
  for (const std::string& target : targets) {
    std::vector<std::vector<double>> ttft(gaps.size()), idle(gaps.size());
    std::vector<std::size_t> errors(gaps.size());
    for (const ColdSample& s : cold_) {
      if (names_[s.target] != target) continue;
      const double idle_s = scenario_seconds(setup.time_scale_by_run, names_[s.run], s.idle_s);
      const std::size_t g = nearest_gap(gaps, idle_s);
      if (!s.ttft_ms) {
        ++errors[g];
        continue;
      }
      ttft[g].push_back(*s.ttft_ms);
      idle[g].push_back(idle_s);
    }
    const auto unknown = unknown_idle_.find(target);
    IdleThreshold t;
    t.target = target;
    t.unknown_idle = unknown == unknown_idle_.end() ? 0 : unknown->second;
    if (const auto warm = warm_ttft_ms_.find(target); warm != warm_ttft_ms_.end()) {
      t.warm_n = warm->second.size();
      t.warm_p95_ms = stats::percentile(warm->second, kWarmPercentile);
    }
    std::vector<std::size_t> tested;
    for (std::size_t g = 0; g < gaps.size(); ++g) {
      IdleGap gap{gaps[g], ttft[g].size(), errors[g], stats::percentile(ttft[g], 50),
                  stats::percentile(idle[g], 50), false};
      gap.looks_cold = gap.ttft_p50_ms && t.warm_p95_ms && *gap.ttft_p50_ms > *t.warm_p95_ms;
      if (gap.n > 0) tested.push_back(g);
      t.gaps.push_back(gap);
    }
    if (tested.empty() && t.unknown_idle == 0) continue;  // this target has no cold samples at all
    if (!t.warm_p95_ms) {
      t.text = "unknown: no warm samples to compare with";
    } else if (tested.empty()) {
      t.text = "unknown: no successful cold sample with a measured idle time";
    } else {
      place_threshold(t, tested);
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace ttft::report
