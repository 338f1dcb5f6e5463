// Grouped reports in every format: a section per group then the overall one, the group column
// in the CSV; and where an ungrouped report's notes go.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exporters/report_exporters.hpp"
#include "report/merge.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

// Two regions, 25 warm samples per target each: eu's edge is fast, us's slow.
report::GroupedReport by_region() {
  report::RunInfo run;
  run.run_id = "r1";
  run.scenario_name = "demo";
  run.targets = {"edge", "central"};
  run.phases = {"warm"};
  std::vector<samples::Sample> eu, us;
  for (int i = 0; i < 25; ++i) {
    eu.push_back(test::make_sample("edge", "warm", 100 + i));
    eu.push_back(test::make_sample("central", "warm", 150 + 2 * i));
    us.push_back(test::make_sample("edge", "warm", 300 + 3 * i));
    us.push_back(test::make_sample("central", "warm", 120 + i));
  }
  std::vector<samples::Sample> all = eu;
  all.insert(all.end(), us.begin(), us.end());
  report::GroupedReport grouped;
  grouped.column = "region";
  grouped.groups = {{"eu", report::build_report(eu, run)}, {"us", report::build_report(us, run)}};
  grouped.overall = report::build_report(all, run);
  return grouped;
}

}  // namespace

TEST_CASE("grouped CSV: the group column first, groups then all") {
  const auto grouped = by_region();
  const std::string csv = exporters::export_summary_csv(grouped);
  CHECK(csv.rfind("region,target,phase,metric,unit,n,errors,", 0) == 0);
  const std::string single = exporters::export_summary_csv(report::ungrouped(grouped.overall));
  const auto rows = std::count(single.begin(), single.end(), '\n') - 1;
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 3 * rows);
  CHECK(csv.find("\neu,edge,warm,ttft,ms,25,") != std::string::npos);
  CHECK(csv.find("\nall,edge,warm,ttft,ms,50,") != std::string::npos);
  CHECK(csv.find("\nall,") > csv.rfind("\nus,"));
}

TEST_CASE("an ungrouped report's notes: first in each format but the CSV, which has no place for them") {
  const report::GroupedReport plain = report::ungrouped(by_region().overall);
  report::GroupedReport noted = plain;
  noted.notes = {"one", "two"};
  CHECK(exporters::export_summary_csv(noted) == exporters::export_summary_csv(plain));
  CHECK(exporters::export_terminal(noted, false) ==
        "note: one\nnote: two\n\n" + exporters::export_terminal(plain, false));
  const std::string md = exporters::export_markdown(plain);
  const auto title_end = md.find("\n\n") + 2;
  CHECK(exporters::export_markdown(noted) ==
        md.substr(0, title_end) + "**Note:** one\n\n**Note:** two\n\n" + md.substr(title_end));
  auto json = nlohmann::ordered_json::parse(exporters::export_summary_json(noted));
  CHECK(std::next(json.begin()).key() == "notes");  // right after schema_version
  CHECK(json["notes"] == std::vector<std::string>{"one", "two"});
  json.erase("notes");
  CHECK(json.dump(2) + "\n" == exporters::export_summary_json(plain));
}

TEST_CASE("grouped Markdown and JSON: one section per group and the notes") {
  auto grouped = by_region();
  grouped.notes = {"merged from different scenario files"};
  const std::string md = exporters::export_markdown(grouped);
  CHECK(md.rfind("# ttftbench: demo by region\n\n**Note:** merged from different scenario files\n", 0) == 0);
  CHECK(md.find("## region `eu`\n") != std::string::npos);
  CHECK(md.find("## region `us`\n") != std::string::npos);
  CHECK(md.find("## all regions\n") != std::string::npos);
  CHECK(md.find("### Time to first token (ms)") != std::string::npos);
  CHECK(md.find("\n# ", 1) == std::string::npos);  // one title only
  const std::string json = exporters::export_summary_json(grouped);
  CHECK(json.find("\"by\": \"region\"") != std::string::npos);
  CHECK(json.find("\"region\": \"us\"") != std::string::npos);
  CHECK(json.find("\"notes\": [") != std::string::npos);
}
