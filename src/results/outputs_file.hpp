// outputs.jsonl on disk: appended one line per request as each ends (AppendFile, one write(2) a
// line, like samples.csv), and read back with a torn last line skipped.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/append_file.hpp"
#include "core/error.hpp"
#include "core/redact.hpp"
#include "results/output_line.hpp"

namespace ttft::results {

struct OutputsRead {
  std::vector<OutputRecord> records;  // in file order
  std::size_t skipped_partial_lines = 0;  // a last line with no "\n" (0 or 1), not read
  std::size_t complete_bytes = 0;         // bytes up to the end of the last complete line
};

/// Reads outputs.jsonl; a complete line that is not a record is an error naming its line number.
Result<OutputsRead> read_outputs_jsonl(const std::string& path);

class OutputsWriter {
 public:
  /// A new outputs.jsonl (never over an existing file).
  [[nodiscard]] static Result<OutputsWriter> create(const std::string& path, Redactor redactor);
  /// An existing one, resumed: a torn last line is cut off first; a missing file is created.
  [[nodiscard]] static Result<OutputsWriter> open_existing(const std::string& path, Redactor redactor);

  /// Writes the record's line with one write(2) call.
  [[nodiscard]] Result<void> append(const OutputRecord& record);

 private:
  OutputsWriter(AppendFile file, Redactor redactor) : file_(std::move(file)), redactor_(std::move(redactor)) {}

  AppendFile file_;
  Redactor redactor_;
};

}  // namespace ttft::results
