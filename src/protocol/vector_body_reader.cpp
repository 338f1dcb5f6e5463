// A SAX reader that builds the JSON value of a body but counts, instead of storing, the numbers
// of the arrays at one path; before it, a scanner that empties those arrays, so nlohmann never
// converts their numbers. Pure: no I/O, no clock.
#include "protocol/vector_body_reader.hpp"

#include <utility>
#include <vector>

#include "protocol/json_tokens.hpp"

namespace ttft::protocol {
namespace {

using Json = nlohmann::json;

namespace tokens = json_scan::tokens;

// Copies a body with the arrays at a path emptied ("[]") and their lengths noted, checking each
// of their numbers with json_scan's number grammar. Whatever it is unsure of (an escaped key on
// the path, a vector of anything but numbers, a number nlohmann might not take, deep nesting)
// makes it give up, and the reader parses the whole body instead. Everything it copies is
// checked by nlohmann, so it never changes what is accepted.
class VectorStripper {
 public:
  VectorStripper(std::string_view body, std::span<const std::string_view> vector_path)
      : begin_(body.data()), end_(body.data() + body.size()), path_(vector_path), copied_(begin_) {}

  // True with `out` and `lengths` filled; false: parse the whole body.
  bool strip(std::string& out, std::vector<std::uint64_t>& lengths) {
    out_ = &out;
    lengths_ = &lengths;
    const char* p = tokens::skip_ws(begin_, end_);
    if (p == end_ || (p = value(p, 0, 0)) == nullptr) return false;
    if (tokens::skip_ws(p, end_) != end_) return false;
    out.append(copied_, end_);
    return true;
  }

 private:
  static constexpr int kMaxDepth = 64;

  // The value at p, whose place matches the first `matched` steps of the path (-1: off it).
  const char* value(const char* p, int matched, int depth) {
    if (depth > kMaxDepth) return nullptr;
    if (matched == static_cast<int>(path_.size())) return *p == '[' ? vector(p) : nullptr;
    bool escaped = false;
    switch (*p) {
      case '{': return object(p, matched, depth);
      case '[': return array(p, next(matched, kAnyElement), depth);
      case '"': return tokens::skip_string(p, end_, escaped);
      case 't': return tokens::skip_literal(p, end_, "true");
      case 'f': return tokens::skip_literal(p, end_, "false");
      case 'n': return tokens::skip_literal(p, end_, "null");
      default: return tokens::skip_number(p, end_);
    }
  }

  int next(int matched, std::string_view step) const {
    if (matched < 0 || matched >= static_cast<int>(path_.size())) return -1;
    return path_[static_cast<std::size_t>(matched)] == step ? matched + 1 : -1;
  }

  const char* object(const char* p, int matched, int depth) {
    p = tokens::skip_ws(p + 1, end_);
    if (p != end_ && *p == '}') return p + 1;
    for (;;) {
      if (p == end_ || *p != '"') return nullptr;
      bool escaped = false;
      const char* key_end = tokens::skip_string(p, end_, escaped);
      if (key_end == nullptr || (escaped && matched >= 0)) return nullptr;
      const int child = next(matched, std::string_view(p + 1, static_cast<std::size_t>(key_end - p - 2)));
      p = tokens::skip_ws(key_end, end_);
      if (p == end_ || *p != ':') return nullptr;
      p = tokens::skip_ws(p + 1, end_);
      if (p == end_ || (p = value(p, child, depth + 1)) == nullptr) return nullptr;
      p = tokens::skip_ws(p, end_);
      if (p == end_) return nullptr;
      if (*p == '}') return p + 1;
      if (*p != ',') return nullptr;
      p = tokens::skip_ws(p + 1, end_);
    }
  }

  const char* array(const char* p, int matched, int depth) {
    p = tokens::skip_ws(p + 1, end_);
    if (p != end_ && *p == ']') return p + 1;
    for (;;) {
      if (p == end_ || (p = value(p, matched, depth + 1)) == nullptr) return nullptr;
      p = tokens::skip_ws(p, end_);
      if (p == end_) return nullptr;
      if (*p == ']') return p + 1;
      if (*p != ',') return nullptr;
      p = tokens::skip_ws(p + 1, end_);
    }
  }

  // A vector: numbers only. Its "[" is copied, its contents are not, its "]" is copied next.
  const char* vector(const char* open) {
    std::uint64_t length = 0;
    const char* p = tokens::skip_ws(open + 1, end_);
    if (p != end_ && *p != ']') {
      for (;;) {
        if (p == end_ || (*p != '-' && !tokens::is_digit(*p))) return nullptr;
        if ((p = tokens::skip_number(p, end_)) == nullptr) return nullptr;
        ++length;
        p = tokens::skip_ws(p, end_);
        if (p == end_ || *p == ']') break;
        if (*p != ',') return nullptr;
        p = tokens::skip_ws(p + 1, end_);
      }
    }
    if (p == end_) return nullptr;
    out_->append(copied_, open + 1);
    copied_ = p;
    lengths_->push_back(length);
    return p + 1;
  }

  const char* begin_;
  const char* end_;
  std::span<const std::string_view> path_;
  const char* copied_;  // the body is copied up to here
  std::string* out_ = nullptr;
  std::vector<std::uint64_t>* lengths_ = nullptr;
};

class Reader final : public nlohmann::json_sax<Json> {
 public:
  /// `known_lengths`: the vectors were emptied by a VectorStripper, these were their lengths.
  Reader(std::span<const std::string_view> vector_path, std::span<const std::uint64_t> known_lengths)
      : vector_path_(vector_path), known_lengths_(known_lengths) {}

  Json& root() { return root_; }
  std::optional<std::string>& failure() { return failure_; }
  bool used_known_lengths() const { return next_known_ == known_lengths_.size(); }

  bool null() override { return add(Json(nullptr)); }
  bool boolean(bool value) override { return add(Json(value)); }
  bool number_integer(number_integer_t value) override { return number(Json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return number(Json(value)); }
  bool number_float(number_float_t value, const string_t&) override { return number(Json(value)); }
  bool string(string_t& value) override { return add(Json(std::move(value))); }
  bool binary(binary_t&) override { return fail("a binary value"); }
  bool start_object(std::size_t) override { return open(Json::object()); }
  bool key(string_t& key) override {
    key_ = std::move(key);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override {
    if (at_vector_path()) {
      in_vector_ = true;
      vector_length_ = 0;
      return true;
    }
    return open(Json::array());
  }
  bool end_array() override {
    if (!in_vector_) return close();
    in_vector_ = false;
    if (next_known_ < known_lengths_.size()) vector_length_ = known_lengths_[next_known_++];
    return add(Json::binary(Json::binary_t::container_type{}, vector_length_));
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
    return fail("not JSON at byte " + std::to_string(position));
  }

 private:
  bool fail(std::string what) {
    if (!failure_) failure_ = std::move(what);
    return false;
  }

  bool number(Json value) {
    if (!in_vector_) return add(std::move(value));
    ++vector_length_;
    return true;
  }

  // The new value's place: under its key in an object, at the end of an array, or the root.
  Json* add_place() {
    if (open_.empty()) return &root_;
    Json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(nullptr);
      return &parent.back();
    }
    return &parent[key_];  // a later duplicate key wins, as in nlohmann::json::parse
  }

  bool add(Json value) {
    if (in_vector_) return fail("a vector holds a value that is not a number");
    *add_place() = std::move(value);
    return true;
  }

  // Pointers to open containers stay valid: only the innermost one changes while they are open.
  bool open(Json container) {
    if (in_vector_) return fail("a vector holds a value that is not a number");
    path_.emplace_back(segment());
    Json* place = add_place();
    *place = std::move(container);
    open_.push_back(place);
    return true;
  }

  bool close() {
    open_.pop_back();
    path_.pop_back();
    return true;
  }

  std::string segment() const {
    if (open_.empty()) return {};
    return open_.back()->is_array() ? std::string(kAnyElement) : key_;
  }

  // True when the array starting now sits at vector_path_ (path_ holds the root's "" first).
  bool at_vector_path() const {
    if (in_vector_ || open_.empty() || path_.size() != vector_path_.size()) return false;
    for (std::size_t i = 1; i < path_.size(); ++i) {
      if (path_[i] != vector_path_[i - 1]) return false;
    }
    return segment() == vector_path_.back();
  }

  std::span<const std::string_view> vector_path_;
  std::span<const std::uint64_t> known_lengths_;
  std::size_t next_known_ = 0;
  Json root_;
  std::vector<Json*> open_;         // the open containers, outermost first
  std::vector<std::string> path_;   // the segment of each open container
  std::string key_;                 // the key of the value that comes next in an object
  bool in_vector_ = false;
  std::uint64_t vector_length_ = 0;
  std::optional<std::string> failure_;
};

VectorBody read(std::string_view body, std::span<const std::string_view> vector_path,
                std::span<const std::uint64_t> known_lengths) {
  Reader reader(vector_path, known_lengths);
  VectorBody out;
  try {
    if (!Json::sax_parse(body, &reader) && !reader.failure()) reader.failure() = "not JSON";
    // The stripper and the reader found the vectors at different places: read the whole body.
    if (!reader.used_known_lengths() && !reader.failure()) reader.failure() = "vectors not where they were";
  } catch (const std::exception& error) {
    reader.failure() = error.what();
  }
  out.failure = std::move(reader.failure());
  if (!out.failure) out.root = std::move(reader.root());
  return out;
}

}  // namespace

VectorBody read_vector_body(std::string_view body, std::span<const std::string_view> vector_path) {
  // nlohmann converts every number with strtod: about 35 ms for 100 vectors of 3072 floats, on
  // the driver's loop. Emptied first, the same body reads in a few ms.
  std::string stripped;
  std::vector<std::uint64_t> lengths;
  if (VectorStripper(body, vector_path).strip(stripped, lengths)) {
    VectorBody fast = read(stripped, vector_path, lengths);
    if (!fast.failure) return fast;
  }
  return read(body, vector_path, {});
}

bool is_vector_marker(const Json& value) { return value.is_binary(); }

std::int64_t vector_marker_length(const Json& value) {
  return static_cast<std::int64_t>(value.get_binary().subtype());
}

}  // namespace ttft::protocol
