// The three commands' format tables. An entry adapts its exporter to (input, color); the
// exporters themselves stay plain functions.
#include "exporters/registry.hpp"

#include <array>

#include "exporters/compare_exporter.hpp"
#include "exporters/html/html_exporter.hpp"
#include "exporters/whatif_exporter.hpp"

namespace ttft::exporters {
namespace {

constexpr std::array<ReportFormat, 5> kReportFormats{{
    {"table", [](const ReportView& view, bool color) { return export_terminal(*view.report, color); }},
    {"markdown", [](const ReportView& view, bool) { return export_markdown(*view.report); }},
    {"csv", [](const ReportView& view, bool) { return export_summary_csv(*view.report); }},
    {"json", [](const ReportView& view, bool) { return export_summary_json(*view.report); }},
    {"html", [](const ReportView& view, bool) { return export_html(view); }},
}};

constexpr std::array<CompareFormat, 3> kCompareFormats{{
    {"table", [](const report::Comparison& c, bool color) { return export_compare_terminal(c, color); }},
    {"markdown", [](const report::Comparison& c, bool) { return export_compare_markdown(c); }},
    {"json", [](const report::Comparison& c, bool) { return export_compare_json(c); }},
}};

constexpr std::array<WhatifFormat, 2> kWhatifFormats{{
    {"table", [](const whatif::WhatifResult& r, bool color) { return export_whatif_table(r, color); }},
    {"json", [](const whatif::WhatifResult& r, bool) { return export_whatif_json(r); }},
}};

}  // namespace

std::span<const ReportFormat> report_formats() { return kReportFormats; }
std::span<const CompareFormat> compare_formats() { return kCompareFormats; }
std::span<const WhatifFormat> whatif_formats() { return kWhatifFormats; }

std::string render_report(const report::FolderReport& r, std::string_view name, bool color) {
  const ReportView view{&r.report, r.plots ? &*r.plots : nullptr, r.manifests};
  return find_format(report_formats(), name).render(view, color);
}

}  // namespace ttft::exporters
