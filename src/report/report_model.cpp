// build_report: groups samples by target and phase, then derives rows, error counts, costs,
// break-evens, verdicts and the client-lateness note. The only place report figures are made.
//
// Rules: latency statistics use successful samples only (error empty) where the metric was
// measured; `errors` counts the group's failed samples. Each CI's bootstrap seed is
// group_seed(run.seed, {target, phase, metric, "p50"|"p95"}), so a re-render is identical.
#include "report/report_model.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "metrics/definitions.hpp"
#include "report/group_seed.hpp"
#include "report/verdict.hpp"
#include "stats/percentile.hpp"

namespace ttft::report {
namespace {

constexpr double kLatenessWarnFraction = 0.1;  // own p99 lateness vs the fastest median TTFT
constexpr const char* kVerdictMetric = "ttft";

struct Group {
  std::vector<const samples::Sample*> ok;
  std::size_t errors = 0;
};
using GroupKey = std::pair<std::string, std::string>;  // target, phase (or "all")
using Groups = std::map<GroupKey, Group>;

void append_unique(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

Groups group_samples(const std::vector<samples::Sample>& samples) {
  Groups groups;
  for (const samples::Sample& s : samples) {
    for (const std::string& phase : {s.phase, std::string(kAllPhases)}) {
      Group& group = groups[{s.target, phase}];
      if (s.error.empty()) {
        group.ok.push_back(&s);
      } else {
        ++group.errors;
      }
    }
  }
  return groups;
}

std::vector<double> values_of(const Group& group, const metrics::MetricDefinition& metric) {
  std::vector<double> values;
  for (const samples::Sample* s : group.ok) {
    if (const auto value = metric.value(*s)) values.push_back(*value);
  }
  return values;
}

MetricRow make_row(const GroupKey& key, const metrics::MetricDefinition& metric, const Group& group,
                   std::uint64_t run_seed) {
  MetricRow row;
  row.target = key.first;
  row.phase = key.second;
  row.metric = std::string(metric.name);
  row.unit = std::string(metric.unit);
  row.errors = group.errors;
  const std::vector<double> values = values_of(group, metric);
  row.n = values.size();
  row.summary = stats::summarize(values);
  row.p50_ci = stats::bootstrap_ci(
      values, 50, group_seed(run_seed, {key.first, key.second, metric.name, "p50"}));
  row.p95_ci = stats::bootstrap_ci(
      values, 95, group_seed(run_seed, {key.first, key.second, metric.name, "p95"}));
  row.p50_small_n = stats::too_few_for(50, row.n);
  row.p95_small_n = stats::too_few_for(95, row.n);
  row.p99_small_n = stats::too_few_for(99, row.n);
  return row;
}

std::vector<Verdict> make_verdicts(const RunInfo& run, const Groups& groups) {
  static const Group kEmpty;
  const metrics::MetricDefinition& metric = *metrics::find_metric(kVerdictMetric);
  auto group_of = [&](const std::string& target, const std::string& phase) -> const Group& {
    const auto found = groups.find({target, phase});
    return found == groups.end() ? kEmpty : found->second;
  };
  std::vector<Verdict> verdicts;
  for (std::size_t i = 0; i < run.targets.size(); ++i) {
    for (std::size_t j = i + 1; j < run.targets.size(); ++j) {
      for (const std::string& phase : run.phases) {
        const auto a = values_of(group_of(run.targets[i], phase), metric);
        const auto b = values_of(group_of(run.targets[j], phase), metric);
        const VerdictInput input{phase,
                                 std::string(metric.name),
                                 std::string(metric.unit),
                                 run.targets[i],
                                 run.targets[j],
                                 a,
                                 b,
                                 run.seed};
        verdicts.push_back(compare_percentile(input, 50));
        verdicts.push_back(compare_percentile(input, 95));
      }
    }
  }
  return verdicts;
}

void add_costs(Report& report, const Groups& groups) {
  for (const std::string& target : report.run.targets) {
    std::vector<cost::TokenCount> counts;
    if (const auto found = groups.find({target, kAllPhases}); found != groups.end()) {
      for (const samples::Sample* s : found->second.ok) {
        counts.push_back({s->input_tokens.value_or(0), s->output_tokens.value_or(0)});
      }
    }
    const auto priced = report.run.pricing.find(target);
    const cost::Pricing pricing =
        priced == report.run.pricing.end() ? cost::Pricing{} : priced->second;
    report.costs[target] = cost::summarize_cost(pricing, counts);
  }
  const auto& targets = report.run.targets;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    for (std::size_t j = i + 1; j < targets.size(); ++j) {
      const auto pricing_of = [&](const std::string& target) {
        const auto found = report.run.pricing.find(target);
        return found == report.run.pricing.end() ? cost::Pricing{} : found->second;
      };
      report.break_evens.push_back(
          {{targets[i], targets[j]},
           cost::break_even(pricing_of(targets[i]), pricing_of(targets[j]),
                            cost::kDefaultReferenceOutputTokens, targets[i], targets[j])});
    }
  }
}

// A run whose own lateness is large next to the latencies it reports says so (SPEC section 3).
std::optional<std::string> client_error_note(const Report& report) {
  if (!report.run.client_lateness) return std::nullopt;
  const LatenessSummary& own = *report.run.client_lateness;
  std::optional<double> worst;
  for (const auto& figure : {own.send_lag_p99_ms, own.wake_p99_ms, own.busy_p99_ms}) {
    if (figure && (!worst || *figure > *worst)) worst = figure;
  }
  std::optional<double> fastest;
  for (const MetricRow& row : report.rows) {
    if (row.metric != kVerdictMetric || row.phase != kAllPhases || !row.summary.p50) continue;
    if (!fastest || *row.summary.p50 < *fastest) fastest = row.summary.p50;
  }
  if (!worst || !fastest || *worst <= kLatenessWarnFraction * *fastest) return std::nullopt;
  return fmt::format(
      "the client's own lateness (p99 {:.3g} ms) exceeds 10% of the fastest "
      "median time to first token ({:.3g} ms): latencies include client delay",
      *worst, *fastest);
}

}  // namespace

RunInfo with_observed_names(RunInfo run, const std::vector<samples::Sample>& samples) {
  for (const samples::Sample& s : samples) {
    append_unique(run.targets, s.target);
    append_unique(run.phases, s.phase);
  }
  return run;
}

Report build_report(const std::vector<samples::Sample>& samples, const RunInfo& run) {
  Report report;
  report.run = with_observed_names(run, samples);
  const Groups groups = group_samples(samples);
  static const Group kEmpty;
  for (const std::string& target : report.run.targets) {
    std::vector<std::string> phases = report.run.phases;
    phases.emplace_back(kAllPhases);
    for (const std::string& phase : phases) {
      const auto found = groups.find({target, phase});
      const Group& group = found == groups.end() ? kEmpty : found->second;
      for (const metrics::MetricDefinition& metric : metrics::metric_definitions()) {
        report.rows.push_back(make_row({target, phase}, metric, group, report.run.seed));
      }
    }
  }
  for (const samples::Sample& s : samples) {
    ++report.samples;
    if (s.error.empty()) continue;
    ++report.errors;
    ++report.errors_by_class[s.target][s.error];
  }
  add_costs(report, groups);
  report.verdicts = make_verdicts(report.run, groups);
  report.client_error_note = client_error_note(report);
  return report;
}

const MetricRow* find_row(const Report& report, const std::string& target, const std::string& phase,
                          const std::string& metric) {
  for (const MetricRow& row : report.rows) {
    if (row.target == target && row.phase == phase && row.metric == metric) return &row;
  }
  return nullptr;
}

}  // namespace ttft::report
