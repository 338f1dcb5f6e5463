// manifest.json: exactly what was run, where and when, with secrets redacted (SPEC section 6).
// Written when the run starts and rewritten (atomically) when it ends, and again by each
// `run --resume`, which adds itself to "resumes".
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "scenario/scenario.hpp"

namespace ttft::cli {

constexpr int kManifestSchemaVersion = 1;

struct ManifestInput {
  std::string run_id;
  const scenario::Scenario* scenario = nullptr;
  std::vector<std::string> command_line;  // already redacted
  std::uint64_t seed = 0;
  std::string region;
  std::string shard;
  WallTime started_at;
  std::optional<WallTime> ended_at;
  bool interrupted = false;
  nlohmann::json client_lateness;         // null until the run has ended
  bool tls_insecure = false;              // run --insecure (every target unverified)
  // run --resume: the manifest this process continues (null for a fresh run). Its first start,
  // command line, host and earlier resumes stay; this process is appended to "resumes".
  nlohmann::ordered_json resumed_from = nullptr;
};

nlohmann::ordered_json build_manifest(const ManifestInput& input);

/// Writes <dir>/manifest.json atomically.
Result<void> write_manifest(const std::filesystem::path& dir, const ManifestInput& input);

}  // namespace ttft::cli
