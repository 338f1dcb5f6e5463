// A SAX reader that builds the JSON value of a body but counts, instead of storing, the numbers
// of the arrays at one path. Pure: no I/O, no clock.
#include "protocol/vector_body_reader.hpp"

#include <utility>
#include <vector>

namespace ttft::protocol {
namespace {

using Json = nlohmann::json;

class Reader final : public nlohmann::json_sax<Json> {
 public:
  explicit Reader(std::span<const std::string_view> vector_path) : vector_path_(vector_path) {}

  Json& root() { return root_; }
  std::optional<std::string>& failure() { return failure_; }

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
  Json root_;
  std::vector<Json*> open_;         // the open containers, outermost first
  std::vector<std::string> path_;   // the segment of each open container
  std::string key_;                 // the key of the value that comes next in an object
  bool in_vector_ = false;
  std::uint64_t vector_length_ = 0;
  std::optional<std::string> failure_;
};

}  // namespace

VectorBody read_vector_body(std::string_view body, std::span<const std::string_view> vector_path) {
  Reader reader(vector_path);
  VectorBody out;
  try {
    if (!Json::sax_parse(body, &reader) && !reader.failure()) reader.failure() = "not JSON";
  } catch (const std::exception& error) {
    reader.failure() = error.what();
  }
  out.failure = std::move(reader.failure());
  if (!out.failure) out.root = std::move(reader.root());
  return out;
}

bool is_vector_marker(const Json& value) { return value.is_binary(); }

std::int64_t vector_marker_length(const Json& value) {
  return static_cast<std::int64_t>(value.get_binary().subtype());
}

}  // namespace ttft::protocol
