// whatif: folders read as `report` reads them, pools and policies built, the replay printed.
#include "cli/whatif_command.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "cli/volume_option.hpp"
#include "core/exit_codes.hpp"
#include "exporters/registry.hpp"
#include "report/merge.hpp"
#include "results/folder.hpp"
#include "results/folder_layout.hpp"
#include "results/outputs_file.hpp"
#include "whatif/notes.hpp"
#include "whatif/result.hpp"

namespace ttft::cli {
namespace {

constexpr std::int64_t kMaxReplayRequests = 10'000'000;

/// Baselines first (each target with samples, scenario order), then the policies as given.
Result<std::vector<whatif::Policy>> policies_of(const WhatifOptions& o, const std::vector<whatif::TargetPool>& pools,
                                               const std::vector<std::string>& targets) {
  std::vector<whatif::Policy> policies;
  for (const whatif::TargetPool& pool : pools) {
    if (!pool.draws.empty()) policies.push_back(whatif::single_target(pool.target));
  }
  for (const std::string& text : o.policies) {
    auto policy = whatif::parse_policy(text, targets);
    if (!policy) return tl::unexpected(policy.error());
    policies.push_back(std::move(*policy));
  }
  if (policies.empty()) return fail("", "no samples to replay", "check the folders and --phase");
  return policies;
}

/// The prompts of the folder's rows from its outputs.jsonl (none when it has none; `recorded`
/// turns true when it has one).
Result<std::vector<std::optional<std::string>>> recorded_prompts(const results::ResultsFolder& folder, bool& recorded) {
  const std::string path = (std::filesystem::path(folder.dir) / results::kOutputsJsonl).string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::vector<std::optional<std::string>>(folder.samples.size());
  auto outputs = results::read_outputs_jsonl(path);
  if (!outputs) return tl::unexpected(outputs.error());
  recorded = true;
  return results::prompts_of_rows(folder.samples, outputs->records);
}

Result<whatif::WhatifResult> replay_folders(const WhatifOptions& o, Io& io) {
  auto volume = parse_volume_option(o.volume);
  if (!volume) return tl::unexpected(volume.error());
  auto folders = results::read_results_folders(o.dirs, io);
  if (!folders) return tl::unexpected(folders.error());
  std::vector<results::Manifest> runs;
  std::vector<samples::Sample> rows;
  std::vector<std::optional<std::string>> prompts;  // by row, from each folder's outputs.jsonl
  bool recorded = false;
  for (results::ResultsFolder& folder : *folders) {
    runs.push_back(folder.manifest_or_stand_in());
    auto folder_prompts = recorded_prompts(folder, recorded);
    if (!folder_prompts) return tl::unexpected(folder_prompts.error());
    prompts.insert(prompts.end(), folder_prompts->begin(), folder_prompts->end());
    rows.insert(rows.end(), std::make_move_iterator(folder.samples.begin()),
                std::make_move_iterator(folder.samples.end()));
  }
  const report::RunInfo run = report::with_observed_names(report::merge_run_info(runs), rows);
  if (!o.phase.empty() && std::find(run.phases.begin(), run.phases.end(), o.phase) == run.phases.end()) {
    return fail("--phase", fmt::format("no phase \"{}\" in these results (phases: {})", o.phase,
                                       fmt::join(run.phases, ", ")));
  }
  const auto pools = whatif::build_pools(rows, run.targets, run.pricing, {o.metric, o.phase}, prompts);
  auto policies = policies_of(o, pools, run.targets);
  if (!policies) return tl::unexpected(policies.error());
  for (const whatif::Policy& policy : *policies) {
    if (policy.kind == whatif::PolicyKind::route && !recorded) {
      return fail(fmt::format("--policy \"{}\"", policy.text), "route needs outputs.jsonl: run with --record-outputs",
                  "the router reads each request's prompt from the results folder's outputs.jsonl");
    }
  }
  const std::uint64_t seed = o.seed.value_or(run.seed);
  auto outcomes = whatif::replay(*policies, pools, {o.requests, seed});
  if (!outcomes) return tl::unexpected(outcomes.error());
  whatif::WhatifResult result{o.metric, o.phase, o.requests, seed, {}, std::move(*outcomes),
                              whatif::replay_notes(*policies, pools), *volume, run.pricing};
  for (const whatif::TargetPool& pool : pools) result.samples.emplace_back(pool.target, pool.draws.size());
  return result;
}

}  // namespace

void setup_whatif_command(CLI::App& app, WhatifOptions& o) {
  auto* cmd = app.add_subcommand("whatif", "Replay measured samples through routing policies (latency and cost)");
  cmd->add_option("dirs", o.dirs, "Results folders written by 'ttftbench run'")->required();
  cmd->add_option("--policy", o.policies,
                  "A routing policy, repeatable: '<A>-first timeout=<dur> fallback=<B>', "
                  "'hedge [first=A second=B] after=<dur>', 'split input_tokens<N A else B', "
                  "'route short<N keywords=a,b A else B' "
                  "(each target alone is always shown)")
      ->allow_extra_args(false);
  cmd->add_option("--format", o.format, "Output format (default table)")
      ->check(CLI::IsMember(exporters::format_names(exporters::whatif_formats())));
  cmd->add_option("--metric", o.metric, "Latency replayed (default ttft)")
      ->check(CLI::IsMember({"ttft", "first_token", "first_answer"}));
  cmd->add_option("--phase", o.phase, "Draw from this phase only (default every phase)");
  cmd->add_option("--requests", o.requests, "Simulated requests per policy (default 10000)")
      ->check(CLI::Range(std::int64_t{1}, kMaxReplayRequests));
  cmd->add_option("--seed", o.seed, "Seed of the draws (default the run's seed)");
  cmd->add_option("--volume", o.volume, "Also the monthly cost at this volume (e.g. 10M/month, 300k/day)");
}

int run_whatif_command(const WhatifOptions& o, const GlobalOptions& global, Io& io) {
  const auto result = replay_folders(o, io);
  if (!result) {
    io.err << render_error(result.error());
    return to_int(ExitCode::usage);
  }
  io.out << exporters::find_format(exporters::whatif_formats(), o.format).render(*result, global.color(io));
  io.out.flush();
  return to_int(ExitCode::ok);
}

}  // namespace ttft::cli
