// One `run`, stage by stage: prepare (load and check everything; nothing is sent if it fails),
// open the results folder, execute the schedule while appending rows, then write the reports,
// which are built from the folder exactly as `report DIR` builds them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <tuple>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/io.hpp"
#include "core/redact.hpp"
#include "driver/run_loop.hpp"
#include "report/from_folders.hpp"
#include "results/manifest.hpp"
#include "results/outputs_file.hpp"
#include "run/request_builder.hpp"
#include "run/request_workload.hpp"
#include "run/settings.hpp"
#include "run/sim_targets.hpp"
#include "samples/csv_reader.hpp"
#include "samples/csv_writer.hpp"
#include "samples/sample.hpp"
#include "scenario/scenario.hpp"
#include "schedule/scheduler.hpp"
#include "schedule/shard.hpp"
#include "telemetry/publisher.hpp"

namespace ttft::run {

/// run --resume: what the results folder holds already (resume.hpp reads and checks it).
struct ResumeFrom {
  results::Manifest manifest;              // as found: its first start and command line stay
  samples::ReadResult existing;            // samples.csv's rows; a torn last line is counted, not read
  std::vector<schedule::RequestKey> done;  // the requests those rows are (each has exactly one)
  std::int64_t left = 0;                   // requests still to send
};

/// Everything `run` needs before the first request.
struct Prepared {
  scenario::Scenario scenario;
  std::uint64_t seed = 0;
  std::optional<schedule::Shard> shard;
  std::string run_id;
  std::filesystem::path out_dir;
  std::string region;
  bool insecure = false;                    // --insecure (a resumed run: as it was started)
  std::optional<ResumeFrom> resume;
};

/// Loads and checks the scenario (its simulator profiles and TLS files included) and the shard
/// (with resume_dir: the results folder, see prepare_resume); fails before anything is sent.
Result<Prepared> prepare_run(const RunSettings& settings, Io& io);

/// The scenario at `scenario_path` and its simulator profiles, loaded and checked: a Prepared with
/// only the scenario filled in.
Result<Prepared> load_checked(const std::string& scenario_path, Io& io);

/// How a run ended, once its reports are written.
struct Ended {
  report::FolderReport report;   // the report `report DIR` makes of the folder
  bool interrupted = false;      // Ctrl-C
  std::optional<Error> failure;  // rows could not be written, or every request failed
};

/// The scenario's secrets and the values --export URLs took from the environment (session_exports.cpp).
std::vector<std::string> secrets_with_exports(std::vector<std::string> secrets,
                                              const std::vector<telemetry::Destination>& exports);

class Session {
 public:
  Session(Prepared prepared, RunSettings settings, RunDisplay display, Io& io);

  /// Creates the results folder, samples.csv and the first manifest (resumed: reopens samples.csv,
  /// cutting off a torn last line, and records the resume in the manifest); starts the simulators.
  Result<void> open();
  /// Runs the schedule to its end or to Ctrl-C, appending a row as each request ends.
  Result<driver::RunLoopResult> execute();
  /// Writes the final manifest, then the summaries built from the folder, and prints the tables.
  /// Fails (the run's exit code 3) when a file cannot be written.
  Result<Ended> finish(const driver::RunLoopResult& result);

 private:
  Result<void> open_outputs();
  Result<driver::RequestSpec> make_request(const schedule::PlannedRequest& planned);
  Result<driver::RequestSpec> chat_request(const schedule::PlannedRequest& planned);
  Result<driver::RequestSpec> embeddings_request(const schedule::PlannedRequest& planned);
  std::vector<protocol::Message> sent_messages(const schedule::PlannedRequest& planned,
                                               std::vector<protocol::Message> prompt);
  void remember_reply(const schedule::PlannedRequest& planned, std::string reply);
  void record(const samples::Sample& sample, const std::optional<results::OutputRecord>& output);
  void count(const samples::Sample& sample);
  /// The row of a finished request and, when outputs are recorded, its outputs.jsonl record.
  samples::Sample sample_of(driver::Finished&& finished, std::optional<results::OutputRecord>& output);
  /// "2/4" for a sharded run (the shard column and the manifest), else empty.
  std::string shard_label() const;
  Result<void> write_reports(const report::FolderReport& report);
  /// --export: starts the export thread (nothing without --export).
  void start_exports();
  /// --export: hands the row to the export thread (a copy of a few fields; never blocks).
  void publish(const samples::Sample& sample, std::size_t target_index);
  /// --export: the last pushes (waited for at most 10 s), the manifest's entries, one warning per
  /// destination that failed.
  void finish_exports();
  /// Requests of target `target_index` started and not yet ended (for live views and exported gauges).
  std::int64_t in_flight(std::size_t target_index) const { return in_flight_[target_index]; }

  Prepared p_;
  RunSettings settings_;
  RunDisplay display_;
  Io& io_;
  Redactor redactor_;
  WorkloadPicker picker_;
  /// What each request in flight asked for, by seq: its row records it.
  struct Asked {
    std::int64_t prompt_chars = 0;
    std::optional<std::int64_t> input_tokens_requested;
    std::optional<std::int64_t> max_tokens;  // chat requests
    std::string prompt;  // the last user message (outputs.jsonl only)
    std::optional<std::int64_t> prompt_index;
    const metrics::Expected* expected = nullptr;  // the prompt's expected answer: graded when it ends
  };
  std::unordered_map<std::int64_t, Asked> asked_;
  /// Conversations in progress: the messages so far, by (target, phase, conversation).
  using ConversationKey = std::tuple<std::size_t, std::size_t, std::int64_t>;
  std::map<ConversationKey, std::vector<protocol::Message>> conversations_;
  results::Manifest manifest_;
  std::optional<samples::CsvWriter> writer_;
  std::optional<results::OutputsWriter> outputs_;  // outputs.jsonl, when recorded
  std::optional<SimulatedTargets> sims_;
  std::vector<double> send_lags_ns_;  // of every row, for the client's lateness
  std::int64_t rows_ = 0, failed_rows_ = 0;
  std::vector<std::int64_t> in_flight_;  // requests started and not yet ended, by target index
  std::vector<BodyMemo> body_memos_;     // each target's last request body, by target index
  std::optional<Error> write_error_;
  std::unique_ptr<telemetry::Publisher> publisher_;  // with --export, from execute() to finish()
};

}  // namespace ttft::run
