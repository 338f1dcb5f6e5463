// The demo scenario exactly as scripts/demo runs it: tables and
// verdicts printed, one row per scheduled request, and medians in the bands the simulated
// profiles define. Wide bands: this checks the wiring from profile to table, not timing.
// The same run's report.html is then rendered in headless Chromium.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "e2e/html_render.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using ttft::test::read_file;
using ttft::test::run_process;
using ttft::test::ttftbench_bin;

namespace {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

/// p50 of ttft per "target/phase" from summary.csv.
std::map<std::string, double> ttft_p50s(const std::string& summary_csv) {
  std::istringstream in(summary_csv);
  std::string line;
  std::getline(in, line);
  const auto header = split_csv_line(line);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  std::map<std::string, double> p50s;
  while (std::getline(in, line)) {
    const auto cells = split_csv_line(line);
    if (cells[column("metric")] != "ttft" || cells[column("p50")].empty()) continue;
    p50s[cells[column("target")] + "/" + cells[column("phase")]] = std::stod(cells[column("p50")]);
  }
  return p50s;
}

// Every plot the demo's report promises; the demo has no --region, so the region plot is the
// one replaced by its sentence.
const std::vector<std::string> kDrawnPlots{"ttft-cdf",       "ttft-cdf-log",  "ttft-over-time", "ttft-vs-idle",
                                           "first-token-vs-event", "cost-per-mtok", "cost-vs-ratio"};
const std::vector<std::string> kMissingPlots{"region-percentiles"};

/// report.html of a finished run: valid polyglot markup, rendered by Chromium without a network
/// request, every promised plot an accessible SVG with drawn series, tables and manifest there.
void check_report_html(const std::filesystem::path& run_dir, const std::filesystem::path& work_dir) {
  const auto html = run_dir / "report.html";
  REQUIRE(std::filesystem::exists(html));
  const auto validity = ttft::test::html_check("validate", html);
  INFO(validity.dump());
  CHECK(validity["valid"] == true);
  CHECK(validity["bytes"].get<std::size_t>() < 1024 * 1024);

  const auto page = ttft::test::render_in_chromium(html, work_dir);
  const std::string png = read_file(page.png);
  CHECK(png.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  CHECK(png.size() > 20'000);  // a blank page of this size compresses to a few kB
  const auto net = ttft::test::html_check("netlog", page.netlog);
  INFO(net.dump());
  CHECK(net["network_requests"].empty());

  std::ofstream(work_dir / "dom.html") << page.dom;
  const auto dom = ttft::test::html_check("dom", work_dir / "dom.html");
  INFO(dom.dump());
  CHECK(dom["figures"].size() == kDrawnPlots.size() + kMissingPlots.size());
  for (const std::string& id : kDrawnPlots) {
    INFO(id);
    REQUIRE(dom["figures"].contains(id));
    const auto& figure = dom["figures"][id];
    CHECK(figure["state"] == "drawn");
    CHECK(figure["svg"] == true);
    CHECK(figure["role_img"] == true);
    CHECK(figure["data_plot"] == id);
    CHECK_FALSE(figure["title"].get<std::string>().empty());
    CHECK(figure["desc"].get<std::string>().size() > 40);
    CHECK(figure["series_paths"].get<int>() >= 2);  // both targets drawn
    CHECK(figure["empty_series_paths"] == 0);
  }
  for (const std::string& id : kMissingPlots) {
    INFO(id);
    REQUIRE(dom["figures"].contains(id));
    CHECK(dom["figures"][id]["state"] == "missing");
    CHECK(dom["figures"][id]["svg"] == false);
    CHECK_FALSE(dom["figures"][id]["missing"].get<std::string>().empty());
  }
  CHECK(dom["tables"].get<int>() >= 2);            // time to first token, cost
  CHECK(dom["manifest_entries"].get<int>() >= 8);  // scenario, version, host, times, ...
  CHECK(page.dom.find("Time to first token (ms)") != std::string::npos);
  CHECK(page.dom.find("A/B verdicts") != std::string::npos);

  // `report` re-renders the same plots from the folder (a function of samples.csv + manifest.json).
  // Only the plots: `report` may add sections that `run` does not write (the idle sweep).
  const auto plots_of = [](const std::string& text) {
    const auto begin = text.find("<section id=\"plots\">");
    return begin == std::string::npos ? std::string() : text.substr(begin, text.find("</section>", begin) - begin);
  };
  const auto rerender = run_process({ttftbench_bin(), "report", run_dir.string(), "--format", "html"});
  CHECK(rerender.exit_code == 0);
  CHECK_FALSE(plots_of(rerender.out).empty());
  CHECK(plots_of(rerender.out) == plots_of(read_file(html)));
}

}  // namespace

TEST_CASE("the demo prints both tables and verdicts and records every scheduled request") {
  const std::string scenario = std::string(TTFT_SOURCE_DIR) + "/scenarios/demo.json";
  const auto validate = run_process({ttftbench_bin(), "validate", scenario});
  REQUIRE(validate.exit_code == 0);
  std::smatch match;
  REQUIRE(std::regex_search(validate.out, match, std::regex(R"(requests\s+(\d+))")));
  const int scheduled = std::stoi(match[1]);

  ttft::test::TempDir dir;
  const auto run = run_process({ttftbench_bin(), "run", scenario, "--out", (dir / "demo").string()},
                               std::chrono::seconds(150));
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("Time to first token (ms)") != std::string::npos);
  CHECK(run.out.find("Cost per million tokens (USD)") != std::string::npos);
  CHECK(std::regex_search(run.out, std::regex(R"(warm p50: (edge|central) faster by|warm p50: no significant)")));

  const std::string samples = read_file(dir / "demo" / "samples.csv");
  std::istringstream lines(samples);
  std::string header;
  std::getline(lines, header);
  CHECK(header ==
        "run_id,region,shard,phase,cold,seq,target,protocol,model,request_id,started_at,send_lag_ms,"
        "idle_before_s,connection_reused,pop,http_status,error,error_detail,dns_ms,connect_ms,tls_ms,"
        "ttfb_ms,ttft_ms,first_token_ms,e2e_ms,input_tokens,output_tokens,token_source,events,"
        "itl_p50_ms,itl_p95_ms,decode_tps,cost_usd,first_token_kind,first_answer_ms,reasoning_tokens,"
        "cached_input_tokens,cache_write_tokens,http_version,input_tokens_requested,max_tokens_requested,"
        "sweep_value,conversation,turn,vectors,dimensions,correct,browser_ttft_ms,browser_paint_ms");
  int rows = 0;
  for (std::string line; std::getline(lines, line);) ++rows;
  CHECK(rows == scheduled);

  // Profiles (scenario/sim_profile.cpp): edge cold ≈410, warm ≈180; central cold ≈290, warm ≈240 ms.
  auto p50 = ttft_p50s(read_file(dir / "demo" / "summary.csv"));
  INFO("edge cold " << p50["edge/cold"] << ", edge warm " << p50["edge/warm"] << ", central cold "
                    << p50["central/cold"] << ", central warm " << p50["central/warm"]);
  CHECK(p50["edge/cold"] > 250);
  CHECK(p50["edge/cold"] < 700);
  CHECK(p50["edge/warm"] > 100);
  CHECK(p50["edge/warm"] < 300);
  CHECK(p50["central/cold"] > 150);
  CHECK(p50["central/cold"] < 500);
  CHECK(p50["central/warm"] > 130);
  CHECK(p50["central/warm"] < 450);
  CHECK(p50["edge/cold"] > p50["edge/warm"]);  // scale-to-zero shows up as slower cold starts

  check_report_html(dir / "demo", dir.path());
}
