// A file that only grows by whole lines: each line is one write(2) on an O_APPEND descriptor with
// no userspace buffer, so a crash or kill -9 leaves every finished line whole on disk (samples.csv,
// outputs.jsonl). A kill in the middle of that write can leave only the last line torn.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ttft {

class AppendFile {
 public:
  /// Creates a new, empty file at `path`; an existing file is never overwritten (error), and an
  /// unwritable location is an error naming the path.
  [[nodiscard]] static Result<AppendFile> create(const std::string& path);

  /// Opens an existing file to append to it; when `keep_bytes` is given the file is first cut to
  /// that many bytes (a torn last line that readers skipped, so no new line is glued onto it).
  [[nodiscard]] static Result<AppendFile> open_existing(const std::string& path, std::size_t keep_bytes,
                                                        bool cut);

  AppendFile(AppendFile&& other) noexcept;
  AppendFile& operator=(AppendFile&& other) noexcept;
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;
  ~AppendFile();

  /// Writes `bytes` (one or more complete lines) with a single write(2) call (the loop only
  /// continues a short write); an I/O error (disk full, ...) is an error naming the path. After an
  /// error that left part of a line on disk, every later append fails too: the file keeps that
  /// torn line last, where readers skip it, rather than in the middle where it would spoil the file.
  [[nodiscard]] Result<void> append(std::string_view bytes);

  /// fsync(2): the lines written so far survive a power loss too (call at the end of a run).
  [[nodiscard]] Result<void> sync();

  const std::string& path() const { return path_; }

 private:
  AppendFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  void close_fd() noexcept;

  int fd_ = -1;
  std::string path_;
  bool cut_short_ = false;  // a write error left part of a line on disk
};

}  // namespace ttft
