// Exact money: decimal dollar strings to integer micro-dollars, and pico-dollars back to dollars
// for exporters. Never parses through a double unless the input already was one (JSON numbers).
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "cost/pricing.hpp"

namespace ttft::cost {

constexpr Pusd kPusdPerUusd = 1'000'000;
constexpr Uusd kUusdPerUsd = 1'000'000;
constexpr Pusd kPusdPerUsd = 1'000'000'000'000;

/// Exact non-negative decimal dollars ("0.15", "2", "1.5e-3") → micro-dollars; more than six
/// decimal places (unless only zeros), a sign, garbage or more than 1e12 USD is an error with an
/// empty Error::where for the caller to fill in.
Result<Uusd> parse_usd(std::string_view text);

/// A dollar amount that arrived as a JSON number → micro-dollars, via its shortest round-trip
/// decimal form (0.15 → "0.15", 1e-05 → "1e-05"), then parse_usd.
Result<Uusd> usd_from_json_number(double usd);

/// Pico-dollars as dollars, for exporters and ratios only (never accumulate the result).
constexpr double pusd_to_usd(Pusd pusd) {
  return static_cast<double>(pusd) / static_cast<double>(kPusdPerUsd);
}

}  // namespace ttft::cost
