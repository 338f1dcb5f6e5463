// Syntax errors from nlohmann::json rewritten for people. nlohmann reports the byte it stopped
// at and a message naming token types; we locate the offending token's first byte and say what
// was expected in words ("a key in double quotes"), spotting trailing and missing commas.
#include "scenario/json_syntax.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <optional>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "scenario/comments.hpp"
#include "scenario/json_pointer.hpp"

namespace ttft::scenario {
namespace {

constexpr std::size_t kMaxWordBytes = 40;  // of a bare word quoted in a message

struct Diagnosis {
  std::size_t offset = 0;  // first byte of the offending token
  std::string message;
  std::string hint;
};

// The parts of nlohmann's exception text: "syntax error while parsing <context> - unexpected
// <token>; expected <token>" or "... - <lexer message>; last read: '<text>'" (the last read
// text is not used: for literals it holds everything since the previous string or number).
struct LibraryMessage {
  std::string context, unexpected, expected, lexer_error;
};

LibraryMessage split_library_message(const std::string& what) {
  LibraryMessage out;
  std::string rest = what.substr(std::min(what.size(), what.find("syntax error")));
  if (const auto at = rest.find("while parsing "); at != std::string::npos) {
    const auto dash = rest.find(" - ", at);
    out.context =
        rest.substr(at + 14, dash == std::string::npos ? std::string::npos : dash - at - 14);
  }
  const auto dash = rest.find("- ");
  rest = dash == std::string::npos ? rest : rest.substr(dash + 2);
  if (const auto at = rest.find("; expected "); at != std::string::npos) {
    out.expected = rest.substr(at + 11);
    rest = rest.substr(0, at);
  }
  if (rest.rfind("unexpected ", 0) == 0) {
    out.unexpected = rest.substr(11);
  } else {
    out.lexer_error = rest.substr(0, rest.find("; last read: '"));
  }
  return out;
}

// nlohmann stops on the last byte of the unexpected token; walk back to its first byte.
std::size_t token_start(std::string_view text, std::size_t at, const std::string& token) {
  if (at >= text.size()) return at;
  if (token == "string literal") {
    for (std::size_t i = at; i-- > 0;) {
      std::size_t backslashes = 0;
      while (backslashes < i && text[i - 1 - backslashes] == '\\') ++backslashes;
      if (text[i] == '"' && backslashes % 2 == 0) return i;
    }
    return at;
  }
  if (token == "number literal") {
    std::size_t i = at;
    while (i > 0 && std::strchr("0123456789+-.eE", text[i - 1]) != nullptr) --i;
    return i;
  }
  if (token == "true literal" || token == "null literal") return at >= 3 ? at - 3 : 0;
  if (token == "false literal") return at >= 4 ? at - 4 : 0;
  return at;
}

std::string expected_in_words(const LibraryMessage& m) {
  if (m.expected == "string literal") return "a key in double quotes";
  if (m.expected == "':'") return "':' after the key";
  if (m.context == "object" && m.expected == "'}'") return "',' or '}'";
  if (m.context == "array" && m.expected == "']'") return "',' or ']'";
  if (m.expected == "'[', '{', or a literal") return "a value";
  if (m.expected == "end of input") return "the end of the file";
  return m.expected;
}

std::string token_in_words(const std::string& token) {
  if (token == "string literal") return "a string";
  if (token == "number literal") return "a number";
  if (token == "true literal") return "true";
  if (token == "false literal") return "false";
  if (token == "null literal") return "null";
  if (token == "end of input") return "the end of the file";
  return token;
}

// Characters a mistyped bare word is made of (including UTF-8 bytes): `name`, `tru`, `é`.
bool literal_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) != 0 || byte >= 0x80 || c == '_' || c == '-' || c == '.' || c == '+';
}

// Offset of the last non-space byte before `offset`, or nullopt.
std::optional<std::size_t> previous_significant(std::string_view text, std::size_t offset) {
  for (std::size_t i = std::min(offset, text.size()); i-- > 0;) {
    if (std::isspace(static_cast<unsigned char>(text[i])) == 0) return i;
  }
  return std::nullopt;
}

Diagnosis diagnose(const nlohmann::json::parse_error& error, std::string_view text) {
  const LibraryMessage m = split_library_message(error.what());
  const std::size_t stop = std::min<std::size_t>(error.byte > 0 ? error.byte - 1 : 0, text.size());
  Diagnosis d;
  if (m.unexpected.empty() && m.lexer_error == "invalid literal") {
    // nlohmann's "last read" text is stale for literals, so find the word in the text itself.
    std::size_t begin = stop;
    while (begin > 0 && literal_char(text[begin - 1])) --begin;
    std::size_t end = begin;
    while (end < text.size() && literal_char(text[end]) && end - begin < kMaxWordBytes) ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    d.offset = begin;
    d.message = fmt::format("syntax error: unexpected '{}'",
                            text.substr(begin, std::max(end, begin + 1) - begin));
    d.hint = "keys and strings need double quotes; literals are true, false and null";
    return d;
  }
  if (m.unexpected.empty()) {
    d.offset = stop;  // the byte the scanner choked on: a control character, a bad escape, ...
    d.message = fmt::format("syntax error: {}", m.lexer_error);
    return d;
  }
  d.offset = token_start(text, stop, m.unexpected);
  const bool closing = m.unexpected == "'}'" || m.unexpected == "']'";
  const std::optional<std::size_t> before = previous_significant(text, d.offset);
  if (closing && before && text[*before] == ',') {
    d.offset = *before;  // point at the comma to remove
    d.message = fmt::format("syntax error: trailing comma before {}", m.unexpected);
    d.hint = "remove the ',' after the last entry";
    return d;
  }
  if (m.unexpected == "end of input") {
    d.message =
        fmt::format("syntax error: unexpected end of file, expected {}", expected_in_words(m));
    return d;
  }
  d.message = fmt::format("syntax error: expected {}, got {}", expected_in_words(m),
                          token_in_words(m.unexpected));
  if (m.expected == "'}'" || m.expected == "']'") d.hint = "is a ',' missing before it?";
  return d;
}

// nlohmann reports a number too large for a double ("1e999") without its position: the first
// occurrence of its text outside strings, where a literal starts.
std::size_t number_offset(std::string_view text, std::string_view number) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (in_string) {
      if (text[i] == '\\') ++i;
      else if (text[i] == '"') in_string = false;
    } else if (text[i] == '"') {
      in_string = true;
    } else if (text.compare(i, number.size(), number) == 0 && (i == 0 || !literal_char(text[i - 1]))) {
      return i;
    }
  }
  return 0;
}

// nlohmann keeps the last of two equal keys without a word; a duplicated target or phase key is
// almost always a copy-paste slip, so the parse callback tracks each object's keys and stops.
class DuplicateKeyCheck {
 public:
  struct Found {
    std::string pointer;  // of the object holding the key twice
    std::string key;
  };

  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    using Event = Json::parse_event_t;
    if (event == Event::object_start || event == Event::array_start) {
      frames_.push_back({child_pointer(), event == Event::array_start, 0, {}, {}});
    } else if (event == Event::object_end || event == Event::array_end) {
      frames_.pop_back();
      if (!frames_.empty() && frames_.back().is_array) ++frames_.back().next_index;
    } else if (event == Event::key) {
      Frame& frame = frames_.back();
      frame.key = parsed.get<std::string>();
      if (!frame.keys.insert(frame.key).second) throw Found{frame.pointer, frame.key};
    } else if (event == Event::value && !frames_.empty() && frames_.back().is_array) {
      ++frames_.back().next_index;
    }
    return true;
  }

 private:
  struct Frame {
    std::string pointer;
    bool is_array = false;
    std::size_t next_index = 0;
    std::string key;  // the latest key (objects)
    std::set<std::string> keys;
  };

  std::string child_pointer() const {
    if (frames_.empty()) return "";
    const Frame& parent = frames_.back();
    return parent.is_array ? pointer_child(parent.pointer, parent.next_index)
                           : pointer_child(parent.pointer, parent.key);
  }

  std::vector<Frame> frames_;
};

// `where` names a syntax error's position; `prefix` + ": " + pointer names a duplicate key.
Result<Json> parse_located(std::string_view text, std::string_view original,
                           const std::function<std::string(TextPosition)>& where,
                           const std::string& prefix) {
  try {
    return Json::parse(text, DuplicateKeyCheck());
  } catch (const nlohmann::json::parse_error& error) {
    const Diagnosis d = diagnose(error, text);
    return fail(where(position_at(original, d.offset)), d.message, d.hint);
  } catch (const nlohmann::json::out_of_range& error) {
    // The only one a parse throws (a fuzzing find): "number overflow parsing '1e999'".
    const std::string what = error.what();
    const std::size_t open = what.find('\'');
    const std::string number =
        open == std::string::npos ? "" : what.substr(open + 1, what.rfind('\'') - open - 1);
    return fail(where(position_at(original, number_offset(text, number))),
                fmt::format("number out of range: {}", number),
                "a number must fit a double (at most about 1.8e308)");
  } catch (const DuplicateKeyCheck::Found& found) {
    return fail(found.pointer.empty() ? prefix : fmt::format("{}: {}", prefix, found.pointer),
                fmt::format("duplicate key \"{}\"", found.key),
                "each key may appear once per object; the later one would silently win");
  }
}

}  // namespace

TextPosition position_at(std::string_view text, std::size_t offset) {
  TextPosition position;
  const std::size_t end = std::min(offset, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((byte & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++position.column;
    }
  }
  return position;
}

Result<Json> parse_json_with_comments(std::string_view text, const std::string& path) {
  const StrippedJson stripped = strip_json_comments(text);
  const auto where = [&](TextPosition p) {
    return fmt::format("{}:{}:{}", path, p.line, p.column);
  };
  if (stripped.unterminated_comment_at) {
    return fail(where(position_at(text, *stripped.unterminated_comment_at)),
                "syntax error: a /* comment is never closed", "end it with */");
  }
  return parse_located(stripped.text, text, where, path);
}

Result<Json> parse_json_line(std::string_view line, const std::string& where_prefix) {
  return parse_located(
      line, line, [&](TextPosition p) { return fmt::format("{}:{}", where_prefix, p.column); },
      where_prefix);
}

}  // namespace ttft::scenario
