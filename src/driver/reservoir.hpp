// A bounded, uniform sample of a stream of durations (Vitter's algorithm R) plus its exact
// count and maximum: the loop records one value per iteration for hours, so its memory must not
// grow with the run. Percentiles of the reservoir estimate those of the whole stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/clock.hpp"

namespace ttft::driver {

class Reservoir {
 public:
  explicit Reservoir(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  void add(Nanos value) {
    ++count_;
    if (value > max_ || count_ == 1) max_ = value;
    if (values_.size() < capacity_) {
      values_.push_back(value);
      return;
    }
    const std::uint64_t slot = next_random() % count_;  // keep with probability capacity / count
    if (slot < capacity_) values_[slot] = value;
  }

  const std::vector<Nanos>& values() const { return values_; }
  std::uint64_t count() const { return count_; }
  Nanos max() const { return max_; }

  static constexpr std::size_t kDefaultCapacity = 1 << 16;

 private:
  std::uint64_t next_random() {  // xorshift64: deterministic, and cheap enough for the hot loop
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }

  std::size_t capacity_;
  std::vector<Nanos> values_;
  std::uint64_t count_ = 0;
  Nanos max_ = 0;
  std::uint64_t state_ = 0x9E3779B97F4A7C15ull;
};

}  // namespace ttft::driver
