// Table layout. Widths count code points, not bytes, so names with non-ASCII letters and the
// "−" sign still line up.
#include "exporters/table.hpp"

#include <algorithm>

#include "core/check.hpp"
#include "exporters/ansi.hpp"

namespace ttft::exporters {
namespace {

constexpr const char* kColumnGap = "  ";

std::size_t display_width(const std::string& text) {
  // Every byte except UTF-8 continuation bytes (10xxxxxx) starts a code point.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void check_shape(const Table& table) {
  TTFT_CHECK(table.align.size() == table.header.size(), "table alignment per column");
  for (const auto& row : table.rows) {
    TTFT_CHECK(row.size() == table.header.size(), "table rows as wide as the header");
  }
}

std::string pad(const std::string& cell, std::size_t width, Align align) {
  const std::string fill(width - std::min(width, display_width(cell)), ' ');
  return align == Align::left ? cell + fill : fill + cell;
}

std::string text_line(const std::vector<std::string>& cells, const std::vector<std::size_t>& widths,
                      const std::vector<Align>& align) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += kColumnGap;
    line += pad(cells[i], widths[i], align[i]);
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

std::string markdown_cell(const std::string& cell) {
  std::string escaped;
  for (const char c : cell) {
    if (c == '|' || c == '*') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string markdown_line(const std::vector<std::string>& cells) {
  std::string line = "|";
  for (const std::string& cell : cells) line += " " + markdown_cell(cell) + " |";
  return line + "\n";
}

}  // namespace

std::string render_text(const Table& table, bool bold_header) {
  check_shape(table);
  std::vector<std::size_t> widths(table.header.size(), 0);
  for (std::size_t i = 0; i < widths.size(); ++i) {
    widths[i] = display_width(table.header[i]);
    for (const auto& row : table.rows) widths[i] = std::max(widths[i], display_width(row[i]));
  }
  const std::string header = text_line(table.header, widths, table.align);
  std::string out = bold_header ? kBold + header + kReset + "\n" : header + "\n";
  for (const auto& row : table.rows) out += text_line(row, widths, table.align) + "\n";
  return out;
}

std::string render_markdown(const Table& table) {
  check_shape(table);
  std::string out = markdown_line(table.header);
  out += "|";
  for (const Align align : table.align) out += align == Align::left ? " :--- |" : " ---: |";
  out += "\n";
  for (const auto& row : table.rows) out += markdown_line(row);
  return out;
}

}  // namespace ttft::exporters
