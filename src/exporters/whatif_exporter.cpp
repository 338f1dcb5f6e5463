// whatif's table and JSON.
#include "exporters/whatif_exporter.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "exporters/decision_sections.hpp"
#include "exporters/json_format.hpp"
#include "exporters/json_numbers.hpp"
#include "exporters/table.hpp"
#include "report/number_format.hpp"
#include "whatif/policy_month.hpp"

namespace ttft::exporters {
namespace {

constexpr double kPercent = 100;

double share(std::int64_t part, std::int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

const char* kind_of(whatif::PolicyKind kind) {
  switch (kind) {
    case whatif::PolicyKind::single: return "single";
    case whatif::PolicyKind::fallback: return "fallback";
    case whatif::PolicyKind::hedge: return "hedge";
    case whatif::PolicyKind::split: return "split";
    case whatif::PolicyKind::route: return "route";
  }
  return "single";
}

std::string heading(const whatif::WhatifResult& r) {
  std::vector<std::string> drawn;
  for (const auto& [target, n] : r.samples) drawn.push_back(fmt::format("{} {}", target, n));
  return fmt::format("What if ({}, {} simulated requests, seed {}, phase {}; samples: {})\n", r.metric, r.requests,
                     r.seed, r.phase.empty() ? "all" : r.phase, fmt::join(drawn, ", "));
}

// "83.3% (79.1%–86.9%)": correct of graded with its Wilson interval; "not graded" without grades.
std::string accuracy_cell(const whatif::Outcome& o) {
  const auto value = o.accuracy.value();
  if (!value) return "not graded";
  if (!o.accuracy_ci) return report::format_percent(*value);
  return fmt::format("{} ({}\u2013{})", report::format_percent(*value), report::format_percent(o.accuracy_ci->low),
                     report::format_percent(o.accuracy_ci->high));
}

nlohmann::ordered_json accuracy_json(const whatif::Outcome& o) {
  using Value = nlohmann::ordered_json;
  const auto value = o.accuracy.value();
  return {{"graded", o.accuracy.n},
          {"correct", o.accuracy.k},
          {"value", value ? Value(*value) : Value(nullptr)},
          {"ci95_low", o.accuracy_ci ? Value(o.accuracy_ci->low) : Value(nullptr)},
          {"ci95_high", o.accuracy_ci ? Value(o.accuracy_ci->high) : Value(nullptr)}};
}

}  // namespace

std::string export_whatif_table(const whatif::WhatifResult& r, bool color) {
  Table table;
  table.header = {"policy", "p50 ms", "p95 ms", "p99 ms", "errors", "2nd target", "$/1k req", "$/Mtok", "accuracy"};
  if (r.volume) table.header.push_back("net $/month");
  table.align.assign(table.header.size(), Align::right);
  table.align[0] = Align::left;
  for (const whatif::Outcome& o : r.outcomes) {
    const bool routed = o.policy.kind != whatif::PolicyKind::single;
    std::vector<std::string> row = {
        o.policy.text, report::format_readable(o.p50_ms), report::format_readable(o.p95_ms),
        report::format_readable(o.p99_ms), fmt::format("{:.1f}%", kPercent * share(o.errors, o.requests)),
        routed ? fmt::format("{:.1f}%", kPercent * share(o.second_used, o.requests)) : "-",
        format_usd(o.usd_per_1k_requests), format_usd(o.usd_per_mtok), accuracy_cell(o)};
    if (r.volume) {
      const auto month = whatif::policy_month(o, *r.volume, r.pricing);
      row.push_back(format_usd(month ? std::optional(month->net_usd) : std::nullopt));
    }
    table.rows.push_back(std::move(row));
  }
  std::string out = heading(r) + render_text(table, color);
  if (r.volume) out += fmt::format("monthly at {}: a month is 30 days; free allowances subtracted\n", r.volume->text);
  out += "Assumptions:\n";
  for (const std::string& note : r.notes) out += "- " + note + "\n";
  return out;
}

std::string export_whatif_json(const whatif::WhatifResult& r) {
  using Json = nlohmann::ordered_json;
  Json policies = Json::array();
  for (const whatif::Outcome& o : r.outcomes) {
    Json month = nullptr;
    if (r.volume) {
      if (const auto m = whatif::policy_month(o, *r.volume, r.pricing)) {
        month = {{"gross_usd", json_figure(m->gross_usd)}, {"free_usd", json_figure(m->free_usd)},
                 {"net_usd", json_figure(m->net_usd)}};
      }
    }
    const bool timed = o.policy.kind == whatif::PolicyKind::fallback || o.policy.kind == whatif::PolicyKind::hedge;
    policies.push_back({{"policy", o.policy.text},
                        {"kind", kind_of(o.policy.kind)},
                        {"first", o.policy.first},
                        {"second", o.policy.second.empty() ? Json(nullptr) : Json(o.policy.second)},
                        {"after_ms", timed ? Json(static_cast<double>(o.policy.after_ns) / 1e6) : Json(nullptr)},
                        {"requests", o.requests},
                        {"errors", o.errors},
                        {"error_rate", share(o.errors, o.requests)},
                        {"p50_ms", json_figure(o.p50_ms)},
                        {"p95_ms", json_figure(o.p95_ms)},
                        {"p99_ms", json_figure(o.p99_ms)},
                        {"second_target_share", share(o.second_used, o.requests)},
                        {"usd_per_1k_requests", json_number(o.usd_per_1k_requests)},
                        {"usd_per_mtok", json_number(o.usd_per_mtok)},
                        {"accuracy", accuracy_json(o)},
                        {"monthly", std::move(month)}});
  }
  Json samples = Json::object();
  for (const auto& [target, n] : r.samples) samples[target] = n;
  Json doc = {{"schema_version", kJsonSchemaVersion},
              {"metric", r.metric},
              {"phase", r.phase.empty() ? Json("all") : Json(r.phase)},
              {"requests", r.requests},
              {"seed", r.seed},
              {"samples", std::move(samples)},
              {"volume", r.volume ? Json(r.volume->text) : Json(nullptr)},
              {"policies", std::move(policies)},
              {"assumptions", r.notes}};
  return doc.dump(kJsonIndent) + "\n";
}

}  // namespace ttft::exporters
