// Reading a results folder back for `report`, `compare`, `whatif` and `run --resume`: its rows from
// samples.csv and its manifest.json. Summary files are never read: reports are rebuilt from the
// rows, so a crashed or interrupted run's folder works as well as a finished one.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/io.hpp"
#include "results/manifest.hpp"
#include "samples/csv_reader.hpp"
#include "samples/sample.hpp"

namespace ttft::results {

struct ResultsFolder {
  std::string dir;
  std::optional<Manifest> manifest;       // nullopt: the folder has no manifest.json
  std::vector<samples::Sample> samples;   // empty when the rows were streamed to a sink
  std::string first_run_id;               // of the first row, streamed or not
  std::size_t skipped_partial_lines = 0;  // a torn last row, cut short by a crash

  /// The manifest, or for a folder without one what its rows imply (the run id only).
  Manifest manifest_or_stand_in() const;
};

/// DIR with its manifest.json read (nullopt when there is none) and its rows not yet: fails naming
/// the folder when it has no samples.csv, or the file when the manifest is malformed.
Result<ResultsFolder> open_results_folder(const std::string& dir);

/// Reads the folder's samples.csv into `folder.samples`, or with `on_row` streams the rows to it.
Result<void> read_rows(ResultsFolder& folder, const samples::RowSink* on_row = nullptr);

/// open_results_folder for each of `dirs` in order, the first failure returned: every manifest is
/// known before any row is read (`report` decides from them how rows are judged).
Result<std::vector<ResultsFolder>> open_results_folders(const std::vector<std::string>& dirs);

/// read_rows for each folder in order, the first failure returned; warns on io.err about a torn
/// last row or a missing manifest.
Result<void> read_rows(std::vector<ResultsFolder>& folders, Io& io, const samples::RowSink* on_row = nullptr);

/// open_results_folder and read_rows: DIR/manifest.json when present and DIR/samples.csv (required:
/// its absence is an error naming the folder); unreadable or malformed files are errors naming the
/// file. With `on_row`, the rows are streamed to it instead of kept (see samples::RowSink).
Result<ResultsFolder> read_results_folder(const std::string& dir, const samples::RowSink* on_row = nullptr);

/// open_results_folders and read_rows: every folder's manifest, then every folder's rows.
Result<std::vector<ResultsFolder>> read_results_folders(const std::vector<std::string>& dirs, Io& io,
                                                        const samples::RowSink* on_row = nullptr);

/// The first 12 hex digits of a SHA-256 and "…": enough to tell two scenario files apart.
std::string short_sha256(const std::string& sha);

/// Removes the temporary files (<name>.tmp-XXXXXX) that a kill inside an atomic write left in
/// `dir`; a resumed run writes the real files again. Best effort: a file that cannot be removed stays.
void remove_stale_temp_files(const std::filesystem::path& dir);

}  // namespace ttft::results
