// Flags every subcommand understands (docs/commands.md ("Global flags")).
#pragma once

#include "core/io.hpp"

namespace ttft::cli {

struct GlobalOptions {
  bool quiet = false;
  bool no_color = false;
  bool verbose = false;

  /// Colour only on a terminal, never with --no-color or NO_COLOR set (no-color.org).
  bool color(const Io& io) const { return io.out_is_tty && !no_color && !io.getenv("NO_COLOR"); }
};

}  // namespace ttft::cli
