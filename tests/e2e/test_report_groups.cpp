// `report --by region --assert`: each assertion is checked against the merged figures
// and against every region, one PASS/FAIL line each, so a gate can hold per region. Fixed rows:
// the committed merge-regions folder, and a copy of it relabelled as a second region.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using ttft::test::read_file;
using ttft::test::run_process;
using ttft::test::TempDir;
using ttft::test::ttftbench_bin;

namespace {

/// The fixture folder copied to `into`/`region` with every row's region set to `region`.
std::string region_folder(const TempDir& into, const std::string& region) {
  const fs::path source = fs::path(TTFT_FIXTURES_DIR) / "results" / "merge-regions";
  const fs::path folder = into / region;
  fs::copy(source, folder, fs::copy_options::recursive);
  std::string rows = read_file(source / "samples.csv");
  const std::string from = "-eu,eu,", to = "-eu," + region + ",";  // the run id's end, then the region
  for (std::size_t at = rows.find(from); at != std::string::npos; at = rows.find(from, at + to.size())) {
    rows.replace(at, from.size(), to);
  }
  std::ofstream(folder / "samples.csv", std::ios::binary | std::ios::trunc) << rows;
  return folder.string();
}

}  // namespace

TEST_CASE("report --by region --assert: one line per region after the overall one") {
  TempDir tmp;
  const std::string eu = region_folder(tmp, "eu");
  const std::string us = region_folder(tmp, "us");
  const std::string bin = ttftbench_bin();

  // Each region has 3 warm edge rows, the merge 6: the per-region lines pass, the overall fails.
  const auto per_region = run_process({bin, "report", eu, us, "--by", "region", "--assert", "edge.warm.n == 3"});
  INFO(per_region.out << per_region.err);
  CHECK(per_region.exit_code == 1);
  CHECK(per_region.out.find("\nFAIL edge.warm.n == 3 (measured 6)\n"
                            "PASS region=eu: edge.warm.n == 3 (measured 3)\n"
                            "PASS region=us: edge.warm.n == 3 (measured 3)\n") != std::string::npos);

  const auto overall = run_process({bin, "report", eu, us, "--by", "region", "--assert", "*.warm.n == 6",
                                    "--format", "markdown"});
  CHECK(overall.exit_code == 1);
  CHECK(overall.out.find("- **PASS** `edge.warm.n == 6` (measured 6)\n") != std::string::npos);
  CHECK(overall.out.find("- **FAIL** `region=us: central.warm.n == 6` (measured 3)\n") != std::string::npos);

  const auto ungrouped = run_process({bin, "report", eu, us, "--assert", "edge.warm.n == 6"});
  CHECK(ungrouped.exit_code == 0);
  CHECK(ungrouped.out.find("region=") == std::string::npos);
}
