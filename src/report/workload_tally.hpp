// What the workload figures need from each row, kept as the rows stream past (docs/metrics.md
// ("Sweeps"), ("Conversations")): per sweep value and target, its wall time, output tokens and the
// TTFT-against-input-tokens co-moments in O(1) memory; per conversation turn, its TTFT values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "samples/sample.hpp"
#include "stats/linear_fit.hpp"

namespace ttft::report {

/// The wall time a set of rows spans: earliest start to latest end.
struct WallSpan {
  std::optional<std::int64_t> first_start_ms;  // earliest started_at, UTC ms since the epoch
  std::optional<double> last_end_ms;           // latest started_at + e2e (started_at when no e2e)

  void add(const samples::Sample& sample);
  /// The span in seconds; nullopt without rows or when it is not positive.
  std::optional<double> seconds() const;
};

/// One target's rows at one sweep value (a phase "<name>@<value>").
struct SweepTally {
  std::optional<double> value;                 // the rows' sweep_value
  WallSpan wall;
  std::int64_t output_tokens = 0;              // successful rows'
  stats::LinearFitAccumulator ttft_by_input;   // successful rows: x input tokens, y TTFT in ms

  void add(const samples::Sample& sample);
};

/// The x of the TTFT fit: the provider's input_tokens, else the requested length; nullopt: neither.
std::optional<double> fit_input_tokens(const samples::Sample& sample);

/// One target's rows of one conversation turn.
struct TurnTally {
  std::vector<double> ttft_ms;  // successful rows', in row order
  std::size_t requests = 0, errors = 0;

  void add(const samples::Sample& sample);
};

/// One target's embeddings rows (those with `vectors`) in a phase or in all (docs/metrics.md ("Embeddings")).
struct EmbeddingsTally {
  std::size_t rows = 0;                    // rows with vectors: the successful embeddings requests
  WallSpan wall;
  std::int64_t vectors = 0;
  std::int64_t input_tokens = 0;
  std::int64_t cost_pusd = 0;              // of the priced rows
  std::size_t priced = 0;                  // rows with a cost
  std::optional<std::int64_t> dimensions;  // the last row's

  void add(const samples::Sample& sample);
};

using TurnKey = std::pair<std::string, std::int64_t>;  // target, turn

}  // namespace ttft::report
