// JSON text → tree, with syntax errors a person can act on: "file:LINE:COL" and a plain
// description instead of the JSON library's exception text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace ttft::scenario {

using Json = nlohmann::ordered_json;  // keeps keys in file order (targets are ordered)

struct TextPosition {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in UTF-8 characters
};

/// Line and column of byte `offset` in `text` (an offset past the end is the end of the text).
TextPosition position_at(std::string_view text, std::size_t offset);

/// Strips comments and parses. On a syntax error: where = "<path>:LINE:COL",
/// message = "syntax error: ...", hint when a likely fix is known.
Result<Json> parse_json_with_comments(std::string_view text, const std::string& path);

/// Parses one line of JSONL (no comments). On a syntax error: where = "<where_prefix>:COL".
Result<Json> parse_json_line(std::string_view line, const std::string& where_prefix);

}  // namespace ttft::scenario
