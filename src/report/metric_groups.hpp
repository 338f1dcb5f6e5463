// The samples sorted into target × phase groups (and target × "all"), with each metric's values
// pulled out in one pass: a million rows are ~0.7 GB, so every extra pass over them costs a
// tenth of a second in cache misses alone. Pure; build_report turns the groups into figures.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cost/target_cost.hpp"
#include "metrics/slo.hpp"
#include "report/workload_tally.hpp"
#include "samples/sample.hpp"

namespace ttft::report {

using GroupKey = std::pair<std::string, std::string>;  // target, phase (or kAllPhases)

struct MetricGroup {
  // Per metric, in metrics::metric_definitions() order: the values of the successful samples
  // where it was measured, in sample order.
  std::vector<std::vector<double>> values;
  std::vector<cost::TokenCount> tokens;  // successful samples' tokens; kAllPhases groups only
  std::size_t errors = 0;                // failed samples
  std::size_t requests = 0;              // every sample, failed or not
  std::size_t slo_met = 0;               // samples that met their phase's SLO (metrics::meets_slo)
  std::size_t reasoning_first = 0;       // samples whose first token was reasoning (first_token_kind)
  std::size_t graded = 0, correct = 0;   // samples with `correct` set, and of them those with 1
  SweepTally sweep;                      // samples with a sweep_value; phase groups only
  EmbeddingsTally embeddings;            // successful embeddings samples (with vectors)
  std::vector<double> browser_ttft_ms, browser_paint_ms;  // successful browser rows' page times
};

/// Orders GroupKeys and also finds them by a pair of views, so lookups copy no strings.
struct GroupKeyLess {
  using is_transparent = void;
  using View = std::pair<std::string_view, std::string_view>;
  static View view(const GroupKey& key) { return {key.first, key.second}; }
  static View view(const View& key) { return key; }
  template <class A, class B>
  bool operator()(const A& a, const B& b) const { return view(a) < view(b); }
};

struct MetricGroups {
  std::map<GroupKey, MetricGroup, GroupKeyLess> groups;
  std::vector<std::string> targets, phases;  // as found in the samples, first-seen order
  std::map<std::string, std::map<std::string, std::size_t>> errors_by_class;  // target → class
  std::map<TurnKey, TurnTally> turns;  // samples with a conversation turn
  std::size_t samples = 0, errors = 0;
};

/// The group of `target` in `phase` (or kAllPhases), or nullptr when no sample was in it.
const MetricGroup* find_group(const MetricGroups& groups, std::string_view target, std::string_view phase);

/// Builds MetricGroups one sample at a time, so rows streamed from samples.csv need not be kept.
/// Each sample is judged by its phase's SLO in `slo` as it passes (none: nothing meets one).
class MetricGroupsBuilder {
 public:
  explicit MetricGroupsBuilder(metrics::SloSpec slo = {}) : slo_(std::move(slo)) {}

  /// Counts `sample` in {target, phase} and {target, kAllPhases} (twice in one group when its
  /// phase is named like kAllPhases, as the two are then the same group).
  void add(const samples::Sample& sample);

  MetricGroups take() { return std::move(groups_); }

 private:
  MetricGroup& group_for(const std::string& target, const std::string& phase, bool is_samples_phase);

  // A sample's two groups by its target and phase, found without a map lookup: a run has a
  // handful of these pairs, and a million rows would otherwise make two lookups each.
  struct Route {
    std::string target, phase;
    MetricGroup* phase_group;
    MetricGroup* all_group;
    std::optional<metrics::Slo> slo;  // the phase's, copied: the builder may move
  };
  const Route& route_for(const samples::Sample& sample);

  metrics::SloSpec slo_;
  MetricGroups groups_;
  std::vector<Route> routes_;
  std::size_t last_route_ = 0;
  std::vector<std::optional<double>> values_;  // per metric, of the sample being added
};

/// MetricGroupsBuilder over `samples`, in order, each judged by its phase's SLO in `slo`.
MetricGroups group_metric_values(const std::vector<samples::Sample>& samples, const metrics::SloSpec& slo = {});

}  // namespace ttft::report
