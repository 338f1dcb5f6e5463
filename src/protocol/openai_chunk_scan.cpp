// The OpenAI-style chunk read with json_scan. It mirrors open_openai_style_event and
// read_openai_chunk (openai_chat.cpp) and WorkersAiAdapter::interpret line by line, for the
// shapes those functions read; every other shape returns false before `meaning` is touched.
#include "protocol/openai_chunk_scan.hpp"

#include <array>
#include <cstdint>
#include <optional>

#include "protocol/json_scan.hpp"

namespace ttft::protocol {
namespace {
// Named as well: a unity build compiles several files as one, where anonymous namespaces merge.
namespace openai_chunk {

using json_scan::Kind;
using json_scan::kRoot;
using json_scan::Pick;
using json_scan::Value;

// What the full readers look at, as picks (a parent before its children).
enum Picked {
  kError, kErrors, kResponse, kChoices, kUsage, kTimings, kTopToolCalls,  // top level
  kFirstChoice, kFinishReason, kDelta, kContent, kReasoningContent, kReasoning, kToolCalls, kFunctionCall,
  kPromptTokens, kCompletionTokens, kPromptDetails, kCachedTokens, kCompletionDetails,
  kReasoningTokens,
  kPickCount
};
constexpr std::array<Pick, kPickCount> kPicks = {{
    {kRoot, "error"}, {kRoot, "errors"}, {kRoot, "response"}, {kRoot, "choices"}, {kRoot, "usage"},
    {kRoot, "timings"}, {kRoot, "tool_calls"},
    {kChoices, {}, /*first_element=*/true}, {kFirstChoice, "finish_reason"}, {kFirstChoice, "delta"}, {kDelta, "content"},
    {kDelta, "reasoning_content"}, {kDelta, "reasoning"}, {kDelta, "tool_calls"},
    {kDelta, "function_call"},
    {kUsage, "prompt_tokens"}, {kUsage, "completion_tokens"}, {kUsage, "prompt_tokens_details"},
    {kPromptDetails, "cached_tokens"}, {kUsage, "completion_tokens_details"},
    {kCompletionDetails, "reasoning_tokens"},
}};
constexpr json_scan::PickList kPickList{kPicks};

bool is_kind(const std::optional<Value>& value, Kind kind) { return value && value->kind == kind; }

// find_count's answer in `out`; false when the number is not plain digits (nlohmann decides).
bool read_count(const std::optional<Value>& value, std::optional<std::int64_t>& out) {
  if (!is_kind(value, Kind::number)) return true;  // absent or not a number: no count
  out = json_scan::plain_count(*value);
  return out.has_value();
}

// find_nested_count's answer: the count only inside an object `details`.
bool read_detail_count(const std::optional<Value>& details, const std::optional<Value>& value,
                       std::optional<std::int64_t>& out) {
  return !is_kind(details, Kind::object) || read_count(value, out);
}

// A value that is there and not null: a tool call may be in it, and the full reader decides.
bool present(const std::optional<Value>& value) { return value && value->kind != Kind::null; }

// An array with at least one element (its text starts with '[' and is valid JSON).
bool non_empty_array(const std::optional<Value>& value) {
  if (!is_kind(value, Kind::array)) return false;
  const std::size_t first = value->text.find_first_not_of(" \t\r\n", 1);
  return first != std::string_view::npos && value->text[first] != ']';
}

// The counts of a usage object, as read_openai_chunk reads them; false when one is not plain
// digits (nlohmann decides).
struct Usage {
  std::optional<std::int64_t> input, output, cached, reasoning;
};
bool read_usage(const std::array<std::optional<Value>, kPickCount>& picked, Usage& usage) {
  if (!is_kind(picked[kUsage], Kind::object)) return true;
  return read_count(picked[kPromptTokens], usage.input) &&
         read_count(picked[kCompletionTokens], usage.output) &&
         read_detail_count(picked[kPromptDetails], picked[kCachedTokens], usage.cached) &&
         read_detail_count(picked[kCompletionDetails], picked[kReasoningTokens], usage.reasoning);
}

}  // namespace openai_chunk
}  // namespace

bool scan_openai_chunk(std::string_view data, ChunkDialect dialect, EventMeaning& meaning) {
  using namespace openai_chunk;
  std::array<std::optional<Value>, kPickCount> picked;
  Value root;
  if (!json_scan::validate(data, root, kPickList, picked) || root.kind != Kind::object) {
    return false;
  }
  // A top-level error (openai_error) or Cloudflare's errors envelope, however falsy it may be,
  // and llama.cpp's timings object are rare: the full reader has the rules for them.
  if (present(picked[kError]) || (dialect == ChunkDialect::workers_ai && present(picked[kErrors])) ||
      is_kind(picked[kTimings], Kind::object)) {
    return false;
  }
  // Picks inside a value of another kind stay empty (a "delta" string has no "content"), but
  // choices[0] is only the first choice when choices is an array, and usage only counts as
  // usage when it is an object, as read_openai_chunk checks.
  const bool choices_array = is_kind(picked[kChoices], Kind::array);
  const bool delta_object = choices_array && is_kind(picked[kFirstChoice], Kind::object) &&
                            is_kind(picked[kDelta], Kind::object);
  // Tool calls are rare enough to leave to the full reader, which says when one is a call.
  if ((delta_object && (present(picked[kToolCalls]) || present(picked[kFunctionCall]))) ||
      (dialect == ChunkDialect::workers_ai && non_empty_array(picked[kTopToolCalls]))) {
    return false;
  }
  Usage usage;
  if (!read_usage(picked, usage)) return false;
  // The full reader's order: Workers AI's "response" text, then the delta's content.
  if (dialect == ChunkDialect::workers_ai && is_kind(picked[kResponse], Kind::string)) {
    json_scan::append_string(*picked[kResponse], meaning.text);
  }
  if (choices_array && is_kind(picked[kFirstChoice], Kind::object) && is_kind(picked[kFinishReason], Kind::string)) {
    meaning.finish_reason.emplace();
    json_scan::append_string(*picked[kFinishReason], *meaning.finish_reason);
  }
  if (delta_object) {
    if (is_kind(picked[kContent], Kind::string)) {
      json_scan::append_string(*picked[kContent], meaning.text);
    }
    if (is_kind(picked[kReasoningContent], Kind::string)) {
      json_scan::append_string(*picked[kReasoningContent], meaning.reasoning);
    } else if (is_kind(picked[kReasoning], Kind::string)) {
      json_scan::append_string(*picked[kReasoning], meaning.reasoning);
    }
  }
  if (usage.input) meaning.input_tokens = usage.input;
  if (usage.output) meaning.output_tokens = usage.output;
  if (usage.cached) meaning.cached_input_tokens = usage.cached;
  if (usage.reasoning) meaning.reasoning_tokens = usage.reasoning;
  return true;
}

}  // namespace ttft::protocol
