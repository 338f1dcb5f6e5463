// A finished request's outputs.jsonl record (docs/results.md ("outputs.jsonl")): its row's identity,
// what it asked and what the stream said. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/stream_decoder.hpp"
#include "protocol/workload.hpp"
#include "results/output_line.hpp"
#include "samples/sample.hpp"

namespace ttft::run {

/// The text of the last message with role "user"; "" when there is none.
std::string last_user_text(const std::vector<protocol::Message>& messages);

/// The record of `sample`'s request: `stream` gives the answer text (collected only when the
/// request kept it), the reasoning length and the finish reason; secrets are redacted when the
/// line is written (results::format_output_line).
results::OutputRecord output_record(const samples::Sample& sample, const protocol::StreamRecord& stream,
                                    std::string prompt, std::optional<std::int64_t> prompt_index);

}  // namespace ttft::run
