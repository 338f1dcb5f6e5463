// OpenAI Responses API stream (docs/protocols.md ("openai-responses")): typed events whose JSON "type" equals the
// event name, increasing sequence_number, text in response.output_text.delta, usage only in the
// terminal response.completed (response.incomplete when max_output_tokens cut it), no [DONE].
// With reasoning, a reasoning item's summary deltas come before the message item.
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

}  // namespace

std::vector<Frame> openai_responses_stream(const StreamSpec& spec) {
  Sequencer seq;
  std::vector<Frame> frames;
  const bool reasoning = spec.reasoning_tokens > 0;
  const std::int64_t message_index = reasoning ? 1 : 0;  // the reasoning item comes first
  const Json position{{"item_id", item_id(spec)}, {"output_index", message_index}, {"content_index", 0}};
  std::string prelude =
      seq.event("response.created",
                {{"response", response(spec, "in_progress", Json::array(), nullptr)}});
  prelude += seq.event("response.in_progress",
                       {{"response", response(spec, "in_progress", Json::array(), nullptr)}});
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
    // The reasoning item is done; the message item opens with the first answer token.
    prelude = seq.event("response.output_item.done", {{"output_index", 0}, {"item", reasoning_item(spec)}});
  }
  prelude += seq.event("response.output_item.added",
                       {{"output_index", message_index},
                        {"item", message_item(spec, "in_progress", Json::array())}});
  Json part_added = position;
  part_added["part"] = text_part("");
  prelude += seq.event("response.content_part.added", std::move(part_added));
  const std::int64_t first = 1 + spec.reasoning_tokens;
  if (!reasoning) frames.push_back({FrameKind::kPrelude, 0, std::move(prelude)});

  std::string text;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    Json delta = position;
    delta["delta"] = token_text(spec, i);
    delta["logprobs"] = Json::array();
    text += token_text(spec, i);
    std::string bytes = reasoning && i == 0 ? std::move(prelude) : std::string();
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
  Json output = reasoning ? Json::array({reasoning_item(spec), item}) : Json::array({item});
  std::string tail = reasoning && spec.output_tokens == 0 ? std::move(prelude) : std::string();
  tail += seq.event("response.output_text.done", std::move(text_done));
  tail += seq.event("response.content_part.done", std::move(part_done));
  tail += seq.event("response.output_item.done", {{"output_index", message_index}, {"item", item}});
  const std::string terminal = "response." + std::string(status);
  tail += seq.event(terminal, {{"response", response(spec, status, std::move(output), usage(spec))}});
  frames.push_back({FrameKind::kTail, first - 1 + spec.output_tokens, std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
