// SLO attainment, idle sweep and cost at scale as JSON; durations in seconds (SLO limits in ms),
// money in USD, shares as fractions.
#include "exporters/decision_json.hpp"

#include "core/clock.hpp"
#include "core/duration.hpp"
#include "cost/money.hpp"
#include "exporters/json_numbers.hpp"
#include "metrics/slo.hpp"

namespace ttft::exporters {

using report::CostAtScale;
using report::Goodput;
using report::GoodputRow;
using report::GoodputVerdict;
using report::IdleGap;
using report::IdleThreshold;
using report::Report;
using report::TargetMonth;
using report::ThresholdKind;

namespace {

using Json = nlohmann::ordered_json;

const char* threshold_kind(ThresholdKind kind) {
  switch (kind) {
    case ThresholdKind::between: return "between";
    case ThresholdKind::cold_at_every_gap: return "cold_at_every_gap";
    case ThresholdKind::warm_at_every_gap: return "warm_at_every_gap";
    case ThresholdKind::unknown: return "unknown";
  }
  return "unknown";
}

double seconds(Nanos ns) { return static_cast<double>(ns) / static_cast<double>(kNanosPerSecond); }

Json idle_json(const IdleThreshold& t) {
  Json gaps = Json::array();
  for (const IdleGap& g : t.gaps) {
    gaps.push_back({{"gap_s", seconds(g.gap_ns)}, {"n", g.n}, {"errors", g.errors},
                    {"ttft_p50_ms", json_figure(g.ttft_p50_ms)}, {"idle_p50_s", json_figure(g.idle_p50_s)},
                    {"looks_cold", g.looks_cold}});
  }
  const auto gap_s = [&t](const std::optional<std::size_t>& i) { return i ? Json(seconds(t.gaps[*i].gap_ns)) : Json(nullptr); };
  return {{"target", t.target},       {"warm_n", t.warm_n},
          {"warm_p95_ms", json_figure(t.warm_p95_ms)}, {"gaps", std::move(gaps)},
          {"threshold", threshold_kind(t.kind)}, {"warm_gap_s", gap_s(t.warm_gap)},
          {"cold_gap_s", gap_s(t.cold_gap)},     {"disagreeing_gaps", t.disagreeing},
          {"unknown_idle", t.unknown_idle},      {"text", t.text}};
}

Json usd_or_null(const std::optional<cost::Pusd>& pusd) {
  return pusd ? Json(cost::pusd_to_usd(*pusd)) : Json(nullptr);
}

Json cost_json(const CostAtScale& scale) {
  Json pairs = Json::array();
  for (const cost::RatioTable& pair : scale.pairs) {
    Json rows = Json::array();
    for (const cost::RatioRow& row : pair.rows) {
      rows.push_back({{"input_per_output", static_cast<double>(row.ratio.input) / static_cast<double>(row.ratio.output)},
                      {"input_tokens", row.input_tokens}, {"output_tokens", row.output_tokens},
                      {"a_usd_per_request", usd_or_null(row.a_pusd)}, {"b_usd_per_request", usd_or_null(row.b_pusd)}});
    }
    pairs.push_back({{"a", pair.a}, {"b", pair.b}, {"output_tokens", pair.output_tokens}, {"rows", std::move(rows)},
                     {"break_even_input_per_output", json_number(pair.crossing.input_per_output)},
                     {"note", pair.crossing.note}});
  }
  Json monthly = Json::array();
  for (const TargetMonth& m : scale.monthly) {
    monthly.push_back({{"target", m.target}, {"gross_usd", json_figure(m.month.gross_usd)},
                       {"free_usd", json_figure(m.month.free_usd)}, {"net_usd", json_figure(m.month.net_usd)}});
  }
  return {{"volume", scale.volume.text}, {"requests_per_month", scale.volume.requests_per_month},
          {"days_per_month", cost::kDaysPerMonth}, {"pairs", std::move(pairs)}, {"monthly", std::move(monthly)}};
}

// Each judged phase's bounds in ms: {"warm": {"ttft": 200, "e2e": 8000}}.
Json limits_json(const Report& report) {
  Json limits = Json::object();
  for (const std::string& phase : report.run.phases) {
    const metrics::Slo* slo = report.run.slo.for_phase(phase);
    if (slo == nullptr) continue;
    Json bounds = Json::object();
    for (const metrics::SloBound& bound : slo->bounds) bounds[bound.metric] = to_ms(bound.limit_ns);
    limits[phase] = std::move(bounds);
  }
  return limits;
}

Json goodput_json(const Report& report, const Goodput& goodput) {
  Json rows = Json::array();
  for (const GoodputRow& r : goodput.rows) {
    rows.push_back({{"target", r.target}, {"phase", r.phase}, {"met", r.met}, {"requests", r.requests},
                    {"goodput", json_figure(r.goodput)}, {"ci_low", json_interval_bound(r.ci, false)},
                    {"ci_high", json_interval_bound(r.ci, true)}});
  }
  Json verdicts = Json::array();
  for (const GoodputVerdict& v : goodput.verdicts) {
    verdicts.push_back({{"phase", v.phase}, {"a", v.target_a}, {"b", v.target_b},
                        {"goodput_a", json_figure(v.goodput_a)}, {"goodput_b", json_figure(v.goodput_b)},
                        {"diff", json_figure(v.diff)}, {"ci_low", json_interval_bound(v.ci, false)},
                        {"ci_high", json_interval_bound(v.ci, true)}, {"p_value", json_number(v.p_value)},
                        {"significant", v.significant}, {"text", v.text}});
  }
  return {{"limits_ms", limits_json(report)}, {"goodput", std::move(rows)}, {"verdicts", std::move(verdicts)}};
}

// summary.json's "accuracy" (docs/results.md ("summary.json")).
Json accuracy_json(const report::Accuracy& accuracy) {
  Json rows = Json::array();
  for (const report::AccuracyRow& r : accuracy.rows) {
    rows.push_back({{"target", r.target}, {"phase", r.phase}, {"correct", r.correct}, {"graded", r.graded},
                    {"errors", r.errors}, {"accuracy", json_figure(r.accuracy)},
                    {"ci_low", json_interval_bound(r.ci, false)}, {"ci_high", json_interval_bound(r.ci, true)}});
  }
  Json verdicts = Json::array();
  for (const report::AccuracyVerdict& v : accuracy.verdicts) {
    const report::ShareComparison& c = v.comparison;
    verdicts.push_back({{"phase", v.phase}, {"a", v.target_a}, {"b", v.target_b},
                        {"accuracy_a", json_figure(v.accuracy_a)}, {"accuracy_b", json_figure(v.accuracy_b)},
                        {"diff", json_figure(c.diff)}, {"ci_low", json_interval_bound(c.ci, false)},
                        {"ci_high", json_interval_bound(c.ci, true)}, {"p_value", json_number(c.p_value)},
                        {"significant", c.significant}, {"text", c.text}});
  }
  return {{"rows", std::move(rows)}, {"verdicts", std::move(verdicts)}};
}

}  // namespace

void add_decision_json(Json& doc, const Report& report) {
  if (report.goodput) doc["slo"] = goodput_json(report, *report.goodput);
  if (report.accuracy) doc["accuracy"] = accuracy_json(*report.accuracy);
  if (!report.idle_thresholds.empty()) {
    Json sweep = Json::array();
    for (const IdleThreshold& t : report.idle_thresholds) sweep.push_back(idle_json(t));
    doc["idle_sweep"] = std::move(sweep);
  }
  if (report.cost_at_scale) doc["cost_at_scale"] = cost_json(*report.cost_at_scale);
}

}  // namespace ttft::exporters
