// The whole command line, runnable in-process: parses argv, dispatches to one subcommand, and
// maps every failure to the exit-code table. The only module that includes <CLI/CLI.hpp>.
#pragma once

#include "core/io.hpp"

namespace ttft::cli {

/// Runs ttftbench with these arguments; returns the process exit code.
int main(int argc, const char* const* argv, Io& io);

}  // namespace ttft::cli
