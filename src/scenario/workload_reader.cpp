// Reads "/workload": inline messages, a JSONL prompts file or a dataset, max_tokens and prompt_cache. Every
// prompt is a full message list, so a request never depends on how its prompt was written down.
#include <fmt/format.h>

#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kWorkloadKeys = {"messages", "prompts_file", "dataset", "max_tokens",
                                                "prompt_cache"};
const std::vector<std::string> kPromptCacheModes = {"bust", "allow"};
const std::vector<std::string> kDatasetKeys = {"path", "format", "sample", "limit"};
const std::vector<std::string> kDatasetFormats = {"sharegpt", "openai", "prompts"};
const std::vector<std::string> kSamplings = {"sequential", "random"};

// workload.dataset (docs/scenario.md ("Datasets")): {path, format, sample, limit}, read now.
bool read_dataset_key(Reader& reader, const Json& value, const std::filesystem::path& base_dir, Scenario& out) {
  const std::string at = "/workload/dataset";
  if (!reader.object(value, at, kDatasetKeys)) return false;
  std::string relative;
  std::string format;
  if (const Json* v = reader.required(value, at, "path")) reader.string(*v, at + "/path", relative);
  if (const Json* v = reader.required(value, at, "format")) reader.one_of(*v, at + "/format", kDatasetFormats, format);
  if (const Json* v = find_member(value, "sample")) {
    std::string sample;
    if (reader.one_of(*v, at + "/sample", kSamplings, sample)) {
      out.sampling = sample == "random" ? Sampling::random : Sampling::sequential;
    }
  }
  std::optional<std::int64_t> limit;
  if (const Json* v = find_member(value, "limit")) {
    std::int64_t n = 0;
    if (reader.integer(*v, at + "/limit", 1, n)) limit = n;
  }
  if (!reader.ok()) return false;
  const DatasetFormat kind = format == "sharegpt" ? DatasetFormat::sharegpt
                             : format == "openai" ? DatasetFormat::openai
                                                  : DatasetFormat::prompts;
  out.prompts_file = (base_dir / relative).string();
  return read_dataset(reader, at + "/path", out.prompts_file, kind, limit, out.prompts, out.user_turns);
}

}  // namespace

bool read_workload(Reader& reader, const Json& value, const std::filesystem::path& base_dir,
                   Scenario& out) {
  if (!reader.object(value, "/workload", kWorkloadKeys)) return false;
  const Json* messages = find_member(value, "messages");
  const Json* prompts_file = find_member(value, "prompts_file");
  const Json* dataset = find_member(value, "dataset");
  if (messages != nullptr && prompts_file != nullptr) {
    return reader.fail("/workload/prompts_file",
                       "expected either \"messages\" or \"prompts_file\", got both");
  }
  // The prompt sources are exclusive: a dataset beside another source is an error.
  if (dataset != nullptr && (messages != nullptr || prompts_file != nullptr)) {
    return reader.fail("/workload/dataset", fmt::format("expected one prompt source, got \"dataset\" and \"{}\"",
                                                        messages != nullptr ? "messages" : "prompts_file"));
  }
  if (dataset != nullptr) {
    read_dataset_key(reader, *dataset, base_dir, out);
  } else if (messages != nullptr) {
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
    return reader.fail("/workload", "missing \"messages\", \"prompts_file\" or \"dataset\"");
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
