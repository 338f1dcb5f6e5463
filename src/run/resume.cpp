// `run --resume DIR`: the folder's manifest says how the run was started; its rows say which of
// the planned requests are done. Every run numbers its requests by the schedule planned from its
// scenario and seed (schedule/scheduler.hpp), so re-planning gives each row its request back.
#include "run/resume.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <unordered_set>

#include <fmt/format.h>

#include "results/folder.hpp"
#include "results/folder_layout.hpp"

namespace ttft::run {
namespace {

namespace fs = std::filesystem;
using results::Manifest;
using results::short_sha256;

constexpr const char* kFolderHint =
    "pass the results folder of the run to finish (it holds manifest.json and samples.csv)";
constexpr const char* kKeepHint =
    "a resumed run keeps the settings it was started with, as manifest.json records them";

/// manifest.json as the run recorded how it was started, with `path` naming it in errors.
struct Recorded {
  Manifest manifest;
  std::string path;
};

Result<Recorded> read_recorded(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return fail(dir.string(), "no such folder", kFolderHint);
  const std::string path = (dir / results::kManifestJson).string();
  if (!fs::is_regular_file(path, ec)) {
    return fail(dir.string(), "no manifest.json: not a results folder, or its run was killed before it sent anything",
                "a run that wrote no manifest measured nothing: start it again");
  }
  if (!fs::is_regular_file(dir / results::kSamplesCsv, ec)) return fail(dir.string(), "no samples.csv here", kFolderHint);
  auto manifest = results::read_manifest(dir);
  if (!manifest) return tl::unexpected(manifest.error());
  if (!*manifest || (*manifest)->run_id.empty()) {
    return fail(path, "not a ttftbench manifest: expected \"run_id\" and \"seed\"", kFolderHint);
  }
  return Recorded{std::move(**manifest), path};
}

/// Flags that would run the rest differently from how the run was started.
Result<void> check_flags(const RunSettings& o, const Manifest& r, Io& io) {
  if (!o.out_dir.empty()) {
    return fail("--out", "cannot be used with --resume: the run goes on in its own folder",
                "drop --out: the rows are appended to DIR/samples.csv");
  }
  if (o.seed && *o.seed != r.seed) {
    return fail("--seed", fmt::format("{} is not the seed the run was started with ({})", *o.seed, r.seed), kKeepHint);
  }
  if (!o.region.empty() && o.region != r.region) {
    return fail("--region", fmt::format("\"{}\" is not the region the run was started with ({})", o.region,
                                        r.region.empty() ? "none" : "\"" + r.region + "\""),
                kKeepHint);
  }
  auto shard = schedule::resolve_shard(o.shard, io.getenv("JOB_COMPLETION_INDEX"), io.getenv("JOB_COMPLETION_COUNT"));
  if (!shard) return tl::unexpected(shard.error());
  if (*shard && schedule::shard_label(**shard) != r.shard) {
    return fail(o.shard.empty() ? "JOB_COMPLETION_INDEX" : "--shard",
                fmt::format("shard {} is not the one the run was started with ({})", schedule::shard_label(**shard),
                            r.shard.empty() ? "none" : r.shard),
                kKeepHint);
  }
  if (o.insecure && !r.tls_insecure) {
    return fail("--insecure", "the run was started with certificate verification: its rows would mix verified and "
                              "unverified requests", kKeepHint);
  }
  return {};
}

/// The scenario as the run was started with it: the same file bytes (SHA-256), re-loaded.
Result<Prepared> load_same_scenario(const RunSettings& o, const Recorded& recorded, Io& io) {
  const Manifest& r = recorded.manifest;
  const std::string path = o.scenario_path.empty() ? r.scenario_path : o.scenario_path;
  std::error_code ec;
  if (o.scenario_path.empty() && !fs::is_regular_file(path, ec)) {
    return fail(path.empty() ? recorded.path : path,
                fmt::format("the scenario the run was started with is not there (the path {} recorded)", recorded.path),
                "pass it: ttftbench run --resume DIR SCENARIO");
  }
  auto p = load_checked(path, io);
  if (!p) return p;
  if (p->scenario.sha256 != r.scenario_sha256) {
    return fail(path,
                fmt::format("its SHA-256 {} is not {}, the scenario the run was started with ({})",
                            short_sha256(p->scenario.sha256), short_sha256(r.scenario_sha256), recorded.path),
                "resume with the scenario file the run was started with, unchanged");
  }
  if (p->scenario.conversation) {
    return fail(fmt::format("{}: /workload/conversation", path),
                "the replies of the conversations so far were not recorded, so --resume cannot continue them",
                "such a run cannot be resumed: start it again");
  }
  if (const auto phase = schedule::unplannable_phase(p->scenario)) {
    return fail(fmt::format("{}: /phases/{}", path, *phase),
                fmt::format("phase \"{}\" is a closed loop bounded by a duration: its requests are not known before "
                            "the run, so --resume cannot tell which are left",
                            p->scenario.phases[*phase].name),
                "such a run cannot be resumed: start it again");
  }
  return p;
}

template <class Named>
std::optional<std::size_t> index_of(const std::vector<Named>& items, const std::string& name) {
  const auto found = std::find_if(items.begin(), items.end(), [&](const Named& item) { return item.name == name; });
  return found == items.end() ? std::nullopt : std::optional<std::size_t>(found - items.begin());
}

/// The planned request of each row: a row of another run, of a request the schedule does not
/// have (or another shard's), or a second row of one request is an error.
Result<std::vector<schedule::RequestKey>> done_requests(const Prepared& p, const schedule::Scheduler& plan,
                                                        const std::vector<samples::Sample>& rows,
                                                        const std::string& csv_path) {
  std::vector<schedule::RequestKey> done;
  std::unordered_set<std::int64_t> seen;
  for (const samples::Sample& row : rows) {
    if (row.run_id != p.run_id) {
      return fail(csv_path, fmt::format("the row of seq {} is from run \"{}\", not this folder's \"{}\"", row.seq,
                                        row.run_id, p.run_id));
    }
    const auto phase = index_of(p.scenario.phases, row.phase);
    const auto target = index_of(p.scenario.targets, row.target);
    const schedule::RequestKey key{phase.value_or(0), row.seq, target.value_or(0)};
    if (!phase || !target || !plan.plans(key) || (p.shard && !p.shard->owns(row.seq))) {
      return fail(csv_path,
                  fmt::format("the row of seq {} (phase \"{}\", target \"{}\") is not a request of this run's schedule",
                              row.seq, row.phase, row.target),
                  "samples.csv must hold only the rows its run wrote");
    }
    if (!seen.insert(row.seq).second) {
      return fail(csv_path, fmt::format("seq {} has more than one row", row.seq),
                  "samples.csv must hold only the rows its run wrote");
    }
    done.push_back(key);
  }
  return done;
}

}  // namespace

Result<Prepared> prepare_resume(const RunSettings& o, Io& io) {
  const fs::path dir(o.resume_dir);
  auto recorded = read_recorded(dir);
  if (!recorded) return tl::unexpected(recorded.error());
  const Manifest& r = recorded->manifest;
  if (auto flags = check_flags(o, r, io); !flags) return tl::unexpected(flags.error());
  auto p = load_same_scenario(o, *recorded, io);
  if (!p) return p;
  auto shard = schedule::resolve_shard(r.shard, std::nullopt, std::nullopt);
  if (!shard) return fail(recorded->path, fmt::format("\"shard\": {}", shard.error().message));
  p->shard = *shard;
  p->seed = r.seed;
  p->region = r.region;
  p->insecure = r.tls_insecure;
  p->run_id = r.run_id;
  p->out_dir = dir;
  const std::string csv_path = (dir / results::kSamplesCsv).string();
  auto existing = samples::read_samples_csv(csv_path);
  if (!existing) return tl::unexpected(existing.error());
  const schedule::Scheduler plan(p->scenario, p->seed, p->shard);
  auto done = done_requests(*p, plan, existing->samples, csv_path);
  if (!done) return tl::unexpected(done.error());
  const auto left = plan.total_requests() - static_cast<std::int64_t>(done->size());
  p->resume = ResumeFrom{std::move(recorded->manifest), std::move(*existing), std::move(*done), left};
  return p;
}

bool already_complete(const Prepared& p, bool quiet, Io& io) {
  if (!p.resume || p.resume->left > 0 || !p.resume->manifest.ended_at) return false;
  std::error_code ec;
  for (const char* summary : {results::kSummaryCsv, results::kSummaryJson, results::kReportMd, results::kReportHtml}) {
    if (!fs::is_regular_file(p.out_dir / summary, ec)) return false;  // killed before its summaries were written
  }
  if (!quiet) {
    io.err << fmt::format("nothing to resume: all {} requests of {} have rows\n", p.resume->done.size(),
                          p.out_dir.string());
  }
  return true;
}

}  // namespace ttft::run
