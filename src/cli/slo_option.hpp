// --slo for `report`: an SLO written on the command line, "ttft=200ms,e2e=8s", judged against any
// results folder's rows after the fact.
#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "metrics/slo.hpp"

namespace ttft::cli {

/// --slo's text → an SLO for every phase (nullopt when empty): comma-separated METRIC=DURATION
/// bounds on metrics::slo_metric_names(), each metric once, each duration above 0. Pure; errors
/// name --slo.
Result<std::optional<metrics::Slo>> parse_slo_option(const std::string& text);

}  // namespace ttft::cli
