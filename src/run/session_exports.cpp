// The run's side of --export (docs/export.md): the export thread started beside the driver, each
// finished row handed to it as a copy, and its last pushes waited for (bounded) before the
// manifest is written. Nothing here blocks the run loop.
#include "run/session.hpp"

#include <ostream>

#include "core/version.hpp"

namespace ttft::run {

/// The scenario's secrets and the values --export URLs took from the environment.
std::vector<std::string> secrets_with_exports(std::vector<std::string> secrets,
                                              const std::vector<telemetry::Destination>& exports) {
  for (std::string& secret : telemetry::secrets_of(exports)) secrets.push_back(std::move(secret));
  return secrets;
}

void Session::start_exports() {
  if (settings_.exports.empty()) return;
  publisher_ = std::make_unique<telemetry::Publisher>(
      settings_.exports, telemetry::PublisherOptions{p_.scenario.name, kVersion, settings_.export_interval_ns, false},
      redactor_);
}

void Session::publish(const samples::Sample& sample, std::size_t target_index) {
  publisher_->enqueue(telemetry::record_of(sample, in_flight(target_index)));
}

void Session::finish_exports() {
  if (!publisher_) return;
  constexpr Nanos kFinalPushBoundNs = 10 * kNanosPerSecond;
  for (const telemetry::ExportTally& tally : publisher_->finish(kFinalPushBoundNs)) {
    manifest_.exports.push_back({tally.kind, tally.url, tally.pushes, tally.failed});
    if (tally.failed > 0) io_.err << redactor_.apply(telemetry::failure_warning(tally)) << "\n";
  }
  publisher_.reset();
}

}  // namespace ttft::run
