// `run --resume DIR`: reads what an interrupted run left in its results folder and checks that the
// rest is run as it was started (same scenario file, seed, region, shard and options), so the
// folder ends with one row per planned request. Sends nothing; writes nothing but the cleanup.
#pragma once

#include <filesystem>

#include "run/session.hpp"
#include "run/settings.hpp"
#include "core/error.hpp"
#include "core/io.hpp"

namespace ttft::run {

/// The run recorded in DIR/manifest.json, continued: its scenario (the SCENARIO argument, else the
/// path the manifest recorded) must have the recorded SHA-256, and flags that would change what
/// is run (--out, or a --seed, --region, --shard or --insecure other than recorded) are errors.
/// Each samples.csv row must be a distinct request of the re-planned schedule. Errors name the
/// folder, file or flag.
Result<Prepared> prepare_resume(const RunSettings& settings, Io& io);

/// True when `p` resumes a run that has a row for every request, recorded its end and wrote its
/// summaries: says so on stderr (unless quiet), and the run has nothing left to do. A run killed
/// before its summaries were written is finished (summaries written) like any other resume.
bool already_complete(const Prepared& p, bool quiet, Io& io);

}  // namespace ttft::run
