#include <catch2/catch.hpp>
#include <filesystem>

#include "results/atomic_write.hpp"
#include "support/temp_dir.hpp"

using ttft::results::write_file_atomic;

TEST_CASE("atomic write creates and replaces and leaves no temporary file") {
  ttft::test::TempDir dir;
  const std::string path = (dir / "summary.json").string();
  REQUIRE(write_file_atomic(path, "first"));
  REQUIRE(write_file_atomic(path, "second"));
  CHECK(ttft::test::read_file(path) == "second");
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
  CHECK((std::filesystem::status(path).permissions() & std::filesystem::perms::others_read) !=
        std::filesystem::perms::none);
}

TEST_CASE("atomic write into a missing directory names the path") {
  ttft::test::TempDir dir;
  const std::string path = (dir / "missing" / "report.md").string();
  const auto written = write_file_atomic(path, "x");
  REQUIRE_FALSE(written);
  CHECK(written.error().where == path);
  CHECK(written.error().message == "cannot write: No such file or directory");
}
