// The common Anthropic events read with json_scan. It mirrors open_typed_event and
// AnthropicAdapter::interpret's read_delta (anthropic.cpp) for the types it handles; those
// events touch no adapter state, so the full reader's state stays right.
#include "protocol/anthropic_scan.hpp"

#include <array>
#include <optional>

#include "protocol/anthropic.hpp"
#include "protocol/json_scan.hpp"

namespace ttft::protocol {
namespace {
// Named as well: a unity build compiles several files as one, where anonymous namespaces merge.
namespace anthropic_event {

using json_scan::Kind;
using json_scan::kRoot;
using json_scan::Pick;
using json_scan::Value;

enum Picked { kType, kDelta, kDeltaType, kText, kThinking, kBlock, kBlockType, kPickCount };
constexpr std::array<Pick, kPickCount> kPicks = {{
    {kRoot, "type"}, {kRoot, "delta"}, {kDelta, "type"}, {kDelta, "text"}, {kDelta, "thinking"},
    {kRoot, "content_block"}, {kBlock, "type"},
}};
constexpr json_scan::PickList kPickList{kPicks};

bool is_string(const std::optional<Value>& value) { return value && value->kind == Kind::string; }

// read_delta: text_delta's text is text, thinking_delta's thinking is reasoning; other deltas
// (signature, input_json) are not generated text. Picks inside a non-object delta stay empty.
bool read_delta(const std::array<std::optional<Value>, kPickCount>& picked, EventMeaning& meaning) {
  if (!picked[kDelta] || picked[kDelta]->kind != Kind::object || !is_string(picked[kDeltaType])) {
    return true;
  }
  const std::optional<std::string_view> type = json_scan::plain_string(*picked[kDeltaType]);
  if (!type) return false;
  if (*type == "text_delta" && is_string(picked[kText])) {
    json_scan::append_string(*picked[kText], meaning.text);
  } else if (*type == "thinking_delta" && is_string(picked[kThinking])) {
    json_scan::append_string(*picked[kThinking], meaning.reasoning);
  } else if (*type == "input_json_delta") {
    return false;  // the full reader joins the call's pieces
  }
  return true;
}

// read_block_start: a tool_use block (of any kind) starts a tool call, which the full reader
// reads (its name); any other block start carries nothing.
bool read_block_start(const std::array<std::optional<Value>, kPickCount>& picked) {
  if (!picked[kBlock] || picked[kBlock]->kind != Kind::object || !is_string(picked[kBlockType])) {
    return true;
  }
  const std::optional<std::string_view> type = json_scan::plain_string(*picked[kBlockType]);
  if (!type) return false;
  return !is_tool_use_block(*type);  // a call's start (its name) goes to the full reader
}

}  // namespace anthropic_event
}  // namespace

bool scan_anthropic_event(const Event& event, EventMeaning& meaning) {
  using namespace anthropic_event;
  if (event.type == "error") return false;
  std::array<std::optional<Value>, kPickCount> picked;
  Value root;
  if (!json_scan::validate(event.data, root, kPickList, picked) || root.kind != Kind::object) {
    return false;
  }
  // The JSON "type" names the event; without one (or a non-string one) the `event:` line does.
  std::string_view type = event.type;
  if (is_string(picked[kType])) {
    const std::optional<std::string_view> json_type = json_scan::plain_string(*picked[kType]);
    if (!json_type) return false;
    type = *json_type;
  }
  if (type == "content_block_delta") return read_delta(picked, meaning);  // fails before writing
  if (type == "message_stop") {
    meaning.end_of_stream = true;
    return true;
  }
  if (type == "content_block_start") return read_block_start(picked);
  return type == "ping" || type == "content_block_stop";
}

}  // namespace ttft::protocol
