// The part of a run's manifest the HTML report prints at its bottom: what was run, where, when
// and with which tool version, as labelled text (results::manifest_display_rows makes it).
#pragma once

#include <string>
#include <vector>

namespace ttft::report {

struct ManifestEntry {
  std::string label, value;
};

struct RunManifest {
  std::string run_id;
  std::vector<ManifestEntry> entries;
};

}  // namespace ttft::report
