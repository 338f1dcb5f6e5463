// Native vs browser table cells and JSON objects, formatted from the model.
#include "exporters/browser_section.hpp"

#include <fmt/format.h>

#include "exporters/json_numbers.hpp"
#include "report/number_format.hpp"

namespace ttft::exporters {
namespace {

// "+12 (95% CI 8–15)", or "-" without a difference.
std::string difference_cell(const report::Verdict& v) {
  if (!v.diff) return "-";
  const std::string diff = fmt::format("{}{}", *v.diff >= 0 ? "+" : "", report::format_readable(v.diff));
  if (!v.ci) return diff;
  return fmt::format("{} ({}\u2013{})", diff, report::format_readable(v.ci->low), report::format_readable(v.ci->high));
}

}  // namespace

Section browser_section(const report::Report& report) {
  using report::format_readable;
  Section section;
  section.title = "Native vs browser (first token, ms)";
  Table table;
  table.header = {"native",       "browser",      "phase",        "n",          "native p50",
                  "native p95",   "browser p50",  "browser p95",  "paint p50",  "browser - native p50 (95% CI)"};
  table.align = {Align::left, Align::left, Align::left};
  table.align.resize(table.header.size(), Align::right);
  for (const report::BrowserPairRow& row : report.browser_pairs) {
    table.rows.push_back({row.native, row.browser, row.phase, fmt::format("{}/{}", row.n_native, row.n_browser),
                          format_readable(row.native_p50_ms), format_readable(row.native_p95_ms),
                          format_readable(row.browser_p50_ms), format_readable(row.browser_p95_ms),
                          format_readable(row.paint_p50_ms), difference_cell(row.difference)});
  }
  section.tables.push_back(std::move(table));
  section.lines.emplace_back(report::kBrowserPairsNote);
  return section;
}

nlohmann::ordered_json browser_json(const report::Report& report) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const report::BrowserPairRow& row : report.browser_pairs) {
    const report::Verdict& d = row.difference;
    rows.push_back({{"native", row.native},
                    {"browser", row.browser},
                    {"phase", row.phase},
                    {"n_native", row.n_native},
                    {"n_browser", row.n_browser},
                    {"native_first_token_p50_ms", json_figure(row.native_p50_ms)},
                    {"native_first_token_p95_ms", json_figure(row.native_p95_ms)},
                    {"browser_ttft_p50_ms", json_figure(row.browser_p50_ms)},
                    {"browser_ttft_p95_ms", json_figure(row.browser_p95_ms)},
                    {"browser_paint_p50_ms", json_figure(row.paint_p50_ms)},
                    {"diff_p50_ms", json_figure(d.diff)},
                    {"ci_low", json_figure(d.ci ? std::optional<double>(d.ci->low) : std::nullopt)},
                    {"ci_high", json_figure(d.ci ? std::optional<double>(d.ci->high) : std::nullopt)},
                    {"text", d.text}});
  }
  return {{"pairs", std::move(rows)}, {"note", report::kBrowserPairsNote}};
}

}  // namespace ttft::exporters
