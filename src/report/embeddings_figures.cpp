// Embeddings figures: latency from the report's rows, throughput and cost from the tallies.
#include "report/embeddings_figures.hpp"

#include <algorithm>

#include "cost/money.hpp"
#include "cost/pricing.hpp"

namespace ttft::report {
namespace {

constexpr double kRequestsPerThousand = 1e3;

std::vector<std::string> embeddings_targets(const Report& report, const MetricGroups& groups) {
  std::vector<std::string> targets = report.run.embeddings_targets;
  for (const std::string& target : report.run.targets) {
    const auto all = groups.groups.find(GroupKeyLess::View{target, kAllPhases});
    const bool has_vectors = all != groups.groups.end() && all->second.embeddings.rows > 0;
    if (has_vectors && std::find(targets.begin(), targets.end(), target) == targets.end()) targets.push_back(target);
  }
  return targets;
}

// Workers AI's free neurons a day, in requests like the measured ones (their mean input tokens).
std::optional<double> free_requests_per_day(const cost::Pricing& pricing, const EmbeddingsTally& tally) {
  if (!pricing.neurons || pricing.neurons->free_neurons_per_day <= 0 || tally.rows == 0) return std::nullopt;
  const double tokens_per_request = static_cast<double>(tally.input_tokens) / static_cast<double>(tally.rows);
  const double neurons_per_request =
      tokens_per_request * static_cast<double>(pricing.neurons->input_neurons_per_mtok) / cost::kTokensPerMtok;
  if (neurons_per_request <= 0) return std::nullopt;
  return static_cast<double>(pricing.neurons->free_neurons_per_day) / neurons_per_request;
}

EmbeddingsRow row_of(const Report& report, const MetricGroups& groups, const std::string& target,
                     const std::string& phase) {
  EmbeddingsRow row;
  row.target = target;
  row.phase = phase;
  if (const MetricRow* e2e = find_row(report, target, phase, "e2e")) {
    row.e2e_p50_ms = e2e->summary.p50;
    row.e2e_p95_ms = e2e->summary.p95;
  }
  if (const MetricRow* ttfb = find_row(report, target, phase, "ttfb")) row.ttfb_p50_ms = ttfb->summary.p50;
  const auto found = groups.groups.find(GroupKeyLess::View{target, phase});
  if (found == groups.groups.end()) return row;
  const MetricGroup& group = found->second;
  const EmbeddingsTally& tally = group.embeddings;
  row.requests = group.requests;
  row.errors = group.errors;
  row.dimensions = tally.dimensions;
  row.vectors = tally.vectors;
  if (const auto wall_s = tally.wall.seconds()) row.inputs_per_s = static_cast<double>(tally.vectors) / *wall_s;
  if (tally.priced > 0) {
    const double usd = cost::pusd_to_usd(tally.cost_pusd);
    if (tally.input_tokens > 0) row.usd_per_m_input_tokens = usd / static_cast<double>(tally.input_tokens) * cost::kTokensPerMtok;
    row.usd_per_1k_requests = usd / static_cast<double>(tally.priced) * kRequestsPerThousand;
  }
  if (const auto pricing = report.run.pricing.find(target); pricing != report.run.pricing.end()) {
    row.free_requests_per_day = free_requests_per_day(pricing->second, tally);
  }
  return row;
}

}  // namespace

std::vector<EmbeddingsRow> build_embeddings(const Report& report, const MetricGroups& groups) {
  std::vector<EmbeddingsRow> rows;
  std::vector<std::string> phases = report.run.phases;
  if (phases.size() > 1) phases.emplace_back(kAllPhases);
  for (const std::string& target : embeddings_targets(report, groups)) {
    for (const std::string& phase : phases) rows.push_back(row_of(report, groups, target, phase));
  }
  return rows;
}

}  // namespace ttft::report
