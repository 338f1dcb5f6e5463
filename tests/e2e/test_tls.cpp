// TLS through a real terminator (docs/scenario.md ("TLS")): the simulator behind Debian's stunnel4 with a
// certificate the test makes. Verification is on by default, --cacert / tls.cacert make it pass,
// --insecure / tls.insecure skip it with a warning and a record in manifest.json.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "e2e/run_fixture.hpp"
#include "e2e/sim_fixture.hpp"
#include "e2e/tls_fixture.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::ProcessResult;
using ttft::test::read_file;
using ttft::test::run_probe;
using ttft::test::TempDir;
using ttft::test::TlsTerminator;

namespace {

const std::string kPath = "/v1/chat/completions";
const std::string kFlagWarning = "warning: TLS certificate verification is off (--insecure)";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// tls_ms is measured, after the TCP connect (both are times since t0).
void check_tls_measured(const nlohmann::json& sample) {
  INFO(sample.dump());
  REQUIRE(sample["tls_ms"].is_number());
  REQUIRE(sample["connect_ms"].is_number());
  CHECK(sample["tls_ms"].get<double>() > 0);
  CHECK(sample["tls_ms"].get<double>() >= sample["connect_ms"].get<double>());
}

const std::string kScenario = ttft::test::scenario_fixture("e2e", "tls_targets.json").string();

/// `ttftbench ARGS...` with tls_targets.json's variables: `tls`'s URL and `cacert` as its CA file.
ProcessResult with_tls_env(const TlsTerminator& tls, const fs::path& cacert, std::vector<std::string> args) {
  return ttft::test::run_ttftbench(std::move(args),
                                   {"TTFT_TLS_URL=" + tls.url(kPath), "TTFT_TLS_CACERT=" + cacert.string()},
                                   std::chrono::seconds(60));
}

/// `ttftbench run tls_targets.json --out OUT EXTRA...`.
ProcessResult run_tls_scenario(const TlsTerminator& tls, const fs::path& out, const fs::path& cacert,
                               const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"run", kScenario, "--out", out.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return with_tls_env(tls, cacert, args);
}

/// samples.csv's rows as JSON objects keyed by column (numbers left as text).
std::vector<nlohmann::json> rows_of(const fs::path& out) {
  const auto csv = ttft::test::parse_csv(read_file(out / "samples.csv"));
  std::vector<nlohmann::json> rows;
  for (std::size_t row = 0; row < csv.rows.size(); ++row) {
    nlohmann::json object;
    for (const auto& column : csv.header) object[column] = csv.cell(row, column);
    rows.push_back(object);
  }
  return rows;
}

/// A CSV row's tls_ms and connect_ms as numbers (empty cells become null).
nlohmann::json timings_of(const nlohmann::json& row) {
  nlohmann::json timings;
  for (const char* column : {"tls_ms", "connect_ms"}) {
    const std::string cell = row[column];
    timings[column] = cell.empty() ? nlohmann::json() : nlohmann::json(std::stod(cell));
  }
  return timings;
}

}  // namespace

TEST_CASE("probe over TLS: verified with --cacert, error tls without it, --insecure warns") {
  const TlsTerminator tls;
  const std::string url = tls.url(kPath);

  const auto verified = run_probe({url, "--protocol", "openai-chat", "--cacert", tls.cacert().string(), "--json"});
  INFO(verified.process.err);
  CHECK(verified.process.exit_code == 0);
  CHECK(verified.sample["error"].is_null());
  CHECK(verified.sample["http_status"] == 200);
  check_tls_measured(verified.sample);
  CHECK_FALSE(contains(verified.process.err, "warning"));

  // The system store does not know the test's CA: curl's certificate complaint is the detail.
  const auto refused = run_probe({url, "--protocol", "openai-chat", "--json"});
  INFO(refused.process.err);
  CHECK(refused.process.exit_code == 3);
  CHECK(refused.sample["error"] == "tls");
  CHECK(contains(refused.sample["error_detail"].get<std::string>(), "certificate"));
  CHECK(contains(refused.process.err, "error: probe: tls: "));
  CHECK(refused.sample["http_status"].is_null());

  const auto insecure = run_probe({url, "--protocol", "openai-chat", "--insecure", "--json"});
  INFO(insecure.process.err);
  CHECK(insecure.process.exit_code == 0);
  CHECK(insecure.sample["error"].is_null());
  check_tls_measured(insecure.sample);
  CHECK(contains(insecure.process.err, kFlagWarning));

  // The timeline prints the handshake as a time, not "-".
  const auto timeline = ttft::test::run_process(
      {ttft::test::ttftbench_bin(), "probe", url, "--protocol", "openai-chat", "--cacert", tls.cacert().string()});
  CHECK(timeline.exit_code == 0);
  CHECK(contains(timeline.out, "\n  tls  "));
  CHECK_FALSE(contains(timeline.out, "\n  tls                  -"));

  TempDir tmp;
  const auto missing = run_probe({url, "--protocol", "openai-chat", "--cacert", (tmp / "none.pem").string()});
  CHECK(missing.process.exit_code == 2);
  CHECK(contains(missing.process.err, "error: --cacert: cannot read the CA certificate file"));
}

TEST_CASE("run over TLS: tls.cacert verifies, no CA is error tls on every row, --insecure is recorded") {
  const TlsTerminator tls;
  TempDir tmp;

  const auto checked = run_tls_scenario(tls, tmp / "checked", tls.cacert());
  INFO(checked.err);
  REQUIRE(checked.exit_code == 0);
  CHECK(contains(checked.err, "warning: TLS certificate verification is off for target trusting"));
  CHECK_FALSE(contains(checked.err, kFlagWarning));
  const auto rows = rows_of(tmp / "checked");
  REQUIRE(rows.size() == 9);
  for (const auto& row : rows) {
    INFO(row.dump());
    if (row["target"] == "unverified") {
      CHECK(row["error"] == "tls");
      CHECK(contains(row["error_detail"], "certificate"));
    } else {
      CHECK(row["error"] == "");
      CHECK(row["http_status"] == "200");
      check_tls_measured(timings_of(row));
    }
  }
  const auto manifest = nlohmann::json::parse(read_file(tmp / "checked" / "manifest.json"));
  CHECK(manifest["tls_insecure"] == false);
  CHECK(manifest["tls_insecure_targets"] == nlohmann::json::array({"trusting"}));

  const auto insecure = run_tls_scenario(tls, tmp / "insecure", tls.cacert(), {"--insecure"});
  INFO(insecure.err);
  REQUIRE(insecure.exit_code == 0);
  CHECK(contains(insecure.err, kFlagWarning));
  const auto insecure_rows = rows_of(tmp / "insecure");
  REQUIRE(insecure_rows.size() == 9);
  for (const auto& row : insecure_rows) {
    INFO(row.dump());
    CHECK(row["error"] == "");
    check_tls_measured(timings_of(row));
  }
  const auto recorded = nlohmann::json::parse(read_file(tmp / "insecure" / "manifest.json"));
  CHECK(recorded["tls_insecure"] == true);
  CHECK(recorded["tls_insecure_targets"] == nlohmann::json::array({"verified", "unverified", "trusting"}));
  CHECK(contains(recorded["command_line"].dump(), "--insecure"));

  // A CA file that cannot be read stops the run before anything is sent, and validate says so.
  const std::string unreadable_error = "/targets/verified/tls/cacert: cannot read the CA certificate file";
  const auto unreadable = run_tls_scenario(tls, tmp / "unreadable", tmp / "none.pem");
  CHECK(unreadable.exit_code == 2);
  CHECK(contains(unreadable.err, unreadable_error));
  CHECK_FALSE(fs::exists(tmp / "unreadable"));
  const auto validate_unreadable = with_tls_env(tls, tmp / "none.pem", {"validate", kScenario});
  CHECK(validate_unreadable.exit_code == 2);
  CHECK(contains(validate_unreadable.err, unreadable_error));
  const auto validate = with_tls_env(tls, tls.cacert(), {"validate", kScenario});
  CHECK(validate.exit_code == 0);
  CHECK(contains(validate.err, "warning: TLS certificate verification is off for target trusting"));
}
