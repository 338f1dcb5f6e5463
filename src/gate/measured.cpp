// Printing a measured figure next to its threshold.
#include "gate/measured.hpp"

#include "report/number_format.hpp"

namespace ttft::gate {
namespace {

constexpr int kMinDigits = 4;
constexpr int kMaxDigits = 15;

}  // namespace

std::string number_text(double value, double threshold) {
  for (int digits = kMinDigits; digits < kMaxDigits; ++digits) {
    const std::string text = report::format_significant(value, digits);
    if (value == threshold || text != report::format_significant(threshold, digits)) return text;
  }
  return report::format_significant(value, kMaxDigits);
}

}  // namespace ttft::gate
