// Sample + stream record → outputs.jsonl record.
#include "run/output_record.hpp"

#include "run/request_workload.hpp"

namespace ttft::run {

std::string last_user_text(const std::vector<protocol::Message>& messages) {
  const protocol::Message* user = last_user_message(messages);
  return user != nullptr ? user->content : std::string();
}

results::OutputRecord output_record(const samples::Sample& sample, const protocol::StreamRecord& stream,
                                    std::string prompt, std::optional<std::int64_t> prompt_index) {
  results::OutputRecord r;
  r.request_id = sample.request_id;
  r.target = sample.target;
  r.phase = sample.phase;
  r.seq = sample.seq;
  r.prompt_index = prompt_index;
  r.prompt = std::move(prompt);
  r.text = stream.answer_text;
  r.reasoning_chars = stream.reasoning_chars;
  r.finish_reason = stream.finish_reason;
  r.error = sample.error;
  return r;
}

}  // namespace ttft::run
