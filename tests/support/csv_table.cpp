#include "support/csv_table.hpp"

#include <stdexcept>
#include <utility>

namespace ttft::test {

const std::string& CsvTable::cell(std::size_t row, const std::string& column) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == column) return rows.at(row).at(i);
  }
  throw std::out_of_range("no column " + column);
}

CsvTable parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
      cell += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == ',' || c == '\n')) {
      record.push_back(std::move(cell));
      cell.clear();
      if (c == '\n') records.push_back(std::exchange(record, {}));
    } else {
      cell += c;
    }
  }
  if (!cell.empty() || !record.empty()) {
    record.push_back(std::move(cell));
    records.push_back(std::move(record));
  }
  CsvTable table;
  if (records.empty()) return table;
  table.header = std::move(records.front());
  table.rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  return table;
}

}  // namespace ttft::test
