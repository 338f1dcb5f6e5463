// A small table of text cells with per-column alignment, rendered as aligned plain text (the
// terminal) or as a Markdown pipe table (report.md). Layout only; cells arrive formatted.
#pragma once

#include <string>
#include <vector>

namespace ttft::exporters {

enum class Align { left, right };

struct Table {
  std::vector<std::string> header;
  std::vector<Align> align;                    // one per column
  std::vector<std::vector<std::string>> rows;  // each as wide as the header
};

/// Columns padded to their widest cell (counted in UTF-8 code points) and separated by two
/// spaces, one line per row, each ending with "\n"; with `bold_header` the header line is
/// wrapped in ANSI bold (ESC[1m ... ESC[0m).
std::string render_text(const Table& table, bool bold_header = false);

/// A GitHub-flavoured Markdown pipe table with alignment markers; "|" and "*" in cells are escaped.
std::string render_markdown(const Table& table);

}  // namespace ttft::exporters
