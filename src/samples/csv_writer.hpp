// Appends samples.csv rows as requests end. Each row is one write(2) on an O_APPEND descriptor,
// with no userspace buffer, so a crash or kill -9 leaves every finished row whole on disk; a kill
// in the middle of that write can leave only the last line torn, which readers skip.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/append_file.hpp"
#include "core/error.hpp"
#include "samples/csv_reader.hpp"
#include "samples/sample.hpp"

namespace ttft::samples {

class CsvWriter {
 public:
  /// Creates a new file at `path` holding the header line; an existing file is never
  /// overwritten (error), and an unwritable location is an error naming the path.
  [[nodiscard]] static Result<CsvWriter> create(const std::string& path);

  /// Opens an existing samples.csv to append more rows (resuming a run); `existing` is what
  /// read_samples_csv returned for it (read once by the caller, who needs the rows anyway). A torn
  /// last line it skipped is cut off first, so no new row is glued onto it. Rows are written in
  /// the file's own column layout: one written before the appended columns gets rows without them.
  [[nodiscard]] static Result<CsvWriter> open_existing(const std::string& path, const ReadResult& existing);

  /// Writes the sample's complete line with a single write(2) call (AppendFile::append: after a
  /// write error that left part of a line on disk, every later append fails too).
  [[nodiscard]] Result<void> append(const Sample& sample);

  /// fsync(2): the rows written so far survive a power loss too (call at the end of a run).
  [[nodiscard]] Result<void> sync() { return file_.sync(); }

  const std::string& path() const { return file_.path(); }

 private:
  explicit CsvWriter(AppendFile file) : file_(std::move(file)) {}

  AppendFile file_;
  std::vector<std::size_t> columns_;  // the file's layout when not column_names(); else empty
};

}  // namespace ttft::samples
