#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "sample_factory.hpp"
#include "samples/csv_format.hpp"
#include "samples/csv_reader.hpp"
#include "samples/csv_writer.hpp"
#include "support/temp_dir.hpp"

using namespace ttft::samples;

TEST_CASE("a written file reads back row for row") {
  ttft::test::TempDir dir;
  const std::string path = (dir / "samples.csv").string();
  {
    auto writer = CsvWriter::create(path);
    REQUIRE(writer);
    REQUIRE(writer->append(ttft::test::full_sample()));
    CsvWriter moved = std::move(*writer);
    REQUIRE(moved.append(ttft::test::empty_sample()));
    REQUIRE(moved.sync());
  }
  CHECK(ttft::test::read_file(path) == header_row() + format_row(ttft::test::full_sample()) +
                                           format_row(ttft::test::empty_sample()));
  const auto read = read_samples_csv(path);
  REQUIRE(read);
  REQUIRE(read->samples.size() == 2);
  CHECK(format_row(read->samples[0]) == format_row(ttft::test::full_sample()));
}

TEST_CASE("create never overwrites and names an unwritable path") {
  ttft::test::TempDir dir;
  const std::string path = (dir / "samples.csv").string();
  REQUIRE(CsvWriter::create(path));
  const auto again = CsvWriter::create(path);
  REQUIRE_FALSE(again);
  CHECK(again.error().where == path);
  CHECK(again.error().message == "already exists");
  const auto missing = CsvWriter::create((dir / "no/such/dir.csv").string());
  REQUIRE_FALSE(missing);
  CHECK(missing.error().where == (dir / "no/such/dir.csv").string());
  CHECK(missing.error().message == "cannot create: No such file or directory");
}

TEST_CASE("resuming appends after the last complete row and drops a torn one") {
  ttft::test::TempDir dir;
  const std::string path = (dir / "samples.csv").string();
  const std::string complete = header_row() + format_row(ttft::test::empty_sample());
  const std::string torn = format_row(ttft::test::full_sample()).substr(0, 40);
  std::ofstream(path, std::ios::binary) << complete << torn;
  {
    auto writer = CsvWriter::open_existing(path);
    REQUIRE(writer);
    REQUIRE(writer->append(ttft::test::full_sample()));
  }
  CHECK(ttft::test::read_file(path) == complete + format_row(ttft::test::full_sample()));
  const auto read = read_samples_csv(path);
  REQUIRE(read);
  CHECK(read->samples.size() == 2);
  CHECK(read->skipped_partial_lines == 0);
}

TEST_CASE("resuming refuses a file that is not samples.csv") {
  ttft::test::TempDir dir;
  const std::string path = (dir / "other.csv").string();
  std::ofstream(path) << "a,b\n1,2\n";
  const auto writer = CsvWriter::open_existing(path);
  REQUIRE_FALSE(writer);
  CHECK(writer.error().where == path + ":1");
}
