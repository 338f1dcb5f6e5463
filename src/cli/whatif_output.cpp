// whatif's table and JSON; monthly cost per policy is the sum of its targets' bills.
#include "cli/whatif_output.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/decision_sections.hpp"
#include "report/json_format.hpp"
#include "report/json_numbers.hpp"
#include "report/number_format.hpp"
#include "report/table.hpp"

namespace ttft::cli {
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
  }
  return "single";
}

std::string heading(const WhatifResult& r) {
  std::vector<std::string> drawn;
  for (const auto& [target, n] : r.samples) drawn.push_back(fmt::format("{} {}", target, n));
  return fmt::format("What if ({}, {} simulated requests, seed {}, phase {}; samples: {})\n", r.metric, r.requests,
                     r.seed, r.phase.empty() ? "all" : r.phase, fmt::join(drawn, ", "));
}

}  // namespace

std::optional<cost::MonthlyCost> policy_month(const whatif::Outcome& outcome, const cost::Volume& volume,
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

std::string whatif_table(const WhatifResult& r, bool color) {
  report::Table table;
  table.header = {"policy", "p50 ms", "p95 ms", "p99 ms", "errors", "2nd target", "$/1k req", "$/Mtok"};
  if (r.volume) table.header.push_back("net $/month");
  table.align.assign(table.header.size(), report::Align::right);
  table.align[0] = report::Align::left;
  for (const whatif::Outcome& o : r.outcomes) {
    const bool routed = o.policy.kind != whatif::PolicyKind::single;
    std::vector<std::string> row = {
        o.policy.text, report::format_readable(o.p50_ms), report::format_readable(o.p95_ms),
        report::format_readable(o.p99_ms), fmt::format("{:.1f}%", kPercent * share(o.errors, o.requests)),
        routed ? fmt::format("{:.1f}%", kPercent * share(o.second_used, o.requests)) : "-",
        report::format_usd(o.usd_per_1k_requests), report::format_usd(o.usd_per_mtok)};
    if (r.volume) {
      const auto month = policy_month(o, *r.volume, r.pricing);
      row.push_back(report::format_usd(month ? std::optional(month->net_usd) : std::nullopt));
    }
    table.rows.push_back(std::move(row));
  }
  std::string out = heading(r) + report::render_text(table, color);
  if (r.volume) out += fmt::format("monthly at {}: a month is 30 days; free allowances subtracted\n", r.volume->text);
  out += "Assumptions:\n";
  for (const std::string& note : r.notes) out += "- " + note + "\n";
  return out;
}

std::string whatif_json(const WhatifResult& r) {
  using Json = nlohmann::ordered_json;
  Json policies = Json::array();
  for (const whatif::Outcome& o : r.outcomes) {
    Json month = nullptr;
    if (r.volume) {
      if (const auto m = policy_month(o, *r.volume, r.pricing)) {
        month = {{"gross_usd", report::json_figure(m->gross_usd)}, {"free_usd", report::json_figure(m->free_usd)},
                 {"net_usd", report::json_figure(m->net_usd)}};
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
                        {"p50_ms", report::json_figure(o.p50_ms)},
                        {"p95_ms", report::json_figure(o.p95_ms)},
                        {"p99_ms", report::json_figure(o.p99_ms)},
                        {"second_target_share", share(o.second_used, o.requests)},
                        {"usd_per_1k_requests", report::json_number(o.usd_per_1k_requests)},
                        {"usd_per_mtok", report::json_number(o.usd_per_mtok)},
                        {"monthly", std::move(month)}});
  }
  Json samples = Json::object();
  for (const auto& [target, n] : r.samples) samples[target] = n;
  Json doc = {{"schema_version", report::kJsonSchemaVersion},
              {"metric", r.metric},
              {"phase", r.phase.empty() ? Json("all") : Json(r.phase)},
              {"requests", r.requests},
              {"seed", r.seed},
              {"samples", std::move(samples)},
              {"volume", r.volume ? Json(r.volume->text) : Json(nullptr)},
              {"policies", std::move(policies)},
              {"assumptions", r.notes}};
  return doc.dump(report::kJsonIndent) + "\n";
}

}  // namespace ttft::cli
