// The few fields of a finished row that export needs, copied on the run loop (or read from
// samples.csv by `report`), so aggregation can happen on the export thread. No I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "samples/sample.hpp"

namespace ttft::telemetry {

struct RowRecord {
  std::string run_id, target, phase, region;
  std::string error;  // "" = success
  std::optional<double> ttft_s, first_token_s, first_answer_s, e2e_s;
  std::int64_t cost_pusd = 0;  // pico-dollars; 0 when unpriced
  std::int64_t input_tokens = 0, output_tokens = 0;
  std::int64_t ended_unix_ms = 0;  // started_at + e2e (started_at alone without e2e); 0 = unknown
  std::int64_t in_flight = 0;      // requests of its target still in flight when it ended
};

/// The record of `sample`; `in_flight` is its target's count of requests in flight.
RowRecord record_of(const samples::Sample& sample, std::int64_t in_flight);

/// Milliseconds since the Unix epoch of "YYYY-MM-DDTHH:MM:SS.mmmZ" (samples.csv's started_at);
/// nullopt for any other text.
std::optional<std::int64_t> parse_utc_ms(std::string_view text);

}  // namespace ttft::telemetry
