#include "cli/manifest.hpp"

#include <unistd.h>

#include "cli/tls_options.hpp"
#include "core/version.hpp"
#include "driver/curl_handles.hpp"
#include "report/atomic_write.hpp"

namespace ttft::cli {
namespace {

std::string host_name() {
  char name[256] = {};
  return gethostname(name, sizeof name - 1) == 0 ? name : "";
}

/// "resumes": one entry per `run --resume` (when, how, where), oldest first; for a resumed run the
/// first run's command line, host and start are put back where this process wrote its own.
void add_resumes(const ManifestInput& in, nlohmann::ordered_json& m) {
  const auto& first = in.resumed_from;
  nlohmann::ordered_json resumes = nlohmann::ordered_json::array();
  if (first.is_object()) {
    if (const auto earlier = first.find("resumes"); earlier != first.end() && earlier->is_array()) resumes = *earlier;
    resumes.push_back({{"resumed_at", m["started_at"]}, {"command_line", m["command_line"]}, {"host", m["host"]}});
    for (const char* key : {"command_line", "host", "started_at"}) {
      if (const auto kept = first.find(key); kept != first.end()) m[key] = *kept;
    }
  }
  m["resumes"] = std::move(resumes);
}

}  // namespace

nlohmann::ordered_json build_manifest(const ManifestInput& in) {
  const auto& s = *in.scenario;
  nlohmann::ordered_json m;
  m["schema_version"] = kManifestSchemaVersion;
  m["tool"] = "ttftbench";
  m["tool_version"] = kVersion;
  m["libcurl_version"] = driver::curl_version_string();
  m["run_id"] = in.run_id;
  m["command_line"] = in.command_line;
  m["scenario_path"] = s.path;
  m["scenario_sha256"] = s.sha256;
  m["scenario_name"] = s.name;
  m["scenario"] = s.redacted;
  m["host"] = host_name();
  m["region"] = in.region.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(in.region);
  m["shard"] = in.shard.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(in.shard);
  m["seed"] = in.seed;
  // Issue 6: a run without certificate verification says so, and for which targets.
  m["tls_insecure"] = in.tls_insecure;
  m["tls_insecure_targets"] = insecure_targets(s);
  m["started_at"] = format_utc_ms(in.started_at);
  m["ended_at"] = in.ended_at ? nlohmann::ordered_json(format_utc_ms(*in.ended_at)) : nlohmann::ordered_json(nullptr);
  m["interrupted"] = in.interrupted;
  m["client_lateness"] = in.client_lateness;
  add_resumes(in, m);
  return m;
}

Result<void> write_manifest(const std::filesystem::path& dir, const ManifestInput& input) {
  return report::write_file_atomic((dir / "manifest.json").string(), build_manifest(input).dump(2) + "\n");
}

}  // namespace ttft::cli
