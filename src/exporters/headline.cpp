// Headline tables and shared lines, built from the report model with number_format only.
#include "exporters/headline.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "report/number_format.hpp"
#include "stats/percentile.hpp"

namespace ttft::exporters {

using report::find_row;
using report::format_readable;
using report::format_significant;
using report::kAllPhases;
using report::LatenessSummary;
using report::MetricRow;
using report::Report;
using report::Verdict;

namespace {

constexpr int kCostDigits = 4;

// The headline metric's name in titles: "time to first token", "first token", "first answer".
std::string headline_words(const Report& report) {
  const std::string metric = report::headline_metric(report.run);
  if (metric == "first_token") return "first token";
  if (metric == "first_answer") return "first answer";
  return "time to first token";
}

std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string percentile_cell(std::optional<double> value, bool small_n) {
  std::string cell = format_readable(value);
  if (value && small_n) cell += "*";
  return cell;
}

struct Flags {
  bool p50 = false;
  bool p95 = false;
};

Flags small_n_flags(const Report& report) {
  const std::string headline = report::headline_metric(report.run);
  Flags flags;
  for (const MetricRow& row : report.rows) {
    if (row.metric != headline || row.phase == kAllPhases || row.n == 0) continue;
    flags.p50 = flags.p50 || row.p50_small_n;
    flags.p95 = flags.p95 || row.p95_small_n;
  }
  return flags;
}

void add_figure(std::vector<std::string>& parts, const char* name, std::optional<double> ms) {
  if (ms) parts.push_back(fmt::format("{} {}", name, format_readable(ms)));
}

// "target", then "<phase> p50" and "<phase> p95" per phase, then `more` columns; numbers right-aligned.
Table phase_columns(const Report& report, std::vector<std::string> more) {
  Table table;
  table.header.emplace_back("target");
  for (const std::string& phase : report.run.phases) {
    table.header.push_back(phase + " p50");
    table.header.push_back(phase + " p95");
  }
  for (std::string& column : more) table.header.push_back(std::move(column));
  table.align.assign(table.header.size(), Align::right);
  table.align[0] = Align::left;
  return table;
}

}  // namespace

std::string headline_title(const Report& report) { return capitalized(headline_words(report)) + " (ms)"; }

std::string verdicts_title(const Report& report) {
  // Non-streaming targets are compared on e2e, with each other only (docs/metrics.md ("Non-streaming targets")).
  std::vector<std::string> parts;
  if (report.run.embeddings_targets.size() < report.run.targets.size()) parts.push_back(headline_words(report));
  if (report.run.non_streaming_targets.size() >= 2) parts.emplace_back("e2e between non-streaming targets");
  if (report.run.embeddings_targets.size() >= 2) parts.emplace_back("e2e between embeddings targets");
  return fmt::format("A/B verdicts ({})", fmt::join(parts, "; "));
}

std::string with_failures_title(const Report& report) {
  return capitalized(headline_words(report)) + ", each failure counted as slower than any success (ms)";
}

std::optional<Table> ttft_table(const Report& report) {
  const std::string headline = report::headline_metric(report.run);
  Table table = phase_columns(report, {"n", "errors"});
  for (const std::string& target : report.run.targets) {
    if (report.run.is_embeddings(target)) continue;
    std::vector<std::string> cells{target};
    for (const std::string& phase : report.run.phases) {
      const MetricRow* row = find_row(report, target, phase, headline);
      cells.push_back(row ? percentile_cell(row->summary.p50, row->p50_small_n) : "-");
      cells.push_back(row ? percentile_cell(row->summary.p95, row->p95_small_n) : "-");
    }
    const MetricRow* all = find_row(report, target, kAllPhases, headline);
    cells.push_back(fmt::format("{}", all ? all->n : 0));
    cells.push_back(fmt::format("{}", all ? all->errors : 0));
    table.rows.push_back(std::move(cells));
  }
  if (table.rows.empty()) return std::nullopt;
  return table;
}

std::optional<Table> with_failures_table(const Report& report) {
  if (report.errors == 0) return std::nullopt;
  const std::string headline = report::headline_metric(report.run);
  Table table = phase_columns(report, {});
  const auto cell = [](const MetricRow* row, const std::optional<double> MetricRow::*stat) -> std::string {
    if (row == nullptr || row->n + row->errors == 0) return "-";
    return row->*stat ? format_readable(row->*stat) : "failed";
  };
  for (const std::string& target : report.run.targets) {
    if (report.run.is_embeddings(target)) continue;
    std::vector<std::string> cells{target};
    for (const std::string& phase : report.run.phases) {
      const MetricRow* row = find_row(report, target, phase, headline);
      cells.push_back(cell(row, &MetricRow::p50_incl_errors));
      cells.push_back(cell(row, &MetricRow::p95_incl_errors));
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

std::optional<std::string> small_n_footnote(const Report& report) {
  const Flags flags = small_n_flags(report);
  if (!flags.p50 && !flags.p95) return std::nullopt;
  std::string note =
      fmt::format("* fewer than {} samples: p95 is not reliable", stats::min_samples_for(95));
  if (flags.p50) {
    note += fmt::format("; fewer than {}: neither is p50", stats::min_samples_for(50));
  }
  return note;
}

Table cost_table(const Report& report) {
  Table table;
  table.header = {"target", "input", "output", "blended", "per 1k req"};
  table.align = {Align::left, Align::right, Align::right, Align::right, Align::right};
  for (const std::string& target : report.run.targets) {
    const auto found = report.costs.find(target);
    if (found == report.costs.end()) {
      table.rows.push_back({target, "-", "-", "-", "-"});
      continue;
    }
    const cost::TargetCost& c = found->second;
    table.rows.push_back({target, format_significant(c.prices.input_usd_per_mtok, kCostDigits),
                          format_significant(c.prices.output_usd_per_mtok, kCostDigits),
                          format_significant(c.blended_usd_per_mtok, kCostDigits),
                          format_significant(c.usd_per_1k_requests, kCostDigits)});
  }
  return table;
}

Table errors_table(const Report& report) {
  Table table;
  table.header = {"target", "class", "count"};
  table.align = {Align::left, Align::left, Align::right};
  for (const std::string& target : report.run.targets) {
    const auto found = report.errors_by_class.find(target);
    if (found == report.errors_by_class.end()) continue;
    for (const auto& [error_class, count] : found->second) {
      table.rows.push_back({target, error_class, fmt::format("{}", count)});
    }
  }
  return table;
}

std::vector<std::string> verdict_lines(const Report& report) {
  const bool several_pairs = report.run.targets.size() > 2;
  const std::string headline = report::headline_metric(report.run);
  std::vector<std::string> lines;
  for (const Verdict& v : report.verdicts) {
    std::string text = v.metric == headline ? v.text : fmt::format("{} {}", v.metric, v.text);
    lines.push_back(several_pairs ? fmt::format("{} vs {}, {}", v.target_a, v.target_b, text) : text);
  }
  return lines;
}

std::optional<std::string> lateness_line(const Report& report) {
  if (!report.run.client_lateness) return std::nullopt;
  const LatenessSummary& own = *report.run.client_lateness;
  std::vector<std::string> groups;
  const auto group = [&](const char* name, std::vector<std::string> parts) {
    if (!parts.empty()) groups.push_back(fmt::format("{} {} ms", name, fmt::join(parts, " / ")));
  };
  std::vector<std::string> send_lag, wake, busy;
  add_figure(send_lag, "p50", own.send_lag_p50_ms);
  add_figure(send_lag, "p99", own.send_lag_p99_ms);
  add_figure(send_lag, "max", own.send_lag_max_ms);
  add_figure(wake, "p50", own.wake_p50_ms);
  add_figure(wake, "p99", own.wake_p99_ms);
  add_figure(wake, "max", own.wake_max_ms);
  add_figure(busy, "p99", own.busy_p99_ms);
  add_figure(busy, "max", own.busy_max_ms);
  group("send lag", std::move(send_lag));
  group("timer lateness", std::move(wake));
  group("reads delayed", std::move(busy));
  if (groups.empty()) return std::nullopt;
  return fmt::format("client's own lateness: {}", fmt::join(groups, "; "));
}

std::vector<std::string> break_even_lines(const Report& report) {
  std::vector<std::string> lines;
  for (const auto& [pair, result] : report.break_evens) {
    lines.push_back(fmt::format("{} vs {}: {}", pair.first, pair.second, result.note));
  }
  return lines;
}

}  // namespace ttft::exporters
