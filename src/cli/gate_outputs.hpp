// What `run` and `report` do with --assert and --summary-md once the report model exists:
// print one line per check and publish the Markdown summary (a file, GitHub's step summary).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/io.hpp"
#include "gate/evaluate.hpp"

namespace ttft::cli {

inline constexpr const char* kAssertHelp =
    "Exit 1 unless TARGET.PHASE.METRIC.STAT OP VALUE holds (repeatable), e.g. 'edge.warm.ttft.p95 < 400ms', "
    "'edge.warm.ttft.p95_incl_errors < 500ms', '*.warm.error_rate < 1%', 'edge.warm.goodput >= 95%', "
    "'edge.cost.blended_usd_per_mtok <= 0.5'; * matches every target or phase";

/// One "PASS ..." / "FAIL ..." line per check; after the tables, a blank line first.
void print_checks(const std::vector<gate::Check>& checks, std::ostream& out, bool after_tables);

/// Writes `markdown` to `file` (atomically; skipped when `file` is empty) and appends it to the
/// file named by $GITHUB_STEP_SUMMARY when that is set (GitHub Actions shows it on the run's
/// page). Errors name the file.
Result<void> publish_summary_markdown(const std::string& markdown, const std::string& file, Io& io);

}  // namespace ttft::cli
