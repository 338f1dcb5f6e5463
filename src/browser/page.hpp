// The page every browser request runs in: the seed's chat UI (a fetch, a ReadableStream reader,
// each chunk appended to a <div>), stamping its times with performance.now(). Text only.
#pragma once

#include <string_view>

namespace ttft::browser {

/// Served at kPagePath on the target's own origin (docs/browser.md ("Cross-origin")).
inline constexpr std::string_view kPagePath = "/__ttftbench__/page";

/// The page's HTML: defines window.ttftbenchRun(url, headers, body), which resolves with the JSON
/// text of docs/browser.md ("What the page returns").
std::string_view page_html();

/// The function Runtime.callFunctionOn calls on the page's window with (url, headers, body).
std::string_view run_call();

}  // namespace ttft::browser
