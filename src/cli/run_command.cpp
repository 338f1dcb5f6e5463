#include "cli/run_command.hpp"

#include <filesystem>
#include <ostream>
#include <random>

#include <fmt/format.h>

#include "cli/interrupt.hpp"
#include "cli/manifest.hpp"
#include "cli/progress.hpp"
#include "cli/request_builder.hpp"
#include "cli/run_outputs.hpp"
#include "cli/sample_builder.hpp"
#include "cli/sim_targets.hpp"
#include "cli/trace.hpp"
#include "core/exit_codes.hpp"
#include "core/redact.hpp"
#include "driver/response_headers.hpp"
#include "driver/run_loop.hpp"
#include "report/report_model.hpp"
#include "report/sample_cost.hpp"
#include "samples/csv_writer.hpp"
#include "scenario/load.hpp"
#include "schedule/scheduler.hpp"

namespace ttft::cli {
namespace {

namespace fs = std::filesystem;

/// Everything `run` needs before the first request: nothing has been sent if this fails.
struct Prepared {
  scenario::Scenario scenario;
  std::uint64_t seed = 0;
  std::string run_id;
  fs::path out_dir;
};

Result<Prepared> prepare(const RunOptions& o, Io& io) {
  auto loaded = scenario::load_scenario(o.scenario_path, io.getenv);
  if (!loaded) return tl::unexpected(loaded.error());
  for (const auto& target : loaded->targets) {
    if (!target.is_simulated()) continue;
    if (auto profile = simulated_profile(*loaded, target); !profile) return tl::unexpected(profile.error());
  }
  Prepared p{std::move(*loaded), 0, "", {}};
  p.seed = o.seed ? *o.seed : p.scenario.seed ? *p.scenario.seed : std::random_device{}();
  p.run_id = fmt::format("{}-{}{}", p.scenario.name, format_utc_compact(wall_now()),
                         o.region.empty() ? "" : "-" + o.region);
  p.out_dir = o.out_dir.empty() ? fs::path("results") / p.run_id : fs::path(o.out_dir);
  return p;
}

/// The id this request is sent with: <run_id>-<target>-<phase>-<seq> (SPEC section 3).
std::string generated_request_id(const Prepared& p, const schedule::PlannedRequest& planned) {
  return fmt::format("{}-{}-{}-{}", p.run_id, p.scenario.targets[planned.target_index].name,
                     p.scenario.phases[planned.phase_index].name, planned.seq);
}

/// What the request_id column records: the user's own header value when the target sets one,
/// nothing when the scenario turned the header off, else the generated id.
std::string recorded_request_id(const Prepared& p, const schedule::PlannedRequest& planned) {
  const auto& header = p.scenario.request_id_header;
  if (header.empty()) return "";
  const auto users = driver::header_value(p.scenario.targets[planned.target_index].headers, header);
  return users.empty() ? generated_request_id(p, planned) : users;
}

Result<driver::RequestSpec> make_request(const Prepared& p, const SimulatedTargets& sims,
                                         const schedule::PlannedRequest& planned) {
  const auto& s = p.scenario;
  const auto& target = s.targets[planned.target_index];
  RequestInput input{sims.url(planned.target_index), target.protocol, target.model,
                     s.prompts[planned.prompt_index], s.max_tokens, target.body, target.headers,
                     generated_request_id(p, planned), s.request_id_header};
  auto spec = build_request(input);
  if (!spec) return spec;
  spec->timeouts = {s.timeouts.connect_ns, s.timeouts.first_event_ns, s.timeouts.total_ns};
  spec->reuse_connection = target.reuse_connections;
  spec->follow_redirects = target.follow_redirects;
  spec->tls_insecure = target.tls.insecure;
  spec->cacert = target.tls.cacert;
  return spec;
}

std::int64_t prompt_chars(const std::vector<protocol::Message>& messages) {
  std::int64_t chars = 0;
  for (const auto& message : messages) chars += static_cast<std::int64_t>(message.content.size());
  return chars;
}

}  // namespace

void setup_run_command(CLI::App& app, RunOptions& o) {
  auto* cmd = app.add_subcommand("run", "Run a scenario: alternate requests between targets, write results");
  cmd->add_option("scenario", o.scenario_path, "Scenario file (JSON with comments)")->required();
  cmd->add_option("--out", o.out_dir, "Results folder (default results/<name>-<UTC>[-<region>])");
  cmd->add_option("--seed", o.seed, "Seed for the order of targets and arrivals (default: scenario's, else random)");
  cmd->add_option("--region", o.region, "Label for where this client runs (tags rows and the folder)");
}

int run_run_command(const RunOptions& o, const GlobalOptions& global, Io& io) {
  auto prepared = prepare(o, io);
  if (!prepared) {
    io.err << render_error(prepared.error());
    return to_int(ExitCode::usage);
  }
  Prepared& p = *prepared;
  const Redactor redactor(p.scenario.secrets);
  std::error_code ec;
  fs::create_directories(p.out_dir, ec);
  auto writer = samples::CsvWriter::create((p.out_dir / "samples.csv").string());
  if (ec || !writer) {
    io.err << render_error(writer ? Error{p.out_dir.string(), "cannot create the results folder: " + ec.message(), ""}
                                  : writer.error());
    return to_int(ExitCode::run_failed);
  }
  ManifestInput manifest{p.run_id, &p.scenario, redactor.apply_all(o.argv), p.seed, o.region, "",
                         wall_now(), std::nullopt, false, nlohmann::json()};
  if (auto written = write_manifest(p.out_dir, manifest); !written) {
    io.err << render_error(written.error());
    return to_int(ExitCode::run_failed);
  }
  auto sims = SimulatedTargets::start(p.scenario, p.seed);
  auto driver = driver::Driver::create();
  if (!sims || !driver) {
    io.err << render_error(sims ? driver.error() : sims.error());
    return to_int(ExitCode::run_failed);
  }
  schedule::Scheduler scheduler(p.scenario, p.seed);
  std::vector<std::string> target_names;
  for (const auto& target : p.scenario.targets) target_names.push_back(target.name);
  ProgressLine progress(io, io.err_is_tty && !global.quiet, scheduler.total_requests(), target_names);
  std::vector<samples::Sample> all_samples;
  std::optional<Error> write_error;
  InterruptFlag interrupt;

  driver::RunHooks hooks;
  hooks.make_request = [&](const schedule::PlannedRequest& planned) {
    auto spec = make_request(p, *sims, planned);
    if (spec && global.verbose) trace_request(*spec, io);
    return spec;
  };
  hooks.on_finished = [&](driver::Finished&& f) {
    if (global.verbose) trace_response(f.outcome, io);
    const auto& target = p.scenario.targets[f.planned.target_index];
    const auto& phase = p.scenario.phases[f.planned.phase_index];
    SampleContext context{p.run_id, o.region, "", phase.name, target.name, target.protocol, target.model,
                          recorded_request_id(p, f.planned), phase.cold(), f.planned.seq,
                          prompt_chars(p.scenario.prompts[f.planned.prompt_index])};
    samples::Sample sample = build_sample(context, f.outcome);
    sample.send_lag_ns = f.send_lag_ns;
    sample.idle_before_s = f.idle_before_s;
    sample.cost_pusd = report::sample_cost(sample, target.pricing);
    sample.error_detail = redactor.apply(sample.error_detail);
    if (auto appended = writer->append(sample); !appended && !write_error) write_error = appended.error();
    progress.record(sample);
    all_samples.push_back(std::move(sample));
  };
  hooks.on_progress = [&](Nanos elapsed_ns) { progress.render(elapsed_ns); };

  const Nanos run_start_ns = monotonic_ns();
  auto result = driver::run_schedule(scheduler, **driver, hooks, interrupt.flag(), run_start_ns);
  progress.finish();
  if (!result) {
    io.err << render_error(result.error());
    return to_int(ExitCode::run_failed);
  }
  manifest.ended_at = wall_now();
  manifest.interrupted = result->interrupted;
  const auto lateness = summarize_lateness(all_samples, result->loop);
  manifest.client_lateness = lateness_to_json(lateness);
  RunOutputs outputs{p.out_dir, &p.scenario, p.run_id, p.seed, result->interrupted, lateness, &manifest};
  if (auto written = write_reports(outputs, all_samples, global.color(io), global.quiet, io); !written) {
    io.err << render_error(written.error());
    return to_int(ExitCode::run_failed);
  }
  if (write_error) {
    io.err << render_error(*write_error);
    return to_int(ExitCode::run_failed);
  }
  if (result->interrupted) return to_int(ExitCode::interrupted);
  const bool all_failed = std::all_of(all_samples.begin(), all_samples.end(),
                                      [](const samples::Sample& s) { return !s.error.empty(); });
  if (all_failed) {
    io.err << render_error(Error{"run", fmt::format("every one of the {} requests failed", all_samples.size()),
                                 "see error and error_detail in samples.csv, or rerun with -v"});
    return to_int(ExitCode::run_failed);
  }
  return to_int(ExitCode::ok);
}

}  // namespace ttft::cli
