// The report model: every figure any exporter shows, computed once from samples and run info.
// Exporters format this model and never compute (STYLE.md, principle 5).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cost/break_even.hpp"
#include "cost/pricing.hpp"
#include "cost/target_cost.hpp"
#include "metrics/slo.hpp"
#include "report/accuracy.hpp"
#include "report/browser_pairs.hpp"
#include "report/cost_at_scale.hpp"
#include "report/goodput.hpp"
#include "report/idle_threshold.hpp"
#include "report/metric_groups.hpp"
#include "report/verdict_types.hpp"
#include "report/workload_report.hpp"
#include "results/lateness.hpp"
#include "results/manifest.hpp"
#include "samples/sample.hpp"
#include "stats/bootstrap.hpp"
#include "stats/summary.hpp"

namespace ttft::report {

/// The client's own lateness over a run, as the manifest records it.
using results::LatenessSummary;

struct RunInfo {
  std::string run_id, scenario_name, scenario_sha256, tool_version;
  std::vector<std::string> targets;              // scenario file order
  std::vector<std::string> phases;               // run order
  std::map<std::string, cost::Pricing> pricing;  // by target; absent = unpriced
  TimeScales time_scale_by_run;                  // each run's time_scale, where not 1
  std::uint64_t seed = 0;
  bool interrupted = false;
  std::optional<LatenessSummary> client_lateness;
  metrics::SloSpec slo;  // the SLO each phase's requests were judged by; empty = none (no goodput)
  std::string headline = "ttft";  // the metric of the headline table and verdicts (scenario "headline")
  std::vector<results::SweepFacts> sweeps;  // the scenario's sweep phases (rows' phases are "<name>@<value>")
  // Targets whose requests do not stream (docs/metrics.md ("Non-streaming targets")): no TTFT; their
  // verdicts compare e2e, and only with each other.
  std::vector<std::string> non_streaming_targets;

  // Embeddings targets (docs/metrics.md ("Embeddings")): no tokens streamed; compared on e2e, with each other only.
  std::vector<std::string> embeddings_targets;
  // (native twin, browser target) pairs (docs/metrics.md ("Browser targets")), in file order.
  std::vector<std::pair<std::string, std::string>> browser_pairs;

  bool is_non_streaming(const std::string& target) const {
    return std::find(non_streaming_targets.begin(), non_streaming_targets.end(), target) != non_streaming_targets.end();
  }
  bool is_embeddings(const std::string& target) const {
    return std::find(embeddings_targets.begin(), embeddings_targets.end(), target) != embeddings_targets.end();
  }
};

inline constexpr const char* kAllPhases = "all";

/// One summary.csv row: a metric of a target in a phase (or "all").
struct MetricRow {
  std::string target, phase, metric, unit;
  std::size_t n = 0;       // successful samples where the metric was measured
  std::size_t errors = 0;  // failed samples of this target and phase
  stats::Summary summary;
  std::optional<stats::Interval> p50_ci, p95_ci;  // 95% seeded percentile bootstrap
  // Over every request, each failure ranked slower than any success (stats::percentile_with_failures);
  // nullopt when that percentile falls among the failures, or there were no requests.
  std::optional<double> p50_incl_errors, p95_incl_errors, p99_incl_errors;
  bool p50_small_n = false, p95_small_n = false, p99_small_n = false;  // stats::too_few_for
};

using TargetPair = std::pair<std::string, std::string>;

struct Report {
  RunInfo run;                  // targets and phases extended with any found only in the samples
  std::vector<MetricRow> rows;  // target × (phases..., "all") × metric, in that nesting
  std::map<std::string, std::map<std::string, std::size_t>> errors_by_class;  // target → class
  std::map<std::string, cost::TargetCost> costs;  // every target; unpriced → empty figures
  std::vector<std::pair<TargetPair, cost::BreakEven>> break_evens;
  std::vector<Verdict> verdicts;
  std::optional<std::string> client_error_note;  // set when the client's own lateness is large
  std::vector<IdleThreshold> idle_thresholds;    // with an idle sweep: docs/metrics.md ("Idle threshold")
  std::optional<CostAtScale> cost_at_scale;      // `report --volume`: docs/metrics.md ("Cost at a volume")
  std::optional<Goodput> goodput;                // with an SLO (run.slo): docs/metrics.md ("Goodput")
  std::optional<Accuracy> accuracy;              // with graded rows: docs/metrics.md ("Accuracy")
  // Targets with a row whose first token was reasoning, in run order; when there are any and the
  // headline is not first_answer, the note saying so, and `verdicts` also holds first_answer's.
  std::vector<std::string> reasoning_targets;
  std::optional<std::string> reasoning_note;
  std::vector<SweepReport> sweeps;  // one per sweep phase as written, in run order (docs/metrics.md ("Sweeps"))
  std::vector<TurnRow> turns;       // target × turn, with conversations (docs/metrics.md ("Conversations"))
  std::vector<EmbeddingsRow> embeddings;  // embeddings target × phase (and "all"): docs/metrics.md ("Embeddings")
  std::vector<BrowserPairRow> browser_pairs;  // "Native vs browser": docs/metrics.md ("Browser targets")
  std::size_t samples = 0, errors = 0;
};

/// `run` with the targets and phases found only in `samples` appended in first-seen order.
RunInfo with_observed_names(RunInfo run, const std::vector<samples::Sample>& samples);

/// Builds every figure from the samples (see report_model.cpp for the rules); deterministic for
/// a given run.seed. Failed samples (non-empty error) never enter latency statistics. Goodput
/// judges each sample by run.slo; verdicts compare headline_metric(run) (and first_answer beside it
/// when a target's first token was reasoning).
Report build_report(const std::vector<samples::Sample>& samples, const RunInfo& run);

/// build_report from samples already grouped (MetricGroupsBuilder), e.g. streamed from a file;
/// the groups must have judged the samples by run.slo.
Report build_report(MetricGroups groups, const RunInfo& run);

/// run.headline when it names a headline metric (ttft, first_token, first_answer); "ttft" otherwise.
std::string headline_metric(const RunInfo& run);

/// The row for target × phase × metric, or nullptr.
const MetricRow* find_row(const Report& report, const std::string& target, const std::string& phase,
                          const std::string& metric);

}  // namespace ttft::report
