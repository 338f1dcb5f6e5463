// LSD radix sort on order-preserving 64-bit keys: for IEEE-754 doubles, flipping the sign bit of
// non-negative values and every bit of negative ones makes unsigned integer order the numeric
// order. One pass counts every digit's histogram; digits all keys share (the exponent's, for
// latencies of one magnitude) are skipped.
#include "stats/sort_values.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

namespace ttft::stats {
namespace {

constexpr std::size_t kRadixMinSize = 512;  // below this std::sort is as fast
constexpr int kDigitBits = 11;              // 2,048 buckets: six passes, counts fit in L2
constexpr int kDigits = (64 + kDigitBits - 1) / kDigitBits;
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
constexpr std::uint64_t kDigitMask = kBuckets - 1;
constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;

std::uint64_t key_of(double value) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  return (bits & kSignBit) != 0 ? ~bits : bits | kSignBit;
}

double value_of(std::uint64_t key) {
  return std::bit_cast<double>((key & kSignBit) != 0 ? key & ~kSignBit : ~key);
}

std::size_t digit_of(std::uint64_t key, int digit) {
  return static_cast<std::size_t>((key >> (kDigitBits * digit)) & kDigitMask);
}

}  // namespace

void ValueSorter::sort(std::vector<double>& values) {
  const std::size_t n = values.size();
  if (n < kRadixMinSize) {
    std::sort(values.begin(), values.end());
    return;
  }
  if (keys_.size() < n) {
    keys_.resize(n);
    scratch_.resize(n);
  }
  std::vector<std::array<std::size_t, kBuckets>> counts(kDigits);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t key = key_of(values[i]);
    keys_[i] = key;
    for (int digit = 0; digit < kDigits; ++digit) ++counts[digit][digit_of(key, digit)];
  }
  std::uint64_t* from = keys_.data();
  std::uint64_t* to = scratch_.data();
  for (int digit = 0; digit < kDigits; ++digit) {
    std::array<std::size_t, kBuckets>& count = counts[digit];
    if (std::find(count.begin(), count.end(), n) != count.end()) continue;  // one bucket holds all
    std::size_t offset = 0;
    for (std::size_t& slot : count) offset += std::exchange(slot, offset);  // counts → starts
    for (std::size_t i = 0; i < n; ++i) to[count[digit_of(from[i], digit)]++] = from[i];
    std::swap(from, to);
  }
  for (std::size_t i = 0; i < n; ++i) values[i] = value_of(from[i]);
}

void sort_values(std::vector<double>& values) { ValueSorter().sort(values); }

std::vector<double> merge_sorted(const std::vector<std::span<const double>>& parts) {
  std::vector<double> merged;
  std::vector<double> next;
  for (const auto part : parts) {
    next.resize(merged.size() + part.size());
    std::merge(merged.begin(), merged.end(), part.begin(), part.end(), next.begin());
    merged.swap(next);
  }
  return merged;
}

}  // namespace ttft::stats
