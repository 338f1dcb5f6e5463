#include "results/folder.hpp"

#include <ostream>
#include <regex>

#include <fmt/format.h>

#include "results/folder_layout.hpp"

namespace ttft::results {

namespace fs = std::filesystem;

Manifest ResultsFolder::manifest_or_stand_in() const {
  if (manifest) return *manifest;
  Manifest stand_in;
  stand_in.run_id = first_run_id.empty() ? dir : first_run_id;
  stand_in.ended_at = "";  // nothing says the run was cut short
  return stand_in;
}

Result<ResultsFolder> open_results_folder(const std::string& dir) {
  const fs::path folder(dir);
  std::error_code ec;
  if (!fs::is_regular_file(folder / kSamplesCsv, ec)) {
    const char* what = fs::is_directory(folder, ec) ? "no samples.csv in this folder" : "no such folder";
    return fail(dir, what, "pass a results folder written by 'ttftbench run' (it holds samples.csv)");
  }
  auto manifest = read_manifest(folder);
  if (!manifest) return tl::unexpected(manifest.error());
  ResultsFolder out;
  out.dir = dir;
  out.manifest = std::move(*manifest);
  return out;
}

Result<void> read_rows(ResultsFolder& folder, const samples::RowSink* on_row) {
  const std::string samples_path = (fs::path(folder.dir) / kSamplesCsv).string();
  const samples::RowSink streamed = [&](samples::Sample& row) {
    if (folder.first_run_id.empty()) folder.first_run_id = row.run_id;
    (*on_row)(row);
  };
  auto rows = on_row ? samples::read_samples_csv(samples_path, streamed) : samples::read_samples_csv(samples_path);
  if (!rows) return tl::unexpected(rows.error());
  folder.samples = std::move(rows->samples);
  if (!folder.samples.empty()) folder.first_run_id = folder.samples.front().run_id;
  folder.skipped_partial_lines = rows->skipped_partial_lines;
  return {};
}

Result<ResultsFolder> read_results_folder(const std::string& dir, const samples::RowSink* on_row) {
  auto folder = open_results_folder(dir);
  if (!folder) return folder;
  if (auto read = read_rows(*folder, on_row); !read) return tl::unexpected(read.error());
  return folder;
}

Result<std::vector<ResultsFolder>> open_results_folders(const std::vector<std::string>& dirs) {
  std::vector<ResultsFolder> folders;
  for (const std::string& dir : dirs) {
    auto folder = open_results_folder(dir);
    if (!folder) return tl::unexpected(folder.error());
    folders.push_back(std::move(*folder));
  }
  return folders;
}

Result<void> read_rows(std::vector<ResultsFolder>& folders, Io& io, const samples::RowSink* on_row) {
  for (ResultsFolder& folder : folders) {
    if (auto read = read_rows(folder, on_row); !read) return read;
    if (folder.skipped_partial_lines > 0) {
      io.err << fmt::format("warning: {}/samples.csv: ignored a partial last row (the run was cut short)\n",
                            folder.dir);
    }
    if (!folder.manifest) {
      io.err << fmt::format("warning: {}: no manifest.json: the scenario cannot be checked, and prices are "
                            "unknown\n", folder.dir);
    }
  }
  return {};
}

Result<std::vector<ResultsFolder>> read_results_folders(const std::vector<std::string>& dirs, Io& io,
                                                        const samples::RowSink* on_row) {
  auto folders = open_results_folders(dirs);
  if (!folders) return folders;
  if (auto read = read_rows(*folders, io, on_row); !read) return tl::unexpected(read.error());
  return folders;
}

std::string short_sha256(const std::string& sha) {
  constexpr std::size_t kShown = 12;
  return sha.size() > kShown ? sha.substr(0, kShown) + "…" : sha;
}

void remove_stale_temp_files(const fs::path& dir) {
  static const std::regex kTemp(R"(.+\.tmp-[A-Za-z0-9]{6})");  // results/atomic_write.cpp's mkstemp names
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && std::regex_match(entry.path().filename().string(), kTemp)) {
      fs::remove(entry.path(), ec);
    }
  }
}

}  // namespace ttft::results
