// Appends samples.csv rows as requests end. Each row is one write(2) on an O_APPEND descriptor,
// with no userspace buffer, so a crash or kill -9 leaves every finished row whole on disk.
#pragma once

#include <string>

#include "core/error.hpp"
#include "samples/sample.hpp"

namespace ttft::samples {

class CsvWriter {
 public:
  /// Creates a new file at `path` holding the header line; an existing file is never
  /// overwritten (error), and an unwritable location is an error naming the path.
  [[nodiscard]] static Result<CsvWriter> create(const std::string& path);

  /// Opens an existing samples.csv to append more rows (resuming a run): its header and rows
  /// must parse (read_samples_csv), and a torn last line, if any, is cut off first.
  [[nodiscard]] static Result<CsvWriter> open_existing(const std::string& path);

  CsvWriter(CsvWriter&& other) noexcept;
  CsvWriter& operator=(CsvWriter&& other) noexcept;
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  ~CsvWriter();

  /// Writes the sample's complete line with a single write(2) call (the loop only continues a
  /// short write); an I/O error (disk full, ...) is an error naming the path.
  [[nodiscard]] Result<void> append(const Sample& sample);

  /// fsync(2): the rows written so far survive a power loss too (call at the end of a run).
  [[nodiscard]] Result<void> sync();

  const std::string& path() const { return path_; }

 private:
  CsvWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  Result<void> write_all(std::string_view bytes);
  void close_fd() noexcept;

  int fd_ = -1;
  std::string path_;
};

}  // namespace ttft::samples
