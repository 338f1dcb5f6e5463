// manifest.json: exactly what was run, where and when, with secrets redacted (docs/results.md ("manifest.json")).
// The one type, writer and reader of that file: nothing else walks its JSON.
// A run writes it when it starts and again (atomically) when it ends; each `run --resume`
// rewrites it with itself added to "resumes".
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "cost/pricing.hpp"
#include "metrics/slo.hpp"
#include "results/lateness.hpp"

namespace ttft::results {

inline constexpr int kManifestSchemaVersion = 1;

/// One `run --resume` of the run: when, how and where it was resumed.
struct ResumeRecord {
  std::string resumed_at;  // UTC, ISO 8601 with ms
  std::vector<std::string> command_line;
  std::string host;
};

/// A phase written with a list of values (docs/scenario.md ("Sweeps")).
struct SweepFacts {
  std::string phase;                // as written
  std::string parameter;            // "concurrency", "rate" or "input_tokens"
  std::vector<double> values;       // in order
  std::vector<std::string> phases;  // per value, "<phase>@<value>" as samples.csv names it

  bool operator==(const SweepFacts&) const = default;
};

/// What the manifest's copy of the scenario says that reports need (read, never written).
struct ScenarioFacts {
  // Scenario order; a sweep phase is listed once per value, as "<name>@<value>".
  std::vector<std::string> targets, phases;
  std::vector<SweepFacts> sweeps;                // in scenario order
  std::map<std::string, cost::Pricing> pricing;  // by target; absent = unpriced
  std::vector<Nanos> idle_gaps_ns;               // every cold phase's idle gaps as written (before time_scale)
  double time_scale = 1.0;                       // the scenario's time_scale (sim:// demos)
  metrics::SloSpec slo;                          // top-level and phases' "slo" (a sweep's per value); empty = none
  std::string headline = "ttft";                 // "headline": ttft | first_token | first_answer
  std::vector<std::string> non_streaming_targets;  // targets with "stream": false, in file order
  std::vector<std::string> embeddings_targets;     // targets with "kind": "embeddings", in file order
  // (native twin, browser target) of each target with "client": "browser", in file order.
  std::vector<std::pair<std::string, std::string>> browser_pairs;
};

/// One --export destination of the run (docs/results.md ("manifest.json")).
struct ExportRecord {
  std::string kind;          // prometheus-rw | pushgateway | otlp
  std::string url;           // redacted
  std::int64_t pushes = 0;   // pushes attempted
  std::int64_t failed = 0;   // pushes that failed after their retries

  bool operator==(const ExportRecord&) const = default;
};

struct Manifest {
  int schema_version = kManifestSchemaVersion;
  std::string tool_version, libcurl_version;
  std::string run_id;
  std::vector<std::string> command_line;  // redacted
  std::string scenario_path, scenario_sha256, scenario_name;
  nlohmann::ordered_json scenario;        // the scenario as parsed, secrets replaced by "***"
  std::string host, region, shard;        // region, shard: empty = none
  std::uint64_t seed = 0;
  std::string prompt_cache;               // "bust" or "allow": how prompts were sent (docs/scenario.md ("Prompt cache"))
  bool tls_insecure = false;              // run --insecure (every target unverified)
  std::vector<std::string> tls_insecure_targets;
  std::string started_at;                 // UTC, ISO 8601 with ms: the first start
  std::optional<std::string> ended_at;    // nullopt until the run has ended
  bool interrupted = false;               // Ctrl-C
  std::optional<LatenessSummary> client_lateness;  // nullopt until the run has ended
  std::vector<ResumeRecord> resumes;      // oldest first
  std::vector<ExportRecord> exports;      // this process's --export destinations; written only when any
  ScenarioFacts facts;                    // filled by the reader from `scenario`

  /// Stopped by Ctrl-C, or never recorded its end (killed, crashed): its rows are not the whole plan.
  bool cut_short() const { return interrupted || !ended_at; }
};

/// The manifest as the run's process continues it after `run --resume`: `earlier`'s first start,
/// command line and host stay; this process (`now`'s start, command line and host) is appended
/// to its resumes.
Manifest continued(const Manifest& earlier, Manifest now);

/// The file's JSON, keys in a fixed order, "schema_version" first.
nlohmann::ordered_json manifest_to_json(const Manifest& manifest);

/// manifest.json's text back; `path` names errors. Unknown keys are ignored; a missing one reads as
/// empty. Fails on text that is not JSON or not an object, and on prices or an SLO in the scenario
/// copy that do not parse.
Result<Manifest> parse_manifest(const std::string& text, const std::string& path);

/// Writes <dir>/manifest.json atomically.
[[nodiscard]] Result<void> write_manifest(const std::filesystem::path& dir, const Manifest& manifest);

/// Reads <dir>/manifest.json: nullopt when the folder has none; errors name the file.
Result<std::optional<Manifest>> read_manifest(const std::filesystem::path& dir);

/// (label, value) rows for a person, in a fixed order: scenario name, path and SHA-256, command line,
/// tool and libcurl versions, host, region, shard, seed, start, end, whether it was interrupted
/// and how often it was resumed. What was not recorded (no region, no end yet) is left out.
std::vector<std::pair<std::string, std::string>> manifest_display_rows(const Manifest& manifest);

}  // namespace ttft::results
