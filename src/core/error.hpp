// Error values for module boundaries: Result<T> = tl::expected<T, Error>.
// An Error is what a user reads: where it happened, what is wrong, and optionally what to do.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace ttft {

struct Error {
  std::string where;    // "scenarios/x.json:3:7", "/targets/edge/url", "--protocol"; may be empty
  std::string message;  // lowercase start, no trailing period
  std::string hint;     // optional "what to do"
};

template <class T>
using Result = tl::expected<T, Error>;

/// Builds the unexpected side of a Result: `return fail("--port", "must be 0..65535");`
inline tl::unexpected<Error> fail(std::string where, std::string message, std::string hint = {}) {
  return tl::unexpected<Error>(Error{std::move(where), std::move(message), std::move(hint)});
}

/// "ttftbench: error: <where>: <message>" plus "  hint: <hint>" on its own line; ends with '\n'.
std::string render_error(const Error& error);

}  // namespace ttft
