#include "cli/manifest.hpp"

#include <unistd.h>

#include "core/version.hpp"
#include "driver/curl_handles.hpp"
#include "report/atomic_write.hpp"

namespace ttft::cli {
namespace {

std::string host_name() {
  char name[256] = {};
  return gethostname(name, sizeof name - 1) == 0 ? name : "";
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
  m["started_at"] = format_utc_ms(in.started_at);
  m["ended_at"] = in.ended_at ? nlohmann::ordered_json(format_utc_ms(*in.ended_at)) : nlohmann::ordered_json(nullptr);
  m["interrupted"] = in.interrupted;
  m["client_lateness"] = in.client_lateness;
  return m;
}

Result<void> write_manifest(const std::filesystem::path& dir, const ManifestInput& input) {
  return report::write_file_atomic((dir / "manifest.json").string(), build_manifest(input).dump(2) + "\n");
}

}  // namespace ttft::cli
