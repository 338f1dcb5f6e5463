// Running percentiles in bounded memory: a fixed log-bucket histogram (DDSketch's buckets) whose
// type-7 percentiles are within 1% of the exact ones. Pure math, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace ttft::stats {

/// Positive values (any unit) in buckets (gamma^(i-1), gamma^i] with gamma = (1 + a) / (1 - a),
/// a = kRelativeError: each bucket's midpoint 2 gamma^i / (gamma + 1) is within a of every value
/// in it (Masson, Rim & Lee 2019, "DDSketch", VLDB 12(12)). About 1,150 counters cover
/// [kMinValue, kMaxValue]; values outside are counted in the end buckets, and the exact min and
/// max are kept, so a sample of one value, or the 0th and 100th percentile, is exact.
class LogHistogram {
 public:
  static constexpr double kRelativeError = 0.01;
  static constexpr double kMinValue = 1e-3;
  static constexpr double kMaxValue = 1e7;

  LogHistogram();

  /// Counts `value` (NaN is ignored). O(1).
  void add(double value);
  std::int64_t count() const { return count_; }

  /// Percentile p in [0, 100] as stats::percentile defines it (type 7), from the buckets: within
  /// kRelativeError of the exact value when every value lies in [kMinValue, kMaxValue]; nullopt
  /// when empty. O(buckets).
  std::optional<double> percentile(double p) const;

 private:
  std::size_t index_of(double value) const;
  /// The 0-based `rank`-th smallest value, as its bucket's midpoint clamped to [min, max].
  double order_statistic(std::int64_t rank) const;

  std::vector<std::int64_t> counts_;
  std::int64_t count_ = 0;
  double min_ = 0, max_ = 0;
};

}  // namespace ttft::stats
