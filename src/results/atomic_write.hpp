// Whole-file writes that are all-or-nothing: a reader (or a crash) sees the old file or the new
// one, never half of it. For summary.csv/json, report.md and manifest.json.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ttft::results {

/// Writes `content` to a temporary file in the same directory as `path`, fsyncs it, renames it
/// over `path` and fsyncs the directory; on any failure the temporary file is removed and the
/// error names `path`.
[[nodiscard]] Result<void> write_file_atomic(const std::string& path, std::string_view content);

}  // namespace ttft::results
