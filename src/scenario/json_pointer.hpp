// JSON pointers (RFC 6901) for diagnostics: how the loader names a place in a scenario or a
// profile file. Every pointer built from an object key goes through escape_pointer_token.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ttft::scenario {

/// `key` as one reference token of a JSON pointer: "~" → "~0", then "/" → "~1" (RFC 6901,
/// section 3), so a target named "a/b" is "/targets/a~1b" and never two tokens.
std::string escape_pointer_token(std::string_view key);

/// `parent` + "/" + the escaped `key`; `parent` is a pointer ("" is the whole document).
std::string pointer_child(const std::string& parent, std::string_view key);
/// `parent` + "/" + the array index.
std::string pointer_child(const std::string& parent, std::size_t index);

}  // namespace ttft::scenario
