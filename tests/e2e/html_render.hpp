// report.html in a real browser for the e2e tests: headless Chromium (Debian's
// chromium, from scripts/setup) renders a page to a PNG, dumps its DOM and logs its network
// activity; html_report_check.py reads what it left. Every browser run is bounded in time.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace ttft::test {

struct RenderedPage {
  std::filesystem::path png;     // the screenshot
  std::string dom;               // the DOM after loading, as --dump-dom prints it
  std::filesystem::path netlog;  // Chromium's --log-net-log JSON of the DOM-dump load
};

/// Loads `html` (a local file) in headless Chromium twice, once for a `width`×`height` screenshot
/// and once for the DOM dump and net log, writing into `out_dir`. Throws naming the cause when
/// Chromium is missing ("run scripts/setup"), fails or times out (90 s each).
RenderedPage render_in_chromium(const std::filesystem::path& html, const std::filesystem::path& out_dir,
                                int width = 1300, int height = 3000);

/// Runs `html_report_check.py COMMAND FILE` (validate | dom | netlog) and returns its JSON; throws
/// with its stderr when it fails.
nlohmann::json html_check(const std::string& command, const std::filesystem::path& file);

}  // namespace ttft::test
