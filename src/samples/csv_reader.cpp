// The samples.csv header mapped to a per-column decoder table, and each record (from
// csv_record_scanner) decoded into a Sample. Line numbers in errors are those of the record's
// first line.
#include "samples/csv_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>


#include "samples/csv_format.hpp"
#include "samples/csv_record_scanner.hpp"

namespace ttft::samples {
namespace {

constexpr int kNanosDecimalsOfMs = 6;   // ms with 6 decimals = integer nanoseconds
constexpr int kPusdDecimalsOfUsd = 12;  // dollars with 12 decimals = integer pico-dollars
// Files are read this much at a time: a million rows are ~300 MB of text, never held whole.
constexpr std::size_t kBlockBytes = std::size_t{4} << 20;

// Decoders: false means "not in the expected form". Empty cells are "not measured".
template <std::string Sample::*M>
bool set_text(Sample& s, std::string_view cell) {
  (s.*M).assign(cell);
  return true;
}

bool parse_bool(std::string_view cell, bool& out) {
  if (cell == "true" || cell == "false") {
    out = cell == "true";
    return true;
  }
  return false;
}

template <class Int>
bool parse_int(std::string_view cell, Int& out) {
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), out);
  return ec == std::errc{} && end == cell.data() + cell.size() && !cell.empty();
}

template <bool Sample::*M>
bool set_bool(Sample& s, std::string_view cell) {
  return parse_bool(cell, s.*M);
}

template <std::optional<bool> Sample::*M>
bool set_opt_bool(Sample& s, std::string_view cell) {
  if (cell.empty()) {  // not measured; assigned all the same, as the row Sample is reused
    s.*M = std::nullopt;
    return true;
  }
  bool value = false;
  if (!parse_bool(cell, value)) return false;
  s.*M = value;
  return true;
}

template <class Int, Int Sample::*M>
bool set_int(Sample& s, std::string_view cell) {
  return parse_int(cell, s.*M);
}

template <class Int, std::optional<Int> Sample::*M>
bool set_opt_int(Sample& s, std::string_view cell) {
  if (cell.empty()) {  // not measured; assigned all the same, as the row Sample is reused
    s.*M = std::nullopt;
    return true;
  }
  Int value{};
  if (!parse_int(cell, value)) return false;
  s.*M = value;
  return true;
}

template <std::optional<double> Sample::*M>
bool set_opt_real(Sample& s, std::string_view cell) {
  if (cell.empty()) {  // not measured; assigned all the same, as the row Sample is reused
    s.*M = std::nullopt;
    return true;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc{} || end != cell.data() + cell.size()) return false;
  s.*M = value;
  return true;
}

template <std::optional<std::int64_t> Sample::*M, int Decimals>
bool set_opt_scaled(Sample& s, std::string_view cell) {
  if (cell.empty()) {  // not measured; assigned all the same, as the row Sample is reused
    s.*M = std::nullopt;
    return true;
  }
  const auto value = parse_scaled_decimal(cell, Decimals);
  if (!value) return false;
  s.*M = *value;
  return true;
}

template <std::optional<Nanos> Sample::*M>
constexpr auto set_ms = set_opt_scaled<M, kNanosDecimalsOfMs>;

bool set_first_token_kind(Sample& s, std::string_view cell) {
  if (!cell.empty() && cell != "text" && cell != "reasoning" && cell != "tool_call") return false;
  s.first_token_kind.assign(cell);
  return true;
}

bool set_http_version(Sample& s, std::string_view cell) {
  if (!cell.empty() && cell != "1.0" && cell != "1.1" && cell != "2" && cell != "3") return false;
  s.http_version.assign(cell);
  return true;
}

bool set_correct(Sample& s, std::string_view cell) {
  if (cell.empty()) s.correct = std::nullopt;
  else if (cell == "1" || cell == "0") s.correct = cell == "1";
  else return false;
  return true;
}

struct ColumnDecoder {
  std::string_view name;
  std::string_view expected;  // what a valid cell looks like, for error messages
  bool (*set)(Sample&, std::string_view);
  bool optional = false;      // files written before the column existed lack it
};

constexpr std::string_view kText = "text";
constexpr std::string_view kBool = "true or false";
constexpr std::string_view kOptBool = "true, false or empty";
constexpr std::string_view kInt = "an integer";
constexpr std::string_view kOptInt = "an integer or empty";
constexpr std::string_view kMs = "milliseconds such as 50.312, or empty";

// In the order of docs/results.md ("Columns"), like column_names().
const std::array<ColumnDecoder, kColumnCount> kDecoders = {{
    {"run_id", kText, set_text<&Sample::run_id>},
    {"region", kText, set_text<&Sample::region>},
    {"shard", kText, set_text<&Sample::shard>},
    {"phase", kText, set_text<&Sample::phase>},
    {"cold", kBool, set_bool<&Sample::cold>},
    {"seq", kInt, set_int<std::int64_t, &Sample::seq>},
    {"target", kText, set_text<&Sample::target>},
    {"protocol", kText, set_text<&Sample::protocol>},
    {"model", kText, set_text<&Sample::model>},
    {"request_id", kText, set_text<&Sample::request_id>},
    {"started_at", kText, set_text<&Sample::started_at>},
    {"send_lag_ms", kMs, set_ms<&Sample::send_lag_ns>},
    {"idle_before_s", "seconds or empty", set_opt_real<&Sample::idle_before_s>},
    {"connection_reused", kOptBool, set_opt_bool<&Sample::connection_reused>},
    {"pop", kText, set_text<&Sample::pop>},
    {"http_status", kOptInt, set_opt_int<int, &Sample::http_status>},
    {"error", kText, set_text<&Sample::error>},
    {"error_detail", kText, set_text<&Sample::error_detail>},
    {"dns_ms", kMs, set_ms<&Sample::dns_ns>},
    {"connect_ms", kMs, set_ms<&Sample::connect_ns>},
    {"tls_ms", kMs, set_ms<&Sample::tls_ns>},
    {"ttfb_ms", kMs, set_ms<&Sample::ttfb_ns>},
    {"ttft_ms", kMs, set_ms<&Sample::ttft_ns>},
    {"first_token_ms", kMs, set_ms<&Sample::first_token_ns>},
    {"e2e_ms", kMs, set_ms<&Sample::e2e_ns>},
    {"input_tokens", kOptInt, set_opt_int<std::int64_t, &Sample::input_tokens>},
    {"output_tokens", kOptInt, set_opt_int<std::int64_t, &Sample::output_tokens>},
    {"token_source", kText, set_text<&Sample::token_source>},
    {"events", kOptInt, set_opt_int<std::int64_t, &Sample::events>},
    {"itl_p50_ms", kMs, set_ms<&Sample::itl_p50_ns>},
    {"itl_p95_ms", kMs, set_ms<&Sample::itl_p95_ns>},
    {"decode_tps", "tokens per second or empty", set_opt_real<&Sample::decode_tps>},
    {"cost_usd", "dollars such as 0.000123, or empty",
     set_opt_scaled<&Sample::cost_pusd, kPusdDecimalsOfUsd>},
    // Appended columns: files written before them lack them.
    {"first_token_kind", "text, reasoning, tool_call or empty", set_first_token_kind, /*optional=*/true},
    {"first_answer_ms", kMs, set_ms<&Sample::first_answer_ns>, true},
    {"reasoning_tokens", kOptInt, set_opt_int<std::int64_t, &Sample::reasoning_tokens>, true},
    {"cached_input_tokens", kOptInt, set_opt_int<std::int64_t, &Sample::cached_input_tokens>, true},
    {"cache_write_tokens", kOptInt, set_opt_int<std::int64_t, &Sample::cache_write_tokens>, true},
    {"http_version", "1.0, 1.1, 2, 3 or empty", set_http_version, true},
    {"input_tokens_requested", kOptInt, set_opt_int<std::int64_t, &Sample::input_tokens_requested>, true},
    {"max_tokens_requested", kOptInt, set_opt_int<std::int64_t, &Sample::max_tokens_requested>, true},
    {"sweep_value", "a number or empty", set_opt_real<&Sample::sweep_value>, true},
    {"conversation", kOptInt, set_opt_int<std::int64_t, &Sample::conversation>, true},
    {"turn", kOptInt, set_opt_int<std::int64_t, &Sample::turn>, true},
    {"vectors", kOptInt, set_opt_int<std::int64_t, &Sample::vectors>, true},
    {"dimensions", kOptInt, set_opt_int<std::int64_t, &Sample::dimensions>, true},
    {"correct", "1, 0 or empty", set_correct, true},
    {"browser_ttft_ms", kMs, set_ms<&Sample::browser_ttft_ns>, true},
    {"browser_paint_ms", kMs, set_ms<&Sample::browser_paint_ns>, true},
}};

std::string where(const std::string& source, std::size_t line) {
  return fmt::format("{}:{}", source, line);
}

bool is_blank(const Record& record) {
  return record.fields.size() == 1 && record.fields[0].empty();
}

// samples.csv text fed block by block: each feed decodes the complete records at its start into
// one reused Sample, hands each to the sink, and says how much it consumed; the caller feeds the
// rest again with the next block. A whole text is one block.
class BlockParser {
 public:
  BlockParser(const std::string& source, const RowSink& on_row, ReadResult& result)
      : source_(source), on_row_(on_row), result_(result) {}

  /// Bytes of `block` consumed; `last`: nothing follows, so a cut record is a torn last line.
  Result<std::size_t> feed(std::string_view block, bool last) {
    std::size_t skipped = 0;
    if (!bom_checked_) {
      constexpr std::string_view kBom = "\xEF\xBB\xBF";
      if (!last && block.size() < kBom.size()) return 0;
      skipped = block.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
      offset_ = skipped;
      bom_checked_ = true;
    }
    const std::string_view text = block.substr(skipped);
    RecordScanner scanner(text, line_);
    std::size_t consumed = 0;  // of `text`: up to the end of the last complete record
    ScanStatus status = ScanStatus::end;
    while ((status = scanner.next(record_, error_)) == ScanStatus::record) {
      consumed = scanner.position();
      line_ = scanner.line();
      if (decoders_.empty()) {
        if (auto mapped = map_header(record_); !mapped) return tl::unexpected(mapped.error());
      } else if (!is_blank(record_)) {
        if (auto decoded = decode_row(record_); !decoded) return tl::unexpected(decoded.error());
        ++result_.rows;
        on_row_(row_);
      }
      result_.complete_bytes = offset_ + consumed;
    }
    if (status == ScanStatus::malformed) return fail(where(source_, record_.line), error_);
    if (last && decoders_.empty()) {
      if (status == ScanStatus::end) return fail(source_, "empty file, expected the samples.csv header");
      return fail(where(source_, 1), "the header line is incomplete");
    }
    if (last && status == ScanStatus::partial) result_.skipped_partial_lines = 1;
    offset_ += consumed;
    return skipped + consumed;
  }

 private:
  // Maps each header position to its decoder; every column exactly once, optional ones at most
  // once. Optional columns the file lacks are decoded as empty cells in every row.
  Result<void> map_header(const Record& header) {
    std::array<bool, kColumnCount> seen{};
    for (const std::string_view name : header.fields) {
      std::size_t index = 0;
      while (index < kColumnCount && kDecoders[index].name != name) ++index;
      if (index == kColumnCount) {
        return fail(where(source_, header.line), fmt::format("unknown column \"{}\"", name),
                    "the header must hold exactly the samples.csv columns of docs/results.md (\"Columns\")");
      }
      if (seen[index]) {
        return fail(where(source_, header.line), fmt::format("column \"{}\" appears twice", name));
      }
      seen[index] = true;
      decoders_.push_back(&kDecoders[index]);
      result_.columns.push_back(index);
    }
    for (std::size_t i = 0; i < kColumnCount; ++i) {
      if (seen[i]) continue;
      if (!kDecoders[i].optional) {
        return fail(where(source_, header.line), fmt::format("missing column \"{}\"", kDecoders[i].name));
      }
      absent_.push_back(&kDecoders[i]);
    }
    return {};
  }

  // Decodes the record into row_; every column is assigned, so nothing of the last row remains.
  Result<void> decode_row(const Record& row) {
    if (row.fields.size() != decoders_.size()) {
      return fail(where(source_, row.line),
                  fmt::format("expected {} fields, found {}", decoders_.size(), row.fields.size()));
    }
    for (std::size_t i = 0; i < decoders_.size(); ++i) {
      if (!decoders_[i]->set(row_, row.fields[i])) {
        return fail(where(source_, row.line),
                    fmt::format("column \"{}\": expected {}, found \"{}\"", decoders_[i]->name,
                                decoders_[i]->expected, row.fields[i]));
      }
    }
    for (const ColumnDecoder* decoder : absent_) decoder->set(row_, {});
    return {};
  }

  const std::string& source_;
  const RowSink& on_row_;
  ReadResult& result_;
  bool bom_checked_ = false;
  std::vector<const ColumnDecoder*> decoders_;  // by header position; empty until it is read
  std::vector<const ColumnDecoder*> absent_;    // optional columns the header lacks
  std::size_t offset_ = 0;                      // bytes consumed so far, a BOM included
  std::size_t line_ = 1;                        // where the next record starts
  Record record_;
  std::string error_;
  Sample row_;
};

// Lines in the file (at most one row each), counted block by block; nullopt if unreadable.
std::optional<std::size_t> count_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> block(kBlockBytes);
  std::size_t lines = 0;
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    lines += static_cast<std::size_t>(std::count(block.data(), block.data() + in.gcount(), '\n'));
  }
  if (in.bad()) return std::nullopt;
  return lines;
}

RowSink append_to(std::vector<Sample>& samples) {
  return [&samples](Sample& row) { samples.push_back(std::move(row)); };
}

}  // namespace

Result<ReadResult> parse_samples_csv(std::string_view text, const std::string& source) {
  std::vector<Sample> samples;
  // One row per line ending at most: reserving spares a large file the vector's regrowth (a
  // copy of every row, and half as much memory again at its peak).
  samples.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  auto result = parse_samples_csv(text, source, append_to(samples));
  if (result) result->samples = std::move(samples);
  return result;
}

Result<ReadResult> parse_samples_csv(std::string_view text, const std::string& source,
                                     const RowSink& on_row) {
  ReadResult result;
  BlockParser parser(source, on_row, result);
  auto consumed = parser.feed(text, /*last=*/true);
  if (!consumed) return tl::unexpected(consumed.error());
  return result;
}

Result<ReadResult> read_samples_csv(const std::string& path) {
  std::vector<Sample> samples;
  if (const auto lines = count_lines(path)) samples.reserve(*lines);  // as in parse_samples_csv
  auto result = read_samples_csv(path, append_to(samples));
  if (result) result->samples = std::move(samples);
  return result;
}

Result<ReadResult> read_samples_csv(const std::string& path, const RowSink& on_row) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path, fmt::format("cannot read: {}", std::strerror(errno)));
  ReadResult result;
  BlockParser parser(path, on_row, result);
  std::string pending;  // the unconsumed end of the previous block, then the next block
  while (true) {
    const std::size_t kept = pending.size();
    pending.resize(kept + kBlockBytes);
    in.read(pending.data() + kept, static_cast<std::streamsize>(kBlockBytes));
    if (in.bad()) return fail(path, fmt::format("cannot read: {}", std::strerror(errno)));
    const auto got = static_cast<std::size_t>(in.gcount());
    pending.resize(kept + got);
    const bool last = got < kBlockBytes;  // a short read: the end of the file
    auto consumed = parser.feed(pending, last);
    if (!consumed) return tl::unexpected(consumed.error());
    if (last) return result;
    pending.erase(0, *consumed);
  }
}

}  // namespace ttft::samples
