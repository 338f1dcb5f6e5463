// The JSON scanner behind the adapters' fast path: recursive descent over the tokens of
// json_tokens.hpp, at most 64 levels deep, that records the picked values as it passes them;
// nothing is allocated. Every rule nlohmann's lexer and parser apply is either applied here
// too or answered with "false" (nlohmann decides): see json_scan.hpp.
#include "protocol/json_scan.hpp"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

#include "protocol/json_tokens.hpp"

namespace ttft::protocol::json_scan {
namespace {

using namespace tokens;

constexpr int kMaxDepth = 64;
constexpr int kNotPicked = -2;  // a container or member nobody asked for

Kind kind_of(char first) {
  switch (first) {
    case '{': return Kind::object;
    case '[': return Kind::array;
    case '"': return Kind::string;
    case 't': case 'f': return Kind::boolean;
    case 'n': return Kind::null;
    default: return Kind::number;
  }
}

// Recursive descent over the text, `depth` levels deep, with the pick each value is (or
// kNotPicked). Each function takes the position of its value's first byte and returns the
// position after it, or nullptr when the text is not one validate() accepts.
class Validator {
 public:
  Validator(const char* end, const PickList& list, std::span<std::optional<Value>> picked)
      : end_(end), list_(list), picked_(picked) {}

  const char* value(const char* p, int pick, int depth) {
    if (*p == '{') return object(p, pick, depth + 1);
    if (*p == '[') return array(p, pick, depth + 1);
    return scalar(p);
  }

 private:
  // Inlined into value(): most values are strings, numbers and null, and a call per value
  // would cost more than reading a short one.
  [[gnu::always_inline]] const char* scalar(const char* p) {
    bool has_escape = false;
    switch (*p) {
      case '"': return skip_string(p, end_, has_escape);
      case 't': return skip_literal(p, end_, "true");
      case 'f': return skip_literal(p, end_, "false");
      case 'n': return skip_literal(p, end_, "null");
      default: return is_digit(*p) || *p == '-' ? skip_number(p, end_) : nullptr;
    }
  }

  const char* object(const char* p, int pick, int depth) {
    if (depth > kMaxDepth) return nullptr;
    p = skip_ws(p + 1, end_);
    if (p != end_ && *p == '}') return p + 1;
    // An escaped key might spell a wanted one: nlohmann decides.
    const bool keys_wanted = pick != kNotPicked && list_.keyed_children(pick) != 0;
    for (;;) {
      if (p == end_ || *p != '"') return nullptr;
      const char* const key_start = p;
      bool has_escape = false;
      p = skip_string(p, end_, has_escape);
      if (p == nullptr || (has_escape && keys_wanted)) return nullptr;
      const std::string_view key(key_start + 1, static_cast<std::size_t>(p - key_start - 2));
      const int member = keys_wanted ? keyed_pick(pick, key) : kNotPicked;
      p = skip_ws(p, end_);
      if (p == end_ || *p != ':') return nullptr;
      p = skip_ws(p + 1, end_);
      if (p == end_) return nullptr;
      p = member_value(p, member, depth);
      if (p == nullptr) return nullptr;
      p = skip_ws(p, end_);
      if (p == end_) return nullptr;
      if (*p == '}') return p + 1;
      if (*p != ',') return nullptr;
      p = skip_ws(p + 1, end_);
    }
  }

  const char* array(const char* p, int pick, int depth) {
    if (depth > kMaxDepth) return nullptr;
    p = skip_ws(p + 1, end_);
    if (p != end_ && *p == ']') return p + 1;
    int element = first_element_pick(pick);  // only first elements are picked
    for (;;) {
      if (p == end_) return nullptr;
      p = member_value(p, element, depth);
      if (p == nullptr) return nullptr;
      p = skip_ws(p, end_);
      if (p == end_) return nullptr;
      if (*p == ']') return p + 1;
      if (*p != ',') return nullptr;
      p = skip_ws(p + 1, end_);
      element = kNotPicked;
    }
  }

  // A member's or element's value, recorded when it is picked. A later duplicate replaces an
  // earlier one whole: what was picked inside the earlier one is forgotten first.
  const char* member_value(const char* p, int pick, int depth) {
    if (pick < 0) return *p == '{' || *p == '[' ? value(p, kNotPicked, depth) : scalar(p);
    forget_inside(pick);
    const char* const end = value(p, pick, depth);
    if (end != nullptr) {
      picked_[static_cast<std::size_t>(pick)] =
          Value{kind_of(*p), std::string_view(p, static_cast<std::size_t>(end - p))};
      filled_ |= std::uint32_t{1} << pick;
    }
    return end;
  }

  // The pick among `parent`'s keyed children that `key` names, else kNotPicked.
  int keyed_pick(int parent, std::string_view key) const {
    std::uint32_t children = list_.keyed_children(parent, key);
    for (; children != 0; children &= children - 1) {
      const int i = std::countr_zero(children);
      if (list_.picks()[static_cast<std::size_t>(i)].key == key) return i;
    }
    return kNotPicked;
  }

  int first_element_pick(int parent) const {
    if (parent == kNotPicked) return kNotPicked;
    const std::uint32_t children = list_.first_element_children(parent);
    return children != 0 ? std::countr_zero(children) : kNotPicked;
  }

  void forget_inside(int pick) {
    for (std::uint32_t gone = list_.inside(pick) & filled_; gone != 0; gone &= gone - 1) {
      picked_[static_cast<std::size_t>(std::countr_zero(gone))].reset();
    }
    filled_ &= ~list_.inside(pick);
  }

  const char* const end_;
  const PickList& list_;
  std::span<std::optional<Value>> picked_;
  std::uint32_t filled_ = 0;  // bit i: picked_[i] holds a value
};

void append_utf8(long code, std::string& out) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

// Appends one validated escape (p after its backslash); the position after it.
const char* decode_escape(const char* p, std::string& out) {
  switch (*p) {
    case 'b': out.push_back('\b'); return p + 1;
    case 'f': out.push_back('\f'); return p + 1;
    case 'n': out.push_back('\n'); return p + 1;
    case 'r': out.push_back('\r'); return p + 1;
    case 't': out.push_back('\t'); return p + 1;
    case 'u': break;
    default: out.push_back(*p); return p + 1;  // the quote, the backslash, the slash
  }
  const long code = hex4(p + 1);
  if (code < 0xD800 || code > 0xDBFF) {
    append_utf8(code, out);
    return p + 5;
  }
  const long low = hex4(p + 7);  // validated: an escaped low surrogate follows
  append_utf8(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), out);
  return p + 11;
}

}  // namespace

bool validate(std::string_view text, Value& root, const PickList& picks,
              std::span<std::optional<Value>> picked) {
  TTFT_CHECK(picked.size() == picks.picks().size(), "one slot per pick");
  for (std::optional<Value>& value : picked) value.reset();
  const char* const end = text.data() + text.size();
  const char* const start = skip_ws(text.data(), end);
  if (start == end) return false;
  const char* const stop = Validator(end, picks, picked).value(start, kRoot, 0);
  if (stop == nullptr || skip_ws(stop, end) != end) return false;
  root = Value{kind_of(*start), std::string_view(start, static_cast<std::size_t>(stop - start))};
  return true;
}

bool validate(std::string_view text, Value& root) {
  static constexpr PickList kNothing{std::span<const Pick>{}};
  return validate(text, root, kNothing, {});
}

std::optional<std::string_view> plain_string(const Value& string) {
  const std::string_view inner = string.text.substr(1, string.text.size() - 2);
  if (inner.find('\\') != std::string_view::npos) return std::nullopt;
  return inner;
}

void append_string(const Value& string, std::string& out) {
  const char* p = string.text.data() + 1;
  const char* const end = string.text.data() + string.text.size() - 1;  // the closing quote
  for (;;) {
    const char* const run = p;
    while (p != end && *p != '\\') ++p;
    out.append(run, static_cast<std::size_t>(p - run));
    if (p == end) return;
    p = decode_escape(p + 1, out);
  }
}

std::optional<std::int64_t> plain_count(const Value& number) {
  constexpr std::size_t kMaxDigits = 18;  // 10^18 - 1 < INT64_MAX
  if (number.text.empty() || number.text.size() > kMaxDigits) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : number.text) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace ttft::protocol::json_scan
