// The one table of process exit codes (docs/exit-codes.md ("Exit codes")). Nothing else picks a number.
#pragma once

namespace ttft {

enum class ExitCode : int {
  ok = 0,
  check_failed = 1,   // an --assert failed, or compare found a regression
  usage = 2,          // usage or scenario error: nothing was sent
  run_failed = 3,     // the run or probe could not be completed
  interrupted = 130,  // Ctrl-C: what was measured is kept and reported
};

constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace ttft
