#include "cli/gate_outputs.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>

#include "results/atomic_write.hpp"

namespace ttft::cli {

void print_checks(const std::vector<gate::Check>& checks, std::ostream& out, bool after_tables) {
  if (after_tables && !checks.empty()) out << "\n";
  for (const gate::Check& check : checks) out << gate::check_line(check) << "\n";
  out.flush();
}

Result<void> publish_summary_markdown(const std::string& markdown, const std::string& file, Io& io) {
  if (!file.empty()) {
    if (auto written = results::write_file_atomic(file, markdown); !written) return written;
  }
  const auto step_summary = io.getenv("GITHUB_STEP_SUMMARY");
  if (!step_summary || step_summary->empty()) return {};
  // Appended, never replaced: earlier steps of the job may have written their own summaries.
  std::ofstream out(*step_summary, std::ios::app | std::ios::binary);
  if (out) out << markdown << "\n";
  if (!out) {
    return fail("GITHUB_STEP_SUMMARY", "cannot append to " + *step_summary + ": " + std::strerror(errno));
  }
  return {};
}

}  // namespace ttft::cli
