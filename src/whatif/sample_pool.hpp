// The measured requests `whatif` draws from: per target, each sample reduced to what a replay
// needs (its latency or its failure, and its tokens). Pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "cost/pricing.hpp"
#include "samples/sample.hpp"

namespace ttft::whatif {

struct Draw {
  std::optional<double> latency_ms;    // success: the metric's value; nullopt = the request failed
  std::optional<double> failed_at_ms;  // failure: when the client knew (e2e, else ttfb); nullopt unknown
  std::int64_t input_tokens = 0, output_tokens = 0;
  std::optional<bool> correct;         // the graded answer's verdict; nullopt = not graded
  std::optional<std::string> prompt;   // from outputs.jsonl; nullopt = not recorded
};

struct TargetPool {
  std::string target;
  std::optional<cost::Pricing> pricing;  // nullopt: unpriced (unknown is not free)
  std::vector<Draw> draws;               // in sample order
  std::size_t unmeasured = 0;            // successes without the metric: left out
};

struct PoolOptions {
  std::string metric = "ttft";  // "ttft", "first_token" or "first_answer"
  std::string phase;            // empty = every phase
};

/// One pool per target in `targets` order from `samples` (of those targets only, in the phase
/// when one is given); `pricing` by target; `prompts`, when not empty, holds each sample's prompt
/// (same order and size as `samples`). A pool may be empty; the caller decides.
std::vector<TargetPool> build_pools(const std::vector<samples::Sample>& samples,
                                    const std::vector<std::string>& targets,
                                    const std::map<std::string, cost::Pricing>& pricing,
                                    const PoolOptions& options,
                                    const std::vector<std::optional<std::string>>& prompts = {});

}  // namespace ttft::whatif
