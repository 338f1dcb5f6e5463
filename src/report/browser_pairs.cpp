#include "report/browser_pairs.hpp"

#include <algorithm>

#include "metrics/definitions.hpp"
#include "report/report_model.hpp"
#include "report/verdict.hpp"
#include "stats/percentile.hpp"

namespace ttft::report {
namespace {

// browser_ttft_ms is the read that held the first token: the twin's counterpart is first_token_ms.
std::size_t first_token_index() {
  const auto& metrics = metrics::metric_definitions();
  const auto it = std::find_if(metrics.begin(), metrics.end(), [](const auto& m) { return m.name == "first_token"; });
  return static_cast<std::size_t>(it - metrics.begin());
}

}  // namespace

std::vector<BrowserPairRow> build_browser_pairs(const std::vector<std::pair<std::string, std::string>>& pairs,
                                                const std::vector<std::string>& phases, const MetricGroups& groups,
                                                std::uint64_t seed) {
  static const std::vector<double> kNone;
  std::vector<std::string> all_phases = phases;
  all_phases.emplace_back(kAllPhases);
  std::vector<BrowserPairRow> rows;
  for (const auto& [native, browser] : pairs) {
    for (const std::string& phase : all_phases) {
      const MetricGroup* n = find_group(groups, native, phase);
      const MetricGroup* b = find_group(groups, browser, phase);
      if (n == nullptr && b == nullptr) continue;
      const std::vector<double>& native_ms = n != nullptr && n->values.size() > first_token_index() ? n->values[first_token_index()] : kNone;
      const std::vector<double>& browser_ms = b != nullptr ? b->browser_ttft_ms : kNone;
      BrowserPairRow row{native, browser, phase, native_ms.size(), browser_ms.size(),
                         stats::percentile(native_ms, 50), stats::percentile(native_ms, 95),
                         stats::percentile(browser_ms, 50), stats::percentile(browser_ms, 95),
                         b != nullptr ? stats::percentile(b->browser_paint_ms, 50) : std::nullopt, {}};
      // The A/B verdicts' comparison: browser − native, so a positive difference is what the browser adds.
      VerdictInput input{phase, "browser_ttft", "ms", browser, native, browser_ms, native_ms, seed, {}, {}, {}, {}};
      row.difference = compare_percentile(input, 50);
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace ttft::report
