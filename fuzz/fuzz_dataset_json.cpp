// libFuzzer target: the fast JSON parser that loads dataset lines (scenario/fast_json.hpp) against
// the scenario module's own parser. Input: one line of JSON text.
//
// Checked: whatever the fast parser accepts, parse_json_line accepts too and reads as the same
// value, so a dataset loads the same whichever parser read a line, and every line the fast parser
// refuses still gets parse_json_line's located error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scenario/fast_json.hpp"
#include "scenario/json_syntax.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ttft::scenario::Json fast;
  if (!ttft::scenario::parse_json_fast(text, fast)) return 0;
  const auto located = ttft::scenario::parse_json_line(text, "fuzz");
  FUZZ_REQUIRE(located.has_value());
  FUZZ_REQUIRE(*located == fast);
  return 0;
}
