// One line of outputs.jsonl (docs/results.md ("outputs.jsonl")): what a request sent and what
// came back, as a JSON object with its fields in a fixed order, secrets redacted. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/redact.hpp"

namespace ttft::results {

struct OutputRecord {
  std::string request_id;   // as samples.csv's request_id ("" when no header was sent)
  std::string target, phase;
  std::int64_t seq = 0;
  std::optional<std::int64_t> prompt_index;  // the workload's prompt entry; nullopt = synthetic
  std::string prompt;       // the last user message's text as sent
  std::string text;         // the visible answer, joined as streamed
  std::int64_t reasoning_chars = 0;
  std::optional<std::string> finish_reason;  // the provider's, as it says it
  std::string error;        // the sample's error class; "" = success (null in the file)
};

/// The record as one JSON line ending in "\n": every string passed through `redactor` first;
/// empty error, absent prompt_index and finish_reason are null. Invalid UTF-8 becomes U+FFFD.
std::string format_output_line(const OutputRecord& record, const Redactor& redactor);

/// One line (without its "\n") back into a record. request_id, target, phase, seq and text are
/// required; the other fields may be absent or null (a hand-written line). An error's message
/// says which field is wrong ("missing \"target\""); the caller locates it.
Result<OutputRecord> parse_output_line(std::string_view line);

}  // namespace ttft::results
