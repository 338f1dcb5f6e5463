// Sweep points, fits, crossovers, saturation points, turns and embeddings as JSON, figures from the model.
#include "exporters/workload_json.hpp"

#include "exporters/browser_section.hpp"
#include "exporters/embeddings_section.hpp"
#include "exporters/json_numbers.hpp"
#include "exporters/workload_sections.hpp"

namespace ttft::exporters {
namespace {

using Json = nlohmann::ordered_json;

Json point_json(const report::SweepPoint& p) {
  return {{"value", p.value},
          {"phase", p.phase},
          {"requests", p.requests},
          {"errors", p.errors},
          {"ttft_p50_ms", json_figure(p.ttft_p50_ms)},
          {"ttft_p95_ms", json_figure(p.ttft_p95_ms)},
          {"headline_p50_ms", json_figure(p.headline_p50_ms)},
          {"headline_p95_ms", json_figure(p.headline_p95_ms)},
          {"goodput", json_figure(p.goodput)},
          {"wall_s", json_figure(p.wall_s)},
          {"requests_per_s", json_figure(p.requests_per_s)},
          {"output_tokens_per_s", json_figure(p.output_tokens_per_s)}};
}

Json fit_json(const std::optional<report::LinearFit>& fit) {
  if (!fit) return nullptr;
  return {{"n", fit->n},
          {"intercept_ms", json_figure(fit->intercept_ms)},
          {"intercept_ci_low", json_interval_bound(fit->intercept_ci, false)},
          {"intercept_ci_high", json_interval_bound(fit->intercept_ci, true)},
          {"slope_ms_per_1k_tokens", json_figure(fit->slope_ms_per_1k)},
          {"slope_ci_low", json_interval_bound(fit->slope_ci, false)},
          {"slope_ci_high", json_interval_bound(fit->slope_ci, true)},
          {"input_tokens_min", fit->x_min},
          {"input_tokens_max", fit->x_max}};
}

// One target of a sweep: its points, and its fit or saturation point when the sweep has them.
Json target_json(const report::SweepReport& sweep, std::size_t t) {
  Json points = Json::array();
  for (const report::SweepPoint& p : sweep.points[t]) points.push_back(point_json(p));
  Json target = {{"target", sweep.targets[t]}, {"points", std::move(points)}};
  if (!sweep.fits.empty()) target["fit"] = fit_json(sweep.fits[t]);
  if (t < sweep.saturation.size()) {
    const report::Saturation& s = sweep.saturation[t];
    target["saturation"] = {{"value", json_number(s.value)}, {"basis", s.basis}, {"reached", s.reached}, {"text", s.text}};
  }
  return target;
}

Json sweep_json(const report::SweepReport& sweep) {
  Json targets = Json::array();
  for (std::size_t t = 0; t < sweep.targets.size(); ++t) targets.push_back(target_json(sweep, t));
  Json json = {{"phase", sweep.phase}, {"parameter", sweep.parameter}, {"values", sweep.values},
               {"targets", std::move(targets)}};
  if (sweep.parameter == "input_tokens") {
    Json crossovers = Json::array();
    for (const report::Crossover& c : sweep.crossovers) {
      crossovers.push_back({{"a", c.target_a}, {"b", c.target_b}, {"input_tokens", json_figure(c.input_tokens)},
                            {"text", c.text}});
    }
    json["crossovers"] = std::move(crossovers);
  }
  return json;
}

}  // namespace

void add_workload_json(Json& doc, const report::Report& report) {
  if (!report.embeddings.empty()) doc["embeddings"] = embeddings_json(report);
  if (!report.browser_pairs.empty()) doc["native_vs_browser"] = browser_json(report);
  if (!report.sweeps.empty()) {
    Json sweeps = Json::array();
    for (const report::SweepReport& sweep : report.sweeps) sweeps.push_back(sweep_json(sweep));
    doc["sweeps"] = std::move(sweeps);
  }
  if (!report.turns.empty()) {
    Json turns = Json::array();
    for (const report::TurnRow& row : report.turns) {
      turns.push_back({{"target", row.target}, {"turn", row.turn}, {"requests", row.requests}, {"errors", row.errors},
                       {"ttft_p50_ms", json_figure(row.ttft_p50_ms)}, {"ttft_p95_ms", json_figure(row.ttft_p95_ms)}});
    }
    doc["turns"] = std::move(turns);
  }
  if (const auto rows = non_streaming_rows(report); !rows.empty()) {
    Json non_streaming = Json::array();
    for (const NonStreamingRow& row : rows) {
      non_streaming.push_back({{"target", row.target}, {"phase", row.phase}, {"ok", row.ok}, {"errors", row.errors},
                               {"e2e_p50_ms", json_figure(row.e2e_p50_ms)}, {"e2e_p95_ms", json_figure(row.e2e_p95_ms)},
                               {"ttfb_p50_ms", json_figure(row.ttfb_p50_ms)},
                               {"ttfb_p95_ms", json_figure(row.ttfb_p95_ms)}});
    }
    doc["non_streaming"] = std::move(non_streaming);
  }
}

}  // namespace ttft::exporters
