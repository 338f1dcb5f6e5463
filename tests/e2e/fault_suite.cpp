// The fault suite's expectations per target (docs/results.md ("Error classes")) and its checks on results.
#include "e2e/fault_suite.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <map>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "e2e/sim_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace ttft::test {

namespace fs = std::filesystem;

namespace {

struct Expected {
  std::string error;        // a class of docs/results.md ("Error classes"); "" = success
  std::string http_status;  // "" = no response
  std::vector<std::string> detail_has;  // case-insensitive substrings of error_detail
};

// One target per fault in tests/fixtures/scenarios/e2e/faults.json.
const std::map<std::string, Expected> kExpected = {
    {"healthy", {"", "200", {}}},
    {"http_429", {"rate_limited", "429", {"http 429", "retry-after: 7", "rate limit"}}},
    {"http_500", {"http_5xx", "500", {"http 500", "\"success\":false"}}},
    {"http_503", {"http_5xx", "503", {"http 503", "UNAVAILABLE"}}},
    {"http_529", {"http_5xx", "529", {"http 529", "overloaded_error"}}},
    {"redirect", {"http_3xx", "307", {"307", "x-sim-redirected=1", "follow_redirects"}}},
    {"redirect_followed", {"", "200", {}}},
    {"wrong_content_type", {"protocol", "200", {"application/json", "\"error\""}}},
    {"refused", {"connect", "", {"failed to connect"}}},
    {"reset_before_headers", {"truncated", "", {"reset"}}},
    {"slow_headers", {"timeout_first_event", "", {"no event within 3000 ms"}}},
    {"stall", {"timeout_first_event", "200", {"no event within 3000 ms"}}},
    {"stall_mid_stream", {"timeout_total", "200", {"timed out"}}},
    {"stream_error", {"stream", "200", {"server had an error"}}},
    {"truncate", {"truncated", "200", {"transfer closed"}}},
    {"close_without_terminator", {"truncated", "200", {"without its end marker"}}},
    {"truncated_chunked", {"truncated", "200", {"transfer closed"}}},
    {"reset_mid_stream", {"truncated", "200", {"reset"}}},
    {"garbage", {"protocol", "200", {"not json"}}},
    {"invalid_utf8", {"", "200", {}}},
    {"oversize_event", {"protocol", "200", {"larger than"}}},
    {"gzip", {"", "200", {}}},
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::vector<std::string> fault_env() {
  return {"TTFT_FAULTS_CLOSED_PORT=" + std::to_string(closed_port())};
}

std::string fault_scenario() { return scenario_fixture("e2e", "faults.json").string(); }

std::int64_t fault_scheduled_requests(const std::vector<std::string>& env) {
  const auto validate = run_process({ttftbench_bin(), "validate", fault_scenario()},
                                                std::chrono::seconds(30), env);
  INFO(validate.err);
  REQUIRE(validate.exit_code == 0);
  const auto count = validate_request_count(validate.out);
  REQUIRE(count.has_value());
  return *count;
}

void check_fault_run(const fs::path& out, std::int64_t scheduled) {
  const CsvTable csv = parse_csv(read_file(out / "samples.csv"));
  REQUIRE(static_cast<std::int64_t>(csv.rows.size()) == scheduled);  // exactly one row per request
  const auto per_target = scheduled / static_cast<std::int64_t>(kExpected.size());
  REQUIRE(per_target * static_cast<std::int64_t>(kExpected.size()) == scheduled);

  std::map<std::string, std::int64_t> rows_of;
  std::map<std::string, std::map<std::string, std::int64_t>> classes_of;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    REQUIRE(csv.rows[row].size() == csv.header.size());
    const std::string target = csv.cell(row, "target");
    const std::string& error = csv.cell(row, "error");
    const std::string& detail = csv.cell(row, "error_detail");
    INFO("target " << target << ", row " << row << ": error " << error << ", detail " << detail);
    const auto expected = kExpected.find(target);
    REQUIRE(expected != kExpected.end());
    ++rows_of[target];
    CHECK(error == expected->second.error);
    CHECK(csv.cell(row, "http_status") == expected->second.http_status);
    if (error.empty()) {
      CHECK(detail.empty());
      CHECK_FALSE(csv.cell(row, "ttft_ms").empty());
      CHECK_FALSE(csv.cell(row, "first_token_ms").empty());
      continue;
    }
    ++classes_of[target][error];
    CHECK(detail.size() >= 8);  // says something
    const auto is_control = [](char c) { return static_cast<unsigned char>(c) < 0x20; };
    CHECK(std::none_of(detail.begin(), detail.end(), is_control));  // one line, nothing a terminal obeys
    for (const std::string& part : expected->second.detail_has) {
      CHECK(lower(detail).find(lower(part)) != std::string::npos);
    }
  }
  for (const auto& [target, expected] : kExpected) {
    INFO("target " << target);
    CHECK(rows_of[target] == per_target);
  }

  const auto summary = nlohmann::json::parse(read_file(out / "summary.json"));
  CHECK(summary["samples"] == scheduled);
  std::int64_t errors = 0;
  for (const auto& [target, expected] : kExpected) {
    INFO("target " << target);
    const auto& by_class = summary["errors_by_class"][target];
    if (expected.error.empty()) {
      CHECK(by_class.empty());
    } else {
      CHECK(by_class == nlohmann::json(classes_of[target]));
      errors += per_target;
    }
    // Errors never enter the latency statistics: a faulted target has no TTFT figures at all.
    bool found = false;
    for (const auto& row : summary["rows"]) {
      if (row["target"] != target || row["metric"] != "ttft" || row["phase"] != "warm") continue;
      found = true;
      CHECK(row["n"] == (expected.error.empty() ? per_target : 0));
      CHECK(row["errors"] == (expected.error.empty() ? 0 : per_target));
      CHECK(row["p50"].is_null() != expected.error.empty());
    }
    CHECK(found);
  }
  CHECK(summary["errors"] == errors);
}

}  // namespace ttft::test
