// A strict JSON parser for the hot path of dataset loading: strings are copied in runs, not byte
// by byte. It accepts only what parse_json_line accepts (UTF-8, escapes, no duplicate keys) and
// gives up on anything else, so the caller falls back to parse_json_line for the located error.
#pragma once

#include <string_view>

#include "scenario/json_syntax.hpp"

namespace ttft::scenario {

/// `text` as one JSON value into `out`; false when the text is not valid JSON, or is valid but
/// beyond this parser (very deep nesting): parse it with parse_json_line then.
bool parse_json_fast(std::string_view text, Json& out);

}  // namespace ttft::scenario
