// A run's manifest.json flattened into labelled text rows in a fixed order: what was run, where,
// when and with which tool version (the HTML report prints them at its bottom). Pure.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ttft::report {

struct ManifestEntry {
  std::string label, value;
};

struct RunManifest {
  std::string run_id;
  std::vector<ManifestEntry> entries;
};

/// The manifest's run id, scenario (name, path, SHA-256), command line, tool and libcurl
/// versions, host, region, shard, seed, start, end, whether it was interrupted and how often it
/// was resumed; fields that are absent or null are left out. Never throws on odd JSON.
RunManifest manifest_entries(const nlohmann::json& manifest);

}  // namespace ttft::report
