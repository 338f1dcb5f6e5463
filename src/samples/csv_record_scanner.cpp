// The RFC 4180 scanner: unquoted fields are found by a byte loop, quoted ones by searching for
// the next quote.
#include "samples/csv_record_scanner.hpp"

#include <algorithm>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ttft::samples {
namespace {

bool is_special(char c) { return c == ',' || c == '\n' || c == '\r' || c == '"'; }

// The first ',', LF, CR or quote at or after `pos`, or text.size(). Sixteen bytes at a time
// where SSE2 is there (every x86-64): unquoted cells are most of a samples.csv, and this search
// was the scanner's hot loop.
std::size_t next_special(std::string_view text, std::size_t pos) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  for (; pos + 16 <= text.size(); pos += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, comma), _mm_cmpeq_epi8(bytes, lf)),
                                      _mm_or_si128(_mm_cmpeq_epi8(bytes, cr), _mm_cmpeq_epi8(bytes, quote)));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
    if (mask != 0) return pos + static_cast<std::size_t>(std::countr_zero(mask));
  }
#endif
  while (pos < text.size() && !is_special(text[pos])) ++pos;
  return pos;
}

}  // namespace

ScanStatus RecordScanner::next(Record& record, std::string& error) {
  if (pos_ >= text_.size()) return ScanStatus::end;
  record.fields.clear();
  record.unescaped.clear();
  record.line = line_;
  if (scan_plain_line(record)) return ScanStatus::record;
  while (true) {
    const ScanStatus field_status = scan_field(record, error);
    if (field_status != ScanStatus::record) return field_status;
    if (pos_ >= text_.size()) return ScanStatus::partial;
    const char c = text_[pos_++];
    if (c == ',') continue;
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

bool RecordScanner::scan_plain_line(Record& record) {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i quote = _mm_set1_epi8('"');
  std::size_t field_start = pos_;
  // Fields ending at the commas of `commas`, a bit mask over the 16 bytes at `at`.
  const auto split = [&](std::size_t at, unsigned commas) {
    for (; commas != 0; commas &= commas - 1) {
      const std::size_t end = at + static_cast<std::size_t>(std::countr_zero(commas));
      record.fields.push_back(text_.substr(field_start, end - field_start));
      field_start = end + 1;
    }
  };
  for (std::size_t at = pos_; at + 16 <= text_.size(); at += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text_.data() + at));
    const auto commas = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, comma)));
    const auto stops = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, lf), _mm_or_si128(_mm_cmpeq_epi8(bytes, cr), _mm_cmpeq_epi8(bytes, quote)))));
    if (stops == 0) {
      split(at, commas);
      continue;
    }
    const int stop = std::countr_zero(stops);
    if (text_[at + static_cast<std::size_t>(stop)] != '\n') break;  // a quote or CR: not plain
    split(at, commas & ((1u << stop) - 1));
    const std::size_t end = at + static_cast<std::size_t>(stop);
    record.fields.push_back(text_.substr(field_start, end - field_start));
    pos_ = end + 1;
    ++line_;
    return true;
  }
  record.fields.clear();
#else
  (void)record;
#endif
  return false;
}

// One field up to (not including) its delimiter; `record` status means "field complete".
ScanStatus RecordScanner::scan_field(Record& record, std::string& error) {
  if (pos_ < text_.size() && text_[pos_] == '"') return scan_quoted(record, error);
  const std::size_t start = pos_;
  pos_ = next_special(text_, pos_);
  if (pos_ < text_.size() && text_[pos_] == '"') {
    error = "a quote inside an unquoted field";
    return ScanStatus::malformed;
  }
  record.fields.push_back(text_.substr(start, pos_ - start));
  return ScanStatus::record;
}

ScanStatus RecordScanner::scan_quoted(Record& record, std::string& error) {
  ++pos_;
  std::size_t start = pos_;   // of the text not yet copied or viewed
  std::string* copy = nullptr;  // set once a doubled quote forces an unescaped copy
  while (true) {
    const std::size_t quote = text_.find('"', pos_);
    if (quote == std::string_view::npos) return ScanStatus::partial;
    line_ += static_cast<std::size_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                                 text_.begin() + static_cast<std::ptrdiff_t>(quote), '\n'));
    pos_ = quote + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {  // "" stands for one quote
      if (copy == nullptr) copy = &record.unescaped.emplace_back();
      copy->append(text_.substr(start, pos_ - start));  // up to and including one quote
      start = ++pos_;
      continue;
    }
    if (pos_ >= text_.size()) return ScanStatus::partial;
    const char next = text_[pos_];
    if (next != ',' && next != '\n' && next != '\r') {
      error = "text after a closing quote";
      return ScanStatus::malformed;
    }
    const std::string_view rest = text_.substr(start, quote - start);
    if (copy == nullptr) {
      record.fields.push_back(rest);
    } else {
      copy->append(rest);
      record.fields.emplace_back(*copy);
    }
    return ScanStatus::record;
  }
}

}  // namespace ttft::samples
