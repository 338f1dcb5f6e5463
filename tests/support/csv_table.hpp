// A CSV text as header and rows, for tests that read what ttftbench wrote (samples.csv,
// summary.csv, report --format csv). Parses only; checks nothing about the columns.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ttft::test {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // data records, a trailing unterminated one included
  /// The cell in data row `row` under `column`; throws when there is no such column.
  const std::string& cell(std::size_t row, const std::string& column) const;
};

/// RFC 4180 records ("" escapes; commas and newlines inside quotes), without further checks.
CsvTable parse_csv(const std::string& text);

}  // namespace ttft::test
