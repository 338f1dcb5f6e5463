// Comment stripping for JSON scenario files (docs/scenario.md ("File syntax"): `//` and `/* */` are allowed).
// Keeps every byte offset, line and column: comment bytes become spaces, newlines stay.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ttft::scenario {

struct StrippedJson {
  std::string text;  // same length as the input; comments blanked, strings untouched
  std::optional<std::size_t> unterminated_comment_at;  // byte offset of a `/*` that never ends
};

/// Blanks `//` line comments and `/* */` block comments outside JSON strings; "//" inside a
/// string is kept. Never fails; an unterminated block comment is reported through the result.
StrippedJson strip_json_comments(std::string_view text);

}  // namespace ttft::scenario
