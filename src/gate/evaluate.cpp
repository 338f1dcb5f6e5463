// Assertion evaluation: expand wildcards over the report's names, read one figure per match,
// compare. An unmeasured figure never passes, whatever the operator: a gate that cannot see
// the number must not let the build through.
#include "gate/evaluate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "gate/measured.hpp"
#include "gate/sweep_figures.hpp"

namespace ttft::gate {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "none" : out;
}

std::optional<double> summary_stat(const stats::Summary& s, Stat stat) {
  switch (stat) {
    case Stat::mean: return s.mean;
    case Stat::stdev: return s.stdev;
    case Stat::min: return s.min;
    case Stat::p50: return s.p50;
    case Stat::p95: return s.p95;
    case Stat::p99: return s.p99;
    case Stat::max: return s.max;
    default: return std::nullopt;
  }
}

/// The percentiles that count failures, or nullptr for any other stat.
const std::optional<double>* incl_errors_stat(const report::MetricRow& row, Stat stat) {
  switch (stat) {
    case Stat::p50_incl_errors: return &row.p50_incl_errors;
    case Stat::p95_incl_errors: return &row.p95_incl_errors;
    case Stat::p99_incl_errors: return &row.p99_incl_errors;
    default: return nullptr;
  }
}

Measured measure_row(const Assertion& a, const report::MetricRow& row) {
  const auto count = [](std::size_t value) {
    return Measured{static_cast<double>(value), fmt::format("{}", value), ""};
  };
  if (a.stat == Stat::n) return count(row.n);
  if (a.stat == Stat::errors) return count(row.errors);
  if (a.stat == Stat::error_rate) {
    const std::size_t requests = row.n + row.errors;
    if (requests == 0) return {std::nullopt, "", "not measured: no requests"};
    const double rate = static_cast<double>(row.errors) / static_cast<double>(requests);
    const std::string percent = number_text(rate * 100, a.threshold * 100);
    return {rate, fmt::format("{}% ({} of {} failed)", percent, row.errors, requests), ""};
  }
  if (const auto* counted = incl_errors_stat(row, a.stat)) {
    const std::size_t requests = row.n + row.errors;
    if (requests == 0) return {std::nullopt, "", "not measured: no requests"};
    if (!*counted) {
      return {std::nullopt, "",
              fmt::format("not measured: that percentile falls among the failures ({} of {} failed)", row.errors,
                          requests)};
    }
    return {*counted, fmt::format("{} {}", number_text(**counted, a.threshold), row.unit), ""};
  }
  const auto value = summary_stat(row.summary, a.stat);
  if (!value) return {std::nullopt, "", fmt::format("not measured: n = {}", row.n)};
  return {value, fmt::format("{} {}", number_text(*value, a.threshold), row.unit), ""};
}

Measured measure_cost(const Assertion& a, const report::Report& report, const std::string& target) {
  const auto found = report.costs.find(target);
  std::optional<double> usd;
  if (found != report.costs.end()) {
    const cost::TargetCost& c = found->second;
    switch (a.cost_field) {
      case CostField::input_usd_per_mtok: usd = c.prices.input_usd_per_mtok; break;
      case CostField::output_usd_per_mtok: usd = c.prices.output_usd_per_mtok; break;
      case CostField::blended_usd_per_mtok: usd = c.blended_usd_per_mtok; break;
      case CostField::usd_per_1k_requests: usd = c.usd_per_1k_requests; break;
    }
  }
  if (usd) return {usd, number_text(*usd, a.threshold) + " USD", ""};
  const bool priced = report.run.pricing.count(target) != 0;
  return {std::nullopt, "",
          priced ? "not measured: no successful requests or tokens" : "not measured: no pricing for " + target};
}

Measured measure_goodput(const Assertion& a, const report::Report& report, const std::string& target,
                         const std::string& phase) {
  if (!report.goodput) {
    return {std::nullopt, "", "not measured: no SLO (give the scenario an \"slo\", or report --slo)"};
  }
  for (const report::GoodputRow& row : report.goodput->rows) {
    if (row.target != target || row.phase != phase) continue;
    if (!row.goodput) return {std::nullopt, "", "not measured: no requests"};
    const std::string percent = number_text(*row.goodput * 100, a.threshold * 100);
    return {row.goodput, fmt::format("{}% ({} of {} met the SLO)", percent, row.met, row.requests), ""};
  }
  return {std::nullopt, "", fmt::format("not measured: phase {} has no SLO", phase)};
}

Measured measure_accuracy(const Assertion& a, const report::Report& report, const std::string& target,
                          const std::string& phase) {
  if (!report.accuracy) return {std::nullopt, "", "not measured: no graded answers (give prompts an \"expected\")"};
  const report::AccuracyRow* row = report::find_accuracy(*report.accuracy, target, phase);
  if (row == nullptr || !row->accuracy) return {std::nullopt, "", fmt::format("not measured: phase {} has no graded answers", phase)};
  const std::string percent = number_text(*row->accuracy * 100, a.threshold * 100);
  return {row->accuracy, fmt::format("{}% ({} of {} graded answers right)", percent, row->correct, row->graded), ""};
}

Measured measure(const Assertion& a, const report::Report& report, const std::string& target,
                 const std::string& phase) {
  if (a.subject == Subject::cost) return measure_cost(a, report, target);
  if (a.stat == Stat::goodput) return measure_goodput(a, report, target, phase);
  if (a.stat == Stat::accuracy) return measure_accuracy(a, report, target, phase);
  if (a.subject == Subject::sweep_stat) return measure_sweep(a, report, target, phase);
  if (is_sweep_value_stat(a.stat)) return measure_sweep_value(a, report, target, phase);
  const std::string metric = a.subject == Subject::phase_stat ? "e2e" : a.metric;
  const report::MetricRow* row = report::find_row(report, target, phase, metric);
  if (row == nullptr) return {std::nullopt, "", "not measured: no such row"};
  return measure_row(a, *row);
}

Check check_one(const Assertion& a, const report::Report& report, const std::string& target,
                const std::string& phase) {
  const Measured m = measure(a, report, target, phase);
  Check check{expression_for(a, target, phase), false, m.missing};
  if (m.value) {
    check.passed = holds(a.op, *m.value, a.threshold);
    check.detail = "measured " + m.text;
  }
  return check;
}

/// The names a wildcard or a name stands for, or an empty list with `missing` set.
std::vector<std::string> expand(const std::string& name, const std::vector<std::string>& known, const char* kind,
                                std::string& missing) {
  if (name == kWildcard) {
    if (known.empty()) missing = fmt::format("no {} in the report", kind);
    return known;
  }
  if (std::find(known.begin(), known.end(), name) != known.end()) return {name};
  missing = fmt::format("no {} \"{}\" in the report ({}s: {})", kind, name, kind, joined(known));
  return {};
}

/// The phases (or sweeps) a check runs over: "*" stands for those the figure exists for.
std::vector<std::string> expand_phase(const Assertion& a, const report::Report& report, std::string& missing) {
  const bool wildcard = a.phase == kWildcard;
  if (a.subject == Subject::sweep_stat) {
    const char* kind = !wildcard ? "sweep" : a.stat == Stat::saturation ? "concurrency or rate sweep" : "input_tokens sweep";
    return expand(a.phase, wildcard ? sweep_wildcard_names(a, report) : sweep_names(report), kind, missing);
  }
  if (is_sweep_value_stat(a.stat) && wildcard) return expand(a.phase, sweep_wildcard_names(a, report), "sweep value", missing);
  std::vector<std::string> known = report.run.phases;
  if (!wildcard) known.emplace_back(report::kAllPhases);  // "all" is named, never matched by "*"
  return expand(a.phase, known, "phase", missing);
}

}  // namespace

std::vector<Check> evaluate(const Assertion& a, const report::Report& report) {
  std::string missing;
  const auto targets = expand(a.target, report.run.targets, "target", missing);
  std::vector<std::string> phases = {""};
  if (a.subject != Subject::cost && missing.empty()) phases = expand_phase(a, report, missing);
  if (!missing.empty()) return {Check{expression_for(a, a.target, a.phase), false, missing}};
  std::vector<Check> checks;
  for (const auto& target : targets) {
    for (const auto& phase : phases) checks.push_back(check_one(a, report, target, phase));
  }
  return checks;
}

std::vector<Check> evaluate_all(const std::vector<Assertion>& assertions, const report::Report& report) {
  std::vector<Check> checks;
  for (const Assertion& a : assertions) {
    auto more = evaluate(a, report);
    checks.insert(checks.end(), more.begin(), more.end());
  }
  return checks;
}

bool any_failed(const std::vector<Check>& checks) {
  return std::any_of(checks.begin(), checks.end(), [](const Check& c) { return !c.passed; });
}

std::string check_line(const Check& check) {
  return fmt::format("{} {} ({})", check.passed ? "PASS" : "FAIL", check.expression, check.detail);
}

std::string checks_markdown(const std::vector<Check>& checks) {
  if (checks.empty()) return {};
  std::string out = "\n## Assertions\n\n";
  for (const Check& c : checks) {
    out += fmt::format("- **{}** `{}` ({})\n", c.passed ? "PASS" : "FAIL", c.expression, c.detail);
  }
  return out;
}

}  // namespace ttft::gate
