// Typed reads from a parsed scenario with JSON-pointer diagnostics. A Reader keeps the first
// error it meets and turns every later read into a no-op, so section readers read straight
// through and check `ok()` once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "scenario/json_pointer.hpp"
#include "scenario/json_syntax.hpp"

namespace ttft::scenario {

/// A value as a message shows it: `string "0.6"`, `number 5`, `true`, `null`, `an object`.
std::string describe_value(const Json& value);

/// The member `key` of `object`, or nullptr (also when `object` is not an object).
const Json* find_member(const Json& object, std::string_view key);

class Reader {
 public:
  /// `file` prefixes every error's `where`: "<file>: <pointer>", or "<file>" at the root.
  explicit Reader(std::string file) : file_(std::move(file)) {}

  bool ok() const { return !error_; }
  const Error& error() const { return *error_; }
  const std::string& file() const { return file_; }

  /// Records an error at `pointer` unless one is already recorded; always returns false.
  bool fail(const std::string& pointer, std::string message, std::string hint = {});

  /// Records a ready-made error (one located in another file) unless one is already recorded.
  bool adopt(Error error);

  /// An object whose keys are all in `allowed`; the first other key fails with a
  /// did-you-mean hint.
  bool object(const Json& value, const std::string& pointer,
              const std::vector<std::string>& allowed);
  bool array(const Json& value, const std::string& pointer, bool non_empty);
  bool string(const Json& value, const std::string& pointer, std::string& out);
  bool boolean(const Json& value, const std::string& pointer, bool& out);
  /// An integer no smaller than `min` (0 or 1 in practice).
  bool integer(const Json& value, const std::string& pointer, std::int64_t min, std::int64_t& out);
  /// An integer from `min` to `max`, both included.
  bool integer_in(const Json& value, const std::string& pointer, std::int64_t min, std::int64_t max,
                  std::int64_t& out);
  /// A finite number; with `positive`, strictly greater than 0.
  bool number(const Json& value, const std::string& pointer, bool positive, double& out);
  /// A finite number from `min` to `max`, both included.
  bool number_in(const Json& value, const std::string& pointer, double min, double max,
                 double& out);
  /// A duration string ("250ms", "30s") strictly greater than 0.
  bool duration(const Json& value, const std::string& pointer, Nanos& out);
  /// A string equal to one of `choices`.
  bool one_of(const Json& value, const std::string& pointer,
              const std::vector<std::string>& choices, std::string& out);
  /// Fails when `object` lacks `key`: `missing required key "name"`.
  const Json* required(const Json& object, const std::string& pointer, std::string_view key);

 private:
  std::string file_;
  std::optional<Error> error_;
};

}  // namespace ttft::scenario
