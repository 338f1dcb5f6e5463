// The few fields of each sample the HTML report's plots need (per-sample series: CDFs, scatter
// over time and idle time), kept compactly while rows stream from samples.csv: about 80 bytes a
// row instead of a Sample's ~1 KB. Pure; no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "samples/sample.hpp"

namespace ttft::report {

struct PlotSample {
  std::uint32_t target = 0, phase = 0, region = 0, run = 0;  // indices into PlotSamples' name lists
  bool failed = false;
  std::optional<std::int64_t> started_utc_ms;       // from started_at; nullopt when unparseable
  std::optional<double> ttft_ms, first_token_ms, idle_before_s;
};

struct PlotSamples {
  std::vector<std::string> targets, phases;  // first-seen order
  std::vector<std::string> regions;          // first-seen order; "" for rows without a region
  std::vector<std::string> runs;             // run ids, first-seen order
  std::vector<PlotSample> rows;              // input order
};

class PlotSamplesBuilder {
 public:
  void add(const samples::Sample& sample);
  PlotSamples take() { return std::move(samples_); }

 private:
  PlotSamples samples_;
};

/// PlotSamplesBuilder over `samples`, in order.
PlotSamples plot_samples_of(const std::vector<samples::Sample>& samples);

/// Milliseconds since the Unix epoch of "YYYY-MM-DDTHH:MM:SS[.mmm]Z" (samples.csv's started_at);
/// nullopt for any other text.
std::optional<std::int64_t> utc_ms_of(std::string_view iso);

}  // namespace ttft::report
