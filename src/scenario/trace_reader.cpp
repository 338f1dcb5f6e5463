// Replay traces (docs/scenario.md ("Trace replay")): Mooncake JSONL or offset_ms CSV, told apart
// by the first line. Every bad line is an error located at file:line; times must not decrease.
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "scenario/file_lines.hpp"
#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

constexpr std::string_view kCsvHeader = "offset_ms,input_tokens,output_tokens";
constexpr double kNanosPerMs = 1e6;

struct Row {
  double ms = 0;
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
};

std::string_view trimmed(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// {"timestamp": MS, "input_length": N, "output_length": M, ...}; other keys (hash_ids) ignored.
bool read_mooncake_row(Reader& line_reader, const Json& value, Row& out) {
  if (!value.is_object()) {
    return line_reader.fail("", fmt::format("expected {{\"timestamp\": ..., \"input_length\": ..., "
                                            "\"output_length\": ...}}, got {}",
                                            describe_value(value)));
  }
  if (const Json* v = line_reader.required(value, "", "timestamp")) line_reader.number(*v, "/timestamp", false, out.ms);
  if (const Json* v = line_reader.required(value, "", "input_length")) {
    line_reader.integer(*v, "/input_length", 1, out.input_tokens);
  }
  if (const Json* v = line_reader.required(value, "", "output_length")) {
    line_reader.integer(*v, "/output_length", 1, out.output_tokens);
  }
  return line_reader.ok();
}

bool csv_length(Reader& line_reader, std::string_view field, const char* name, std::int64_t& out) {
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), out);
  if (error != std::errc() || end != field.data() + field.size() || out < 1) {
    return line_reader.fail("", fmt::format("{}: expected an integer greater than 0, got \"{}\"", name, field));
  }
  return true;
}

// offset_ms,input_tokens,output_tokens
bool read_csv_row(Reader& line_reader, std::string_view line, Row& out) {
  std::string_view fields[3];
  std::size_t count = 0;
  for (std::size_t start = 0; start <= line.size(); ++count) {
    const std::size_t comma = std::min(line.find(',', start), line.size());
    if (count < 3) fields[count] = trimmed(line.substr(start, comma - start));
    start = comma + 1;
  }
  if (count != 3) {
    return line_reader.fail("", fmt::format("expected 3 fields {}, got {}", kCsvHeader, count));
  }
  const std::string_view offset = fields[0];
  const auto [end, error] = std::from_chars(offset.data(), offset.data() + offset.size(), out.ms);
  if (error != std::errc() || end != offset.data() + offset.size() || !std::isfinite(out.ms)) {
    return line_reader.fail("", fmt::format("offset_ms: expected a number, got \"{}\"", offset));
  }
  return csv_length(line_reader, fields[1], "input_tokens", out.input_tokens) &&
         csv_length(line_reader, fields[2], "output_tokens", out.output_tokens);
}

}  // namespace

bool read_trace(Reader& reader, const std::string& pointer, const std::string& path, std::vector<TraceLine>& out) {
  Result<FileChunks> chunks = FileChunks::open(path);
  if (!chunks) {
    return reader.fail(pointer, fmt::format("cannot read trace \"{}\": {}", path, chunks.error().message),
                       "a trace path is relative to the scenario file's folder");
  }
  LineReader lines(std::move(*chunks));
  std::optional<bool> mooncake;  // decided by the first non-blank line
  std::optional<double> first_ms;
  double previous_ms = 0;
  while (const std::optional<std::string_view> line = lines.next()) {
    const std::string_view text = trimmed(*line);
    if (text.empty()) continue;
    const bool first_line = !mooncake;
    if (first_line) mooncake = text.front() == '{';
    if (first_line && !*mooncake && text == kCsvHeader) continue;
    const std::string where = fmt::format("{}:{}", path, lines.line_number());
    Reader line_reader(where);
    Row row;
    if (*mooncake) {
      const Result<Json> value = parse_json_line(*line, where);
      if (!value) return reader.adopt(value.error());
      if (!read_mooncake_row(line_reader, *value, row)) return reader.adopt(line_reader.error());
    } else if (!read_csv_row(line_reader, text, row)) {
      return reader.adopt(line_reader.error());
    }
    if (first_ms && row.ms < previous_ms) {
      return reader.adopt(Error{where, fmt::format("{} {} ms is before the previous line's {} ms",
                                                   *mooncake ? "timestamp" : "offset", row.ms, previous_ms),
                                "a trace's times must not decrease"});
    }
    if (!first_ms) first_ms = row.ms;
    previous_ms = row.ms;
    out.push_back(TraceLine{std::llround((row.ms - *first_ms) * kNanosPerMs), row.input_tokens, row.output_tokens});
  }
  if (lines.read_error()) return reader.adopt(Error{path, "cannot read trace: " + *lines.read_error(), {}});
  if (out.empty()) return reader.adopt(Error{path, "expected at least one trace line, got none", {}});
  return true;
}

}  // namespace ttft::scenario
