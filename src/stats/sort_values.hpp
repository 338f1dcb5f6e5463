// Ascending sort of finite doubles, much faster than std::sort on the large samples a report
// sorts once per metric and group (a million rows: ~40 sorts of up to a million values).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace ttft::stats {

/// Sorts ascending and keeps its scratch memory between calls, so a report's many sorts
/// allocate (and fault in) their buffers once.
class ValueSorter {
 public:
  /// Sorts `values` (finite) ascending: the order std::sort gives, except that -0.0 and 0.0,
  /// which compare equal, come out with -0.0 first. O(n) for large inputs (an LSD radix sort on
  /// the IEEE-754 bits), std::sort for small ones.
  void sort(std::vector<double>& values);

 private:
  std::vector<std::uint64_t> keys_, scratch_;
};

/// ValueSorter().sort(values).
void sort_values(std::vector<double>& values);

/// The ascending merge of ascending `parts`: what sorting their concatenation gives.
std::vector<double> merge_sorted(const std::vector<std::span<const double>>& parts);

}  // namespace ttft::stats
