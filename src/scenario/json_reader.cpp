// Typed reads with JSON-pointer diagnostics. Messages follow one shape: "expected <what>, got
// <found>", so a user sees both sides without opening the file.
#include "scenario/json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/duration.hpp"
#include "scenario/did_you_mean.hpp"

namespace ttft::scenario {
namespace {

constexpr std::size_t kMaxShownChars = 40;

// The JSON-quoted text, cut at a character boundary after kMaxShownChars bytes.
std::string quoted_excerpt(const std::string& text) {
  const auto dump = [](const std::string& s) {
    return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  if (text.size() <= kMaxShownChars) return dump(text);
  std::size_t cut = kMaxShownChars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string shown = dump(text.substr(0, cut));
  return shown.insert(shown.size() - 1, "...");
}

std::string quoted_list(const std::vector<std::string>& choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += i + 1 == choices.size() ? " or " : ", ";
    out += fmt::format("\"{}\"", choices[i]);
  }
  return out;
}

}  // namespace

std::string describe_value(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string: return "string " + quoted_excerpt(value.get<std::string>());
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    default: return "number " + value.dump();
  }
}

const Json* find_member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(std::string(key));
  return it == object.end() ? nullptr : &*it;
}

bool Reader::fail(const std::string& pointer, std::string message, std::string hint) {
  if (!error_) {
    std::string where = pointer.empty() ? file_ : fmt::format("{}: {}", file_, pointer);
    error_ = Error{std::move(where), std::move(message), std::move(hint)};
  }
  return false;
}

bool Reader::adopt(Error error) {
  if (!error_) error_ = std::move(error);
  return false;
}

bool Reader::object(const Json& value, const std::string& pointer,
                    const std::vector<std::string>& allowed) {
  if (!ok()) return false;
  if (!value.is_object()) {
    return fail(pointer, fmt::format("expected an object, got {}", describe_value(value)));
  }
  for (const auto& [key, member] : value.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return fail(pointer_child(pointer, key), fmt::format("unknown key \"{}\"", key),
                  suggestion_hint(key, allowed, "allowed keys"));
    }
  }
  return true;
}

bool Reader::array(const Json& value, const std::string& pointer, bool non_empty) {
  if (!ok()) return false;
  if (!value.is_array()) {
    return fail(pointer, fmt::format("expected an array, got {}", describe_value(value)));
  }
  if (non_empty && value.empty()) return fail(pointer, "expected a non-empty array, got []");
  return true;
}

bool Reader::string(const Json& value, const std::string& pointer, std::string& out) {
  if (!ok()) return false;
  if (!value.is_string()) {
    return fail(pointer, fmt::format("expected a string, got {}", describe_value(value)));
  }
  out = value.get<std::string>();
  return true;
}

bool Reader::boolean(const Json& value, const std::string& pointer, bool& out) {
  if (!ok()) return false;
  if (!value.is_boolean()) {
    return fail(pointer, fmt::format("expected true or false, got {}", describe_value(value)));
  }
  out = value.get<bool>();
  return true;
}

bool Reader::integer(const Json& value, const std::string& pointer, std::int64_t min,
                     std::int64_t& out) {
  return integer_in(value, pointer, min, std::numeric_limits<std::int64_t>::max(), out);
}

bool Reader::integer_in(const Json& value, const std::string& pointer, std::int64_t min,
                        std::int64_t max, std::int64_t& out) {
  if (!ok()) return false;
  const std::string wanted = max < std::numeric_limits<std::int64_t>::max()
                                 ? fmt::format("an integer from {} to {}", min, max)
                             : min == 1 ? "an integer greater than 0"
                             : min == 0 ? "an integer >= 0"
                                        : fmt::format("an integer >= {}", min);
  const bool fits = value.is_number_integer() &&
                    (!value.is_number_unsigned() ||
                     value.get<std::uint64_t>() <=
                         static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
  if (!fits)
    return fail(pointer, fmt::format("expected {}, got {}", wanted, describe_value(value)));
  const auto got = value.get<std::int64_t>();
  if (got < min || got > max) return fail(pointer, fmt::format("expected {}, got {}", wanted, got));
  out = got;
  return true;
}

bool Reader::number(const Json& value, const std::string& pointer, bool positive, double& out) {
  if (!ok()) return false;
  if (!value.is_number()) {
    return fail(pointer, fmt::format("expected a number, got {}", describe_value(value)));
  }
  out = value.get<double>();
  if (positive && !(out > 0)) {
    return fail(pointer, fmt::format("expected a number greater than 0, got {}", value.dump()));
  }
  return true;
}

bool Reader::number_in(const Json& value, const std::string& pointer, double min, double max,
                       double& out) {
  if (!ok()) return false;
  const std::string wanted = fmt::format("expected a number from {} to {}", min, max);
  if (!value.is_number()) {
    return fail(pointer, fmt::format("{}, got {}", wanted, describe_value(value)));
  }
  const double got = value.get<double>();
  if (!(got >= min && got <= max)) {
    return fail(pointer, fmt::format("{}, got {}", wanted, value.dump()));
  }
  out = got;
  return true;
}

bool Reader::duration(const Json& value, const std::string& pointer, Nanos& out) {
  if (!ok()) return false;
  if (!value.is_string()) {
    return fail(pointer, fmt::format("expected a duration such as \"250ms\", \"30s\", \"5m\" or "
                                     "\"1h\", got {}",
                                     describe_value(value)));
  }
  const std::string text = value.get<std::string>();
  const Result<Nanos> parsed = parse_duration(text);
  if (!parsed) return fail(pointer, parsed.error().message, parsed.error().hint);
  if (*parsed <= 0) {
    return fail(pointer, fmt::format("expected a duration greater than 0, got \"{}\"", text));
  }
  out = *parsed;
  return true;
}

bool Reader::one_of(const Json& value, const std::string& pointer,
                    const std::vector<std::string>& choices, std::string& out) {
  if (!ok()) return false;
  const std::string wanted = fmt::format("expected {}", quoted_list(choices));
  if (!value.is_string())
    return fail(pointer, fmt::format("{}, got {}", wanted, describe_value(value)));
  const std::string text = value.get<std::string>();
  if (std::find(choices.begin(), choices.end(), text) == choices.end()) {
    const auto match = closest_match(text, choices);
    return fail(pointer, fmt::format("{}, got {}", wanted, quoted_excerpt(text)),
                match ? fmt::format("did you mean \"{}\"?", *match) : "");
  }
  out = text;
  return true;
}

const Json* Reader::required(const Json& object, const std::string& pointer, std::string_view key) {
  if (!ok()) return nullptr;
  const Json* member = find_member(object, key);
  if (member == nullptr) fail(pointer, fmt::format("missing required key \"{}\"", key));
  return member;
}

}  // namespace ttft::scenario
