// Shards for CI matrices (docs/commands.md ("Shards")): `--shard I/N` runs the I-th of N interleaved slices of
// the schedule, and a Kubernetes Indexed Job's JOB_COMPLETION_INDEX/COUNT give the same. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "scenario/scenario.hpp"

namespace ttft::schedule {

/// Shard `index` of `count`, 1-based as in Jest and Playwright (1 <= index <= count).
struct Shard {
  std::int64_t index = 1;
  std::int64_t count = 1;

  /// The schedule item with global index `seq` belongs to shard (seq mod count) + 1.
  bool owns(std::int64_t seq) const { return seq % count == index - 1; }
};

/// "2/4": what samples.csv's shard column and the manifest record.
std::string shard_label(const Shard& shard);

/// "-shard-2-of-4": appended to the run id and so to the default results folder, so shards run
/// on one machine never share a folder.
std::string shard_suffix(const Shard& shard);

/// The shard to run: `flag` (the --shard text, empty = not given) as "I/N"; else, when either
/// is set, JOB_COMPLETION_INDEX (0-based) and JOB_COMPLETION_COUNT as index + 1 of count; else
/// none. Errors name the flag or the variable and what was found.
Result<std::optional<Shard>> resolve_shard(std::string_view flag, const std::optional<std::string>& job_index,
                                           const std::optional<std::string>& job_count);

/// Every phase's requests must be known before the run for the shards to agree on who sends
/// which: a closed loop bounded by a duration is not (its count follows the responses), so it is
/// an error naming the phase.
Result<void> check_shardable(const scenario::Scenario& scenario);

}  // namespace ttft::schedule
