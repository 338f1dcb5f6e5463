// Reads "/workload": inline messages or a JSONL prompts file, max_tokens and prompt_cache. Every
// prompt is a full message list, so a request never depends on how its prompt was written down.
#include <fmt/format.h>

#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kWorkloadKeys = {"messages", "prompts_file", "max_tokens", "prompt_cache"};
const std::vector<std::string> kPromptCacheModes = {"bust", "allow"};
}  // namespace

bool read_workload(Reader& reader, const Json& value, const std::filesystem::path& base_dir,
                   Scenario& out) {
  if (!reader.object(value, "/workload", kWorkloadKeys)) return false;
  const Json* messages = find_member(value, "messages");
  const Json* prompts_file = find_member(value, "prompts_file");
  if (messages != nullptr && prompts_file != nullptr) {
    return reader.fail("/workload/prompts_file",
                       "expected either \"messages\" or \"prompts_file\", got both");
  }
  if (messages != nullptr) {
    std::vector<protocol::Message> prompt;
    if (read_messages(reader, *messages, "/workload/messages", prompt)) {
      out.prompts.push_back(std::move(prompt));
    }
  } else if (prompts_file != nullptr) {
    std::string relative;
    if (reader.string(*prompts_file, "/workload/prompts_file", relative)) {
      out.prompts_file = (base_dir / relative).string();
      read_prompts_file(reader, "/workload/prompts_file", out.prompts_file, out.prompts);
    }
  } else {
    return reader.fail("/workload", "missing \"messages\" or \"prompts_file\"");
  }
  if (const Json* v = find_member(value, "max_tokens")) {
    reader.integer(*v, "/workload/max_tokens", 1, out.max_tokens);
  }
  if (const Json* v = find_member(value, "prompt_cache")) {
    std::string mode;
    if (reader.one_of(*v, "/workload/prompt_cache", kPromptCacheModes, mode)) {
      out.prompt_cache = mode == "allow" ? PromptCache::allow : PromptCache::bust;
    }
  }
  return reader.ok();
}

}  // namespace ttft::scenario
