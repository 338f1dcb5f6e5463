// "Native vs browser" (docs/metrics.md ("Browser targets")): per browser target and its native
// twin, per phase and "all", the twin's first token beside the page's browser_ttft_ms and paint, and the
// difference of medians with the A/B verdicts' bootstrap interval. Pure.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/metric_groups.hpp"
#include "report/verdict_types.hpp"

namespace ttft::report {

struct BrowserPairRow {
  std::string native, browser, phase;
  std::size_t n_native = 0, n_browser = 0;  // successful rows with the value
  std::optional<double> native_p50_ms, native_p95_ms;    // the twin's first_token_ms
  std::optional<double> browser_p50_ms, browser_p95_ms;  // the browser target's browser_ttft_ms
  std::optional<double> paint_p50_ms;                    // its browser_paint_ms
  Verdict difference;  // p50(browser_ttft_ms) - p50(native first_token_ms), with its 95% interval
};

/// The footnote every format prints under the section.
inline constexpr const char* kBrowserPairsNote =
    "browser: headless Chromium; the page is served from the target's own origin (DevTools Fetch "
    "interception), so its fetch() is same-origin with no CORS preflight; native: the twin's first_token_ms; "
    "browser: browser_ttft_ms and browser_paint_ms, on the page's clock from just before fetch()";

/// One row per pair (native twin, browser target) × (phases..., "all") with any rows.
std::vector<BrowserPairRow> build_browser_pairs(const std::vector<std::pair<std::string, std::string>>& pairs,
                                                const std::vector<std::string>& phases, const MetricGroups& groups,
                                                std::uint64_t seed);

}  // namespace ttft::report
