// The files of a results folder (docs/results.md): one name each, for the code that writes them
// and the code that reads them.
#pragma once

namespace ttft::results {

inline constexpr const char* kSamplesCsv = "samples.csv";      // one row per request, appended as each ends
inline constexpr const char* kOutputsJsonl = "outputs.jsonl";  // with --record-outputs: one line per request
inline constexpr const char* kManifestJson = "manifest.json";  // what was run (results/manifest.hpp)
inline constexpr const char* kSummaryCsv = "summary.csv";
inline constexpr const char* kSummaryJson = "summary.json";
inline constexpr const char* kReportMd = "report.md";
inline constexpr const char* kReportHtml = "report.html";

}  // namespace ttft::results
