#include "run/progress.hpp"

#include <ostream>

#include <fmt/format.h>

#include "core/duration.hpp"
#include "stats/percentile.hpp"

namespace ttft::run {

ProgressLine::ProgressLine(Io& io, bool enabled, std::int64_t total_requests, std::vector<std::string> targets)
    : io_(io), enabled_(enabled), total_(total_requests), targets_(std::move(targets)) {}

void ProgressLine::record(const samples::Sample& sample) {
  ++done_;
  phase_ = sample.phase;
  if (!sample.error.empty()) ++errors_;
  else if (sample.ttft_ns) ttft_ms_[sample.target].push_back(to_ms(*sample.ttft_ns));
}

void ProgressLine::render(Nanos elapsed_ns) {
  if (!enabled_) return;
  std::string line = fmt::format("[{}] {}/{}", phase_.empty() ? "starting" : phase_, done_, total_);
  if (done_ > 0 && done_ < total_) {
    const Nanos eta_ns = elapsed_ns / done_ * (total_ - done_);  // rough: cold gaps make it uneven
    line += fmt::format("  ETA {}", format_duration(eta_ns));
  }
  for (const auto& target : targets_) {
    const auto it = ttft_ms_.find(target);
    if (it == ttft_ms_.end() || it->second.empty()) continue;
    line += fmt::format("  {} p50 {:.0f} ms", target, *stats::percentile(it->second, 50));
  }
  if (errors_ > 0) line += fmt::format("  errors {}", errors_);
  io_.err << "\r\x1b[2K" << line << std::flush;
  drawn_ = true;
}

void ProgressLine::finish() {
  if (drawn_) io_.err << "\r\x1b[2K" << std::flush;
  drawn_ = false;
}

}  // namespace ttft::run
