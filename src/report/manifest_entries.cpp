// manifest.json keys to labelled rows; arrays joined by spaces, booleans as yes/no.
#include "report/manifest_entries.hpp"

#include <array>
#include <utility>

namespace ttft::report {
namespace {

// manifest.json key → label, in the order printed.
constexpr std::array<std::pair<const char*, const char*>, 13> kFields{{
    {"scenario_name", "scenario"},
    {"scenario_path", "scenario file"},
    {"scenario_sha256", "scenario SHA-256"},
    {"command_line", "command line"},
    {"tool_version", "ttftbench version"},
    {"libcurl_version", "libcurl version"},
    {"host", "host"},
    {"region", "region"},
    {"shard", "shard"},
    {"seed", "seed"},
    {"started_at", "started (UTC)"},
    {"ended_at", "ended (UTC)"},
    {"interrupted", "interrupted"},
}};

std::string text_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string joined;
    for (const auto& part : value) joined += (joined.empty() ? "" : " ") + text_of(part);
    return joined;
  }
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  return value.dump();
}

}  // namespace

RunManifest manifest_entries(const nlohmann::json& manifest) {
  RunManifest out;
  if (!manifest.is_object()) return out;
  if (const auto id = manifest.find("run_id"); id != manifest.end() && id->is_string()) out.run_id = *id;
  for (const auto& [key, label] : kFields) {
    const auto found = manifest.find(key);
    if (found == manifest.end() || found->is_null()) continue;
    out.entries.push_back({label, text_of(*found)});
  }
  if (const auto resumes = manifest.find("resumes"); resumes != manifest.end() && resumes->is_array() &&
                                                     !resumes->empty()) {
    out.entries.push_back({"resumed", std::to_string(resumes->size()) + " time(s)"});
  }
  return out;
}

}  // namespace ttft::report
