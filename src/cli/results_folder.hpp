// Reading a results folder back (SPEC section 6) for `report` and `compare`: its rows from samples.csv and
// what its manifest.json says about the run. Summary files are never read: reports are rebuilt
// from the rows, so a crashed or interrupted run's folder works as well as a finished one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/io.hpp"
#include "report/merge.hpp"
#include "samples/csv_reader.hpp"
#include "samples/sample.hpp"

namespace ttft::cli {

struct ResultsFolder {
  std::string dir;
  std::optional<report::RunFacts> manifest;  // nullopt: the folder has no manifest.json
  std::vector<samples::Sample> samples;     // empty when the rows were streamed to a sink
  std::string first_run_id;                  // of the first row, streamed or not
  std::size_t skipped_partial_lines = 0;     // a torn last row, cut short by a crash
};

/// Reads DIR/samples.csv (required: its absence is an error naming the folder) and
/// DIR/manifest.json when present; unreadable or malformed files are errors naming the file.
/// With `on_row`, the rows are streamed to it instead of kept (see samples::RowSink).
Result<ResultsFolder> read_results_folder(const std::string& dir, const samples::RowSink* on_row = nullptr);

/// read_results_folder for each of `dirs` in order, the first failure returned; warns on io.err
/// about a torn last row or a missing manifest.
Result<std::vector<ResultsFolder>> read_results_folders(const std::vector<std::string>& dirs, Io& io,
                                                        const samples::RowSink* on_row = nullptr);

/// The first 12 hex digits of a SHA-256 and "…": enough to tell two scenario files apart.
std::string short_sha256(const std::string& sha);

/// The manifest's facts, or for a folder without one the facts its rows imply (run id only).
report::RunFacts facts_of(const ResultsFolder& folder);

/// manifest.json text → RunFacts; `path` names errors. A manifest without "ended_at" is from a
/// run that never finished (a crash) and counts as interrupted.
Result<report::RunFacts> parse_manifest(const std::string& text, const std::string& path);

}  // namespace ttft::cli
