// report --format html (docs/results.md ("report.html")): a 10,000-row results folder stays under 1 MiB and parses
// strictly; and the net-log check used on the demo's report really catches a page that reaches
// for the network.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "e2e/html_render.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using ttft::test::html_check;
using ttft::test::read_file;
using ttft::test::run_process;
using ttft::test::ttftbench_bin;

namespace {

// Tags every row of samples.csv (written without regions) with region "eu" or "us" in turn.
void add_regions(const std::filesystem::path& samples_csv) {
  std::istringstream in(read_file(samples_csv));
  std::string out, line;
  std::getline(in, line);
  out = line + "\n";
  std::size_t tagged = 0, rows = 0;
  for (; std::getline(in, line); ++rows) {
    const auto comma = line.find(',');  // run_id, then the region cell: empty as generated
    if (comma == std::string::npos || line.compare(comma, 2, ",,") != 0) {
      out += line + "\n";
      continue;
    }
    out += line.substr(0, comma + 1) + (rows % 2 == 0 ? "eu" : "us") + line.substr(comma + 1) + "\n";
    ++tagged;
  }
  CHECK(tagged == rows);
  std::ofstream(samples_csv, std::ios::trunc) << out;
}

}  // namespace

TEST_CASE("report --format html of 10,000 rows is valid, complete and under 1 MiB") {
  ttft::test::TempDir dir;
  const auto folder = dir / "bench";
  const auto generate = run_process({"python3", std::string(TTFT_SOURCE_DIR) + "/bench/gen_samples.py",
                                     folder.string(), "--rows", "10000", "--seed", "8"},
                                    std::chrono::seconds(120));
  INFO(generate.err);
  REQUIRE(generate.exit_code == 0);
  add_regions(folder / "samples.csv");
  const auto report = run_process({ttftbench_bin(), "report", folder.string(), "--format", "html"},
                                  std::chrono::seconds(120));
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  std::ofstream(dir / "report.html") << report.out;

  CHECK(report.out.size() < 1024 * 1024);
  const auto validity = html_check("validate", dir / "report.html");
  INFO(validity.dump());
  CHECK(validity["valid"] == true);
  // Every plot is there, drawn or explained; the scatter plots say how they were thinned.
  for (const char* id : {"ttft-cdf", "ttft-cdf-log", "ttft-over-time", "ttft-vs-idle", "first-token-vs-event",
                         "region-percentiles", "cost-per-mtok", "cost-vs-ratio"}) {
    INFO(id);
    CHECK(report.out.find(std::string("data-figure=\"") + id + "\"") != std::string::npos);
  }
  CHECK(report.out.find("data-plot=\"ttft-over-time\"") != std::string::npos);
  CHECK(report.out.find("data-plot=\"region-percentiles\"") != std::string::npos);
  CHECK(report.out.find(" in eu: p50 ") != std::string::npos);
  CHECK(report.out.find(" samples shown.") != std::string::npos);
  CHECK(report.out.find("10000 samples") != std::string::npos);  // the run line
}

TEST_CASE("the net-log check flags a page that requests anything from the network") {
  ttft::test::TempDir dir;
  const auto page = dir / "page.html";
  std::ofstream(page) << "<!DOCTYPE html><html><body><p>x</p><img src=\"http://127.0.0.1:9/x.png\"/></body></html>";
  const auto rendered = ttft::test::render_in_chromium(page, dir.path(), 400, 300);
  const auto net = html_check("netlog", rendered.netlog);
  INFO(net.dump());
  REQUIRE(net["network_requests"].size() >= 1);
  CHECK(net["network_requests"][0] == "http://127.0.0.1:9/x.png");
}
