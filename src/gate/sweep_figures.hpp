// The sweep figures an assertion can name (docs/metrics.md ("Sweeps")): throughput at one sweep
// value, and a whole sweep's saturation point or TTFT fit. Reads report::Report::sweeps only.
#pragma once

#include <string>
#include <vector>

#include "gate/assertion.hpp"
#include "gate/measured.hpp"
#include "report/report_model.hpp"

namespace ttft::gate {

/// True for the stats measured per sweep value (throughput, output_tps).
bool is_sweep_value_stat(Stat stat);

/// The names "*" stands for: for a sweep_stat the sweeps (as written) the stat applies to
/// (saturation: concurrency and rate sweeps; slope, intercept: input_tokens sweeps); for a
/// sweep value stat every sweep value's phase ("ramp@4"), in report order.
std::vector<std::string> sweep_wildcard_names(const Assertion& assertion, const report::Report& report);

/// Every sweep in the report, as written ("ramp").
std::vector<std::string> sweep_names(const report::Report& report);

/// throughput (successful requests/s) or output_tps of `target` at the sweep value `phase`.
Measured measure_sweep_value(const Assertion& assertion, const report::Report& report, const std::string& target,
                             const std::string& phase);

/// saturation (the swept value), slope (ms per 1,000 input tokens) or intercept (ms) of
/// `target` in the sweep named `sweep`; not measured when the sweep's parameter has no such figure.
Measured measure_sweep(const Assertion& assertion, const report::Report& report, const std::string& target,
                       const std::string& sweep);

}  // namespace ttft::gate
