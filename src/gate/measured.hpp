// One figure read from the report for a check: its value in the threshold's unit and how to
// print it, or why it could not be measured (a failed check whatever the operator).
#pragma once

#include <optional>
#include <string>

namespace ttft::gate {

struct Measured {
  std::optional<double> value;  // in the threshold's unit (see Assertion::threshold)
  std::string text;             // "331.9 ms"; empty until formatted
  std::string missing;          // why value is absent
};

/// `value` with 4 significant digits, or more when 4 would print it equal to a threshold it is
/// not equal to (a FAIL that reads "measured 400 ms" against "< 400ms" would look wrong).
std::string number_text(double value, double threshold);

}  // namespace ttft::gate
