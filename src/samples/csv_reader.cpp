// RFC 4180 record scanner plus a per-column decoder table. Quoted fields may span lines; line
// numbers in errors are those of the record's first line.
#include "samples/csv_reader.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "samples/csv_format.hpp"

namespace ttft::samples {
namespace {

constexpr int kNanosDecimalsOfMs = 6;   // ms with 6 decimals = integer nanoseconds
constexpr int kPusdDecimalsOfUsd = 12;  // dollars with 12 decimals = integer pico-dollars

struct Record {
  std::vector<std::string> fields;
  std::size_t line = 0;  // 1-based line of the record's first character
};

enum class ScanStatus { record, partial, end, malformed };

// Pull scanner over the whole text. A record ends at an unquoted LF or CRLF; end of input
// before that makes it partial (a torn last line).
class RecordScanner {
 public:
  explicit RecordScanner(std::string_view text) : text_(text) {}

  ScanStatus next(Record& record, std::string& error) {
    if (pos_ >= text_.size()) return ScanStatus::end;
    record.fields.assign(1, std::string{});
    record.line = line_;
    while (true) {
      const ScanStatus field_status = scan_field(record.fields.back(), error);
      if (field_status != ScanStatus::record) return field_status;
      if (pos_ >= text_.size()) return ScanStatus::partial;
      const char c = text_[pos_++];
      if (c == ',') {
        record.fields.emplace_back();
        continue;
      }
      if (c == '\r' && (pos_ >= text_.size() || text_[pos_] != '\n')) {
        if (pos_ >= text_.size()) return ScanStatus::partial;
        error = "a carriage return outside quotes";
        return ScanStatus::malformed;
      }
      if (c == '\r') ++pos_;
      ++line_;
      return ScanStatus::record;
    }
  }

  std::size_t position() const { return pos_; }

 private:
  // One field up to (not including) its delimiter; `record` status means "field complete".
  ScanStatus scan_field(std::string& field, std::string& error) {
    if (pos_ < text_.size() && text_[pos_] == '"') return scan_quoted(field, error);
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ',' || c == '\n' || c == '\r') break;
      if (c == '"') {
        error = "a quote inside an unquoted field";
        return ScanStatus::malformed;
      }
      field += c;
      ++pos_;
    }
    return ScanStatus::record;
  }

  ScanStatus scan_quoted(std::string& field, std::string& error) {
    ++pos_;
    while (true) {
      if (pos_ >= text_.size()) return ScanStatus::partial;
      const char c = text_[pos_++];
      if (c == '\n') ++line_;
      if (c != '"') {
        field += c;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field += '"';
        ++pos_;
        continue;
      }
      const bool delimiter_next =
          pos_ >= text_.size() || text_[pos_] == ',' || text_[pos_] == '\n' || text_[pos_] == '\r';
      if (delimiter_next) return ScanStatus::record;
      error = "text after a closing quote";
      return ScanStatus::malformed;
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

// Decoders: false means "not in the expected form". Empty cells are "not measured".
template <std::string Sample::*M>
bool set_text(Sample& s, std::string_view cell) {
  s.*M = std::string(cell);
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
  if (cell.empty()) return true;  // a fresh sample: already unset
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
  if (cell.empty()) return true;  // a fresh sample: already unset
  Int value{};
  if (!parse_int(cell, value)) return false;
  s.*M = value;
  return true;
}

template <std::optional<double> Sample::*M>
bool set_opt_real(Sample& s, std::string_view cell) {
  if (cell.empty()) return true;  // a fresh sample: already unset
  double value = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc{} || end != cell.data() + cell.size()) return false;
  s.*M = value;
  return true;
}

template <std::optional<std::int64_t> Sample::*M, int Decimals>
bool set_opt_scaled(Sample& s, std::string_view cell) {
  if (cell.empty()) return true;  // a fresh sample: already unset
  const auto value = parse_scaled_decimal(cell, Decimals);
  if (!value) return false;
  s.*M = *value;
  return true;
}

template <std::optional<Nanos> Sample::*M>
constexpr auto set_ms = set_opt_scaled<M, kNanosDecimalsOfMs>;

bool set_first_token_kind(Sample& s, std::string_view cell) {
  if (!cell.empty() && cell != "text" && cell != "reasoning") return false;
  s.first_token_kind = std::string(cell);
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

// In SPEC section 6 order, like column_names().
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
    {"first_token_kind", "text, reasoning or empty", set_first_token_kind, /*optional=*/true},
}};

std::string where(const std::string& source, std::size_t line) {
  return fmt::format("{}:{}", source, line);
}

// Maps each header position to its decoder; every column exactly once, optional ones at most once.
Result<std::vector<const ColumnDecoder*>> map_header(const Record& header,
                                                     const std::string& source) {
  std::vector<const ColumnDecoder*> decoders;
  std::array<bool, kColumnCount> seen{};
  for (const std::string& name : header.fields) {
    std::size_t index = 0;
    while (index < kColumnCount && kDecoders[index].name != name) ++index;
    if (index == kColumnCount) {
      return fail(where(source, header.line), fmt::format("unknown column \"{}\"", name),
                  "the header must hold exactly the samples.csv columns of SPEC section 6");
    }
    if (seen[index]) {
      return fail(where(source, header.line), fmt::format("column \"{}\" appears twice", name));
    }
    seen[index] = true;
    decoders.push_back(&kDecoders[index]);
  }
  for (std::size_t i = 0; i < kColumnCount; ++i) {
    if (!seen[i] && !kDecoders[i].optional) {
      return fail(where(source, header.line),
                  fmt::format("missing column \"{}\"", kDecoders[i].name));
    }
  }
  return decoders;
}

Result<Sample> decode_row(const Record& row, const std::vector<const ColumnDecoder*>& decoders,
                          const std::string& source) {
  if (row.fields.size() != decoders.size()) {
    return fail(where(source, row.line),
                fmt::format("expected {} fields, found {}", decoders.size(), row.fields.size()));
  }
  Sample sample;
  for (std::size_t i = 0; i < decoders.size(); ++i) {
    if (!decoders[i]->set(sample, row.fields[i])) {
      return fail(where(source, row.line),
                  fmt::format("column \"{}\": expected {}, found \"{}\"", decoders[i]->name,
                              decoders[i]->expected, row.fields[i]));
    }
  }
  return sample;
}

bool is_blank(const Record& record) {
  return record.fields.size() == 1 && record.fields[0].empty();
}

}  // namespace

Result<ReadResult> parse_samples_csv(std::string_view text, const std::string& source) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  const std::size_t bom_bytes = text.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
  RecordScanner scanner(text.substr(bom_bytes));
  Record record;
  std::string error;
  ScanStatus status = scanner.next(record, error);
  if (status == ScanStatus::end) {
    return fail(source, "empty file, expected the samples.csv header");
  }
  if (status != ScanStatus::record) {
    return fail(where(source, 1),
                status == ScanStatus::partial ? "the header line is incomplete" : error);
  }
  auto decoders = map_header(record, source);
  if (!decoders) return tl::unexpected(decoders.error());
  ReadResult result;
  result.complete_bytes = bom_bytes + scanner.position();
  while ((status = scanner.next(record, error)) == ScanStatus::record) {
    result.complete_bytes = bom_bytes + scanner.position();
    if (is_blank(record)) continue;
    auto sample = decode_row(record, *decoders, source);
    if (!sample) return tl::unexpected(sample.error());
    result.samples.push_back(std::move(*sample));
  }
  if (status == ScanStatus::malformed) return fail(where(source, record.line), error);
  if (status == ScanStatus::partial) result.skipped_partial_lines = 1;
  return result;
}

Result<ReadResult> read_samples_csv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path, fmt::format("cannot read: {}", std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail(path, fmt::format("cannot read: {}", std::strerror(errno)));
  return parse_samples_csv(text.str(), path);
}

}  // namespace ttft::samples
