// A sample as one JSON object keyed by the samples.csv columns: numbers as numbers, times in
// milliseconds with microsecond resolution, unmeasured values as null.
#pragma once

#include <nlohmann/json.hpp>

#include "samples/sample.hpp"

namespace ttft::cli {

nlohmann::ordered_json sample_to_json(const samples::Sample& sample);

}  // namespace ttft::cli
