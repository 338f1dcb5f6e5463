// OpenAI Responses API stream (docs/protocols.md ("openai-responses")): typed events whose JSON "type" equals the
// event name, increasing sequence_number, text in response.output_text.delta, usage only in the
// terminal response.completed (response.incomplete when max_output_tokens cut it), no [DONE].
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

}  // namespace

std::vector<Frame> openai_responses_stream(const StreamSpec& spec) {
  Sequencer seq;
  std::vector<Frame> frames;
  const Json position{{"item_id", item_id(spec)}, {"output_index", 0}, {"content_index", 0}};
  std::string prelude =
      seq.event("response.created",
                {{"response", response(spec, "in_progress", Json::array(), nullptr)}});
  prelude += seq.event("response.in_progress",
                       {{"response", response(spec, "in_progress", Json::array(), nullptr)}});
  prelude += seq.event("response.output_item.added",
                       {{"output_index", 0},
                        {"item", message_item(spec, "in_progress", Json::array())}});
  Json part_added = position;
  part_added["part"] = text_part("");
  prelude += seq.event("response.content_part.added", std::move(part_added));
  frames.push_back({FrameKind::kPrelude, 0, std::move(prelude)});

  std::string text;
  for (std::int64_t i = 0; i < spec.output_tokens; ++i) {
    Json delta = position;
    delta["delta"] = token_text(spec, i);
    delta["logprobs"] = Json::array();
    text += token_text(spec, i);
    frames.push_back(
        {FrameKind::kContent, i + 1, seq.event("response.output_text.delta", std::move(delta))});
  }
  const std::string_view status = spec.stopped_by_max_tokens ? "incomplete" : "completed";
  Json text_done = position;
  text_done["text"] = text;
  text_done["logprobs"] = Json::array();
  Json part_done = position;
  part_done["part"] = text_part(text);
  const Json item = message_item(spec, status, Json::array({text_part(text)}));
  const Json usage{{"input_tokens", spec.input_tokens},
                   {"input_tokens_details", Json{{"cached_tokens", 0}}},
                   {"output_tokens", spec.output_tokens},
                   {"output_tokens_details", Json{{"reasoning_tokens", 0}}},
                   {"total_tokens", spec.input_tokens + spec.output_tokens}};
  std::string tail = seq.event("response.output_text.done", std::move(text_done));
  tail += seq.event("response.content_part.done", std::move(part_done));
  tail += seq.event("response.output_item.done", {{"output_index", 0}, {"item", item}});
  const std::string terminal = "response." + std::string(status);
  tail += seq.event(terminal, {{"response", response(spec, status, Json::array({item}), usage)}});
  frames.push_back({FrameKind::kTail, spec.output_tokens, std::move(tail)});
  return frames;
}

}  // namespace ttft::sim
