// Volumes and monthly bills. Dollars as doubles are final figures here, never accumulated.
#include "cost/monthly_cost.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "core/check.hpp"
#include "cost/money.hpp"
#include "cost/request_cost.hpp"

namespace ttft::cost {
namespace {

constexpr double kHoursPerDay = 24;
constexpr double kNeuronsPerKilo = 1000;

std::optional<double> multiplier_of(char suffix) {
  switch (suffix) {
    case 'k': case 'K': return 1e3;
    case 'M': return 1e6;
    case 'B': case 'G': return 1e9;
    default: return std::nullopt;
  }
}

std::optional<double> periods_per_month(std::string_view period) {
  if (period == "month" || period == "mo") return 1.0;
  if (period == "day" || period == "d") return kDaysPerMonth;
  if (period == "hour" || period == "h") return kDaysPerMonth * kHoursPerDay;
  return std::nullopt;
}

}  // namespace

Result<Volume> parse_volume(std::string_view text) {
  const auto bad = [&text](std::string_view what) {
    return fail("", fmt::format("{} in \"{}\"", what, text),
                "write requests per period, e.g. \"10M/month\", \"300k/day\" or \"2.5k/hour\"");
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return bad("expected a \"/month\", \"/day\" or \"/hour\"");
  std::string_view count = text.substr(0, slash);
  const auto per_month = periods_per_month(text.substr(slash + 1));
  if (!per_month) return bad("expected the period to be month, day or hour");
  double multiplier = 1;
  if (!count.empty()) {
    if (const auto m = multiplier_of(count.back())) {
      multiplier = *m;
      count.remove_suffix(1);
    }
  }
  double number = 0;
  const auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), number);
  if (count.empty() || ec != std::errc() || end != count.data() + count.size()) {
    return bad("expected a number of requests (with an optional k, M or B)");
  }
  const double requests = number * multiplier * *per_month;
  if (!std::isfinite(requests) || requests <= 0 || requests > 1e15) {
    return bad("expected a positive number of requests up to 1e15 a month");
  }
  return Volume{requests, std::string(text)};
}

MonthlyCost monthly_cost(const Pricing& pricing, const BilledTraffic& traffic, double requests_per_month) {
  TTFT_CHECK(traffic.requests > 0, "a monthly cost needs measured requests");
  const double scale = requests_per_month / static_cast<double>(traffic.requests);
  MonthlyCost month;
  month.gross_usd = pusd_to_usd(traffic.cost_pusd) * scale;
  if (pricing.neurons && pricing.neurons->free_neurons_per_day > 0) {
    Pricing neurons_only;
    neurons_only.neurons = pricing.neurons;
    const double neuron_usd =
        pusd_to_usd(request_cost(neurons_only, traffic.input_tokens, traffic.output_tokens)) * scale;
    const double free_usd = static_cast<double>(pricing.neurons->free_neurons_per_day) * kDaysPerMonth *
                            static_cast<double>(pricing.neurons->uusd_per_1k_neurons) /
                            static_cast<double>(kUusdPerUsd) / kNeuronsPerKilo;
    month.free_usd = std::min(free_usd, neuron_usd);
  }
  month.net_usd = month.gross_usd - month.free_usd;
  return month;
}

}  // namespace ttft::cost
