// Golden files live in the source tree, so an update is a reviewable diff.
#include "golden.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ttft::test {
namespace {

std::filesystem::path golden_path(const std::string& relative_path) {
  return std::filesystem::path(TTFT_SOURCE_DIR) / "tests" / "golden" / relative_path;
}

bool update_requested() {
  const char* value = std::getenv("UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

// "line N: expected <...> got <...>" for the first line that differs.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string le, la;
  for (int line = 1;; ++line) {
    const bool more_e = static_cast<bool>(std::getline(e, le));
    const bool more_a = static_cast<bool>(std::getline(a, la));
    if (!more_e && !more_a) return "difference in line endings";
    if (!more_e || !more_a || le != la) {
      return "line " + std::to_string(line) + ":\n  expected: " + (more_e ? le : "<end>") +
             "\n  actual:   " + (more_a ? la : "<end>");
    }
  }
}

}  // namespace

void check_golden(const std::string& relative_path, const std::string& actual) {
  const auto path = golden_path(relative_path);
  if (update_requested()) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    WARN("rewrote " << path.string());
    return;
  }
  std::ifstream in(path, std::ios::binary);
  INFO("golden file " << path.string() << " (UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(in);
  std::ostringstream expected;
  expected << in.rdbuf();
  if (expected.str() != actual) FAIL(first_difference(expected.str(), actual));
  SUCCEED();
}

}  // namespace ttft::test
