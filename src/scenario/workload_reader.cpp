// Reads "/workload": the prompt source (inline messages, a JSONL prompts file, a dataset or
// synthetic lengths), max_tokens or drawn output lengths, prompt_cache and conversations. Every
// prompt is a full message list, so a request never depends on how its prompt was written down.
#include <algorithm>

#include <fmt/format.h>

#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kWorkloadKeys = {"messages",     "prompts_file",  "dataset",     "max_tokens",
                                                "prompt_cache", "input_tokens",  "output_tokens", "conversation",
                                                "tools",        "tool_choice",   "inputs",        "batch"};
const std::vector<std::string> kPromptCacheModes = {"bust", "allow"};
const std::vector<std::string> kDatasetKeys = {"path", "format", "sample", "limit"};
const std::vector<std::string> kDatasetFormats = {"sharegpt", "openai", "prompts"};
const std::vector<std::string> kSamplings = {"sequential", "random"};
const std::vector<std::string> kDistKinds = {"fixed", "uniform", "normal", "lognormal"};
const std::vector<std::string> kPromptSources = {"messages", "prompts_file", "dataset", "input_tokens"};

struct DistKeys {
  workload::DistKind kind;
  std::vector<std::string> keys;  // "dist" and every key the kind takes
};
const std::vector<DistKeys> kDistKeys = {
    {workload::DistKind::fixed, {"dist", "value"}},
    {workload::DistKind::uniform, {"dist", "min", "max"}},
    {workload::DistKind::normal, {"dist", "mean", "stdev", "min", "max"}},
    {workload::DistKind::lognormal, {"dist", "median", "sigma", "min", "max"}},
};

bool read_bound(Reader& reader, const Json& value, const std::string& pointer, std::string_view key,
                std::optional<double>& out) {
  const Json* v = find_member(value, key);
  if (v == nullptr) return true;
  return reader.number_in(*v, pointer_child(pointer, key), 1, 1e9, out.emplace());
}

bool read_conversation(Reader& reader, const Json& value, ConversationSpec& out) {
  const std::string pointer = "/workload/conversation";
  if (!reader.object(value, pointer, {"turns", "think_time"})) return false;
  if (const Json* v = reader.required(value, pointer, "turns")) {
    reader.integer_in(*v, pointer_child(pointer, "turns"), 1, 1000, out.turns);
  }
  if (const Json* v = find_member(value, "think_time")) {
    reader.duration(*v, pointer_child(pointer, "think_time"), out.think_ns);
  }
  return reader.ok();
}

/// The one prompt source the workload names, or "" (an error is reported for two).
bool prompt_source(Reader& reader, const Json& value, std::string& source) {
  for (const std::string& key : kPromptSources) {
    if (find_member(value, key) == nullptr) continue;
    if (!source.empty()) {
      return reader.fail(pointer_child("/workload", key),
                         fmt::format("expected one prompt source, got both \"{}\" and \"{}\"", source, key),
                         "the prompts come from exactly one of \"messages\", \"prompts_file\", \"dataset\" and "
                         "\"input_tokens\"");
    }
    source = key;
  }
  return true;
}

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
  return read_dataset(reader, at + "/path", out.prompts_file, kind, limit, out.prompts, out.user_turns,
                      out.dataset_skips, out.expected);
}

// workload.inputs and workload.batch (docs/scenario.md ("Embeddings")), read after the targets. Inputs
// alone are the chat targets' prompts too, one user message each; beside another prompt source they
// and `batch` need an embeddings target, and a conversation needs chat targets only.
bool read_embedding_inputs(Reader& reader, const Json& value, bool other_source, Scenario& out) {
  const std::string pointer = "/workload/inputs";
  const bool embeddings = std::any_of(out.targets.begin(), out.targets.end(), [](const Target& t) { return t.embeds(); });
  const auto without_embeddings_target = [&](std::string_view key) {
    return reader.fail(pointer_child("/workload", key),
                       fmt::format("\"{}\" applies to embeddings targets, and none has \"kind\": \"embeddings\"", key));
  };
  if (!embeddings && other_source && find_member(value, "inputs") != nullptr) return without_embeddings_target("inputs");
  if (!embeddings && find_member(value, "batch") != nullptr) return without_embeddings_target("batch");
  if (embeddings && out.conversation) {
    return reader.fail("/workload/conversation", "a conversation needs chat targets, and a target has \"kind\": \"embeddings\"",
                       "measure conversations and embeddings in separate scenarios");
  }
  if (const Json* v = find_member(value, "inputs"); v != nullptr && reader.array(*v, pointer, true)) {
    for (std::size_t i = 0; i < v->size() && reader.ok(); ++i) {
      std::string text;
      if (!reader.string((*v)[i], pointer_child(pointer, i), text)) break;
      if (text.empty()) return reader.fail(pointer_child(pointer, i), "expected a text to embed, got an empty string");
      out.embedding_inputs.push_back(std::move(text));
    }
    if (!other_source) {
      for (const std::string& text : out.embedding_inputs) out.prompts.push_back({{"user", text}});
    }
  }
  if (const Json* v = find_member(value, "batch")) reader.integer_in(*v, "/workload/batch", 1, 2048, out.batch);
  return reader.ok();
}

}  // namespace

bool read_length(Reader& reader, const Json& value, const std::string& pointer, workload::Distribution& out) {
  if (value.is_number()) {
    std::int64_t tokens = 0;
    if (!reader.integer_in(value, pointer, 1, 10'000'000, tokens)) return false;
    out = workload::Distribution::fixed(static_cast<double>(tokens));
    return true;
  }
  if (!value.is_object()) {
    return reader.fail(pointer, fmt::format("expected a number of tokens or {{\"dist\": ...}}, got {}",
                                            describe_value(value)));
  }
  std::string kind;
  const Json* dist = reader.required(value, pointer, "dist");
  if (dist == nullptr || !reader.one_of(*dist, pointer_child(pointer, "dist"), kDistKinds, kind)) return false;
  const auto& spec = *std::find_if(kDistKeys.begin(), kDistKeys.end(),
                                   [&](const DistKeys& k) { return workload::dist_kind_name(k.kind) == kind; });
  if (!reader.object(value, pointer, spec.keys)) return false;
  out = {};
  out.kind = spec.kind;
  const auto need = [&](std::string_view key, bool positive, double& field) {
    if (const Json* v = reader.required(value, pointer, key)) reader.number(*v, pointer_child(pointer, key), positive, field);
  };
  switch (spec.kind) {
    case workload::DistKind::fixed: need("value", true, out.center); break;
    case workload::DistKind::uniform: need("min", true, out.min.emplace()); need("max", true, out.max.emplace()); break;
    case workload::DistKind::normal: need("mean", true, out.center); need("stdev", false, out.spread); break;
    case workload::DistKind::lognormal: need("median", true, out.center); need("sigma", false, out.spread); break;
  }
  if (spec.kind != workload::DistKind::uniform) {
    read_bound(reader, value, pointer, "min", out.min);
    read_bound(reader, value, pointer, "max", out.max);
  }
  if (reader.ok() && out.min && out.max && *out.min > *out.max) {
    return reader.fail(pointer_child(pointer, "max"), fmt::format("expected max ≥ min ({}), got {}", *out.min, *out.max));
  }
  return reader.ok();
}

bool read_workload(Reader& reader, const Json& value, const std::filesystem::path& base_dir,
                   Scenario& out) {
  if (!reader.object(value, "/workload", kWorkloadKeys)) return false;
  std::string source;
  if (!prompt_source(reader, value, source)) return false;
  if (source == "messages") {
    std::vector<protocol::Message> prompt;
    if (read_messages(reader, value["messages"], "/workload/messages", prompt)) {
      out.prompts.push_back(std::move(prompt));
    }
  } else if (source == "prompts_file") {
    std::string relative;
    if (reader.string(value["prompts_file"], "/workload/prompts_file", relative)) {
      out.prompts_file = (base_dir / relative).string();
      read_prompts_file(reader, "/workload/prompts_file", out.prompts_file, out.prompts, out.expected);
    }
  } else if (source == "dataset") {
    read_dataset_key(reader, value["dataset"], base_dir, out);
  } else if (source == "input_tokens" && value["input_tokens"].is_array()) {
    return reader.fail("/workload/input_tokens", "expected a number of tokens or a distribution, got a list",
                       "a list of lengths is a sweep: give it to a phase, \"input_tokens\": [256, 1024, 4096]");
  } else if (source == "input_tokens") {
    read_length(reader, value["input_tokens"], "/workload/input_tokens", out.input_tokens.emplace());
  }
  // No source at all is checked with the phases (check_prompt_sources): each may bring its own lengths.
  if (const Json* v = find_member(value, "output_tokens")) {
    read_length(reader, *v, "/workload/output_tokens", out.output_tokens.emplace());
  }
  if (const Json* v = find_member(value, "conversation")) read_conversation(reader, *v, out.conversation.emplace());
  if (const Json* v = find_member(value, "max_tokens")) {
    reader.integer(*v, "/workload/max_tokens", 1, out.max_tokens);
  }
  if (const Json* v = find_member(value, "prompt_cache")) {
    std::string mode;
    if (reader.one_of(*v, "/workload/prompt_cache", kPromptCacheModes, mode)) {
      out.prompt_cache = mode == "allow" ? PromptCache::allow : PromptCache::bust;
    }
  }
  read_tools(reader, value, out);
  read_embedding_inputs(reader, value, !source.empty(), out);
  return reader.ok();
}

}  // namespace ttft::scenario
