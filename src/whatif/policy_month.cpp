// Monthly cost per policy: the sum of its targets' bills, each scaled to the volume.
#include "whatif/policy_month.hpp"

namespace ttft::whatif {

std::optional<cost::MonthlyCost> policy_month(const Outcome& outcome, const cost::Volume& volume,
                                              const std::map<std::string, cost::Pricing>& pricing) {
  if (!outcome.usd_per_1k_requests) return std::nullopt;
  cost::MonthlyCost total;
  for (const auto& [target, billed] : outcome.billed) {
    const auto priced = pricing.find(target);
    if (priced == pricing.end() || billed.requests == 0) continue;
    const cost::MonthlyCost month = cost::monthly_cost(priced->second, billed, volume.requests_per_month);
    total.gross_usd += month.gross_usd;
    total.free_usd += month.free_usd;
    total.net_usd += month.net_usd;
  }
  return total;
}

}  // namespace ttft::whatif
