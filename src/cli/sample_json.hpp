// A sample as one JSON object keyed by the samples.csv columns: numbers as numbers, times in
// milliseconds with microsecond resolution, unmeasured values as null.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "protocol/event.hpp"
#include "samples/sample.hpp"

namespace ttft::cli {

nlohmann::ordered_json sample_to_json(const samples::Sample& sample);

/// probe --json's `server_timings`: {"total_ms", "load_ms", "prompt_eval_ms", "eval_ms"} with
/// unreported ones null, or null when the server reported none.
nlohmann::ordered_json server_timings_to_json(const std::optional<protocol::ServerTimings>& timings);

}  // namespace ttft::cli
