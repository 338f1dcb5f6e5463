// samples.csv writer: the header, then one row per sample through AppendFile, in the file's own
// column layout (docs/results.md ("Crash safety"): a crash loses no finished row).
#include "samples/csv_writer.hpp"

#include <algorithm>
#include <utility>

#include "samples/csv_format.hpp"

namespace ttft::samples {

Result<CsvWriter> CsvWriter::create(const std::string& path) {
  auto file = AppendFile::create(path);
  if (!file) return tl::unexpected(file.error());
  CsvWriter writer(std::move(*file));
  auto written = writer.file_.append(header_row());
  if (!written) return tl::unexpected(written.error());
  return writer;
}

Result<CsvWriter> CsvWriter::open_existing(const std::string& path, const ReadResult& existing) {
  // The torn row is not data (the reader ignores it); new rows must not be glued onto it.
  auto file = AppendFile::open_existing(path, existing.complete_bytes, existing.skipped_partial_lines > 0);
  if (!file) return tl::unexpected(file.error());
  CsvWriter writer(std::move(*file));
  const bool own_layout = existing.columns.size() == kColumnCount &&
                          std::is_sorted(existing.columns.begin(), existing.columns.end());
  if (!own_layout) writer.columns_ = existing.columns;
  return writer;
}

Result<void> CsvWriter::append(const Sample& sample) {
  return file_.append(columns_.empty() ? format_row(sample) : format_row(sample, columns_));
}

}  // namespace ttft::samples
