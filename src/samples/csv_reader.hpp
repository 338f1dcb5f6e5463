// samples.csv back into samples: RFC 4180 records, the header checked per docs/results.md ("Reading a folder back"),
// each cell decoded exactly (ms to ns, dollars to pico-dollars). Reads; never writes.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "samples/sample.hpp"

namespace ttft::samples {

struct ReadResult {
  std::vector<Sample> samples;  // empty when the rows went to a RowSink
  std::size_t rows = 0;         // rows read
  // A last record with no line end (a write cut short) is ignored and counted here (0 or 1).
  std::size_t skipped_partial_lines = 0;
  // Bytes of the input up to the end of the last complete record (header included).
  std::size_t complete_bytes = 0;
  // The header: for each of its columns, its index in column_names(). An older file lacks the
  // appended columns, and rows appended to it must leave them out too (CsvWriter::open_existing).
  std::vector<std::size_t> columns;
};

/// Parses samples.csv text; `source` names it in errors ("<source>:<line>"). Columns may come
/// in any order but must be exactly those of docs/results.md ("Columns") except the appended ones
/// (first_token_kind, first_answer_ms, reasoning_tokens, cached_input_tokens, cache_write_tokens,
/// http_version), which files written before them lack; an unknown, missing or repeated column, a
/// row with the wrong number of fields or an undecodable cell is an error naming the column.
/// Blank lines are skipped. Times "50.312" become 50'312'000 ns (rounded to the nanosecond).
Result<ReadResult> parse_samples_csv(std::string_view text, const std::string& source);

/// Reads and parses the file at `path` (see parse_samples_csv); an unreadable file is an error
/// naming the path.
Result<ReadResult> read_samples_csv(const std::string& path);

/// Receives each row in file order. The Sample is reused for the next row: take what you keep
/// (moving out of it is fine).
using RowSink = std::function<void(Sample&)>;

/// As above, streaming: each row goes to `on_row` as it is decoded and none is kept, so a file
/// of any size reads in a few MB (the file a block at a time). A row that fails to decode ends
/// the read with its error, after the rows before it have gone to `on_row`.
Result<ReadResult> parse_samples_csv(std::string_view text, const std::string& source,
                                     const RowSink& on_row);
Result<ReadResult> read_samples_csv(const std::string& path, const RowSink& on_row);

}  // namespace ttft::samples
