// `report DIR... --export`: a finished run's rows (merged folders included) pushed after the
// fact, every series stamped with the end of its own last row rather than the clock.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "telemetry/destination.hpp"
#include "telemetry/publisher.hpp"

namespace ttft::telemetry {

/// Reads every folder's samples.csv (the scenario name from the first manifest), pushes once to
/// each destination and waits at most `bound_ns`. Errors name a folder that cannot be read.
Result<std::vector<ExportTally>> export_folders(const std::vector<std::string>& dirs,
                                                std::vector<Destination> destinations, Nanos bound_ns);

}  // namespace ttft::telemetry
