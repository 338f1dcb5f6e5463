// A request volume ("10M/month", "300k/day") and what a target's measured traffic would cost
// per month at that volume, free allowances subtracted (docs/metrics.md ("Cost at a volume")). Pure arithmetic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "cost/pricing.hpp"

namespace ttft::cost {

/// A billing month is taken as 30 days: Workers AI's free neurons are granted per day, and a
/// fixed month keeps figures comparable between runs (a 31-day month is 3% more).
inline constexpr double kDaysPerMonth = 30;

struct Volume {
  double requests_per_month = 0;
  std::string text;  // as the user wrote it
};

/// "<number>[k|M|B]/<month|day|hour>" (e.g. "10M/month", "300k/day", "2.5k/hour") → requests
/// per month; anything else is an error with an empty Error::where for the caller to fill in.
Result<Volume> parse_volume(std::string_view text);

/// What some measured requests were billed, summed: their tokens and their cost.
struct BilledTraffic {
  std::int64_t requests = 0;  // requests the traffic stands for (failed ones included)
  std::int64_t input_tokens = 0, output_tokens = 0;  // billed tokens
  Pusd cost_pusd = 0;                                // request_cost of each, summed
};

struct MonthlyCost {
  double gross_usd = 0;  // the measured cost per request × requests per month
  double free_usd = 0;   // free allowance used (neurons free_per_day × kDaysPerMonth), ≤ neuron spend
  double net_usd = 0;    // gross − free
};

/// The month's bill if `traffic` (requests > 0) is scaled to `requests_per_month`: each
/// request costs what the measured ones cost on average. The free neurons only offset the
/// neuron part of the bill, never the other pricing kinds.
MonthlyCost monthly_cost(const Pricing& pricing, const BilledTraffic& traffic, double requests_per_month);

}  // namespace ttft::cost
