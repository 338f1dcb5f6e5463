// Turns what the driver measured for one request into a samples.csv row: raw fields copied,
// derived metrics computed by metrics/.
#pragma once

#include <cstdint>
#include <string>

#include "core/redact.hpp"
#include "driver/request.hpp"
#include "samples/sample.hpp"

namespace ttft::run {

/// The row's identity, known before the request is sent.
struct SampleContext {
  std::string run_id, region, shard, phase, target, protocol, model, request_id;
  bool cold = false;
  std::int64_t seq = 0;
  std::int64_t prompt_chars = 0;
};

/// The row for one ended request. Secrets are redacted from every text the server or the user
/// supplied (request_id, error_detail) before error_detail is cut to its length limit.
samples::Sample build_sample(const SampleContext& context, const driver::Outcome& outcome,
                             const Redactor& redactor);

}  // namespace ttft::run
