// Merged and grouped reports in every format, built from the single-report exporters so the
// figures are formatted in exactly one place each.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "exporters/ansi.hpp"
#include "exporters/grouped_exporters.hpp"
#include "exporters/report_exporters.hpp"
#include "samples/csv_format.hpp"

namespace ttft::exporters {

using report::GroupedReport;
using report::kAllGroups;
using report::Report;

namespace {

constexpr int kGroupedSchemaVersion = 1;

std::string title(const std::string& text, bool color) {
  return color ? fmt::format("{}{}{}\n", kBold, text, kReset) : text + "\n";
}

/// report.md without its "# ..." title line, every heading one level deeper.
std::string demoted_body(const std::string& markdown) {
  const auto body_start = markdown.find("\n\n");
  const std::string body = body_start == std::string::npos ? markdown : markdown.substr(body_start + 2);
  std::string out;
  std::size_t line_start = 0;
  while (line_start < body.size()) {
    const auto end = body.find('\n', line_start);
    const std::size_t line_end = end == std::string::npos ? body.size() : end + 1;
    if (body[line_start] == '#') out += '#';
    out.append(body, line_start, line_end - line_start);
    line_start = line_end;
  }
  return out;
}

std::string markdown_notes(const std::vector<std::string>& notes) {
  std::string out;
  for (const auto& note : notes) out += "**Note:** " + note + "\n\n";
  return out;
}

nlohmann::ordered_json summary_json(const Report& report) {
  return nlohmann::ordered_json::parse(export_summary_json(report));
}

}  // namespace

std::string export_grouped_terminal(const GroupedReport& r, bool color) {
  std::string out;
  for (const auto& note : r.notes) out += "note: " + note + "\n";
  if (!r.notes.empty()) out += "\n";
  if (r.column.empty()) return out + export_terminal(r.overall, color);
  for (const auto& [label, report] : r.groups) {
    out += title(fmt::format("{} {}", r.column, label), color) + "\n" + export_terminal(report, color) + "\n";
  }
  return out + title(fmt::format("all {}s", r.column), color) + "\n" + export_terminal(r.overall, color);
}

std::string export_grouped_markdown(const GroupedReport& r) {
  const std::string overall = export_markdown(r.overall);
  if (r.column.empty()) {
    const auto after_title = overall.find("\n\n");
    if (after_title == std::string::npos || r.notes.empty()) return overall;
    return overall.substr(0, after_title + 2) + markdown_notes(r.notes) + overall.substr(after_title + 2);
  }
  std::string out = fmt::format("# ttftbench: {} by {}\n\n", r.overall.run.scenario_name, r.column);
  out += markdown_notes(r.notes);
  for (const auto& [label, report] : r.groups) {
    out += fmt::format("## {} `{}`\n\n", r.column, label) + demoted_body(export_markdown(report)) + "\n";
  }
  return out + fmt::format("## all {}s\n\n", r.column) + demoted_body(overall);
}

std::string export_grouped_summary_csv(const GroupedReport& r) {
  if (r.column.empty()) return export_summary_csv(r.overall);
  const auto with_label = [](const std::string& label, const std::string& csv) {
    std::string out;
    const std::string prefix = samples::csv_quote(label) + ",";
    std::size_t line_start = csv.find('\n') + 1;  // after summary.csv's header
    while (line_start < csv.size()) {
      const std::size_t line_end = csv.find('\n', line_start) + 1;
      out += prefix + csv.substr(line_start, line_end - line_start);
      line_start = line_end;
    }
    return out;
  };
  const std::string overall = export_summary_csv(r.overall);
  std::string out = samples::csv_quote(r.column) + "," + overall.substr(0, overall.find('\n') + 1);
  for (const auto& [label, report] : r.groups) out += with_label(label, export_summary_csv(report));
  return out + with_label(kAllGroups, overall);
}

std::string export_grouped_summary_json(const GroupedReport& r) {
  if (r.column.empty() && r.notes.empty()) return export_summary_json(r.overall);
  nlohmann::ordered_json doc;
  if (r.column.empty()) {
    const auto summary = summary_json(r.overall);
    doc["schema_version"] = summary["schema_version"];
    doc["notes"] = r.notes;
    for (const auto& [key, value] : summary.items()) doc[key] = value;
    return doc.dump(2) + "\n";
  }
  doc["schema_version"] = kGroupedSchemaVersion;
  doc["by"] = r.column;
  if (!r.notes.empty()) doc["notes"] = r.notes;
  doc["groups"] = nlohmann::ordered_json::array();
  for (const auto& [label, report] : r.groups) {
    nlohmann::ordered_json group;
    group[r.column] = label;
    group["summary"] = summary_json(report);
    doc["groups"].push_back(std::move(group));
  }
  doc["all"] = summary_json(r.overall);
  return doc.dump(2) + "\n";
}

}  // namespace ttft::exporters
