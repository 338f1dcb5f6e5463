// The run's browser, for scenarios with browser targets (docs/browser.md): checked before
// anything is sent, started once when the run starts.
#pragma once

#include <memory>

#include "browser/browser_client.hpp"
#include "core/error.hpp"
#include "core/io.hpp"
#include "scenario/scenario.hpp"

namespace ttft::run {

bool has_browser_target(const scenario::Scenario& scenario);

/// Fails (a usage error: nothing was sent) when a browser target has no Chromium to run.
Result<void> check_browser_available(const scenario::Scenario& scenario);

/// The run's BrowserClient, or null when no target is a browser target. TTFTBENCH_BROWSER_NETLOG
/// (tests only, docs/browser.md ("Testing")) makes Chromium write its net log there.
Result<std::unique_ptr<browser::BrowserClient>> start_browser(const scenario::Scenario& scenario, Io& io);

}  // namespace ttft::run
