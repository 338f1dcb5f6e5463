// The live progress line on a terminal's stderr: phase, done/total, ETA, running p50 TTFT per
// target. Off when stderr is not a terminal or with --quiet.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/io.hpp"
#include "samples/sample.hpp"

namespace ttft::run {

class ProgressLine {
 public:
  ProgressLine(Io& io, bool enabled, std::int64_t total_requests, std::vector<std::string> targets);
  void record(const samples::Sample& sample);
  void render(Nanos elapsed_ns);
  /// Clears the line before the tables are printed.
  void finish();

 private:
  Io& io_;
  bool enabled_;
  std::int64_t total_;
  std::int64_t done_ = 0;
  std::int64_t errors_ = 0;
  std::string phase_;
  std::vector<std::string> targets_;
  std::map<std::string, std::vector<double>> ttft_ms_;  // successful samples per target
  bool drawn_ = false;
};

}  // namespace ttft::run
