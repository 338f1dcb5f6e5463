// compare's terminal, Markdown and JSON output. Each row's verdict is worded here from the flags
// compare_runs set; nothing is computed.
#include <fmt/format.h>
#include <cmath>

#include "exporters/ansi.hpp"
#include "exporters/compare_exporter.hpp"
#include "exporters/json_format.hpp"
#include "exporters/json_numbers.hpp"
#include "exporters/table.hpp"
#include "report/number_format.hpp"
#include "stats/percentile.hpp"

namespace ttft::exporters {

using report::Comparison;
using report::format_fixed;
using report::format_readable;
using report::format_significant;
using report::MetricChange;
using report::StatChange;
using report::TargetPhase;

namespace {

using Json = nlohmann::ordered_json;

constexpr double kSmallestShownP = 0.001;

/// A fraction as a signed percentage: 0.302 → "+30.2%", -0.05 → "-5.0%"; missing → "-".
std::string percent(std::optional<double> fraction) {
  if (!fraction || !std::isfinite(*fraction)) return "-";
  const std::string text = format_fixed(*fraction * 100, 1);
  return (text[0] == '-' || text == "0.0" ? text : "+" + text) + "%";
}

std::string threshold_text(const Comparison& c) { return format_significant(c.max_regression * 100, 3) + "%"; }

std::string p_cell(const std::optional<double>& p) {
  if (!p) return "-";
  return *p < kSmallestShownP ? "<0.001" : format_significant(*p, 2);
}

std::string stat_verdict(const Comparison& c, const MetricChange& row, const StatChange& s,
                         const std::string& regression_mark) {
  if (!row.note.empty()) return row.note;
  if (s.regression) return regression_mark;
  if (s.improvement) return "faster";
  if (s.significant) return "slower, within " + threshold_text(c);
  return "no significant change";
}

Table compare_table(const Comparison& c, const std::string& regression_mark) {
  Table table;
  table.header = {"target", "phase", "metric", "stat", "baseline", "candidate", "change", "95% CI", "p", "n",
                  "verdict"};
  table.align = {Align::left,  Align::left,  Align::left,  Align::left,  Align::right, Align::right,
                 Align::right, Align::right, Align::right, Align::right, Align::left};
  for (const MetricChange& row : c.rows) {
    for (const StatChange* s : {&row.p50, &row.p95}) {
      const std::string ci =
          s->change_ci ? fmt::format("{} to {}", percent(s->change_ci->low), percent(s->change_ci->high)) : "-";
      table.rows.push_back({row.target, row.phase, row.metric, s->stat,
                            format_readable(s->baseline) + " " + row.unit,
                            format_readable(s->candidate) + " " + row.unit,
                            percent(s->change) + (s->small_n && s->change ? "*" : ""), ci, p_cell(row.p_value),
                            fmt::format("{}/{}", row.n_baseline, row.n_candidate),
                            stat_verdict(c, row, *s, regression_mark)});
    }
  }
  return table;
}

/// What follows "regression: " or "no regression: ".
std::string verdict_detail(const Comparison& c) {
  std::string found;  // "edge warm ttft p50 +30.2%, p95 +28.1%; edge warm e2e p95 +12.0%"
  for (const MetricChange& row : c.rows) {
    std::string stats;
    for (const StatChange* s : {&row.p50, &row.p95}) {
      if (s->regression) stats += fmt::format("{}{} {}", stats.empty() ? "" : ", ", s->stat, percent(s->change));
    }
    if (!stats.empty()) {
      found += fmt::format("{}{} {} {} {}", found.empty() ? "" : "; ", row.target, row.phase, row.metric, stats);
    }
  }
  if (found.empty()) return fmt::format("nothing is significantly more than {} slower", threshold_text(c));
  return fmt::format("{} (significantly more than {} slower)", found, threshold_text(c));
}

std::string one_side_line(const char* side, const std::vector<TargetPhase>& keys) {
  if (keys.empty()) return {};
  std::string list;
  for (const auto& [target, phase] : keys) list += fmt::format("{}{} {}", list.empty() ? "" : ", ", target, phase);
  return fmt::format("only in the {} (not compared): {}\n", side, list);
}

std::optional<std::string> small_n_note(const Comparison& c) {
  for (const MetricChange& row : c.rows) {
    if (row.p95.small_n && row.p95.change) {
      return fmt::format("* fewer than {} samples on a side: the p95 change is not reliable",
                         stats::min_samples_for(95));
    }
  }
  return std::nullopt;
}

Json stat_json(const StatChange& s) {
  return {{"baseline", json_figure(s.baseline)},
          {"candidate", json_figure(s.candidate)},
          {"change", json_figure(s.change)},
          {"change_ci_low", json_interval_bound(s.change_ci, false)},
          {"change_ci_high", json_interval_bound(s.change_ci, true)},
          {"small_n", s.small_n},
          {"significant", s.significant},
          {"regression", s.regression},
          {"improvement", s.improvement}};
}

Json one_side_json(const std::vector<TargetPhase>& keys) {
  Json out = Json::array();
  for (const auto& [target, phase] : keys) out.push_back({{"target", target}, {"phase", phase}});
  return out;
}

}  // namespace

std::string export_compare_terminal(const Comparison& c, bool color) {
  const std::string verdict = (c.any_regression() ? "regression: " : "no regression: ") + verdict_detail(c);
  std::string out = color ? kBold + verdict + kReset + "\n" : verdict + "\n";
  out += fmt::format("baseline {}, candidate {}, threshold {}\n", c.baseline_label, c.candidate_label,
                     threshold_text(c));
  for (const auto& note : c.notes) out += "note: " + note + "\n";
  out += "\n" + render_text(compare_table(c, "REGRESSION"), color);
  if (const auto note = small_n_note(c)) out += *note + "\n";
  out += one_side_line("baseline", c.only_in_baseline) + one_side_line("candidate", c.only_in_candidate);
  return out;
}

std::string export_compare_markdown(const Comparison& c) {
  std::string out = "# ttftbench compare\n\n";
  out += (c.any_regression() ? "**\u274c Regression:** " : "**No regression:** ") + verdict_detail(c) + "\n\n";
  out += fmt::format("Baseline `{}` · candidate `{}` · threshold {} · 95% bootstrap CIs · Mann-Whitney U p-values\n\n",
                     c.baseline_label, c.candidate_label, threshold_text(c));
  for (const auto& note : c.notes) out += "**Note:** " + note + "\n\n";
  out += render_markdown(compare_table(c, "\u274c REGRESSION"));
  if (const auto note = small_n_note(c)) out += "\n\\" + *note + "\n";  // "\*": not a list
  const std::string one_side =
      one_side_line("baseline", c.only_in_baseline) + one_side_line("candidate", c.only_in_candidate);
  if (!one_side.empty()) out += "\n" + one_side;
  return out;
}

std::string export_compare_json(const Comparison& c) {
  Json rows = Json::array();
  for (const MetricChange& row : c.rows) {
    rows.push_back({{"target", row.target},
                    {"phase", row.phase},
                    {"metric", row.metric},
                    {"unit", row.unit},
                    {"n_baseline", row.n_baseline},
                    {"n_candidate", row.n_candidate},
                    {"p_value", json_number(row.p_value)},
                    {"note", row.note.empty() ? Json(nullptr) : Json(row.note)},
                    {"p50", stat_json(row.p50)},
                    {"p95", stat_json(row.p95)}});
  }
  const Json out = {{"schema_version", kJsonSchemaVersion},
                    {"baseline", c.baseline_label},
                    {"candidate", c.candidate_label},
                    {"max_regression", c.max_regression},
                    {"regression", c.any_regression()},
                    {"notes", c.notes},
                    {"rows", rows},
                    {"only_in_baseline", one_side_json(c.only_in_baseline)},
                    {"only_in_candidate", one_side_json(c.only_in_candidate)}};
  return out.dump(kJsonIndent) + "\n";
}

}  // namespace ttft::exporters
