// `compare BASELINE CANDIDATE` on results folders made from the committed fixture: no regression
// (exit 0), a significant slowdown (exit 1), refused folders and thresholds (exit 2), and a side
// with nothing to compare (exit 3).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/exit_codes.hpp"
#include "samples/csv_writer.hpp"
#include "unit/cli/cli_harness.hpp"

namespace fs = std::filesystem;
using ttft::ExitCode;
using ttft::to_int;
using ttft::test::contains;
using ttft::test::kMergeRegions;
using ttft::test::run_cli;
using ttft::test::TempDir;

namespace {

/// Results folder `name` in `tmp`: the fixture's manifest, and 10 copies of each fixture row with
/// every latency multiplied by `factor` and by 1.001 per copy (enough rows, none equal).
fs::path scaled_folder(const TempDir& tmp, const std::string& name, double factor) {
  const fs::path dir = tmp / name;
  fs::create_directories(dir);
  fs::copy_file(fs::path(kMergeRegions) / "manifest.json", dir / "manifest.json");
  const auto read = ttft::samples::read_samples_csv(kMergeRegions + "/samples.csv");
  REQUIRE(read);
  auto writer = ttft::samples::CsvWriter::create((dir / "samples.csv").string());
  REQUIRE(writer);
  std::int64_t seq = 0;
  for (int copy = 0; copy < 10; ++copy) {
    for (ttft::samples::Sample row : read->samples) {
      const double scale = factor * std::pow(1.001, copy);
      for (auto* latency : {&row.ttfb_ns, &row.ttft_ns, &row.first_token_ns, &row.e2e_ns}) {
        if (*latency) *latency = std::llround(static_cast<double>(**latency) * scale);
      }
      row.seq = seq++;
      REQUIRE(writer->append(row));
    }
  }
  return dir;
}

}  // namespace

TEST_CASE("compare: a folder against itself has no regression, exit 0, in every format") {
  const auto table = run_cli({"compare", kMergeRegions, kMergeRegions});
  INFO(table.err);
  CHECK(table.exit_code == to_int(ExitCode::ok));
  CHECK(table.out.rfind("no regression: nothing is significantly more than 10% slower\n", 0) == 0);
  CHECK(contains(table.out,
                 "\nedge     warm   ttft         p50    50.6 ms    50.6 ms       -       -  -  3/3  "
                 "too few samples (n = 3)\n"));

  const auto markdown = run_cli({"compare", kMergeRegions, kMergeRegions, "--format", "markdown"});
  CHECK(markdown.exit_code == to_int(ExitCode::ok));
  CHECK(markdown.out.rfind("# ttftbench compare\n\n**No regression:** nothing is significantly more than 10% slower\n",
                           0) == 0);

  const auto json_run =
      run_cli({"compare", kMergeRegions, kMergeRegions, "--format", "json", "--max-regression", "5%"});
  CHECK(json_run.exit_code == to_int(ExitCode::ok));
  const auto json = nlohmann::json::parse(json_run.out);
  CHECK(json["regression"] == false);
  CHECK(json["max_regression"] == 0.05);
  CHECK(json["rows"].size() == 2 * 2 * 3);  // edge, central × cold, warm × ttft, first_token, e2e
}

TEST_CASE("compare: a candidate 50% slower is a regression, exit 1, and the other way round is not") {
  TempDir tmp;
  const fs::path fast = scaled_folder(tmp, "fast", 1.0);
  const fs::path slow = scaled_folder(tmp, "slow", 1.5);
  const auto slower = run_cli({"compare", fast.string(), slow.string()});
  INFO(slower.out << slower.err);
  CHECK(slower.exit_code == to_int(ExitCode::check_failed));
  CHECK(slower.out.rfind("regression: edge cold ttft p50 +50.0%, p95 +50.0%; ", 0) == 0);
  CHECK(contains(slower.out,
                 "\nedge     warm   ttft         p50    50.8 ms    76.2 ms   +50.0%  +49.7% to +50.3%  "
                 "<0.001  30/30  REGRESSION\n"));
  const auto faster = run_cli({"compare", slow.string(), fast.string()});
  CHECK(faster.exit_code == to_int(ExitCode::ok));
  CHECK(faster.out.rfind("no regression: ", 0) == 0);
  const auto tolerated = run_cli({"compare", fast.string(), slow.string(), "--max-regression", "80%"});
  CHECK(tolerated.exit_code == to_int(ExitCode::ok));
}

TEST_CASE("compare: a bad --max-regression or a missing folder exits 2, nothing on stdout") {
  TempDir tmp;
  for (const char* bad : {"10", "-5%", "ten%", "%"}) {
    INFO(bad);
    const auto refused = run_cli({"compare", kMergeRegions, kMergeRegions, std::string("--max-regression=") + bad});
    CHECK(refused.exit_code == to_int(ExitCode::usage));
    CHECK(refused.out.empty());
    CHECK(refused.err.rfind("ttftbench: error: --max-regression: expected a percentage", 0) == 0);
    CHECK(contains(refused.err, "\n  hint: give a percentage with its %, e.g. --max-regression 5%\n"));
  }
  const auto missing = run_cli({"compare", kMergeRegions, (tmp / "nowhere").string()});
  CHECK(missing.exit_code == to_int(ExitCode::usage));
  CHECK(missing.out.empty());
  CHECK(missing.err.rfind("ttftbench: error: " + (tmp / "nowhere").string() + ": no such folder", 0) == 0);
}

TEST_CASE("compare: a side without rows has nothing to compare, exit 3") {
  TempDir tmp;
  const fs::path empty = tmp / "empty";
  fs::create_directories(empty);
  fs::copy_file(fs::path(kMergeRegions) / "manifest.json", empty / "manifest.json");
  REQUIRE(ttft::samples::CsvWriter::create((empty / "samples.csv").string()));  // the header only
  const auto result = run_cli({"compare", kMergeRegions, empty.string()});
  CHECK(result.exit_code == to_int(ExitCode::run_failed));
  CHECK(result.out.empty());
  CHECK(result.err == "ttftbench: error: " + empty.string() +
                          ": no requests to compare (samples.csv has no rows)\n"
                          "  hint: compare needs successful requests on both sides\n");
}
