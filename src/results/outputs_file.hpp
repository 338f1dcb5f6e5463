// outputs.jsonl on disk: appended one line per request as each ends (AppendFile, one write(2) a
// line, like samples.csv), and read back with a torn last line skipped.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/append_file.hpp"
#include "core/error.hpp"
#include "core/redact.hpp"
#include "results/output_line.hpp"
#include "samples/sample.hpp"

namespace ttft::results {

struct OutputsRead {
  std::vector<OutputRecord> records;  // in file order
  std::size_t skipped_partial_lines = 0;  // a last line with no "\n" (0 or 1), not read
  std::size_t complete_bytes = 0;         // bytes up to the end of the last complete line
};

/// Reads outputs.jsonl; a complete line that is not a record is an error naming its line number.
Result<OutputsRead> read_outputs_jsonl(const std::string& path);

/// Each row's prompt, paired by (target, phase, seq) with the folder's outputs (the last line of a
/// request wins); nullopt for a row without a line. Same order and size as `rows`.
std::vector<std::optional<std::string>> prompts_of_rows(const std::vector<samples::Sample>& rows,
                                                        const std::vector<OutputRecord>& outputs);

class OutputsWriter {
 public:
  /// A new outputs.jsonl (never over an existing file).
  [[nodiscard]] static Result<OutputsWriter> create(const std::string& path, Redactor redactor);
  /// An existing one, resumed; a missing file is created. Only the lines `keep` accepts stay (the
  /// requests that have a row: one killed between its line and its row is sent again), and a torn
  /// last line goes too; when one goes the file is rewritten atomically first.
  [[nodiscard]] static Result<OutputsWriter> open_existing(const std::string& path, Redactor redactor,
                                                           const std::function<bool(const OutputRecord&)>& keep);

  /// Writes the record's line with one write(2) call.
  [[nodiscard]] Result<void> append(const OutputRecord& record);

 private:
  OutputsWriter(AppendFile file, Redactor redactor) : file_(std::move(file)), redactor_(std::move(redactor)) {}

  AppendFile file_;
  Redactor redactor_;
};

}  // namespace ttft::results
