// Every tests/fixtures/scenarios/invalid/*.json fails with exactly the error text in its sibling
// *.expected.txt. Paths are shown relative to that folder; "{known_protocols}" stands for the
// protocol module's list. UPDATE_GOLDEN=1 rewrites the expected files (review the diff).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "scenario/load.hpp"
#include "scenario/protocols.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"
#include "no_env.hpp"

namespace fs = std::filesystem;
using ttft::test::replace_all;

namespace {

const fs::path kInvalidDir = fs::path(TTFT_FIXTURES_DIR) / "scenarios" / "invalid";

std::vector<fs::path> invalid_fixtures() {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(kInvalidDir)) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

TEST_CASE("invalid scenario fixtures fail with the exact expected error text") {
  const std::string protocols =
      fmt::format("{}", fmt::join(ttft::scenario::known_protocols(), ", "));
  const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  const std::vector<fs::path> fixtures = invalid_fixtures();
  REQUIRE(fixtures.size() >= 14);
  for (const fs::path& path : fixtures) {
    INFO("fixture: " << path.filename().string());
    const auto result = ttft::scenario::load_scenario(path.string(), ttft::test::no_env);
    REQUIRE_FALSE(result);
    const std::string prefix = kInvalidDir.string() + "/";
    const std::string actual = replace_all(ttft::render_error(result.error()), prefix, "");
    fs::path expected_path = path;
    expected_path.replace_extension(".expected.txt");
    if (update) {
      std::ofstream(expected_path, std::ios::binary)
          << replace_all(actual, protocols, "{known_protocols}");
      continue;
    }
    REQUIRE(fs::exists(expected_path));
    const std::string expected =
        replace_all(ttft::test::read_file(expected_path), "{known_protocols}", protocols);
    CHECK(actual == expected);
  }
}

TEST_CASE("every expected error file has its scenario") {
  for (const auto& entry : fs::directory_iterator(kInvalidDir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 13 || name.substr(name.size() - 13) != ".expected.txt") continue;
    INFO(name);
    CHECK(fs::exists(kInvalidDir / (name.substr(0, name.size() - 13) + ".json")));
  }
}
