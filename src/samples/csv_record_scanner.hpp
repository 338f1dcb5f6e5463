// RFC 4180 records pulled one at a time from a block of text, which may end inside a record
// (the rest arrives with the next block, or never: a torn last line). Quoted fields may span
// lines. Fields view the text: no per-character appends and no allocation per field, as the
// scanner is much of `report`'s time on a million rows.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace ttft::samples {

struct Record {
  // Views into the block, except a quoted field with doubled quotes, whose unescaped copy lives
  // in `unescaped` (a deque, so earlier views stay valid as it grows).
  std::vector<std::string_view> fields;
  std::deque<std::string> unescaped;
  std::size_t line = 0;  // 1-based line of the record's first character
};

enum class ScanStatus {
  record,     // a complete record, ended by LF or CRLF
  partial,    // the block ends inside a record
  end,        // the block ends where a record would start
  malformed,  // not RFC 4180: the error says why
};

class RecordScanner {
 public:
  /// Scans `text` (which must outlive the scanner and the records it fills), whose first
  /// character is on line `first_line`.
  explicit RecordScanner(std::string_view text, std::size_t first_line = 1)
      : text_(text), line_(first_line) {}

  /// The next record into `record`; on `malformed`, `error` says what was wrong.
  ScanStatus next(Record& record, std::string& error);

  /// Bytes of the block up to the end of the last record returned.
  std::size_t position() const { return pos_; }

  /// The line the next record starts on.
  std::size_t line() const { return line_; }

 private:
  // The common record, one line without quotes or CR, split at its commas 16 bytes at a time
  // (SSE2, every x86-64); false, with nothing consumed, for any other (or near the block's end).
  bool scan_plain_line(Record& record);
  ScanStatus scan_field(Record& record, std::string& error);
  ScanStatus scan_quoted(Record& record, std::string& error);

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace ttft::samples
