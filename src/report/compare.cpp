// Baseline against candidate. The statistics are the A/B verdict's (compare_percentile): the same
// bootstrap, Mann-Whitney test and significance rule, with the candidate as "a", so a positive
// difference means the candidate is slower.
#include "report/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "metrics/definitions.hpp"
#include "report/group_seed.hpp"
#include "report/report_model.hpp"
#include "report/verdict.hpp"
#include "stats/percentile.hpp"
#include "stats/sort_values.hpp"

namespace ttft::report {
namespace {

// Fixed, so the same two folders always give the same intervals (the runs' own seeds may differ).
constexpr std::uint64_t kCompareSeed = 0x636f6d70617265ULL;  // "compare"

struct Side {
  std::map<TargetPhase, std::vector<const samples::Sample*>> ok;  // successful rows
  std::map<TargetPhase, std::size_t> rows;                        // every row, failed ones too
};

Side index_rows(const std::vector<samples::Sample>& samples) {
  Side side;
  for (const samples::Sample& s : samples) {
    const TargetPhase key{s.target, s.phase};
    ++side.rows[key];
    if (s.error.empty()) side.ok[key].push_back(&s);
  }
  return side;
}

std::vector<double> values_of(const Side& side, const TargetPhase& key, const metrics::MetricDefinition& metric) {
  std::vector<double> values;
  const auto found = side.ok.find(key);
  if (found == side.ok.end()) return values;
  for (const samples::Sample* s : found->second) {
    if (const auto value = metric.value(*s)) values.push_back(*value);
  }
  return values;
}

// Whether any successful row of `key` on `side` has `metric`.
bool measured(const Side& side, const TargetPhase& key, const metrics::MetricDefinition& metric) {
  const auto found = side.ok.find(key);
  if (found == side.ok.end()) return false;
  return std::any_of(found->second.begin(), found->second.end(),
                     [&](const samples::Sample* s) { return metric.value(*s).has_value(); });
}

// `verdict` compares percentile p of a (the candidate) and b (the baseline).
StatChange stat_change(const Verdict& verdict, const std::vector<double>& a, const std::vector<double>& b, double p,
                       double max_regression) {
  StatChange change;
  change.stat = verdict.stat;
  change.candidate = stats::percentile(a, p);
  change.baseline = stats::percentile(b, p);
  change.small_n = stats::too_few_for(p, std::min(a.size(), b.size()));
  if (!verdict.diff || !verdict.ci || !change.baseline || *change.baseline <= 0) return change;
  const double base = *change.baseline;
  change.change = *verdict.diff / base;
  change.change_ci = stats::Interval{verdict.ci->low / base, verdict.ci->high / base};
  change.significant = verdict.significant;
  change.regression = verdict.significant && *change.change > max_regression;
  change.improvement = verdict.significant && *change.change < 0;
  return change;
}

std::string missing_note(std::size_t n_baseline, std::size_t n_candidate) {
  if (n_baseline == 0 && n_candidate == 0) return "no successful samples";
  if (n_baseline == 0) return "no successful samples in the baseline";
  if (n_candidate == 0) return "no successful samples in the candidate";
  return fmt::format("too few samples (n = {})", std::min(n_baseline, n_candidate));
}

MetricChange metric_change(const TargetPhase& key, const metrics::MetricDefinition& metric, const Side& baseline,
                           const Side& candidate, double max_regression) {
  const std::vector<double> a = values_of(candidate, key, metric);
  const std::vector<double> b = values_of(baseline, key, metric);
  MetricChange row;
  row.target = key.first;
  row.phase = key.second;
  row.metric = std::string(metric.name);
  row.unit = std::string(metric.unit);
  row.n_baseline = b.size();
  row.n_candidate = a.size();
  // Sorted once here rather than in each of the two compare_percentile calls.
  std::vector<double> sorted_a = a, sorted_b = b;
  stats::sort_values(sorted_a);
  stats::sort_values(sorted_b);
  // compare reports latencies only; error rates are left out (zero of zero requests).
  const VerdictInput input{key.second, row.metric, row.unit, "candidate", "baseline", a, b,
                           group_seed(kCompareSeed, {key.first}), sorted_a, sorted_b, {}, {}};
  const Verdict p50 = compare_percentile(input, 50);
  row.p50 = stat_change(p50, a, b, 50, max_regression);
  row.p95 = stat_change(compare_percentile(input, 95), a, b, 95, max_regression);
  row.p_value = p50.p_value;  // Mann-Whitney tests location: one p-value for both percentiles
  if (std::min(a.size(), b.size()) < kMinVerdictSamples) row.note = missing_note(b.size(), a.size());
  return row;
}

}  // namespace

bool Comparison::any_regression() const {
  return std::any_of(rows.begin(), rows.end(),
                     [](const MetricChange& row) { return row.p50.regression || row.p95.regression; });
}

Comparison compare_runs(const CompareInput& input) {
  Comparison out;
  out.baseline_label = input.baseline_label;
  out.candidate_label = input.candidate_label;
  out.max_regression = input.max_regression;
  RunInfo names;
  names.targets = input.targets;
  names.phases = input.phases;
  names = with_observed_names(with_observed_names(std::move(names), input.baseline), input.candidate);
  const Side baseline = index_rows(input.baseline);
  const Side candidate = index_rows(input.candidate);
  for (const std::string& target : names.targets) {
    for (const std::string& phase : names.phases) {
      const TargetPhase key{target, phase};
      const bool in_baseline = baseline.rows.count(key) != 0;
      const bool in_candidate = candidate.rows.count(key) != 0;
      if (in_baseline != in_candidate) {
        (in_baseline ? out.only_in_baseline : out.only_in_candidate).push_back(key);
      }
      if (!in_baseline || !in_candidate) continue;
      for (const std::string_view name : kCompareMetrics) {
        const metrics::MetricDefinition& metric = *metrics::find_metric(name);
        if (name == kCompareIfMeasured && !measured(baseline, key, metric) && !measured(candidate, key, metric))
          continue;
        out.rows.push_back(metric_change(key, metric, baseline, candidate, input.max_regression));
      }
    }
  }
  return out;
}

}  // namespace ttft::report
