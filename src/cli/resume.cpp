// `run --resume DIR`: the folder's manifest says how the run was started; its rows say which of
// the planned requests are done. Every run numbers its requests by the schedule planned from its
// scenario and seed (schedule/scheduler.hpp), so re-planning gives each row its request back.
#include "cli/resume.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <regex>
#include <sstream>
#include <unordered_set>

#include <fmt/format.h>

#include "cli/results_folder.hpp"
#include "scenario/json_syntax.hpp"

namespace ttft::cli {
namespace {

namespace fs = std::filesystem;
using scenario::Json;

constexpr const char* kFolderHint =
    "pass the results folder of the run to finish (it holds manifest.json and samples.csv)";
constexpr const char* kKeepHint =
    "a resumed run keeps the settings it was started with, as manifest.json records them";

/// What manifest.json says about how the run was started.
struct Recorded {
  Json manifest;
  std::string path;  // of manifest.json, for errors
  std::string run_id, scenario_path, scenario_sha256, region, shard;
  std::uint64_t seed = 0;
  bool insecure = false;
  bool ended = false;
};

std::string text_of(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

Result<Recorded> read_manifest(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return fail(dir.string(), "no such folder", kFolderHint);
  Recorded r;
  r.path = (dir / "manifest.json").string();
  if (!fs::is_regular_file(r.path, ec)) {
    return fail(dir.string(), "no manifest.json: not a results folder, or its run was killed before it sent anything",
                "a run that wrote no manifest measured nothing: start it again");
  }
  if (!fs::is_regular_file(dir / "samples.csv", ec)) return fail(dir.string(), "no samples.csv here", kFolderHint);
  std::ifstream file(r.path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file) return fail(r.path, "cannot read this file");
  auto parsed = scenario::parse_json_with_comments(text.str(), r.path);
  if (!parsed) return tl::unexpected(parsed.error());
  r.manifest = std::move(*parsed);
  const Json& m = r.manifest;
  const auto seed = m.is_object() ? m.find("seed") : m.end();
  if (!m.is_object() || text_of(m, "run_id").empty() || seed == m.end() || !seed->is_number_unsigned()) {
    return fail(r.path, "not a ttftbench manifest: expected \"run_id\" and \"seed\"", kFolderHint);
  }
  r.run_id = text_of(m, "run_id");
  r.seed = seed->get<std::uint64_t>();
  r.scenario_path = text_of(m, "scenario_path");
  r.scenario_sha256 = text_of(m, "scenario_sha256");
  r.region = text_of(m, "region");
  r.shard = text_of(m, "shard");
  const auto insecure = m.find("tls_insecure");
  r.insecure = insecure != m.end() && insecure->is_boolean() && insecure->get<bool>();
  r.ended = !text_of(m, "ended_at").empty();
  return r;
}

/// Flags that would run the rest differently from how the run was started.
Result<void> check_flags(const RunOptions& o, const Recorded& r, Io& io) {
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
  if (o.insecure && !r.insecure) {
    return fail("--insecure", "the run was started with certificate verification: its rows would mix verified and "
                              "unverified requests", kKeepHint);
  }
  return {};
}

/// The scenario as the run was started with it: the same file bytes (SHA-256), re-loaded.
Result<Prepared> load_same_scenario(const RunOptions& o, const Recorded& r, Io& io) {
  const std::string path = o.scenario_path.empty() ? r.scenario_path : o.scenario_path;
  std::error_code ec;
  if (o.scenario_path.empty() && !fs::is_regular_file(path, ec)) {
    return fail(path.empty() ? r.path : path,
                fmt::format("the scenario the run was started with is not there (the path {} recorded)", r.path),
                "pass it: ttftbench run --resume DIR SCENARIO");
  }
  auto p = load_checked(path, o.asserts, io);
  if (!p) return p;
  if (p->scenario.sha256 != r.scenario_sha256) {
    return fail(path,
                fmt::format("its SHA-256 {} is not {}, the scenario the run was started with ({})",
                            short_sha256(p->scenario.sha256), short_sha256(r.scenario_sha256), r.path),
                "resume with the scenario file the run was started with, unchanged");
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

Result<Prepared> prepare_resume(const RunOptions& o, Io& io) {
  const fs::path dir(o.resume_dir);
  auto recorded = read_manifest(dir);
  if (!recorded) return tl::unexpected(recorded.error());
  if (auto flags = check_flags(o, *recorded, io); !flags) return tl::unexpected(flags.error());
  auto p = load_same_scenario(o, *recorded, io);
  if (!p) return p;
  auto shard = schedule::resolve_shard(recorded->shard, std::nullopt, std::nullopt);
  if (!shard) return fail(recorded->path, fmt::format("\"shard\": {}", shard.error().message));
  p->shard = *shard;
  p->seed = recorded->seed;
  p->region = recorded->region;
  p->insecure = recorded->insecure;
  p->run_id = recorded->run_id;
  p->out_dir = dir;
  const std::string csv_path = (dir / "samples.csv").string();
  auto existing = samples::read_samples_csv(csv_path);
  if (!existing) return tl::unexpected(existing.error());
  const schedule::Scheduler plan(p->scenario, p->seed, p->shard);
  auto done = done_requests(*p, plan, existing->samples, csv_path);
  if (!done) return tl::unexpected(done.error());
  const auto left = plan.total_requests() - static_cast<std::int64_t>(done->size());
  p->resume = ResumeFrom{std::move(recorded->manifest), std::move(*existing), std::move(*done), left, recorded->ended};
  return p;
}

void remove_stale_temp_files(const fs::path& dir) {
  static const std::regex kTemp(R"(.+\.tmp-[A-Za-z0-9]{6})");  // report/atomic_write.cpp's mkstemp names
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && std::regex_match(entry.path().filename().string(), kTemp)) {
      fs::remove(entry.path(), ec);
    }
  }
}

bool already_complete(const Prepared& p, const GlobalOptions& global, Io& io) {
  if (!p.resume || p.resume->left > 0 || !p.resume->ended) return false;
  if (!global.quiet) {
    io.err << fmt::format("nothing to resume: all {} requests of {} have rows\n", p.resume->done.size(),
                          p.out_dir.string());
  }
  return true;
}

}  // namespace ttft::cli
