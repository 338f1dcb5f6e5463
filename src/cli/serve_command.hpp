// `ttftbench serve`: the built-in simulated provider as a standalone HTTP server on 127.0.0.1.
#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/global_options.hpp"
#include "core/io.hpp"

namespace ttft::cli {

struct ServeOptions {
  int port = 8080;
  std::string profile = "edge";  // built-in name or a JSON file
  std::string log_path;
  std::uint64_t seed = 1;
};

void setup_serve_command(CLI::App& app, ServeOptions& options);
int run_serve_command(const ServeOptions& options, const GlobalOptions& global, Io& io);

}  // namespace ttft::cli
