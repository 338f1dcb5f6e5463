#include "cli/run_session.hpp"

#include <algorithm>
#include <charconv>
#include <ostream>
#include <random>

#include <fmt/format.h>

#include "cli/gate_outputs.hpp"
#include "cli/interrupt.hpp"
#include "cli/progress.hpp"
#include "cli/request_builder.hpp"
#include "cli/resume.hpp"
#include "cli/run_outputs.hpp"
#include "cli/sample_builder.hpp"
#include "cli/trace.hpp"
#include "driver/response_headers.hpp"
#include "gate/evaluate.hpp"
#include "gate/parser.hpp"
#include "report/exporters.hpp"
#include "report/sample_cost.hpp"
#include "samples/csv_format.hpp"
#include "samples/csv_reader.hpp"
#include "scenario/load.hpp"
#include "scenario/names.hpp"
#include "schedule/scheduler.hpp"

namespace ttft::cli {
namespace {

namespace fs = std::filesystem;

/// The id a request is sent with: <run_id>-<target>-<phase>-<seq> (SPEC section 3).
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

std::int64_t prompt_chars(const std::vector<protocol::Message>& messages) {
  std::int64_t chars = 0;
  for (const auto& message : messages) chars += static_cast<std::int64_t>(message.content.size());
  return chars;
}

/// The sample as samples.csv holds it (times to the microsecond, decode_tps to 3 decimals), so
/// the summaries written at the end equal what `report` later rebuilds from the file.
samples::Sample as_written(samples::Sample sample) {
  auto parsed = samples::parse_samples_csv(samples::header_row() + samples::format_row(sample), "row");
  if (!parsed || parsed->samples.size() != 1) return sample;
  return std::move(parsed->samples.front());
}

/// Every shard must plan the same schedule, so without --seed or a scenario seed the shards share
/// one taken from the scenario file's SHA-256 (its first 16 hex digits); a lone run draws one.
std::uint64_t default_seed(const scenario::Scenario& s, bool sharded) {
  std::uint64_t seed = 0;
  if (sharded && s.sha256.size() >= 16) {
    std::from_chars(s.sha256.data(), s.sha256.data() + 16, seed, 16);
    return seed;
  }
  return std::random_device{}();
}

}  // namespace

Result<Prepared> load_checked(const std::string& scenario_path, const std::vector<std::string>& asserts, Io& io) {
  auto assertions = gate::parse_assertions(asserts);
  if (!assertions) return tl::unexpected(assertions.error());
  auto loaded = scenario::load_scenario(scenario_path, io.getenv);
  if (!loaded) return tl::unexpected(loaded.error());
  // A typo in a target or phase name would only show after the whole run: refuse it now.
  const auto named = gate::check_names(*assertions, scenario::target_names(*loaded), scenario::phase_names(*loaded));
  if (!named) return tl::unexpected(named.error());
  Prepared p;
  p.scenario = std::move(*loaded);
  p.assertions = std::move(*assertions);
  return p;
}

Result<Prepared> prepare_run(const RunOptions& o, Io& io) {
  if (!o.resume_dir.empty()) return prepare_resume(o, io);
  if (o.scenario_path.empty()) {
    return fail("run", "a SCENARIO file is required",
                "ttftbench run SCENARIO; or ttftbench run --resume DIR to finish an interrupted run");
  }
  auto p = load_checked(o.scenario_path, o.asserts, io);
  if (!p) return p;
  auto shard = schedule::resolve_shard(o.shard, io.getenv("JOB_COMPLETION_INDEX"), io.getenv("JOB_COMPLETION_COUNT"));
  if (!shard) return tl::unexpected(shard.error());
  if (*shard) {
    if (auto shardable = schedule::check_shardable(p->scenario); !shardable) return tl::unexpected(shardable.error());
  }
  p->shard = *shard;
  p->seed = o.seed ? *o.seed : p->scenario.seed ? *p->scenario.seed : default_seed(p->scenario, p->shard.has_value());
  p->region = o.region;
  p->insecure = o.insecure;
  p->run_id = fmt::format("{}-{}{}{}", p->scenario.name, format_utc_compact(wall_now()),
                          o.region.empty() ? "" : "-" + o.region, p->shard ? schedule::shard_suffix(*p->shard) : "");
  p->out_dir = o.out_dir.empty() ? fs::path("results") / p->run_id : fs::path(o.out_dir);
  return p;
}

RunSession::RunSession(Prepared prepared, const RunOptions& options, const GlobalOptions& global, Io& io)
    : p_(std::move(prepared)), options_(options), global_(global), io_(io), redactor_(p_.scenario.secrets) {
  manifest_ = ManifestInput{p_.run_id, &p_.scenario, redactor_.apply_all(options.argv), p_.seed, p_.region,
                            shard_label(), wall_now(), std::nullopt, false, nlohmann::json()};
  manifest_.tls_insecure = p_.insecure;
  if (p_.resume) manifest_.resumed_from = p_.resume->manifest;
}

std::string RunSession::shard_label() const { return p_.shard ? schedule::shard_label(*p_.shard) : ""; }

// samples.csv comes first, its header written, then the manifest: a folder with a manifest always
// has a samples.csv to resume (a kill in between leaves no manifest, and nothing was sent).
Result<void> RunSession::open() {
  std::error_code ec;
  fs::create_directories(p_.out_dir, ec);
  if (ec) return fail(p_.out_dir.string(), "cannot create the results folder: " + ec.message());
  const std::string samples_path = (p_.out_dir / "samples.csv").string();
  auto writer = p_.resume ? samples::CsvWriter::open_existing(samples_path, p_.resume->existing)
                          : samples::CsvWriter::create(samples_path);
  if (!writer) return tl::unexpected(writer.error());
  writer_.emplace(std::move(*writer));
  if (p_.resume) {
    remove_stale_temp_files(p_.out_dir);
    if (p_.resume->existing.skipped_partial_lines > 0) {
      io_.err << fmt::format("warning: {}: cut off a partial last row (the run was killed while writing it); its "
                             "request is sent again\n", samples_path);
    }
    samples_ = std::move(p_.resume->existing.samples);  // the summaries count every row of the folder
  }
  if (auto written = write_manifest(p_.out_dir, manifest_); !written) return written;
  auto sims = SimulatedTargets::start(p_.scenario, p_.seed);
  if (!sims) return tl::unexpected(sims.error());
  sims_.emplace(std::move(*sims));
  return {};
}

Result<driver::RequestSpec> RunSession::make_request(const schedule::PlannedRequest& planned) const {
  const auto& s = p_.scenario;
  const auto& target = s.targets[planned.target_index];
  RequestInput input{sims_->url(planned.target_index), target.protocol, target.model,
                     s.prompts[planned.prompt_index], s.max_tokens, target.body, target.headers,
                     generated_request_id(p_, planned), s.request_id_header};
  auto spec = build_request(input);
  if (!spec) return spec;
  spec->timeouts = {s.timeouts.connect_ns, s.timeouts.first_event_ns, s.timeouts.total_ns};
  spec->reuse_connection = target.reuse_connections;
  spec->follow_redirects = target.follow_redirects;
  spec->tls_insecure = target.tls.insecure;
  spec->cacert = target.tls.cacert;
  if (global_.verbose) trace_request(*spec, redactor_, io_);
  return spec;
}

void RunSession::record(driver::Finished&& f) {
  if (global_.verbose) trace_response(f.outcome, redactor_, io_);
  const auto& target = p_.scenario.targets[f.planned.target_index];
  const auto& phase = p_.scenario.phases[f.planned.phase_index];
  const SampleContext context{p_.run_id, p_.region, shard_label(), phase.name, target.name, target.protocol,
                              target.model, recorded_request_id(p_, f.planned), phase.cold(), f.planned.seq,
                              prompt_chars(p_.scenario.prompts[f.planned.prompt_index])};
  samples::Sample sample = build_sample(context, f.outcome, redactor_);
  sample.send_lag_ns = f.send_lag_ns;
  sample.idle_before_s = f.idle_before_s;
  sample.cost_pusd = report::sample_cost(sample, target.pricing);
  if (auto appended = writer_->append(sample); !appended && !write_error_) write_error_ = appended.error();
  samples_.push_back(std::move(sample));  // rounded as written in finish(), off the event loop
}

Result<driver::RunLoopResult> RunSession::execute() {
  auto driver = driver::Driver::create();
  if (!driver) return tl::unexpected(driver.error());
  const auto done = p_.resume ? p_.resume->done : std::vector<schedule::RequestKey>{};
  schedule::Scheduler scheduler(p_.scenario, p_.seed, p_.shard, done);  // resumed: the rest only
  std::vector<std::string> target_names;
  for (const auto& target : p_.scenario.targets) target_names.push_back(target.name);
  ProgressLine progress(io_, io_.err_is_tty && !global_.quiet, scheduler.total_requests(), target_names);
  InterruptFlag interrupt;

  driver::RunHooks hooks;
  hooks.make_request = [this](const schedule::PlannedRequest& planned) { return make_request(planned); };
  hooks.on_finished = [&](driver::Finished&& finished) {
    record(std::move(finished));
    progress.record(samples_.back());
  };
  hooks.on_progress = [&](Nanos elapsed_ns) { progress.render(elapsed_ns); };
  auto result = driver::run_schedule(scheduler, **driver, hooks, interrupt.flag(), monotonic_ns());
  progress.finish();
  return result;
}

ExitCode RunSession::finish(const driver::RunLoopResult& result) {
  manifest_.ended_at = wall_now();
  // Formatting and re-parsing each row costs tens of microseconds: done here, not per request
  // on the event loop, where it delayed the reads of every other stream. Rows a resume read from
  // the file are already as written; rounding them again leaves them unchanged.
  for (auto& sample : samples_) sample = as_written(std::move(sample));
  manifest_.interrupted = result.interrupted;
  const auto lateness = summarize_lateness(samples_, result.loop);
  manifest_.client_lateness = lateness_to_json(lateness);
  const RunOutputs outputs{p_.out_dir, &p_.scenario, p_.run_id, p_.seed, result.interrupted, lateness, &manifest_};
  const auto model = write_reports(outputs, samples_, global_.color(io_), global_.quiet, io_);
  if (!model) {
    io_.err << render_error(model.error());
    return ExitCode::run_failed;
  }
  const ExitCode gated = apply_gates(*model);
  if (write_error_) {
    io_.err << render_error(*write_error_);
    return ExitCode::run_failed;
  }
  if (result.interrupted) return ExitCode::interrupted;
  const bool all_failed = std::all_of(samples_.begin(), samples_.end(),
                                      [](const samples::Sample& s) { return !s.error.empty(); });
  if (all_failed) {
    io_.err << render_error(Error{"run", fmt::format("every one of the {} requests failed", samples_.size()),
                                  "see error and error_detail in samples.csv, or rerun with -v"});
    return ExitCode::run_failed;
  }
  return gated;  // a failed assertion decides only when the run itself succeeded
}

ExitCode RunSession::apply_gates(const report::Report& model) {
  const auto checks = gate::evaluate_all(p_.assertions, model);
  print_checks(checks, io_.out, true);
  if (!options_.summary_md.empty() || io_.getenv("GITHUB_STEP_SUMMARY")) {
    const std::string markdown = report::export_markdown(model) + gate::checks_markdown(checks);
    if (auto published = publish_summary_markdown(markdown, options_.summary_md, io_); !published) {
      io_.err << render_error(published.error());
      return ExitCode::run_failed;
    }
  }
  return gate::any_failed(checks) ? ExitCode::check_failed : ExitCode::ok;
}

}  // namespace ttft::cli
