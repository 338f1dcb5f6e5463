// Comment stripping for JSON scenario files: a small state machine over the bytes that knows
// JSON strings and their escapes, so it never touches "http://..." inside a value.
#include "scenario/comments.hpp"

namespace ttft::scenario {

StrippedJson strip_json_comments(std::string_view text) {
  StrippedJson out{std::string(text), std::nullopt};
  std::string& s = out.text;
  enum class State { code, string, string_escape, line_comment, block_comment };
  State state = State::code;
  std::size_t block_start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    switch (state) {
      case State::code:
        if (c == '"') {
          state = State::string;
        } else if (c == '/' && next == '/') {
          state = State::line_comment;
          s[i] = ' ';
        } else if (c == '/' && next == '*') {
          state = State::block_comment;
          block_start = i;
          s[i] = ' ';
          s[++i] = ' ';  // so "/*/" does not close itself
        }
        break;
      case State::string:
        if (c == '\\')
          state = State::string_escape;
        else if (c == '"')
          state = State::code;
        break;
      case State::string_escape: state = State::string; break;
      case State::line_comment:
        if (c == '\n' || c == '\r')
          state = State::code;
        else
          s[i] = ' ';
        break;
      case State::block_comment:
        if (c == '*' && next == '/') {
          s[i] = ' ';
          s[++i] = ' ';
          state = State::code;
        } else if (c != '\n' && c != '\r') {
          s[i] = ' ';  // newlines stay so line numbers after the comment are unchanged
        }
        break;
    }
  }
  if (state == State::block_comment) out.unterminated_comment_at = block_start;
  return out;
}

}  // namespace ttft::scenario
