#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/io.hpp"
#include "results/folder.hpp"
#include "results/manifest.hpp"
#include "samples/csv_format.hpp"
#include "support/temp_dir.hpp"

using namespace ttft;

namespace {

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

samples::Sample row(const std::string& run_id, std::int64_t seq) {
  samples::Sample s;
  s.run_id = run_id;
  s.seq = seq;
  s.target = "edge";
  s.phase = "warm";
  return s;
}

struct CapturedIo {
  std::ostringstream out, err;
  Io io{out, err, false, false, [](const std::string&) { return std::optional<std::string>{}; }};
};

}  // namespace

TEST_CASE("results folder: rows and manifest are read, a folder without a manifest stands in by its rows") {
  test::TempDir dir;
  write_text(dir / "samples.csv", samples::header_row() + samples::format_row(row("r1", 0)) +
                                      samples::format_row(row("r1", 1)));
  auto folder = results::read_results_folder(dir.path().string());
  REQUIRE(folder);
  CHECK(folder->samples.size() == 2);
  CHECK_FALSE(folder->manifest);
  const results::Manifest stand_in = folder->manifest_or_stand_in();
  CHECK(stand_in.run_id == "r1");
  CHECK_FALSE(stand_in.cut_short());

  results::Manifest m;
  m.run_id = "r1";
  m.seed = 7;
  REQUIRE(results::write_manifest(dir.path(), m));
  folder = results::read_results_folder(dir.path().string());
  REQUIRE(folder);
  REQUIRE(folder->manifest);
  CHECK(folder->manifest_or_stand_in().seed == 7);
}

TEST_CASE("results folder: rows can stream to a sink instead of being kept") {
  test::TempDir dir;
  write_text(dir / "samples.csv", samples::header_row() + samples::format_row(row("r9", 0)));
  int seen = 0;
  const samples::RowSink sink = [&](samples::Sample&) { ++seen; };
  const auto folder = results::read_results_folder(dir.path().string(), &sink);
  REQUIRE(folder);
  CHECK(seen == 1);
  CHECK(folder->samples.empty());
  CHECK(folder->first_run_id == "r9");
}

TEST_CASE("results folder: a missing folder, a folder without rows and a broken manifest are named errors") {
  test::TempDir dir;
  const auto missing = results::read_results_folder((dir / "nope").string());
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "no such folder");
  const auto empty = results::read_results_folder(dir.path().string());
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message == "no samples.csv in this folder");
  write_text(dir / "samples.csv", samples::header_row());
  write_text(dir / "manifest.json", "{ not json");
  const auto broken = results::read_results_folder(dir.path().string());
  REQUIRE_FALSE(broken);
  CHECK(broken.error().where.find("manifest.json:1:") != std::string::npos);
}

TEST_CASE("results folders: warnings for a missing manifest, the first failure ends the read") {
  test::TempDir dir;
  write_text(dir / "samples.csv", samples::header_row());
  CapturedIo c;
  const auto read = results::read_results_folders({dir.path().string()}, c.io);
  REQUIRE(read);
  CHECK(c.err.str().find("no manifest.json") != std::string::npos);
  CHECK_FALSE(results::read_results_folders({dir.path().string(), (dir / "nope").string()}, c.io));
}

TEST_CASE("results folder: stale temporary files of a killed atomic write are removed, nothing else") {
  test::TempDir dir;
  write_text(dir / "summary.json.tmp-Ab12Cd", "half");
  write_text(dir / "summary.json", "whole");
  write_text(dir / "notes.tmp-x", "mine");
  results::remove_stale_temp_files(dir.path());
  CHECK_FALSE(std::filesystem::exists(dir / "summary.json.tmp-Ab12Cd"));
  CHECK(std::filesystem::exists(dir / "summary.json"));
  CHECK(std::filesystem::exists(dir / "notes.tmp-x"));
}

TEST_CASE("short_sha256: twelve hex digits and an ellipsis") {
  CHECK(results::short_sha256("0123456789abcdef") == "0123456789ab…");
  CHECK(results::short_sha256("abc") == "abc");
}

TEST_CASE("results folder: opened, its manifest is read and its rows are not, until read_rows") {
  test::TempDir dir;
  write_text(dir / "samples.csv", samples::header_row() + samples::format_row(row("r1", 0)));
  results::Manifest m;
  m.run_id = "r1";
  REQUIRE(results::write_manifest(dir.path(), m));
  auto folders = results::open_results_folders({dir.path().string()});
  REQUIRE(folders);
  REQUIRE(folders->front().manifest);
  CHECK(folders->front().samples.empty());
  CapturedIo c;
  REQUIRE(results::read_rows(*folders, c.io));
  CHECK(folders->front().samples.size() == 1);
  CHECK(c.err.str().empty());
}
