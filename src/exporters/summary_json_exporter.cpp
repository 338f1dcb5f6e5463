// summary.json: the summary.csv figures plus errors, tokens, costs, A/B verdicts, the client's
// lateness and the metric definitions; grouped, one such summary per group and one overall.
#include <nlohmann/json.hpp>

#include "cost/money.hpp"
#include "exporters/decision_json.hpp"
#include "exporters/json_format.hpp"
#include "exporters/json_numbers.hpp"
#include "exporters/report_exporters.hpp"
#include "exporters/workload_json.hpp"
#include "metrics/definitions.hpp"

namespace ttft::exporters {

using report::GroupedReport;
using report::LatenessSummary;
using report::MetricRow;
using report::Report;
using report::RunInfo;
using report::Verdict;

namespace {

using Json = nlohmann::ordered_json;

constexpr int kGroupedSchemaVersion = 1;

const char* kind_name(cost::BreakEvenKind kind) {
  switch (kind) {
    case cost::BreakEvenKind::crosses:
      return "crosses";
    case cost::BreakEvenKind::a_cheaper:
      return "a_cheaper";
    case cost::BreakEvenKind::b_cheaper:
      return "b_cheaper";
    case cost::BreakEvenKind::same_price:
      return "same_price";
    case cost::BreakEvenKind::unpriced:
      return "unpriced";
  }
  return "unpriced";
}

// "headline" only when the scenario chose another than ttft: files of ttft runs stay as they were.
Json run_json(const RunInfo& run) {
  Json json = {{"run_id", run.run_id},
               {"scenario", {{"name", run.scenario_name}, {"sha256", run.scenario_sha256}}},
               {"seed", run.seed},
               {"interrupted", run.interrupted},
               {"targets", run.targets},
               {"phases", run.phases}};
  if (const std::string headline = report::headline_metric(run); headline != "ttft") json["headline"] = headline;
  return json;
}

Json metrics_json() {
  Json list = Json::array();
  for (const auto& m : metrics::metric_definitions()) {
    list.push_back(
        {{"name", m.name}, {"column", m.column}, {"unit", m.unit}, {"description", m.description}});
  }
  return list;
}

Json row_json(const MetricRow& row) {
  const stats::Summary& s = row.summary;
  return {
      {"target", row.target},
      {"phase", row.phase},
      {"metric", row.metric},
      {"unit", row.unit},
      {"n", row.n},
      {"errors", row.errors},
      {"mean", json_figure(s.mean)},
      {"stdev", json_figure(s.stdev)},
      {"min", json_figure(s.min)},
      {"p50", json_figure(s.p50)},
      {"p95", json_figure(s.p95)},
      {"p99", json_figure(s.p99)},
      {"max", json_figure(s.max)},
      {"p50_ci_low", json_interval_bound(row.p50_ci, false)},
      {"p50_ci_high", json_interval_bound(row.p50_ci, true)},
      {"p95_ci_low", json_interval_bound(row.p95_ci, false)},
      {"p95_ci_high", json_interval_bound(row.p95_ci, true)},
      {"p50_incl_errors", json_figure(row.p50_incl_errors)},
      {"p95_incl_errors", json_figure(row.p95_incl_errors)},
      {"p99_incl_errors", json_figure(row.p99_incl_errors)},
      {"small_n", {{"p50", row.p50_small_n}, {"p95", row.p95_small_n}, {"p99", row.p99_small_n}}}};
}

Json cost_json(const Report& report, const std::string& target) {
  const auto priced = report.run.pricing.find(target);
  const bool has_pricing = priced != report.run.pricing.end() && !priced->second.empty();
  const auto found = report.costs.find(target);
  if (found == report.costs.end()) return nullptr;
  const cost::TargetCost& c = found->second;
  return {{"priced", has_pricing},
          {"input_usd_per_mtok", json_number(c.prices.input_usd_per_mtok)},
          {"output_usd_per_mtok", json_number(c.prices.output_usd_per_mtok)},
          {"per_request_usd", json_number(c.prices.per_request_usd)},
          {"blended_usd_per_mtok", json_number(c.blended_usd_per_mtok)},
          {"usd_per_1k_requests", json_number(c.usd_per_1k_requests)},
          {"run_cost_usd", has_pricing ? json_number(cost::pusd_to_usd(c.run_cost_pusd)) : Json(nullptr)}};
}

void add_per_target(Json& doc, const Report& report) {
  Json errors = Json::object(), tokens = Json::object(), costs = Json::object();
  for (const std::string& target : report.run.targets) {
    Json classes = Json::object();
    if (const auto found = report.errors_by_class.find(target);
        found != report.errors_by_class.end()) {
      for (const auto& [error_class, count] : found->second) classes[error_class] = count;
    }
    errors[target] = std::move(classes);
    const auto c = report.costs.find(target);
    if (c != report.costs.end()) {
      tokens[target] = {{"requests", c->second.requests},
                        {"input_tokens", c->second.input_tokens},
                        {"output_tokens", c->second.output_tokens}};
    }
    costs[target] = cost_json(report, target);
  }
  doc["errors_by_class"] = std::move(errors);
  doc["tokens"] = std::move(tokens);
  doc["costs"] = std::move(costs);
}

void add_comparisons(Json& doc, const Report& report) {
  Json break_evens = Json::array();
  for (const auto& [pair, result] : report.break_evens) {
    break_evens.push_back({{"a", pair.first},
                           {"b", pair.second},
                           {"kind", kind_name(result.kind)},
                           {"input_per_output", json_number(result.input_per_output)},
                           {"note", result.note}});
  }
  Json verdicts = Json::array();
  for (const Verdict& v : report.verdicts) {
    verdicts.push_back({{"phase", v.phase},
                        {"metric", v.metric},
                        {"stat", v.stat},
                        {"a", v.target_a},
                        {"b", v.target_b},
                        {"n_a", v.n_a},
                        {"n_b", v.n_b},
                        {"diff", json_figure(v.diff)},
                        {"ci_low", json_interval_bound(v.ci, false)},
                        {"ci_high", json_interval_bound(v.ci, true)},
                        {"p_value", json_number(v.p_value)},
                        {"significant", v.significant},
                        {"error_rate_a", json_figure(v.error_rate_a)},
                        {"error_rate_b", json_figure(v.error_rate_b)},
                        {"error_p_value", json_number(v.error_p_value)},
                        {"faster_fails_more_often", v.faster_fails_more_often},
                        {"text", v.text}});
  }
  doc["break_evens"] = std::move(break_evens);
  doc["verdicts"] = std::move(verdicts);
  if (report.reasoning_note) {
    doc["reasoning_targets"] = report.reasoning_targets;
    doc["reasoning_note"] = *report.reasoning_note;
  }
}

Json lateness_json(const Report& report) {
  if (!report.run.client_lateness) return nullptr;
  const LatenessSummary& l = *report.run.client_lateness;
  return {{"send_lag_p50_ms", json_number(l.send_lag_p50_ms)},
          {"send_lag_p99_ms", json_number(l.send_lag_p99_ms)},
          {"send_lag_max_ms", json_number(l.send_lag_max_ms)},
          {"wake_p50_ms", json_number(l.wake_p50_ms)},
          {"wake_p99_ms", json_number(l.wake_p99_ms)},
          {"wake_max_ms", json_number(l.wake_max_ms)},
          {"busy_p99_ms", json_number(l.busy_p99_ms)},
          {"busy_max_ms", json_number(l.busy_max_ms)},
          {"note", report.client_error_note ? Json(*report.client_error_note) : Json(nullptr)}};
}

/// One report's summary.json document, with `notes` after schema_version when there are any.
Json summary_doc(const Report& report, const std::vector<std::string>& notes) {
  Json doc = Json::object();
  doc["schema_version"] = kJsonSchemaVersion;
  if (!notes.empty()) doc["notes"] = notes;
  doc["tool_version"] = report.run.tool_version;
  doc["run"] = run_json(report.run);
  doc["samples"] = report.samples;
  doc["errors"] = report.errors;
  doc["metrics"] = metrics_json();
  Json rows = Json::array();
  for (const MetricRow& row : report.rows) rows.push_back(row_json(row));
  doc["rows"] = std::move(rows);
  add_per_target(doc, report);
  add_comparisons(doc, report);
  doc["client_lateness"] = lateness_json(report);
  add_decision_json(doc, report);
  add_workload_json(doc, report);
  return doc;
}

std::string dumped(const Json& doc) {
  return doc.dump(kJsonIndent, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string export_summary_json(const GroupedReport& r) {
  if (r.column.empty()) return dumped(summary_doc(r.overall, r.notes));
  Json doc = Json::object();
  doc["schema_version"] = kGroupedSchemaVersion;
  doc["by"] = r.column;
  if (!r.notes.empty()) doc["notes"] = r.notes;
  doc["groups"] = Json::array();
  for (const auto& [label, report] : r.groups) {
    Json group = Json::object();
    group[r.column] = label;
    group["summary"] = summary_doc(report, {});
    doc["groups"].push_back(std::move(group));
  }
  doc["all"] = summary_doc(r.overall, {});
  return dumped(doc);
}

}  // namespace ttft::exporters
