// The page itself: skeleton and style, the headline sections as HTML tables, the figures and the
// manifest. Every string from the data is escaped here.
#include "exporters/html/html_exporter.hpp"

#include <fmt/format.h>

#include "core/check.hpp"
#include "exporters/decision_sections.hpp"
#include "exporters/workload_sections.hpp"
#include "exporters/headline.hpp"
#include "exporters/html/html_charts.hpp"
#include "plot/svg.hpp"

namespace ttft::exporters {

using report::HtmlPlotData;
using report::Report;
using report::RunInfo;

namespace {

using plot::escape_xml;

// Kept short: the page must stay small, and print (or greyscale) as well as it shows.
constexpr const char* kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1320px;color:#111;padding:0 16px}
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ccc}h3{font-size:15px}
table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 10px;border-bottom:1px solid #ddd}
th{text-align:left;background:#f4f4f4}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.plots{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;border:1px solid #ddd;padding:8px;width:600px}
figcaption{font-weight:600;margin-bottom:4px}svg{font-family:inherit;display:block;max-width:100%;height:auto}
p.missing{color:#555;font-style:italic}.note{color:#444}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}
dt{color:#555}dd{margin:0;word-break:break-all}.warning{background:#fff3cd;padding:6px 10px}
)css";

std::string html_table(const Table& table) {
  std::string out = "<table><thead><tr>";
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    const bool right = c < table.align.size() && table.align[c] == Align::right;
    out += fmt::format("<th{}>{}</th>", right ? " class=\"num\"" : "", escape_xml(table.header[c]));
  }
  out += "</tr></thead><tbody>";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool right = c < table.align.size() && table.align[c] == Align::right;
      out += fmt::format("<td{}>{}</td>", right ? " class=\"num\"" : "", escape_xml(row[c]));
    }
    out += "</tr>";
  }
  return out + "</tbody></table>\n";
}

std::string bullet_list(const std::vector<std::string>& lines) {
  if (lines.empty()) return {};
  std::string out = "<ul>";
  for (const std::string& line : lines) out += "<li>" + escape_xml(line) + "</li>";
  return out + "</ul>\n";
}

std::string page_run_line(const Report& report) {
  const RunInfo& run = report.run;
  std::string line = fmt::format("Run <code>{}</code> · ttftbench {} · seed {} · {} samples, {} errors",
                                 escape_xml(run.run_id), escape_xml(run.tool_version), run.seed, report.samples,
                                 report.errors);
  if (!run.scenario_sha256.empty()) line += fmt::format(" · scenario SHA-256 <code>{}</code>", escape_xml(run.scenario_sha256));
  return "<p class=\"run\">" + line + "</p>\n";
}

std::string headline_section(const Report& report) {
  std::string out = "<section id=\"headline\">\n";
  if (report.reasoning_note) out += "<p class=\"warning\">Note: " + escape_xml(*report.reasoning_note) + "</p>\n";
  if (const auto table = ttft_table(report)) {
    out += fmt::format("<h2>{}</h2>\n", escape_xml(headline_title(report))) + html_table(*table);
  }
  if (const auto note = small_n_footnote(report)) out += "<p class=\"note\">" + escape_xml(*note) + "</p>\n";
  if (const auto table = with_failures_table(report)) {
    out += fmt::format("<h3>{}</h3>\n", escape_xml(with_failures_title(report))) + html_table(*table);
    out += "<p class=\"note\">" + escape_xml(kWithFailuresNote) + "</p>\n";
  }
  out += fmt::format("<h2>{}</h2>\n", escape_xml(kCostTitle)) + html_table(cost_table(report));
  const auto break_evens = break_even_lines(report);
  if (!break_evens.empty()) out += "<p>Break-even input:output ratio:</p>\n" + bullet_list(break_evens);
  const auto verdicts = verdict_lines(report);
  if (!verdicts.empty())
    out += fmt::format("<h2>{}</h2>\n", escape_xml(verdicts_title(report))) + bullet_list(verdicts);
  for (const Section& section : text_sections(report)) {  // the decision and workload sections, as report.md shows them
    out += fmt::format("<h2>{}</h2>\n", escape_xml(section.title));
    for (const Table& table : section.tables) out += html_table(table);
    out += bullet_list(section.lines);
  }
  out += "<h2>Errors by class</h2>\n";
  out += report.errors == 0 ? "<p>No errors.</p>\n" : html_table(errors_table(report));
  if (const auto line = lateness_line(report)) out += "<h2>The client's own error</h2>\n<p>" + escape_xml(*line) + "</p>\n";
  if (report.client_error_note) out += "<p class=\"warning\">Warning: " + escape_xml(*report.client_error_note) + "</p>\n";
  return out + "</section>\n";
}

std::string plots_section(const Report& report, const HtmlPlotData& plots) {
  std::string out =
      "<section id=\"plots\">\n<h2>Plots</h2>\n<p class=\"note\">The TTFT distribution is drawn twice, with a "
      "linear and with a log-scaled time axis. Colours follow the Okabe–Ito palette; each target also has its own "
      "marker and each phase its own dash pattern.</p>\n<div class=\"plots\">\n";
  for (const Figure& figure : html_figures(plots, report)) {
    out += fmt::format("<figure data-figure=\"{}\" data-state=\"{}\"><figcaption>{}</figcaption>", figure.id,
                       figure.missing.empty() ? "drawn" : "missing", escape_xml(figure.heading));
    out += figure.missing.empty() ? figure.svg : "<p class=\"missing\">" + escape_xml(figure.missing) + "</p>";
    out += "</figure>\n";
  }
  return out + "</div>\n</section>\n";
}

std::string manifest_section(std::span<const results::Manifest> manifests) {
  std::string out = "<section id=\"manifest\">\n<h2>Manifest</h2>\n";
  if (manifests.empty()) out += "<p>No manifest.json was found: what was run is unknown.</p>\n";
  for (const results::Manifest& manifest : manifests) {
    out += fmt::format("<h3>Run <code>{}</code></h3>\n<dl>", escape_xml(manifest.run_id));
    for (const auto& [label, value] : results::manifest_display_rows(manifest)) {
      out += fmt::format("<dt>{}</dt><dd>{}</dd>", escape_xml(label), escape_xml(value));
    }
    out += "</dl>\n";
  }
  return out + "</section>\n";
}

}  // namespace

std::string export_html(const ReportView& view) {
  TTFT_CHECK(view.report != nullptr && view.plots != nullptr, "report.html needs the report and its plots' data");
  const Report& report = view.report->overall;
  const std::string title = escape_xml("ttftbench: " + report.run.scenario_name);
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n"
      "<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
      title, kStyle, title);
  out += page_run_line(report);
  for (const std::string& note : view.report->notes) {
    out += "<p class=\"warning\">Note: " + escape_xml(note) + "</p>\n";
  }
  if (report.run.interrupted) {
    out += "<p class=\"warning\">Interrupted: these figures cover the requests finished before the stop.</p>\n";
  }
  out += headline_section(report);
  out += plots_section(report, *view.plots);
  out += manifest_section(view.manifests);
  return out + "</body>\n</html>\n";
}

}  // namespace ttft::exporters
