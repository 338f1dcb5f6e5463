// The strict fast JSON parser behind dataset loading. Never reports where an error is: its
// caller re-parses a refused text with parse_json_line, which does.
#include "scenario/fast_json.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <string>

namespace ttft::scenario {
namespace {

constexpr int kMaxDepth = 256;  // deeper values go to parse_json_line

// Bytes a string run copies as they are: printable ASCII other than '"' and '\\'.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return plain;
}();

// Whether any of the 8 bytes at `at` is not plain (a quote, a backslash, a control character or
// a non-ASCII byte), tested a word at a time: the "has a zero byte" bit trick (Hacker's Delight).
bool has_special_byte(const char* at) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  std::uint64_t word = 0;
  std::memcpy(&word, at, sizeof word);
  const auto has_zero = [&](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
  return ((word & kHighs) | below_space | has_zero(word ^ (kOnes * '"')) | has_zero(word ^ (kOnes * '\\'))) != 0;
}

class FastParser {
 public:
  explicit FastParser(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool document(Json& out) {
    skip_space();
    if (!value(out, 0)) return false;
    skip_space();
    return p_ == end_;
  }

 private:
  void skip_space() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }

  bool value(Json& out, int depth) {
    if (p_ == end_ || depth > kMaxDepth) return false;
    switch (*p_) {
      case '"': {
        std::string text;
        if (!string(text)) return false;
        out = std::move(text);
        return true;
      }
      case '{': return object(out, depth + 1);
      case '[': return array(out, depth + 1);
      case 't': return literal("true", Json(true), out);
      case 'f': return literal("false", Json(false), out);
      case 'n': return literal("null", Json(nullptr), out);
      default: return number(out);
    }
  }

  bool literal(std::string_view word, Json value, Json& out) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    out = std::move(value);
    return true;
  }

  // Numbers are rare in datasets: the token is checked and converted by the JSON library itself.
  bool number(Json& out) {
    const char* begin = p_;
    while (p_ != end_ && ((*p_ >= '0' && *p_ <= '9') || *p_ == '-' || *p_ == '+' || *p_ == '.' || *p_ == 'e' ||
                          *p_ == 'E')) {
      ++p_;
    }
    if (p_ == begin) return false;
    try {
      out = Json::parse(begin, p_, nullptr, false);
    } catch (const nlohmann::json::exception&) {
      return false;  // out of range: parse_json_line says so
    }
    return out.is_number();
  }

  bool object(Json& out, int depth) {
    ++p_;
    out = Json::object();
    auto& members = out.get_ref<Json::object_t&>();
    skip_space();
    if (p_ != end_ && *p_ == '}') return ++p_, true;
    while (true) {
      std::string key;
      if (p_ == end_ || *p_ != '"' || !string(key)) return false;
      skip_space();
      if (p_ == end_ || *p_ != ':') return false;
      ++p_;
      skip_space();
      Json member;
      if (!value(member, depth)) return false;
      if (!members.emplace(std::move(key), std::move(member)).second) return false;  // duplicate key
      skip_space();
      if (p_ == end_) return false;
      if (*p_ == '}') return ++p_, true;
      if (*p_ != ',') return false;
      ++p_;
      skip_space();
    }
  }

  bool array(Json& out, int depth) {
    ++p_;
    out = Json::array();
    auto& elements = out.get_ref<Json::array_t&>();
    skip_space();
    if (p_ != end_ && *p_ == ']') return ++p_, true;
    while (true) {
      Json element;
      if (!value(element, depth)) return false;
      elements.push_back(std::move(element));
      skip_space();
      if (p_ == end_) return false;
      if (*p_ == ']') return ++p_, true;
      if (*p_ != ',') return false;
      ++p_;
      skip_space();
    }
  }

  // Runs of plain bytes and valid UTF-8 are copied whole; only escapes break a run.
  bool string(std::string& out) {
    ++p_;  // the opening quote
    const char* run = p_;
    while (true) {
      while (end_ - p_ >= 8 && !has_special_byte(p_)) p_ += 8;
      while (p_ != end_ && kPlain[static_cast<unsigned char>(*p_)]) ++p_;
      if (p_ == end_) return false;
      const auto byte = static_cast<unsigned char>(*p_);
      if (byte >= 0x80) {
        if (!utf8_sequence()) return false;
        continue;
      }
      out.append(run, p_);
      if (byte == '"') return ++p_, true;
      if (byte != '\\' || !escape(out)) return false;  // a control character or a bad escape
      run = p_;
    }
  }

  // Steps over one well-formed UTF-8 sequence (Unicode's Table 3-7) starting at p_.
  bool utf8_sequence() {
    const auto at = [&](std::ptrdiff_t i) { return static_cast<unsigned char>(p_[i]); };
    const auto lead = at(0);
    std::ptrdiff_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead == 0xE0) length = 3, low = 0xA0;
    else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) length = 3;
    else if (lead == 0xED) length = 3, high = 0x9F;
    else if (lead == 0xF0) length = 4, low = 0x90;
    else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
    else if (lead == 0xF4) length = 4, high = 0x8F;
    else return false;
    if (end_ - p_ < length || at(1) < low || at(1) > high) return false;
    for (std::ptrdiff_t i = 2; i < length; ++i) {
      if (at(i) < 0x80 || at(i) > 0xBF) return false;
    }
    p_ += length;
    return true;
  }

  bool hex4(std::uint32_t& out) {
    if (end_ - p_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i, ++p_) {
      const char c = *p_;
      const std::uint32_t digit = c >= '0' && c <= '9'   ? static_cast<std::uint32_t>(c - '0')
                                  : c >= 'a' && c <= 'f' ? static_cast<std::uint32_t>(c - 'a' + 10)
                                  : c >= 'A' && c <= 'F' ? static_cast<std::uint32_t>(c - 'A' + 10)
                                                         : 16;
      if (digit == 16) return false;
      out = out * 16 + digit;
    }
    return true;
  }

  bool escape(std::string& out) {
    if (end_ - p_ < 2) return false;
    const char kind = p_[1];
    p_ += 2;
    switch (kind) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': return unicode_escape(out);
      default: return false;
    }
  }

  // \uXXXX, a surrogate pair written as two; a lone surrogate is an error, as in the library.
  bool unicode_escape(std::string& out) {
    std::uint32_t code = 0;
    if (!hex4(code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) return false;
    if (code >= 0xD800 && code <= 0xDBFF) {
      std::uint32_t low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    const auto byte = [](std::uint32_t b) { return static_cast<char>(b); };
    if (code < 0x80) {
      out += byte(code);
    } else if (code < 0x800) {
      out += byte(0xC0 | (code >> 6));
      out += byte(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += byte(0xE0 | (code >> 12));
      out += byte(0x80 | ((code >> 6) & 0x3F));
      out += byte(0x80 | (code & 0x3F));
    } else {
      out += byte(0xF0 | (code >> 18));
      out += byte(0x80 | ((code >> 12) & 0x3F));
      out += byte(0x80 | ((code >> 6) & 0x3F));
      out += byte(0x80 | (code & 0x3F));
    }
    return true;
  }

  const char* p_;
  const char* end_;
};

}  // namespace

bool parse_json_fast(std::string_view text, Json& out) {
  return FastParser(text).document(out);
}

}  // namespace ttft::scenario
