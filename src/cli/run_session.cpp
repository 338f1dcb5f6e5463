#include "cli/run_session.hpp"

#include <algorithm>
#include <ostream>
#include <random>

#include <fmt/format.h>

#include "cli/gate_outputs.hpp"
#include "cli/interrupt.hpp"
#include "cli/progress.hpp"
#include "cli/request_builder.hpp"
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

/// A typo in a target or phase name would only show after the whole run: refuse it now.
Result<void> check_assertion_names(const std::vector<gate::Assertion>& assertions, const scenario::Scenario& s) {
  std::vector<std::string> targets, phases;
  for (const auto& target : s.targets) targets.push_back(target.name);
  for (const auto& phase : s.phases) phases.push_back(phase.name);
  for (const auto& assertion : assertions) {
    if (auto wrong = gate::check_names(assertion, targets, phases)) {
      return tl::unexpected(gate::to_error(assertion.text, *wrong));
    }
  }
  return {};
}

}  // namespace

Result<Prepared> prepare_run(const RunOptions& o, Io& io) {
  auto assertions = gate::parse_assertions(o.asserts);
  if (!assertions) return tl::unexpected(assertions.error());
  auto loaded = scenario::load_scenario(o.scenario_path, io.getenv);
  if (!loaded) return tl::unexpected(loaded.error());
  if (auto named = check_assertion_names(*assertions, *loaded); !named) return tl::unexpected(named.error());
  for (const auto& target : loaded->targets) {
    if (!target.is_simulated()) continue;
    if (auto profile = simulated_profile(*loaded, target); !profile) return tl::unexpected(profile.error());
  }
  Prepared p{std::move(*loaded), 0, "", {}, std::move(*assertions)};
  p.seed = o.seed ? *o.seed : p.scenario.seed ? *p.scenario.seed : std::random_device{}();
  p.run_id = fmt::format("{}-{}{}", p.scenario.name, format_utc_compact(wall_now()),
                         o.region.empty() ? "" : "-" + o.region);
  p.out_dir = o.out_dir.empty() ? fs::path("results") / p.run_id : fs::path(o.out_dir);
  return p;
}

RunSession::RunSession(Prepared prepared, const RunOptions& options, const GlobalOptions& global, Io& io)
    : p_(std::move(prepared)), options_(options), global_(global), io_(io), redactor_(p_.scenario.secrets) {
  manifest_ = ManifestInput{p_.run_id, &p_.scenario, redactor_.apply_all(options.argv), p_.seed, options.region,
                            "", wall_now(), std::nullopt, false, nlohmann::json()};
}

Result<void> RunSession::open() {
  std::error_code ec;
  fs::create_directories(p_.out_dir, ec);
  if (ec) return fail(p_.out_dir.string(), "cannot create the results folder: " + ec.message());
  auto writer = samples::CsvWriter::create((p_.out_dir / "samples.csv").string());
  if (!writer) return tl::unexpected(writer.error());
  writer_.emplace(std::move(*writer));
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
  if (global_.verbose) trace_request(*spec, io_);
  return spec;
}

void RunSession::record(driver::Finished&& f) {
  if (global_.verbose) trace_response(f.outcome, redactor_, io_);
  const auto& target = p_.scenario.targets[f.planned.target_index];
  const auto& phase = p_.scenario.phases[f.planned.phase_index];
  const SampleContext context{p_.run_id, options_.region, "", phase.name, target.name, target.protocol,
                              target.model, recorded_request_id(p_, f.planned), phase.cold(), f.planned.seq,
                              prompt_chars(p_.scenario.prompts[f.planned.prompt_index])};
  samples::Sample sample = build_sample(context, f.outcome, redactor_);
  sample.send_lag_ns = f.send_lag_ns;
  sample.idle_before_s = f.idle_before_s;
  sample.cost_pusd = report::sample_cost(sample, target.pricing);
  if (auto appended = writer_->append(sample); !appended && !write_error_) write_error_ = appended.error();
  samples_.push_back(as_written(std::move(sample)));
}

Result<driver::RunLoopResult> RunSession::execute() {
  auto driver = driver::Driver::create();
  if (!driver) return tl::unexpected(driver.error());
  schedule::Scheduler scheduler(p_.scenario, p_.seed);
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
