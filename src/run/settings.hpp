// What a run is asked to do, in the run's own terms (the CLI fills it from `run`'s flags).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "telemetry/destination.hpp"

namespace ttft::run {

struct RunSettings {
  std::string scenario_path;           // with resume_dir: optional, default the path the run recorded
  std::string out_dir;                 // default results/<name>-<UTC>[-<region>][-shard-I-of-N]
  std::string resume_dir;              // finish that interrupted run (run --resume DIR)
  std::optional<std::uint64_t> seed;   // default: the scenario's, else random (recorded)
  std::string region;
  std::string shard;                   // "I/N"; empty = JOB_COMPLETION_INDEX/COUNT, else none
  bool insecure = false;               // no certificate verification for any target
  std::vector<std::string> command_line;  // for the manifest (redacted there)
  bool record_outputs = false;         // write outputs.jsonl (docs/results.md ("outputs.jsonl"))
  std::vector<telemetry::Destination> exports;  // --export: where metrics go (docs/export.md)
  Nanos export_interval_ns = 5 * kNanosPerSecond;  // --export-interval
};

/// run --live / --no-live; automatic: on for a long run (live_view.hpp, live_view_on).
enum class LiveMode { automatic, on, off };

/// How the run talks to the person watching it.
struct RunDisplay {
  bool verbose = false;   // trace each request and response on stderr
  bool quiet = false;     // no progress line, no live view, no "results:" line
  bool color = false;     // the tables (and the live view) on stdout
  LiveMode live = LiveMode::automatic;  // the live view on stdout, when it is a terminal
};

}  // namespace ttft::run
