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

Result<ResultsFolder> read_results_folder(const std::string& dir, const samples::RowSink* on_row) {
  const fs::path folder(dir);
  const fs::path samples_path = folder / kSamplesCsv;
  std::error_code ec;
  if (!fs::is_regular_file(samples_path, ec)) {
    const char* what = fs::is_directory(folder, ec) ? "no samples.csv in this folder" : "no such folder";
    return fail(dir, what, "pass a results folder written by 'ttftbench run' (it holds samples.csv)");
  }
  ResultsFolder out;
  out.dir = dir;
  const samples::RowSink streamed = [&](samples::Sample& row) {
    if (out.first_run_id.empty()) out.first_run_id = row.run_id;
    (*on_row)(row);
  };
  auto rows = on_row ? samples::read_samples_csv(samples_path.string(), streamed)
                     : samples::read_samples_csv(samples_path.string());
  if (!rows) return tl::unexpected(rows.error());
  out.samples = std::move(rows->samples);
  if (!out.samples.empty()) out.first_run_id = out.samples.front().run_id;
  out.skipped_partial_lines = rows->skipped_partial_lines;
  auto manifest = read_manifest(folder);
  if (!manifest) return tl::unexpected(manifest.error());
  out.manifest = std::move(*manifest);
  return out;
}

Result<std::vector<ResultsFolder>> read_results_folders(const std::vector<std::string>& dirs, Io& io,
                                                        const samples::RowSink* on_row) {
  std::vector<ResultsFolder> folders;
  for (const std::string& dir : dirs) {
    auto folder = read_results_folder(dir, on_row);
    if (!folder) return tl::unexpected(folder.error());
    if (folder->skipped_partial_lines > 0) {
      io.err << fmt::format("warning: {}/samples.csv: ignored a partial last row (the run was cut short)\n", dir);
    }
    if (!folder->manifest) {
      io.err << fmt::format("warning: {}: no manifest.json: the scenario cannot be checked, and prices are "
                            "unknown\n", dir);
    }
    folders.push_back(std::move(*folder));
  }
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
