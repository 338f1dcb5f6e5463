// A text file streamed a chunk at a time as lines or as the elements of one top-level JSON array,
// each with its line number, so a reader that stops early (a dataset's limit) never reads the rest.
// Knows nothing of what the lines mean.
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ttft::scenario {

/// The open file and the bytes read from it but not yet consumed.
class FileChunks {
 public:
  /// The error's message is the system's ("No such file or directory").
  static Result<FileChunks> open(const std::string& path);

  std::string_view data() const { return buffer_; }
  /// Drops the first `consumed` bytes and appends the next chunk; false at the end of the file
  /// (or on a read error, then `read_error()` is set).
  bool refill(std::size_t consumed);
  const std::optional<std::string>& read_error() const { return read_error_; }

 private:
  explicit FileChunks(std::FILE* file) : file_(file, &std::fclose) {}

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
  std::string buffer_;
  std::optional<std::string> read_error_;
};

/// The file's lines without "\n" or "\r\n", numbered from 1.
class LineReader {
 public:
  explicit LineReader(FileChunks chunks) : chunks_(std::move(chunks)) {}

  /// The next line, valid until the next call; nullopt after the last.
  std::optional<std::string_view> next();
  std::size_t line_number() const { return line_number_; }
  const std::optional<std::string>& read_error() const { return chunks_.read_error(); }

 private:
  FileChunks chunks_;
  std::size_t pos_ = 0;
  std::size_t line_number_ = 0;
  bool at_end_ = false;
};

/// One element of a top-level array: its text and where it starts (1-based).
struct ArrayElement {
  std::string_view text;
  std::size_t line = 1;
  std::size_t column = 1;
};

/// The elements of a file holding one JSON array (`[ {...}, {...} ]`), found by a scan that
/// tracks strings and nesting only; each element's own syntax is left to its parser.
class ArrayElements {
 public:
  explicit ArrayElements(FileChunks chunks) : chunks_(std::move(chunks)) {}

  /// The next element, valid until the next call; nullopt after the last. A broken frame (no
  /// '[', a missing ',' between elements, an unterminated element) is an error located
  /// "<path>:LINE:COL".
  Result<std::optional<ArrayElement>> next(const std::string& path);

 private:
  bool skip_space();                       // false at the end of the file
  std::optional<std::size_t> value_end();  // of the value at pos_; nullopt: the file ended
  void advance_to(std::size_t end);        // moves pos_, counting lines and columns
  Error error_here(const std::string& path, std::string message) const;

  FileChunks chunks_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
  bool opened_ = false;   // '[' seen
  bool closed_ = false;   // ']' seen
  bool first_ = true;     // no element yet
};

}  // namespace ttft::scenario
