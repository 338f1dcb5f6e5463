// outputs.jsonl's reader and writer.
#include "results/outputs_file.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include <fmt/format.h>

#include "results/atomic_write.hpp"

namespace ttft::results {

Result<OutputsRead> read_outputs_jsonl(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path, "cannot read");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string text = bytes.str();
  OutputsRead read;
  std::size_t at = 0, line_number = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    if (end == std::string::npos) {
      read.skipped_partial_lines = 1;  // a kill in the middle of its write(2)
      break;
    }
    ++line_number;
    const std::string_view line = std::string_view(text).substr(at, end - at);
    at = end + 1;
    read.complete_bytes = at;
    if (line.empty()) continue;
    auto record = parse_output_line(line);
    if (!record) return fail(fmt::format("{}:{}", path, line_number), record.error().message);
    read.records.push_back(std::move(*record));
  }
  return read;
}

std::vector<std::optional<std::string>> prompts_of_rows(const std::vector<samples::Sample>& rows,
                                                        const std::vector<OutputRecord>& outputs) {
  std::map<std::tuple<std::string_view, std::string_view, std::int64_t>, const std::string*> by_request;
  for (const OutputRecord& line : outputs) by_request[{line.target, line.phase, line.seq}] = &line.prompt;
  std::vector<std::optional<std::string>> prompts;
  prompts.reserve(rows.size());
  for (const samples::Sample& row : rows) {
    const auto found = by_request.find({row.target, row.phase, row.seq});
    prompts.push_back(found == by_request.end() ? std::nullopt : std::optional(*found->second));
  }
  return prompts;
}

Result<OutputsWriter> OutputsWriter::create(const std::string& path, Redactor redactor) {
  auto file = AppendFile::create(path);
  if (!file) return tl::unexpected(file.error());
  return OutputsWriter(std::move(*file), std::move(redactor));
}

Result<OutputsWriter> OutputsWriter::open_existing(const std::string& path, Redactor redactor,
                                                   const std::function<bool(const OutputRecord&)>& keep) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return create(path, std::move(redactor));
  auto existing = read_outputs_jsonl(path);
  if (!existing) return tl::unexpected(existing.error());
  // The lines kept, written again: they were redacted and made valid UTF-8 when first written,
  // so formatting them again gives the same bytes.
  std::string kept;
  bool dropped = existing->skipped_partial_lines > 0;
  for (const OutputRecord& record : existing->records) {
    if (keep(record)) {
      kept += format_output_line(record, Redactor({}));
    } else {
      dropped = true;
    }
  }
  if (dropped) {
    if (auto written = write_file_atomic(path, kept); !written) return tl::unexpected(written.error());
  }
  auto file = AppendFile::open_existing(path, 0, false);
  if (!file) return tl::unexpected(file.error());
  return OutputsWriter(std::move(*file), std::move(redactor));
}

Result<void> OutputsWriter::append(const OutputRecord& record) {
  return file_.append(format_output_line(record, redactor_));
}

}  // namespace ttft::results
