// Parsing "I/N" and the Indexed Job variables, and which scenarios can be split into shards.
#include "schedule/shard.hpp"

#include <charconv>

#include <fmt/format.h>

#include "schedule/scheduler.hpp"

namespace ttft::schedule {
namespace {

constexpr const char* kFlag = "--shard";
constexpr const char* kJobIndex = "JOB_COMPLETION_INDEX";
constexpr const char* kJobCount = "JOB_COMPLETION_COUNT";
constexpr const char* kShardHint = "--shard I/N is 1-based: 1/4, 2/4, 3/4 and 4/4 split a run in four";

/// Digits only (no sign, no spaces), fitting an int64.
std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

Result<Shard> parse_flag(std::string_view text) {
  const auto slash = text.find('/');
  const auto index = whole_number(text.substr(0, slash));
  const auto count = slash == std::string_view::npos ? std::nullopt : whole_number(text.substr(slash + 1));
  if (!index || !count) {
    return fail(kFlag, fmt::format("expected I/N, e.g. 2/4, got \"{}\"", text), kShardHint);
  }
  if (*count < 1) return fail(kFlag, fmt::format("the shard count N must be at least 1, got \"{}\"", text), kShardHint);
  if (*index < 1 || *index > *count) {
    return fail(kFlag, fmt::format("shard {} is not one of 1 to {} in \"{}\"", *index, *count, text), kShardHint);
  }
  return Shard{*index, *count};
}

Result<Shard> from_job(const std::optional<std::string>& job_index, const std::optional<std::string>& job_count) {
  if (!job_index || !job_count) {
    return fail(job_index ? kJobCount : kJobIndex,
                fmt::format("not set, while {} is", job_index ? kJobIndex : kJobCount),
                "an Indexed Job sets both; or pass --shard I/N");
  }
  const auto count = whole_number(*job_count);
  if (!count || *count < 1) {
    return fail(kJobCount, fmt::format("expected a whole number of at least 1, got \"{}\"", *job_count));
  }
  const auto index = whole_number(*job_index);
  if (!index || *index >= *count) {
    return fail(kJobIndex, fmt::format("expected a whole number from 0 to {} (0-based, below {}={}), got \"{}\"",
                                       *count - 1, kJobCount, *count, *job_index));
  }
  return Shard{*index + 1, *count};
}

}  // namespace

std::string shard_label(const Shard& shard) { return fmt::format("{}/{}", shard.index, shard.count); }

std::string shard_suffix(const Shard& shard) { return fmt::format("-shard-{}-of-{}", shard.index, shard.count); }

Result<std::optional<Shard>> resolve_shard(std::string_view flag, const std::optional<std::string>& job_index,
                                           const std::optional<std::string>& job_count) {
  const auto some = [](Shard shard) { return std::optional<Shard>(shard); };
  if (!flag.empty()) return parse_flag(flag).map(some);
  if (!job_index && !job_count) return std::optional<Shard>();
  return from_job(job_index, job_count).map(some);
}

Result<void> check_shardable(const scenario::Scenario& scenario) {
  if (scenario.conversation) {
    return fail(fmt::format("{}: /workload/conversation", scenario.path),
                "a conversation's turns must run in one process, one after another, so --shard cannot split them",
                "run conversations without --shard");
  }
  const std::optional<std::size_t> i = unplannable_phase(scenario);
  if (!i) return {};
  return fail(fmt::format("{}: /phases/{}", scenario.path, *i),
              fmt::format("phase \"{}\" is a closed loop bounded by a duration: its requests are not known "
                          "before the run, so --shard cannot split them",
                          scenario.phases[*i].name),
              "bound the phase by \"requests\" to run it with --shard");
}

}  // namespace ttft::schedule
