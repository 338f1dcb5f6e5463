// Golden-file comparison for exporter output: exact match against tests/golden/<name>;
// UPDATE_GOLDEN=1 in the environment rewrites the file instead.
#pragma once

#include <string>

namespace ttft::test {

/// Checks `actual` against the golden file tests/golden/<relative_path> byte for byte (a
/// failure shows the first differing line), or rewrites it when UPDATE_GOLDEN=1.
void check_golden(const std::string& relative_path, const std::string& actual);

}  // namespace ttft::test
