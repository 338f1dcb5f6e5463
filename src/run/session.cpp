#include "run/session.hpp"

#include <algorithm>
#include <charconv>
#include <ostream>
#include <random>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <unistd.h>

#include "core/version.hpp"
#include "metrics/grade.hpp"
#include "cost/sample_cost.hpp"
#include "driver/curl_handles.hpp"
#include "driver/response_headers.hpp"
#include "exporters/registry.hpp"
#include "results/atomic_write.hpp"
#include "results/folder.hpp"
#include "results/folder_layout.hpp"
#include "run/browser_side.hpp"
#include "run/interrupt.hpp"
#include "run/lateness.hpp"
#include "run/live_view.hpp"
#include "run/output_record.hpp"
#include "run/progress.hpp"
#include "core/check.hpp"
#include "run/request_builder.hpp"
#include "run/resume.hpp"
#include "run/sample_builder.hpp"
#include "run/tls_options.hpp"
#include "run/trace.hpp"
#include "scenario/load.hpp"

namespace ttft::run {
namespace {

namespace fs = std::filesystem;

// The expected answer of the scenario's prompt `index` (docs/scenario.md ("Graded prompts")), or nullptr.
const metrics::Expected* expected_of(const scenario::Scenario& s, std::optional<std::int64_t> index) {
  if (!index || static_cast<std::size_t>(*index) >= s.expected.size()) return nullptr;
  const auto& expected = s.expected[static_cast<std::size_t>(*index)];
  return expected ? &*expected : nullptr;
}

/// The id a request is sent with: <run_id>-<target>-<phase>-<seq> (docs/scenario.md ("Request ids")).
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

std::int64_t chars_of(const std::vector<protocol::Message>& messages) {
  std::int64_t chars = 0;
  for (const auto& message : messages) chars += static_cast<std::int64_t>(message.content.size());
  return chars;
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

std::string host_name() {
  char name[256] = {};
  return gethostname(name, sizeof name - 1) == 0 ? name : "";
}

/// A fresh run: the scenario and the shard, a seed and a folder.
Result<Prepared> prepare_fresh(const RunSettings& o, Io& io) {
  if (o.scenario_path.empty()) {
    return fail("run", "a SCENARIO file is required",
                "ttftbench run SCENARIO; or ttftbench run --resume DIR to finish an interrupted run");
  }
  auto p = load_checked(o.scenario_path, io);
  if (!p) return p;
  if (const std::string note = scenario::dataset_skips_note(p->scenario); !note.empty()) io.err << "note: " << note << "\n";
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

}  // namespace

Result<Prepared> load_checked(const std::string& scenario_path, Io& io) {
  auto loaded = scenario::load_scenario(scenario_path, io.getenv);  // sim profiles included
  if (!loaded) return tl::unexpected(loaded.error());
  Prepared p;
  p.scenario = std::move(*loaded);
  return p;
}

Result<Prepared> prepare_run(const RunSettings& o, Io& io) {
  auto p = o.resume_dir.empty() ? prepare_fresh(o, io) : prepare_resume(o, io);
  if (!p) return p;
  if (auto tls = apply_tls_options(p->scenario, p->insecure, io); !tls) return tl::unexpected(tls.error());
  if (auto browser = check_browser_available(p->scenario); !browser) return tl::unexpected(browser.error());
  return p;
}

Session::Session(Prepared prepared, RunSettings settings, RunDisplay display, Io& io)
    : p_(std::move(prepared)),
      settings_(std::move(settings)),
      display_(display),
      io_(io),
      redactor_(secrets_with_exports(p_.scenario.secrets, settings_.exports)),
      picker_(p_.scenario, p_.seed),
      in_flight_(p_.scenario.targets.size(), 0),
      body_memos_(p_.scenario.targets.size()) {
  const auto& s = p_.scenario;
  results::Manifest& m = manifest_;
  m.tool_version = kVersion;
  m.libcurl_version = driver::curl_version_string();
  m.run_id = p_.run_id;
  m.command_line = redactor_.apply_all(settings_.command_line);
  m.scenario_path = s.path;
  m.scenario_sha256 = s.sha256;
  m.scenario_name = s.name;
  m.scenario = s.redacted;
  m.host = host_name();
  m.region = p_.region;
  m.shard = shard_label();
  m.seed = p_.seed;
  m.prompt_cache = s.prompt_cache == scenario::PromptCache::bust ? "bust" : "allow";
  m.tls_insecure = p_.insecure;
  m.tls_insecure_targets = insecure_targets(s);
  m.started_at = format_utc_ms(wall_now());
  if (p_.resume) manifest_ = results::continued(p_.resume->manifest, std::move(manifest_));
}

std::string Session::shard_label() const { return p_.shard ? schedule::shard_label(*p_.shard) : ""; }

// samples.csv comes first, its header written, then the manifest: a folder with a manifest always
// has a samples.csv to resume (a kill in between leaves no manifest, and nothing was sent).
Result<void> Session::open() {
  std::error_code ec;
  fs::create_directories(p_.out_dir, ec);
  if (ec) return fail(p_.out_dir.string(), "cannot create the results folder: " + ec.message());
  const std::string samples_path = (p_.out_dir / results::kSamplesCsv).string();
  auto writer = p_.resume ? samples::CsvWriter::open_existing(samples_path, p_.resume->existing)
                          : samples::CsvWriter::create(samples_path);
  if (!writer) return tl::unexpected(writer.error());
  writer_.emplace(std::move(*writer));
  if (auto opened = open_outputs(); !opened) return opened;  // before the resumed rows are let go
  if (p_.resume) {
    results::remove_stale_temp_files(p_.out_dir);
    if (p_.resume->existing.skipped_partial_lines > 0) {
      io_.err << fmt::format("warning: {}: cut off a partial last row (the run was killed while writing it); its "
                             "request is sent again\n", samples_path);
    }
    for (const auto& row : p_.resume->existing.samples) count(row);  // the end counts every row of the folder
    p_.resume->existing.samples.clear();
  }
  if (auto written = results::write_manifest(p_.out_dir, manifest_); !written) return written;
  auto sims = SimulatedTargets::start(p_.scenario, p_.seed);
  if (!sims) return tl::unexpected(sims.error());
  sims_.emplace(std::move(*sims));
  return {};
}

// outputs.jsonl after samples.csv: asked for by the flag or the scenario, and kept on when a resumed
// folder has one (docs/results.md ("outputs.jsonl")).
Result<void> Session::open_outputs() {
  const fs::path path = p_.out_dir / results::kOutputsJsonl;
  std::error_code ec;
  const bool resumed_with = p_.resume && fs::exists(path, ec);
  if (!settings_.record_outputs && !p_.scenario.record_outputs && !resumed_with) return {};
  std::set<std::tuple<std::string, std::string, std::int64_t>> rows;  // target, phase, seq
  if (p_.resume) {
    for (const samples::Sample& row : p_.resume->existing.samples) rows.insert({row.target, row.phase, row.seq});
  }
  const auto has_row = [&rows](const results::OutputRecord& line) {
    return rows.count({line.target, line.phase, line.seq}) > 0;
  };
  auto outputs = p_.resume ? results::OutputsWriter::open_existing(path.string(), redactor_, has_row)
                           : results::OutputsWriter::create(path.string(), redactor_);
  if (!outputs) return tl::unexpected(outputs.error());
  outputs_.emplace(std::move(*outputs));
  return {};
}

// The messages a request sends: its prompt behind the prompt-cache nonce unless the scenario allows
// caching (docs/scenario.md ("Prompt cache")); a conversation's later turns behind the conversation
// so far, whose first turn carries the nonce (docs/scenario.md ("Conversations")).
std::vector<protocol::Message> Session::sent_messages(const schedule::PlannedRequest& planned,
                                                      std::vector<protocol::Message> prompt) {
  const bool bust = p_.scenario.prompt_cache == scenario::PromptCache::bust;
  if (!planned.turn) return bust ? with_prefix(std::move(prompt), prompt_nonce(p_.seed, planned.seq)) : prompt;
  auto& history = conversations_[{planned.target_index, planned.phase_index, *planned.conversation}];
  if (*planned.turn == 1) {
    history = bust ? with_prefix(std::move(prompt), prompt_nonce(p_.seed, planned.seq)) : std::move(prompt);
  } else {
    for (auto& message : prompt) history.push_back(std::move(message));
  }
  return history;
}

// A conversation's reply joins it, so its next turn sends what the server really said.
void Session::remember_reply(const schedule::PlannedRequest& planned, std::string reply) {
  if (!planned.turn) return;
  const ConversationKey key{planned.target_index, planned.phase_index, *planned.conversation};
  if (*planned.turn == p_.scenario.conversation->turns) {
    conversations_.erase(key);
    return;
  }
  conversations_[key].push_back({"assistant", std::move(reply)});
}

// An embeddings target's request: its inputs as they are (no prompt-cache nonce: an embedding
// endpoint has no prefix cache to bust, and the nonce would change the vectors).
Result<driver::RequestSpec> Session::embeddings_request(const schedule::PlannedRequest& planned) {
  const auto& target = p_.scenario.targets[planned.target_index];
  RequestWorkload workload = picker_.pick(planned);
  std::int64_t chars = 0;
  for (const std::string& text : workload.inputs) chars += static_cast<std::int64_t>(text.size());
  asked_[planned.seq] = {chars, workload.input_tokens_requested, std::nullopt, {}, std::nullopt, nullptr};
  return build_embeddings_request({sims_->url(planned.target_index), target.protocol, target.model,
                                   std::move(workload.inputs), target.dimensions, target.headers,
                                   generated_request_id(p_, planned), p_.scenario.request_id_header});
}

Result<driver::RequestSpec> Session::chat_request(const schedule::PlannedRequest& planned) {
  const auto& s = p_.scenario;
  const auto& target = s.targets[planned.target_index];
  RequestWorkload workload = picker_.pick(planned);
  std::string prompt = outputs_ ? last_user_text(workload.messages) : std::string();
  auto messages = sent_messages(planned, std::move(workload.messages));
  // Conversation turns are not graded: a later turn's answer depends on the replies before it.
  const metrics::Expected* expected = planned.turn ? nullptr : expected_of(s, workload.prompt_index);
  asked_[planned.seq] = {chars_of(messages), workload.input_tokens_requested, workload.max_tokens,
                         std::move(prompt), workload.prompt_index, expected};
  RequestInput input{sims_->url(planned.target_index), target.protocol, target.model,
                     std::move(messages), workload.max_tokens, target.body, target.headers,
                     generated_request_id(p_, planned), s.request_id_header, s.tools, s.tool_choice};
  input.stream = target.stream;
  auto spec = build_request(input, &body_memos_[planned.target_index]);
  if (spec) spec->keep_answer_text = planned.turn.has_value() || outputs_.has_value() || expected != nullptr;
  return spec;
}

Result<driver::RequestSpec> Session::make_request(const schedule::PlannedRequest& planned) {
  const auto& s = p_.scenario;
  const auto& target = s.targets[planned.target_index];
  auto spec = target.embeds() ? embeddings_request(planned) : chat_request(planned);
  if (!spec) return spec;
  spec->timeouts = {s.timeouts.connect_ns, s.timeouts.first_event_ns, s.timeouts.total_ns};
  spec->reuse_connection = target.reuse_connections;
  spec->http_version = target.http == scenario::HttpVersion::http1_1 ? driver::HttpVersion::http1_1
                       : target.http == scenario::HttpVersion::http2 ? driver::HttpVersion::http2
                                                                     : driver::HttpVersion::automatic;
  spec->multiplex = target.multiplex;
  spec->follow_redirects = target.follow_redirects;
  spec->tls_insecure = target.tls.insecure;
  spec->cacert = target.tls.cacert;
  spec->browser = target.client == scenario::Client::browser;
  if (display_.verbose) trace_request(*spec, redactor_, io_);
  ++in_flight_[planned.target_index];
  return spec;
}

samples::Sample Session::sample_of(driver::Finished&& f, std::optional<results::OutputRecord>& output) {
  if (display_.verbose) trace_response(f.outcome, redactor_, io_);
  const auto& target = p_.scenario.targets[f.planned.target_index];
  const auto& phase = p_.scenario.phases[f.planned.phase_index];
  --in_flight_[f.planned.target_index];
  const auto asked = asked_.extract(f.planned.seq);
  TTFT_CHECK(!asked.empty(), "a request finished that was never made");
  const Asked& a = asked.mapped();
  const SampleContext context{p_.run_id, p_.region, shard_label(), phase.name, target.name, target.protocol,
                              target.model, recorded_request_id(p_, f.planned), phase.cold(), f.planned.seq,
                              a.prompt_chars};
  samples::Sample sample = build_sample(context, f.outcome, redactor_);
  sample.input_tokens_requested = a.input_tokens_requested;
  sample.max_tokens_requested = a.max_tokens;
  if (phase.sweep) sample.sweep_value = phase.sweep->value;
  sample.conversation = f.planned.conversation;
  sample.turn = f.planned.turn;
  sample.vectors = f.outcome.stream.vectors;
  sample.dimensions = f.outcome.stream.dimensions;
  if (target.embeds()) {  // no output; the input count is the provider's or estimated from the texts
    sample.output_tokens = 0;
    sample.token_source = f.outcome.stream.input_tokens ? "usage" : "estimated";
  }
  // Graded after the request ended, off the read path; a failed request has no answer to grade.
  if (a.expected != nullptr && sample.error.empty()) {
    sample.correct = metrics::grade_answer(*a.expected, f.outcome.stream.answer_text);
  }
  if (outputs_) output = output_record(sample, f.outcome.stream, a.prompt, a.prompt_index);
  remember_reply(f.planned, std::move(f.outcome.stream.answer_text));
  sample.send_lag_ns = f.send_lag_ns;
  sample.idle_before_s = f.idle_before_s;
  sample.cost_pusd =
      cost::sample_cost(target.pricing, !sample.error.empty(),
                        {sample.input_tokens, sample.output_tokens, sample.cached_input_tokens, sample.cache_write_tokens});
  return sample;
}

// On the event loop: one write(2) of the row, and counters; nothing else.
// The outputs line goes first: a kill between the two writes leaves a line without a row, whose
// request `run --resume` sends again after dropping that line (OutputsWriter::open_existing).
void Session::record(const samples::Sample& sample, const std::optional<results::OutputRecord>& output) {
  if (output) {
    if (auto appended = outputs_->append(*output); !appended && !write_error_) write_error_ = appended.error();
  }
  if (auto appended = writer_->append(sample); !appended && !write_error_) write_error_ = appended.error();
  count(sample);
}

void Session::count(const samples::Sample& sample) {
  if (sample.send_lag_ns) send_lags_ns_.push_back(static_cast<double>(*sample.send_lag_ns));
  ++rows_;
  if (!sample.error.empty()) ++failed_rows_;
}

Result<driver::RunLoopResult> Session::execute() {
  auto driver = driver::Driver::create();
  if (!driver) return tl::unexpected(driver.error());
  auto browser = start_browser(p_.scenario, io_);
  if (!browser) return tl::unexpected(browser.error());
  const auto done = p_.resume ? p_.resume->done : std::vector<schedule::RequestKey>{};
  schedule::Scheduler scheduler(p_.scenario, p_.seed, p_.shard, done);  // resumed: the rest only
  std::vector<std::string> target_names;
  for (const auto& target : p_.scenario.targets) target_names.push_back(target.name);
  const bool live_on = live_view_on(display_.live, io_.out_is_tty, display_.quiet,
                                    [&] { return scheduler.estimated_duration_ns(schedule::kAssumedResponseNs); });
  LiveView live(io_, live_model_of(p_.scenario, scheduler), live_on, display_.color);
  ProgressLine progress(io_, io_.err_is_tty && !display_.quiet && !live_on, scheduler.total_requests(), target_names);
  InterruptFlag interrupt;
  start_exports();

  driver::RunHooks hooks;
  hooks.make_request = [this](const schedule::PlannedRequest& planned) { return make_request(planned); };
  hooks.on_finished = [&](driver::Finished&& finished) {
    const std::size_t target_index = finished.planned.target_index;
    std::optional<results::OutputRecord> output;
    const samples::Sample sample = sample_of(std::move(finished), output);
    record(sample, output);
    if (publisher_) publish(sample, target_index);
    progress.record(sample);
    live.record(sample);
  };
  hooks.on_progress = [&](Nanos elapsed_ns) {
    progress.render(elapsed_ns);
    live.render(elapsed_ns, scheduler.phase_index(), in_flight_);
  };
  hooks.side = browser->get();
  auto result = driver::run_schedule(scheduler, **driver, hooks, interrupt.flag(), monotonic_ns());
  progress.finish();
  live.finish();
  return result;
}

// The manifest records the end before the summaries are written: the summaries are built from the
// folder, manifest included. A kill in between leaves a folder whose summaries `run --resume`
// writes (resume.hpp, already_complete).
Result<Ended> Session::finish(const driver::RunLoopResult& result) {
  finish_exports();
  manifest_.ended_at = format_utc_ms(wall_now());
  manifest_.interrupted = result.interrupted;
  manifest_.client_lateness = summarize_lateness(std::move(send_lags_ns_), result.loop);
  if (auto written = results::write_manifest(p_.out_dir, manifest_); !written) return tl::unexpected(written.error());
  auto built = report::report_from_folders({{p_.out_dir.string()}, std::nullopt, std::nullopt, false, true}, io_);
  if (!built) return tl::unexpected(built.error());
  if (auto written = write_reports(*built); !written) return tl::unexpected(written.error());
  io_.out << exporters::render_report(*built, "table", display_.color);
  io_.out.flush();
  if (!display_.quiet) io_.err << "results: " << p_.out_dir.string() << "\n";

  Ended ended{std::move(*built), result.interrupted, write_error_};
  if (!ended.failure && !result.interrupted && failed_rows_ == rows_) {
    ended.failure = Error{"run", fmt::format("every one of the {} requests failed", rows_),
                          "see error and error_detail in samples.csv, or rerun with -v"};
  }
  return ended;
}

Result<void> Session::write_reports(const report::FolderReport& built) {
  for (const auto& [name, format] : {std::pair{results::kSummaryCsv, "csv"}, std::pair{results::kSummaryJson, "json"},
                                     std::pair{results::kReportMd, "markdown"}, std::pair{results::kReportHtml, "html"}}) {
    const std::string content = exporters::render_report(built, format, false);
    if (auto r = results::write_file_atomic((p_.out_dir / name).string(), content); !r) return r;
  }
  return {};
}

}  // namespace ttft::run
