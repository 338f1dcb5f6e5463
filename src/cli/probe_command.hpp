// `ttftbench probe URL --protocol P`: one request, printed as a timeline or as one JSON object
// whose keys are the samples.csv columns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "core/io.hpp"

namespace ttft::cli {

struct ProbeOptions {
  std::string url;
  std::string protocol;
  std::string model;
  std::string prompt = "Write one sentence about the sea.";
  std::int64_t max_tokens = 64;
  std::vector<std::string> headers;  // "Name: value"; values are never printed
  std::string connect_timeout = "10s";
  std::string first_event_timeout = "30s";
  std::string total_timeout = "120s";
  bool insecure = false;             // skip certificate verification (warned about)
  std::string cacert;                // CA bundle for verification; empty = the system's
  bool json = false;
  std::string client = "native";     // or "browser": sent from headless Chromium (docs/browser.md)
};

void setup_probe_command(CLI::App& app, ProbeOptions& options);
int run_probe_command(const ProbeOptions& options, const GlobalOptions& global, Io& io);

}  // namespace ttft::cli
