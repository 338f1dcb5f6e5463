// Simulator profiles as a scenario describes them: the latency, decode and fault model of one
// simulated provider, the built-in profiles that reproduce the published edge/central comparison,
// and their JSON form (a target's "sim" overrides, a profile file). The simulator (sim/) runs them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "scenario/json_syntax.hpp"
#include "scenario/sim_fault.hpp"

namespace ttft::scenario {

/// Lognormal around a median: x = median_ms · exp(sigma · z), z ~ N(0, 1); sigma 0 = fixed.
/// p95 / p50 = exp(1.645 · sigma).
struct LatencyDist {
  double median_ms = 0;
  double sigma = 0;
};

/// Probability per request of each fault (kNone's slot is unused); their sum is at most 1.
struct Faults {
  std::array<double, kFaultCount + 1> rates{};

  double& operator[](Fault fault) { return rates[static_cast<std::size_t>(fault)]; }
  double operator[](Fault fault) const { return rates[static_cast<std::size_t>(fault)]; }
  double total() const;
};

struct SimProfile {
  std::string name;
  double network_ms = 0;                  // added before the first event
  double prefill_ms_per_input_token = 0;  // queueing/prefill per input token
  LatencyDist warm;                       // first-event delay when warm
  LatencyDist cold;                       // first-event delay when cold (after scale-to-zero)
  double scale_to_zero_after_s = 0;       // idle longer than this → next request is cold; 0 = never
  double token_interval_ms = 20;          // decode: time between content events
  double token_jitter_sigma = 0;          // lognormal jitter on the interval
  std::int64_t output_tokens = 64;        // tokens per response (capped by the request's max_tokens)
  // Concurrent responses the server streams; a request beyond them waits, first come first
  // served (docs/simulator.md ("Slots and queueing")). 0 = unlimited.
  std::int64_t slots = 0;
  // Reasoning models and prompt caches (docs/simulator.md ("Reasoning, prompt caches and error
  // statuses")); each is 0 or unset by default, and a request header overrides it.
  std::int64_t reasoning_tokens = 0;      // reasoning deltas before the answer, where the protocol has them
  std::optional<double> reasoning_ms;     // first reasoning delta to first answer token; unset: decode intervals
  std::int64_t cached_input_tokens = 0;   // input tokens usage reports as read from a prompt cache
  std::int64_t cache_write_tokens = 0;    // input tokens usage reports as written to a prompt cache
  // Tool calls streamed after reasoning and before the answer (docs/simulator.md ("Tool calls")).
  std::int64_t tool_calls = 0;
  // Length of each embeddings vector when the request asks for none (docs/simulator.md ("Embeddings")).
  std::int64_t embedding_dimensions = 768;
  // Of the built-in quiz's questions, the share answered wrongly (docs/simulator.md ("Graded answers")).
  double wrong_answer_rate = 0;
  Faults faults;
  std::vector<std::pair<int, double>> status_rates;  // HTTP error status → probability, ascending
  double time_scale = 1.0;  // multiplies scale_to_zero_after_s only (demos compress idle time)
};

/// "edge", "central" or "fast" (tests: fixed 50 ms first event, 10 ms tokens, 16 tokens, never
/// cold). An unknown name is an error that lists the known ones.
[[nodiscard]] Result<SimProfile> builtin_profile(std::string_view name);

/// `base` with the fields present in `value` replaced. Keys are the SimProfile field names;
/// "warm" and "cold" are {"median_ms", "sigma"}; "faults" maps fault_table()'s profile keys
/// ("http_429", "reset_mid_stream", "slow_headers", …) to rates; "base": "<builtin>" restarts
/// from that built-in profile; "status_rate" maps HTTP error statuses ("429") to rates, which add
/// up with the fault rates to at most 1. Errors are located at "<file>: <pointer of the key>", as the
/// scenario loader locates its own.
[[nodiscard]] Result<SimProfile> parse_sim_profile(const Json& value, const SimProfile& base,
                                                   const std::string& file,
                                                   const std::string& pointer);

/// Reads a profile file: JSON with comments, an object as for parse_sim_profile (usually with
/// "base": "edge"). Without "base" it starts from all-default fields; without "name" the name is
/// the file stem. Errors: "<path>:<line>:<col>" for syntax, "<path>: <pointer>" for content.
[[nodiscard]] Result<SimProfile> load_profile_file(const std::string& path);

}  // namespace ttft::scenario
