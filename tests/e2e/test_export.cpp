// --export against real receivers on loopback: Debian's Prometheus (remote write) and Pushgateway,
// a stand-in OTLP collector that checks the JSON shape, and a port nobody listens on.
// Live runs: counts are exact, latencies are compared within a bucket or a generous tolerance.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "e2e/export_fixture.hpp"
#include "e2e/run_fixture.hpp"
#include "e2e/sim_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::BackgroundProcess;
using ttft::test::parse_csv;
using ttft::test::ProcessResult;
using ttft::test::read_file;
using ttft::test::run_process;
using ttft::test::scenario_fixture;
using ttft::test::TempDir;
using ttft::test::ttftbench_bin;

namespace {

// docs/export.md ("Metrics"): the histograms' upper bounds in seconds (+Inf after them).
const std::vector<double> kBounds_s = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

std::size_t bucket_of(double seconds) {
  return static_cast<std::size_t>(std::lower_bound(kBounds_s.begin(), kBounds_s.end(), seconds) - kBounds_s.begin());
}

/// `ttftbench run merge_regions.json --out OUT EXTRA...` (8 rows: 2 targets, cold 1 + warm 3 each; seed 11).
ProcessResult run_merge_regions(const fs::path& out, const std::vector<std::string>& extra,
                                const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv = {ttftbench_bin(), "run", scenario_fixture("e2e", "merge_regions.json").string(),
                                   "--out", out.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run_process(argv, std::chrono::seconds(60), env);
}

/// Rows per target in OUT/samples.csv.
std::map<std::string, int> rows_per_target(const fs::path& out) {
  const auto csv = parse_csv(read_file(out / "samples.csv"));
  std::map<std::string, int> rows;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) ++rows[csv.cell(row, "target")];
  return rows;
}

/// summary.json's p50 in ms of `metric` for `target` in `phase`.
double summary_p50_ms(const fs::path& out, const std::string& target, const std::string& phase, const std::string& metric) {
  const auto summary = nlohmann::json::parse(read_file(out / "summary.json"));
  for (const auto& row : summary.at("rows")) {
    if (row.at("target") == target && row.at("phase") == phase && row.at("metric") == metric) return row.at("p50");
  }
  FAIL("summary.json has no " << target << "/" << phase << "/" << metric << " row");
  return 0;
}

/// The sum of ttftbench_requests_total over the text format's lines with target="<target>".
int text_requests(const std::string& text, const std::string& target) {
  std::istringstream lines(text);
  std::string line;
  int total = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("ttftbench_requests_total{", 0) != 0 || line.find("target=\"" + target + "\"") == std::string::npos) continue;
    total += std::stoi(line.substr(line.rfind(' ') + 1));
  }
  return total;
}

}  // namespace

TEST_CASE("prometheus-rw: a real Prometheus holds the rows' request counts per target and their TTFT p50 within a bucket") {
  ttft::test::PrometheusServer prometheus;
  TempDir tmp;
  const fs::path out = tmp / "run";
  const auto run = run_merge_regions(out, {"--export", "prometheus-rw=" + prometheus.url("/api/v1/write"),
                                           "--export-interval", "200ms"});
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.find("warning: export") == std::string::npos);
  const auto rows = rows_per_target(out);
  REQUIRE(rows.size() == 2);
  const auto counts = prometheus.query("sum by (target) (ttftbench_requests_total)");
  REQUIRE(counts.size() == 2);
  for (const auto& series : counts) {
    const std::string target = series.at("metric").at("target");
    INFO(target);
    CHECK(std::stod(series.at("value").at(1).get<std::string>()) == rows.at(target));
  }
  for (const std::string target : {"edge", "central"}) {
    const auto p50 = prometheus.query("histogram_quantile(0.5, sum by (le) (ttftbench_ttft_seconds_bucket{target=\"" +
                                      target + "\", phase=\"warm\"}))");
    REQUIRE(p50.size() == 1);
    const double from_prometheus_s = std::stod(p50.at(0).at("value").at(1).get<std::string>());
    const double own_s = summary_p50_ms(out, target, "warm", "ttft") / 1000;
    INFO(target << ": Prometheus " << from_prometheus_s << " s, summary.json " << own_s << " s");
    const auto a = bucket_of(from_prometheus_s), b = bucket_of(own_s);
    CHECK((a > b ? a - b : b - a) <= 1);
  }
  const auto manifest = nlohmann::json::parse(read_file(out / "manifest.json"));
  REQUIRE(manifest.at("exports").size() == 1);
  CHECK(manifest.at("exports").at(0).at("kind") == "prometheus-rw");
  CHECK(manifest.at("exports").at(0).at("failed") == 0);
  CHECK(manifest.at("exports").at(0).at("pushes") >= 1);
}

TEST_CASE("prometheus-rw after the fact: report DIR --export pushes a finished run with its rows' own timestamps") {
  TempDir tmp;
  const fs::path out = tmp / "run";
  REQUIRE(run_merge_regions(out, {}).exit_code == 0);
  ttft::test::PrometheusServer prometheus;
  const auto pushed = run_process(
      {ttftbench_bin(), "report", out.string(), "--export", "prometheus-rw=" + prometheus.url("/api/v1/write")},
      std::chrono::seconds(60));
  INFO(pushed.err);
  REQUIRE(pushed.exit_code == 0);
  CHECK(pushed.err.find("warning") == std::string::npos);
  const auto rows = rows_per_target(out);
  const auto counts = prometheus.query("sum by (target) (ttftbench_requests_total)");
  REQUIRE(counts.size() == rows.size());
  for (const auto& series : counts) {
    const std::string target = series.at("metric").at("target");
    INFO(target);
    CHECK(std::stod(series.at("value").at(1).get<std::string>()) == rows.at(target));
  }
}

TEST_CASE("pushgateway: report DIR --export pushes a finished folder and the Pushgateway's /metrics holds its counts") {
  ttft::test::PushgatewayServer pushgateway;
  const fs::path folder = fs::path(TTFT_FIXTURES_DIR) / "results" / "merge-regions";
  const auto pushed = run_process({ttftbench_bin(), "report", folder.string(), "--export", "pushgateway=" + pushgateway.url("")},
                                  std::chrono::seconds(60));
  INFO(pushed.err);
  REQUIRE(pushed.exit_code == 0);
  CHECK(pushed.err.find("warning") == std::string::npos);
  const std::string scraped = ttft::test::http_get(pushgateway.url("/metrics"));
  const auto rows = rows_per_target(folder);
  REQUIRE(rows.size() == 2);
  for (const auto& [target, n] : rows) {
    INFO(target);
    CHECK(text_requests(scraped, target) == n);
  }
  CHECK(scraped.find("job=\"ttftbench\"") != std::string::npos);
  CHECK(scraped.find("ttftbench_ttft_seconds_bucket{") != std::string::npos);

  // Pushed again, the run's group is replaced, not added to.
  REQUIRE(run_process({ttftbench_bin(), "report", folder.string(), "--export", "pushgateway=" + pushgateway.url("")},
                      std::chrono::seconds(60)).exit_code == 0);
  CHECK(text_requests(ttft::test::http_get(pushgateway.url("/metrics")), "edge") == rows.at("edge"));
}

TEST_CASE("otlp: every push passes a receiver's OTLP JSON shape check and the last holds the rows' counts") {
  TempDir tmp;
  const fs::path log = tmp / "otlp.log";
  BackgroundProcess receiver({"python3", std::string(TTFT_SOURCE_DIR) + "/tests/e2e/otlp_receiver.py", log.string()});
  const auto listening = receiver.read_line(std::chrono::seconds(10));
  REQUIRE(listening);
  const std::string url = listening->substr(listening->find("http://")) + "/v1/metrics";
  const fs::path out = tmp / "run";
  const auto run = run_merge_regions(out, {"--export", "otlp=" + url, "--export-interval", "100ms"});
  REQUIRE(run.exit_code == 0);
  std::ifstream lines(log);
  std::string line, last;
  int pushes = 0;
  while (std::getline(lines, line)) {
    INFO(line.substr(0, 300));
    CHECK(line.rfind("ok ", 0) == 0);
    last = line;
    ++pushes;
  }
  REQUIRE(pushes >= 1);
  const auto body = nlohmann::json::parse(last.substr(3));
  const auto& resource = body.at("resourceMetrics").at(0);
  bool has_run_id = false;
  for (const auto& attribute : resource.at("resource").at("attributes")) has_run_id |= attribute.at("key") == "run_id";
  CHECK(has_run_id);
  std::map<std::string, int> requests;
  bool saw_histogram = false;
  for (const auto& metric : resource.at("scopeMetrics").at(0).at("metrics")) {
    saw_histogram |= metric.at("name") == "ttftbench.ttft.seconds" && metric.contains("histogram");
    if (metric.at("name") != "ttftbench.requests.total") continue;
    for (const auto& point : metric.at("sum").at("dataPoints")) {
      std::string target;
      for (const auto& attribute : point.at("attributes")) {
        if (attribute.at("key") == "target") target = attribute.at("value").at("stringValue");
      }
      requests[target] += std::stoi(point.at("asInt").get<std::string>());
    }
  }
  CHECK(saw_histogram);
  CHECK(requests == rows_per_target(out));
  const auto manifest = nlohmann::json::parse(read_file(out / "manifest.json"));
  CHECK(manifest.at("exports").at(0).at("pushes") == pushes);
}

TEST_CASE("a dead export endpoint: rows complete and error-free, TTFT as without export, one warning, failures counted") {
  TempDir tmp;
  const fs::path plain = tmp / "plain", exported = tmp / "exported";
  REQUIRE(run_merge_regions(plain, {"--seed", "5"}).exit_code == 0);
  // The URL's ${EXPORT_TOKEN} is a secret: shown as *** in the warning and the manifest.
  const std::string dead = "http://127.0.0.1:" + std::to_string(ttft::test::closed_port()) + "/api/v1/write?key=";
  const std::string secret = "tok-EXPORT-SECRET-9";
  const auto run = run_merge_regions(exported, {"--seed", "5", "--export", "prometheus-rw=" + dead + "${EXPORT_TOKEN}",
                                                "--export-interval", "100ms"}, {"EXPORT_TOKEN=" + secret});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);

  const auto csv = parse_csv(read_file(exported / "samples.csv"));
  CHECK(rows_per_target(exported) == rows_per_target(plain));
  for (std::size_t row = 0; row < csv.rows.size(); ++row) CHECK(csv.cell(row, "error").empty());
  for (const std::string target : {"edge", "central"}) {
    INFO(target);
    CHECK(std::abs(summary_p50_ms(exported, target, "warm", "ttft") - summary_p50_ms(plain, target, "warm", "ttft")) < 25);
  }
  std::istringstream err(run.err);
  std::string line;
  int warnings = 0;
  while (std::getline(err, line)) warnings += line.rfind("warning: export to prometheus-rw " + dead + "***: ", 0) == 0;
  CHECK(warnings == 1);
  CHECK(run.err.find(secret) == std::string::npos);
  CHECK(read_file(exported / "manifest.json").find(secret) == std::string::npos);
  const auto exports = nlohmann::json::parse(read_file(exported / "manifest.json")).at("exports");
  REQUIRE(exports.size() == 1);
  CHECK(exports.at(0).at("url") == dead + "***");
  CHECK(exports.at(0).at("pushes").get<int>() >= 1);
  CHECK(exports.at(0).at("failed") == exports.at(0).at("pushes"));
  CHECK_FALSE(nlohmann::json::parse(read_file(plain / "manifest.json")).contains("exports"));
}
