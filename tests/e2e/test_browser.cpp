// Browser targets as a user runs them (docs/browser.md): against the simulator with a known
// first-event delay, the page's times bound the native ones and only the target's origin is
// contacted (Chromium's net log); a killed Chromium gives error rows and a run that finishes;
// no Chromium is a usage error naming the package; probe --client browser fills the page's times.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "e2e/sim_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::CsvTable;
using ttft::test::parse_csv;
using ttft::test::read_file;
using ttft::test::TempDir;

namespace {

// A sim target answering after `first_event_ms` (no spread, no network delay), then `tokens`
// tokens `interval_ms` apart; `extra` adds keys.
std::string sim_target(const std::string& name, int first_event_ms, int tokens, int interval_ms,
                       const std::string& extra = "") {
  return "\"" + name + R"(": {"protocol": "openai-chat", "url": "sim://fast", "model": "m", "sim": {"network_ms": 0,
      "warm": {"median_ms": )" + std::to_string(first_event_ms) + R"(, "sigma": 0}, "scale_to_zero_after_s": 0,
      "output_tokens": )" + std::to_string(tokens) + R"(, "token_interval_ms": )" + std::to_string(interval_ms) + "}" +
         extra + "}";
}

std::string browser_twin(const std::string& name, const std::string& twin, int first_event_ms, int tokens,
                         int interval_ms) {
  return sim_target(name, first_event_ms, tokens, interval_ms, R"(, "client": "browser", "native": ")" + twin + "\"");
}

void write_scenario(const fs::path& path, const std::string& targets, int requests) {
  std::ofstream(path) << R"({"name": "browser", "seed": 7, "targets": {)" + targets + R"(},
    "workload": {"messages": [{"role": "user", "content": "hi"}], "max_tokens": 8},
    "phases": [{"name": "p", "requests": )" + std::to_string(requests) + R"(, "concurrency": 1}],
    "timeouts": {"connect": "5s", "first_event": "10s", "total": "20s"}})";
}

double cell_ms(const CsvTable& csv, std::size_t row, const std::string& column) {
  return std::stod(csv.cell(row, column));
}

double median(std::vector<double> values) {
  REQUIRE_FALSE(values.empty());
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Every URL the page requested, from Chromium's --log-net-log file: the requests with an
// initiator. Chromium's own background requests (initiator "not an origin") are left out: its
// --host-resolver-rules keep them from resolving any host (docs/browser.md ("Chromium flags")).
std::vector<std::string> page_urls(const fs::path& path) {
  const auto log = nlohmann::json::parse(read_file(path));
  std::map<int, std::string> names;
  for (const auto& [name, id] : log["constants"]["logEventTypes"].items()) names[id.get<int>()] = name;
  std::vector<std::string> urls;
  for (const auto& event : log["events"]) {
    const auto& params = event.value("params", nlohmann::json::object());
    if (params.contains("url") && names[event["type"].get<int>()] == "URL_REQUEST_START_JOB" &&
        params.value("initiator", "not an origin") != "not an origin") {
      urls.push_back(params["url"]);
    }
  }
  return urls;
}

std::string origin_of(const std::string& url) { return url.substr(0, url.find('/', url.find("://") + 3)); }

// The Chromium that `parent` started: a child process with --remote-debugging-pipe on its command line.
pid_t browser_child_of(pid_t parent) {
  DIR* proc = opendir("/proc");
  REQUIRE(proc != nullptr);
  pid_t found = -1;
  while (const dirent* entry = readdir(proc)) {
    const std::string name = entry->d_name;
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat("/proc/" + name + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), {});
    const auto close_paren = text.rfind(')');
    if (close_paren == std::string::npos) continue;
    std::istringstream rest(text.substr(close_paren + 2));
    std::string state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid != parent) continue;
    const std::string cmdline = read_file("/proc/" + name + "/cmdline");
    if (cmdline.find("--remote-debugging-pipe") != std::string::npos) found = std::stoi(name);
  }
  closedir(proc);
  return found;
}

}  // namespace

TEST_CASE("browser rows: browser_ttft_ms is at least the delay and the native TTFT, paint after it, only the target contacted") {
  TempDir dir;
  write_scenario(dir / "s.json", sim_target("native", 100, 4, 5) + "," + browser_twin("page", "native", 100, 4, 5), 6);
  const auto run = ttft::test::run_ttftbench_in(dir.path(), {"run", "s.json", "-q", "--out", "out"}, {},
                                                {"TTFTBENCH_BROWSER_NETLOG=" + (dir / "netlog.json").string()},
                                                std::chrono::seconds(90));
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const CsvTable csv = parse_csv(read_file(dir / "out/samples.csv"));
  REQUIRE(csv.rows.size() == 12);
  std::vector<double> native_ttft, browser_ttft;
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    INFO("row " << i << " " << csv.cell(i, "target") << " " << csv.cell(i, "error_detail"));
    REQUIRE(csv.cell(i, "error").empty());
    if (csv.cell(i, "target") == "native") {
      CHECK(csv.cell(i, "browser_ttft_ms").empty());
      native_ttft.push_back(cell_ms(csv, i, "ttft_ms"));
      continue;
    }
    const double ttft = cell_ms(csv, i, "browser_ttft_ms");
    CHECK(ttft >= 100.0);
    CHECK(cell_ms(csv, i, "browser_paint_ms") >= ttft);
    CHECK(cell_ms(csv, i, "first_token_ms") <= ttft);  // the decoder's, on the same page clock
    CHECK(csv.cell(i, "output_tokens") == "4");
    browser_ttft.push_back(ttft);
  }
  REQUIRE(browser_ttft.size() == 6);
  CHECK(median(browser_ttft) >= median(native_ttft));

  // The report's pair: the same medians, in report.md and summary.json.
  const auto summary = nlohmann::json::parse(read_file(dir / "out/summary.json"));
  const auto& pair = summary.at("native_vs_browser").at("pairs").at(0);
  CHECK(pair["native"] == "native");
  CHECK(pair["browser"] == "page");
  CHECK(pair["n_browser"] == 6);
  CHECK(pair["browser_ttft_p50_ms"].get<double>() == Approx(median(browser_ttft)).margin(0.001));
  CHECK(pair["diff_p50_ms"].get<double>() > 0);
  CHECK(read_file(dir / "out/report.md").find("## Native vs browser (first token, ms)") != std::string::npos);

  const auto urls = page_urls(dir / "netlog.json");
  REQUIRE_FALSE(urls.empty());
  const std::set<std::string> origins = [&] {
    std::set<std::string> out;
    for (const auto& url : urls) out.insert(origin_of(url));
    return out;
  }();
  INFO("net log URLs: " << nlohmann::json(urls).dump());
  REQUIRE(origins.size() == 1);
  CHECK(origins.begin()->rfind("http://127.0.0.1:", 0) == 0);
  CHECK(std::find(urls.begin(), urls.end(), *origins.begin() + "/v1/chat/completions") != urls.end());
}

TEST_CASE("20 browser requests alternating two targets complete, and a killed Chromium gives error rows and a finished run") {
  TempDir dir;
  // Two pairs; each browser request streams for about 0.5 s, so a kill lands inside one.
  write_scenario(dir / "s.json",
                 sim_target("a", 50, 10, 45) + "," + browser_twin("a-page", "a", 50, 10, 45) + "," +
                     sim_target("b", 80, 10, 45) + "," + browser_twin("b-page", "b", 80, 10, 45),
                 10);
  ttft::test::BackgroundProcess run({ttft::test::ttftbench_bin(), "run", (dir / "s.json").string(), "-q", "--out",
                                     (dir / "out").string()});
  REQUIRE(ttft::test::wait_for_csv_rows(dir / "out/samples.csv", 12, std::chrono::seconds(60)));
  const pid_t chromium = browser_child_of(run.pid());
  REQUIRE(chromium > 0);
  REQUIRE(kill(chromium, SIGKILL) == 0);
  const auto exit_code = run.stop(0, std::chrono::seconds(90));
  REQUIRE(exit_code == 0);
  const CsvTable csv = parse_csv(read_file(dir / "out/samples.csv"));
  REQUIRE(csv.rows.size() == 40);
  std::map<std::string, int> rows, browser_errors, ok_after_kill;
  int killed_seen = 0, restarted_details = 0;
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    const std::string target = csv.cell(i, "target");
    ++rows[target];
    if (csv.cell(i, "error") == "browser") {
      ++browser_errors[target];
      ++killed_seen;
      restarted_details += csv.cell(i, "error_detail").find("restarted") != std::string::npos;
    } else {
      INFO(csv.cell(i, "error_detail"));
      CHECK(csv.cell(i, "error").empty());
      if (killed_seen > 0 && target.find("-page") != std::string::npos) ++ok_after_kill[target];
    }
  }
  CHECK(rows == std::map<std::string, int>{{"a", 10}, {"a-page", 10}, {"b", 10}, {"b-page", 10}});
  CHECK(killed_seen >= 1);
  CHECK(restarted_details >= 1);
  CHECK(browser_errors["a"] + browser_errors["b"] == 0);
  // The restarted browser served the requests after the kill.
  CHECK(ok_after_kill["a-page"] + ok_after_kill["b-page"] >= 2);
}

TEST_CASE("a browser target without Chromium is a usage error naming the package") {
  TempDir dir;
  write_scenario(dir / "s.json", sim_target("native", 10, 2, 5) + "," + browser_twin("page", "native", 10, 2, 5), 1);
  const auto run = ttft::test::run_ttftbench_in(dir.path(), {"run", "s.json", "-q", "--out", "out"}, {},
                                                {"TTFTBENCH_CHROMIUM=/nonexistent/chromium"});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("apt-get install chromium") != std::string::npos);
  CHECK(run.err.find("/nonexistent/chromium") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out/samples.csv"));
}

TEST_CASE("probe --client browser against serve: the page's times are filled and ordered") {
  const ttft::test::ServedSimulator server("fast");
  const auto probe = ttft::test::run_ttftbench_in(
      fs::current_path(), {"probe", server.url("/v1/chat/completions"), "--protocol", "openai-chat", "--client", "browser", "--json"},
      {}, {}, std::chrono::seconds(60));
  INFO(probe.err);
  REQUIRE(probe.exit_code == 0);
  const auto sample = nlohmann::json::parse(probe.out);
  REQUIRE(sample["browser_ttft_ms"].is_number());
  CHECK(sample["browser_paint_ms"].get<double>() >= sample["browser_ttft_ms"].get<double>());
  CHECK(sample["first_token_ms"].get<double>() <= sample["browser_ttft_ms"].get<double>());
  CHECK(sample["error"].is_null());  // null: no error
}
