#include "stats/log_histogram.hpp"

#include <algorithm>
#include <cmath>

#include "stats/percentile.hpp"

namespace ttft::stats {
namespace {

const double kGamma = (1 + LogHistogram::kRelativeError) / (1 - LogHistogram::kRelativeError);
const double kLogGamma = std::log(kGamma);
// The bucket of kMinValue is index 0: value v goes to ceil(log_gamma(v)) - kFirstKey.
const double kFirstKey = std::ceil(std::log(LogHistogram::kMinValue) / kLogGamma);
const auto kHistogramBuckets = static_cast<std::size_t>(std::ceil(std::log(LogHistogram::kMaxValue) / kLogGamma) - kFirstKey) + 1;

}  // namespace

LogHistogram::LogHistogram() : counts_(kHistogramBuckets, 0) {}

std::size_t LogHistogram::index_of(double value) const {
  const double clamped = std::clamp(value, kMinValue, kMaxValue);
  const double key = std::ceil(std::log(clamped) / kLogGamma) - kFirstKey;
  return std::min(static_cast<std::size_t>(std::max(key, 0.0)), kHistogramBuckets - 1);
}

void LogHistogram::add(double value) {
  if (std::isnan(value)) return;
  ++counts_[index_of(value)];
  min_ = count_ == 0 ? value : std::min(min_, value);
  max_ = count_ == 0 ? value : std::max(max_, value);
  ++count_;
}

double LogHistogram::order_statistic(std::int64_t rank) const {
  if (rank <= 0) return min_;
  if (rank >= count_ - 1) return max_;
  std::int64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen > rank) {
      const double upper = std::exp((static_cast<double>(i) + kFirstKey) * kLogGamma);
      return std::clamp(2 * upper / (kGamma + 1), min_, max_);
    }
  }
  return max_;
}

// Each neighbour is within the relative error of the exact order statistic, so their type-7
// interpolation (a weighted mean with the same weights) is within it of the exact percentile.
std::optional<double> LogHistogram::percentile(double p) const {
  if (count_ == 0) return std::nullopt;
  const Type7Position at = type7_position(static_cast<std::size_t>(count_), p);
  const double lower = order_statistic(static_cast<std::int64_t>(at.low));
  if (at.fraction == 0) return lower;
  return type7_interpolate(lower, order_statistic(static_cast<std::int64_t>(at.low) + 1), at.fraction);
}

}  // namespace ttft::stats
