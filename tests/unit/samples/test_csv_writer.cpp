#include <catch2/catch.hpp>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <vector>

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
    const auto existing = read_samples_csv(path);
    REQUIRE(existing);
    CHECK(existing->skipped_partial_lines == 1);
    auto writer = CsvWriter::open_existing(path, *existing);
    REQUIRE(writer);
    REQUIRE(writer->append(ttft::test::full_sample()));
  }
  CHECK(ttft::test::read_file(path) == complete + format_row(ttft::test::full_sample()));
  const auto read = read_samples_csv(path);
  REQUIRE(read);
  CHECK(read->samples.size() == 2);
  CHECK(read->skipped_partial_lines == 0);
}

TEST_CASE("resuming a file without a torn line leaves its rows as they are") {
  ttft::test::TempDir dir;
  const std::string path = (dir / "samples.csv").string();
  const std::string complete = header_row() + format_row(ttft::test::empty_sample());
  std::ofstream(path, std::ios::binary) << complete;
  const auto existing = read_samples_csv(path);
  REQUIRE(existing);
  {
    auto writer = CsvWriter::open_existing(path, *existing);
    REQUIRE(writer);
    REQUIRE(writer->append(ttft::test::full_sample()));
  }
  CHECK(ttft::test::read_file(path) == complete + format_row(ttft::test::full_sample()));
  const auto missing = CsvWriter::open_existing((dir / "gone.csv").string(), *existing);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "cannot open for appending: No such file or directory");
}

TEST_CASE("resuming a file written before the appended columns appends rows without them") {
  ttft::test::TempDir dir;
  const std::string path = (dir / "samples.csv").string();
  // A file from before first_token_kind and the five columns after it: the 33 columns only.
  const std::vector<std::size_t> older = [] {
    std::vector<std::size_t> columns(33);
    for (std::size_t i = 0; i < columns.size(); ++i) columns[i] = i;
    return columns;
  }();
  std::string header;
  for (const std::size_t column : older) header += (header.empty() ? "" : ",") + std::string(column_names()[column]);
  const std::string complete = header + "\n" + format_row(ttft::test::empty_sample(), older);
  std::ofstream(path, std::ios::binary) << complete;
  const auto existing = read_samples_csv(path);
  REQUIRE(existing);
  CHECK(existing->columns == older);
  {
    auto writer = CsvWriter::open_existing(path, *existing);
    REQUIRE(writer);
    REQUIRE(writer->append(ttft::test::full_sample()));
  }
  CHECK(ttft::test::read_file(path) == complete + format_row(ttft::test::full_sample(), older));
  const auto read = read_samples_csv(path);
  REQUIRE(read);
  REQUIRE(read->samples.size() == 2);
  CHECK(read->samples[1].cost_pusd == ttft::test::full_sample().cost_pusd);
  CHECK(read->samples[1].http_version.empty());
}

TEST_CASE("after a write error cuts a row short, nothing is glued onto it") {
  ttft::test::TempDir dir;
  const std::string path = (dir / "samples.csv").string();
  const std::string first = format_row(ttft::test::full_sample());
  auto writer = CsvWriter::create(path);
  REQUIRE(writer);
  REQUIRE(writer->append(ttft::test::full_sample()));
  // A file size limit half-way into the second row: write(2) stores part of it, then fails (EFBIG).
  const auto limit_bytes = static_cast<rlim_t>(header_row().size() + first.size() + first.size() / 2);
  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit limited = saved;
  limited.rlim_cur = limit_bytes;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
  const auto cut = writer->append(ttft::test::full_sample());
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &saved) == 0);
  std::signal(SIGXFSZ, old_handler);
  REQUIRE_FALSE(cut);
  CHECK(cut.error().message == "cannot write: File too large");
  CHECK(std::filesystem::file_size(path) == limit_bytes);

  const auto after = writer->append(ttft::test::empty_sample());  // the limit is gone: it could be written
  REQUIRE_FALSE(after);
  CHECK(after.error().where == path);
  CHECK(std::filesystem::file_size(path) == limit_bytes);
  const auto read = read_samples_csv(path);
  REQUIRE(read);
  CHECK(read->samples.size() == 1);
  CHECK(read->skipped_partial_lines == 1);
}
