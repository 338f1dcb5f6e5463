#include "run/browser_side.hpp"

#include <algorithm>

namespace ttft::run {

bool has_browser_target(const scenario::Scenario& scenario) {
  return std::any_of(scenario.targets.begin(), scenario.targets.end(),
                     [](const scenario::Target& t) { return t.client == scenario::Client::browser; });
}

Result<void> check_browser_available(const scenario::Scenario& scenario) {
  if (!has_browser_target(scenario)) return {};
  auto found = browser::chromium_executable();
  if (!found) return tl::unexpected(found.error());
  return {};
}

Result<std::unique_ptr<browser::BrowserClient>> start_browser(const scenario::Scenario& scenario, Io& io) {
  if (!has_browser_target(scenario)) return std::unique_ptr<browser::BrowserClient>();
  browser::LaunchOptions options;
  if (const auto net_log = io.getenv("TTFTBENCH_BROWSER_NETLOG")) options.net_log_path = *net_log;
  for (const auto& target : scenario.targets) {
    if (target.client != scenario::Client::browser || target.is_simulated()) continue;  // sim: 127.0.0.1
    const auto start = target.url.find("://") + 3;
    options.hosts.push_back(target.url.substr(start, target.url.find_first_of(":/?#", start) - start));
  }
  return browser::BrowserClient::create(std::move(options));
}

}  // namespace ttft::run
