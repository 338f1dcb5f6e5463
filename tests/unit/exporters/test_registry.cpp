// The format registry: each command's --format names in --help order, and each name renders
// with its own exporter.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "exporters/compare_exporter.hpp"
#include "exporters/registry.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;
using Names = std::vector<std::string>;

TEST_CASE("registry: each command's format names, table first") {
  CHECK(exporters::format_names(exporters::report_formats()) == Names{"table", "markdown", "csv", "json", "html"});
  CHECK(exporters::format_names(exporters::compare_formats()) == Names{"table", "markdown", "json"});
  CHECK(exporters::format_names(exporters::whatif_formats()) == Names{"table", "json"});
}

TEST_CASE("registry: a name renders with its exporter") {
  std::vector<samples::Sample> samples;
  for (int i = 0; i < 5; ++i) samples.push_back(test::make_sample("edge", "warm", 100 + i));
  report::RunInfo run;
  run.targets = {"edge"};
  const report::GroupedReport grouped = report::ungrouped(report::build_report(samples, run));
  const exporters::ReportView view{&grouped, nullptr, {}};
  const auto report_format = [&view](const char* name, bool color) {
    return exporters::find_format(exporters::report_formats(), name).render(view, color);
  };
  CHECK(report_format("table", true) == exporters::export_terminal(grouped, true));
  CHECK(report_format("markdown", true) == exporters::export_markdown(grouped));
  CHECK(report_format("csv", false) == exporters::export_summary_csv(grouped));
  CHECK(report_format("json", false) == exporters::export_summary_json(grouped));

  report::Comparison comparison;
  comparison.baseline_label = "a";
  comparison.candidate_label = "b";
  CHECK(exporters::find_format(exporters::compare_formats(), "markdown").render(comparison, false) ==
        exporters::export_compare_markdown(comparison));
  CHECK(exporters::find_format(exporters::compare_formats(), "table").render(comparison, true) ==
        exporters::export_compare_terminal(comparison, true));
}
