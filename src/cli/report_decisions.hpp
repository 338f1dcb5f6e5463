// What `report` adds to its overall report for a decision (issue 9): the idle-sweep estimates
// when the runs swept idle gaps, and the cost at a request volume when --volume is given.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "cost/monthly_cost.hpp"
#include "report/idle_threshold.hpp"
#include "report/merge.hpp"
#include "report/report_model.hpp"

namespace ttft::cli {

/// --volume's text → a Volume (nullopt when empty); errors name --volume.
Result<std::optional<cost::Volume>> parse_volume_option(const std::string& text);

/// The gaps of every run's cold phases, from their manifests.
std::vector<Nanos> idle_gaps_of(const std::vector<report::RunFacts>& runs);

/// Fills `overall`'s idle thresholds from `sweep` (gaps as the scenarios wrote them, idle times
/// scaled by overall.run's time scales) and, with a volume, its cost at scale.
void add_decisions(report::Report& overall, const report::IdleSweepCollector& sweep,
                   const std::vector<Nanos>& idle_gaps_ns, const std::optional<cost::Volume>& volume);

}  // namespace ttft::cli
