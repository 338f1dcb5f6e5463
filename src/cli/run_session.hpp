// One `run`, stage by stage: prepare (load and check everything; nothing is sent if it fails),
// open the results folder, execute the schedule while appending rows, then write the reports.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/global_options.hpp"
#include "cli/manifest.hpp"
#include "cli/run_command.hpp"
#include "cli/sim_targets.hpp"
#include "core/error.hpp"
#include "core/exit_codes.hpp"
#include "core/io.hpp"
#include "core/redact.hpp"
#include "driver/run_loop.hpp"
#include "gate/assertion.hpp"
#include "report/report_model.hpp"
#include "samples/csv_reader.hpp"
#include "samples/csv_writer.hpp"
#include "samples/sample.hpp"
#include "scenario/scenario.hpp"
#include "schedule/scheduler.hpp"
#include "schedule/shard.hpp"

namespace ttft::cli {

/// run --resume: what the results folder holds already (resume.hpp reads and checks it).
struct ResumeFrom {
  nlohmann::ordered_json manifest;         // manifest.json as found: its first start and command line stay
  samples::ReadResult existing;            // samples.csv's rows; a torn last line is counted, not read
  std::vector<schedule::RequestKey> done;  // the requests those rows are (each has exactly one)
  std::int64_t left = 0;                   // requests still to send
  bool ended = false;                      // the manifest recorded the run's end
};

/// Everything `run` needs before the first request.
struct Prepared {
  scenario::Scenario scenario;
  std::uint64_t seed = 0;
  std::optional<schedule::Shard> shard;
  std::string run_id;
  std::filesystem::path out_dir;
  std::vector<gate::Assertion> assertions;  // parsed, names checked against the scenario
  std::string region;
  bool insecure = false;                    // --insecure (a resumed run: as it was started)
  std::optional<ResumeFrom> resume;
};

/// Loads and checks the --assert expressions, the scenario, the simulator profiles and the shard
/// (with --resume: the results folder, see prepare_resume); fails before anything is sent.
Result<Prepared> prepare_run(const RunOptions& options, Io& io);

/// The --assert expressions, the scenario at `scenario_path` and its simulator profiles, loaded
/// and checked: a Prepared with only the scenario and the assertions filled in.
Result<Prepared> load_checked(const std::string& scenario_path, const std::vector<std::string>& asserts, Io& io);

class RunSession {
 public:
  RunSession(Prepared prepared, const RunOptions& options, const GlobalOptions& global, Io& io);

  /// Creates the results folder, samples.csv and the first manifest (resumed: reopens samples.csv,
  /// cutting off a torn last line, and records the resume in the manifest); starts the simulators.
  Result<void> open();
  /// Runs the schedule to its end or to Ctrl-C, appending a row as each request ends.
  Result<driver::RunLoopResult> execute();
  /// Writes the summaries and final manifest, prints the tables; the exit code of the run.
  ExitCode finish(const driver::RunLoopResult& result);

 private:
  Result<driver::RequestSpec> make_request(const schedule::PlannedRequest& planned) const;
  void record(driver::Finished&& finished);
  /// "2/4" for a sharded run (the shard column and the manifest), else empty.
  std::string shard_label() const;
  /// The --assert lines and --summary-md; check_failed when an assertion failed.
  ExitCode apply_gates(const report::Report& model);

  Prepared p_;
  const RunOptions& options_;
  const GlobalOptions& global_;
  Io& io_;
  Redactor redactor_;
  ManifestInput manifest_;
  std::optional<samples::CsvWriter> writer_;
  std::optional<SimulatedTargets> sims_;
  std::vector<samples::Sample> samples_;
  std::optional<Error> write_error_;
};

}  // namespace ttft::cli
