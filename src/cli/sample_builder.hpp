// Turns what the driver measured for one request into a samples.csv row: raw fields copied,
// derived metrics computed by metrics/.
#pragma once

#include <cstdint>
#include <string>

#include "driver/request.hpp"
#include "samples/sample.hpp"

namespace ttft::cli {

/// The row's identity, known before the request is sent.
struct SampleContext {
  std::string run_id, region, shard, phase, target, protocol, model, request_id;
  bool cold = false;
  std::int64_t seq = 0;
  std::int64_t prompt_chars = 0;
};

samples::Sample build_sample(const SampleContext& context, const driver::Outcome& outcome);

}  // namespace ttft::cli
