// The confidence router's rule (docs/commands.md ("whatif")): a prompt of fewer than N words that
// holds none of the keywords goes to the first target, any other to the second. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "whatif/policy.hpp"

namespace ttft::whatif {

/// The words of "a,b,c", lowercased; an error for an empty list, an empty entry or an entry
/// that is not one word (letters and digits only).
Result<std::vector<std::string>> route_keywords(std::string_view list);

/// Words of `text`: runs of characters other than spaces, tabs and line ends.
std::int64_t word_count(std::string_view text);

/// True when a route `policy` sends `prompt` to its first target: fewer than words_below words
/// and none of the keywords as a whole word, compared case-insensitively (ASCII).
bool routes_to_first(const Policy& policy, std::string_view prompt);

}  // namespace ttft::whatif
