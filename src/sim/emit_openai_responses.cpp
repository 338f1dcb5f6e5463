// OpenAI Responses API stream (docs/protocols.md ("openai-responses")): typed events whose JSON "type" equals the
// event name, increasing sequence_number, text in response.output_text.delta, usage only in the
// terminal response.completed (response.incomplete when max_output_tokens cut it), no [DONE].
// With reasoning, a reasoning item's summary deltas come before the message item; function calls
// come between them.
#include <nlohmann/json.hpp>

#include "sim/emitters.hpp"

namespace ttft::sim {

namespace {

using Json = nlohmann::ordered_json;

// Writes each event with the next sequence number.
class Sequencer {
 public:
  std::string event(std::string_view type, Json fields) {
    Json data{{"type", type}, {"sequence_number", next_++}};
    for (auto& [key, value] : fields.items()) data[key] = std::move(value);
    return sse_event(type, data.dump());
  }

 private:
  std::int64_t next_ = 0;
};

std::string item_id(const StreamSpec& spec) { return "msg_" + spec.id.substr(spec.id.find('_') + 1); }

Json response(const StreamSpec& spec, std::string_view status, Json output, Json usage) {
  Json body{{"id", spec.id},          {"object", "response"}, {"created_at", kCreatedUnixS},
            {"status", status},       {"model", spec.model},  {"output", std::move(output)},
            {"usage", std::move(usage)}};
  if (status == "incomplete") {
    body["incomplete_details"] = Json{{"reason", "max_output_tokens"}};
  }
  return body;
}

Json text_part(const std::string& text) {
  return Json{{"type", "output_text"}, {"text", text}, {"annotations", Json::array()}};
}

Json message_item(const StreamSpec& spec, std::string_view status, Json content) {
  return Json{{"id", item_id(spec)},       {"type", "message"}, {"status", status},
              {"role", "assistant"},       {"content", std::move(content)}};
}

std::string reasoning_id(const StreamSpec& spec) { return "rs_" + spec.id.substr(spec.id.find('_') + 1); }

Json reasoning_item(const StreamSpec& spec) {
  return Json{{"id", reasoning_id(spec)}, {"type", "reasoning"}, {"summary", Json::array()}};
}

// ResponseUsage: input includes the cached tokens and output the reasoning tokens; a cache write
// count is reported when there is one.
Json usage(const StreamSpec& spec) {
  const std::int64_t output = reported_output_tokens(spec);
  Json input_details{{"cached_tokens", spec.cached_input_tokens}};
  if (spec.cache_write_tokens > 0) input_details["cache_write_tokens"] = spec.cache_write_tokens;
  return Json{{"input_tokens", spec.input_tokens},
              {"input_tokens_details", std::move(input_details)},
              {"output_tokens", output},
              {"output_tokens_details", Json{{"reasoning_tokens", spec.reasoning_tokens}}},
              {"total_tokens", spec.input_tokens + output}};
}

Json function_call_item(std::int64_t k, std::string_view status, std::string_view arguments) {
  return Json{{"id", "fc_sim" + std::to_string(k)}, {"type", "function_call"}, {"status", status},
              {"arguments", arguments},           {"call_id", "call_sim" + std::to_string(k)},
              {"name", kSimToolName}};
}

// Call k at output_index `index`: output_item.added names it, one function_call_arguments.delta
// per piece, and the last piece's slot also carries .done and output_item.done. `opening` (what
// an earlier item still owes, e.g. the reasoning item's done) goes before the first call.
void add_tool_calls(const StreamSpec& spec, Sequencer& seq, std::int64_t first_index, std::int64_t first_slot,
                    std::string opening, std::vector<Frame>& frames) {
  for (std::int64_t k = 0; k < spec.tool_calls; ++k) {
    const std::int64_t index = first_index + k;
    const std::string id = "fc_sim" + std::to_string(k);
    std::int64_t slot = first_slot + k * kStreamedToolCallSlots;
    std::string bytes = k == 0 ? std::move(opening) : std::string();
    bytes += seq.event("response.output_item.added",
                       {{"output_index", index}, {"item", function_call_item(k, "in_progress", "")}});
    frames.push_back({FrameKind::kToolCall, slot++, std::move(bytes)});
    for (std::string_view piece : kSimToolArgumentPieces) {
      frames.push_back({FrameKind::kToolCall, slot++,
                        seq.event("response.function_call_arguments.delta",
                                  {{"item_id", id}, {"output_index", index}, {"delta", piece}})});
    }
    frames.back().bytes += seq.event("response.function_call_arguments.done",
                                     {{"item_id", id}, {"output_index", index}, {"arguments", kSimToolArguments}});
    frames.back().bytes += seq.event("response.output_item.done",
                                     {{"output_index", index}, {"item", function_call_item(k, "completed", kSimToolArguments)}});
  }
}

// Everything before the message item: created, in_progress, the reasoning item and its deltas,
// the tool calls. Returns what the message item's opening must be preceded by (the reasoning
// item's done when nothing came between).
std::string add_items_before_message(const StreamSpec& spec, Sequencer& seq, std::vector<Frame>& frames) {
  const bool reasoning = spec.reasoning_tokens > 0;
  std::string prelude = seq.event("response.created", {{"response", response(spec, "in_progress", Json::array(), nullptr)}});
  prelude += seq.event("response.in_progress", {{"response", response(spec, "in_progress", Json::array(), nullptr)}});
  if (!reasoning && spec.tool_calls == 0) return prelude;
  if (reasoning) {
    prelude += seq.event("response.output_item.added", {{"output_index", 0}, {"item", reasoning_item(spec)}});
    frames.push_back({FrameKind::kPrelude, 0, std::move(prelude)});
    prelude.clear();
    for (std::int64_t i = 0; i < spec.reasoning_tokens; ++i) {
      frames.push_back({FrameKind::kReasoning, i + 1,
                        seq.event("response.reasoning_summary_text.delta",
                                  {{"item_id", reasoning_id(spec)}, {"output_index", 0}, {"summary_index", 0},
                                   {"delta", reasoning_text(i)}})});
    }
    // The reasoning item is done; the next item opens with the next answer piece.
    prelude = seq.event("response.output_item.done", {{"output_index", 0}, {"item", reasoning_item(spec)}});
  } else {
    frames.push_back({FrameKind::kPrelude, 0, std::move(prelude)});
    prelude.clear();
  }
  if (spec.tool_calls == 0) return prelude;
  add_tool_calls(spec, seq, reasoning ? 1 : 0, 1 + spec.reasoning_tokens, std::move(prelude), frames);
  return {};
}

}  // namespace

std::vector<Frame> openai_responses_stream(const StreamSpec& spec) {
  Sequencer seq;
  std::vector<Frame> frames;
  const bool reasoning = spec.reasoning_tokens > 0;
  // The reasoning item comes first, then the function calls, then the message.
  const std::int64_t message_index = (reasoning ? 1 : 0) + spec.tool_calls;
  const bool deferred = reasoning || spec.tool_calls > 0;  // the message opens with its first token
  const Json position{{"item_id", item_id(spec)}, {"output_index", message_index}, {"content_index", 0}};
  std::string prelude = add_items_before_message(spec, seq, frames);
  prelude += seq.event("response.output_item.added",
                       {{"output_index", message_index},
                        {"item", message_item(spec, "in_progress", Json::array())}});
  Json part_added = position;
  part_added["part"] = text_part("");
  prelude += seq.event("response.content_part.added", std::move(part_added));
  const std::int64_t first = 1 + spec.reasoning_tokens + spec.tool_calls * kStreamedToolCallSlots;
  if (!deferred) frames.push_back({FrameKind::kPrelude, 0, std::move(prelude)});

  std::string text;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    Json delta = position;
    delta["delta"] = token_text(spec, i);
    delta["logprobs"] = Json::array();
    text += token_text(spec, i);
    std::string bytes = deferred && i == 0 ? std::move(prelude) : std::string();
    bytes += seq.event("response.output_text.delta", std::move(delta));
    frames.push_back({FrameKind::kContent, first + i, std::move(bytes)});
  }
  const std::string_view status = spec.stopped_by_max_tokens ? "incomplete" : "completed";
  Json text_done = position;
  text_done["text"] = text;
  text_done["logprobs"] = Json::array();
  Json part_done = position;
  part_done["part"] = text_part(text);
  const Json item = message_item(spec, status, Json::array({text_part(text)}));
  Json output = reasoning ? Json::array({reasoning_item(spec)}) : Json::array();
  for (std::int64_t k = 0; k < spec.tool_calls; ++k) output.push_back(function_call_item(k, "completed", kSimToolArguments));
  output.push_back(item);
  std::string tail = deferred && spec.output_tokens == 0 ? std::move(prelude) : std::string();
  tail += seq.event("response.output_text.done", std::move(text_done));
  tail += seq.event("response.content_part.done", std::move(part_done));
  tail += seq.event("response.output_item.done", {{"output_index", message_index}, {"item", item}});
  const std::string terminal = "response." + std::string(status);
  tail += seq.event(terminal, {{"response", response(spec, status, std::move(output), usage(spec))}});
  frames.push_back({FrameKind::kTail, first - 1 + spec.output_tokens, std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
