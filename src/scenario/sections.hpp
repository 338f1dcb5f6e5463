// The section readers behind load_scenario: each reads one part of the parsed scenario into
// its struct through a Reader, which keeps the first error. Internal to the scenario module.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cost/pricing.hpp"
#include "metrics/slo.hpp"
#include "scenario/json_reader.hpp"
#include "scenario/scenario.hpp"

namespace ttft::scenario {

/// Names of targets and phases: they appear in request ids, file names and `--assert` paths.
bool valid_name(std::string_view name);

/// "/targets": two or more targets in file order; `reuse_default` is the top-level setting.
bool read_targets(Reader& reader, const Json& value, bool reuse_default,
                  const std::filesystem::path& base_dir, std::vector<Target>& out);

/// A target's "client" and "native" (docs/scenario.md ("Browser targets")); after its other keys.
bool read_client(Reader& reader, const Json& value, const std::string& pointer, Target& out);

/// Every browser target's "native" names a native chat target with its url, protocol and model.
bool check_native_twins(Reader& reader, const std::vector<Target>& targets);

/// A target's "pricing" object (docs/scenario.md ("Pricing")). `input_only` (embeddings targets,
/// which produce no output tokens) lets the token and neuron prices leave out their output half.
bool read_pricing(Reader& reader, const Json& value, const std::string& pointer,
                  cost::Pricing& out, bool input_only = false);

/// A simulator profile's JSON form (see parse_sim_profile) applied to `out`.
bool read_sim_profile(Reader& reader, const Json& value, const std::string& pointer,
                      SimProfile& out);

/// The whole file as bytes; the error message is the system's ("No such file or directory").
Result<std::string> read_file_bytes(const std::string& path);

/// A message list at `pointer`: [{"role": "system"|"user"|"assistant", "content": "..."}, ...].
bool read_messages(Reader& reader, const Json& value, const std::string& pointer,
                   std::vector<protocol::Message>& out);

/// A prompt's "expected" at `pointer` (docs/scenario.md ("Graded prompts")); a regex is compiled.
bool read_expected(Reader& reader, const Json& value, const std::string& pointer, metrics::Expected& out);

/// The prompts JSONL at `path` (workload.prompts_file at `pointer`): one {"messages": [...]} or
/// {"prompt": "..."} per line, each with an optional "expected" appended to `expected` (one per
/// prompt; left empty when no line has one); bad lines are errors at "<path>:<line>".
bool read_prompts_file(Reader& reader, const std::string& pointer, const std::string& path,
                       std::vector<std::vector<protocol::Message>>& out,
                       std::vector<std::optional<metrics::Expected>>& expected);

/// workload.dataset's "format".
enum class DatasetFormat { sharegpt, openai, prompts };

/// A dataset file (workload.dataset at `pointer`, docs/scenario.md ("Datasets")), at most `limit`
/// entries in file order: each entry's prompt (ShareGPT: its first human turn; OpenAI: its
/// messages; prompts: as read_prompts_file, "expected" included) appended to `prompts`, and its user
/// turns in order to `user_turns` (one vector per entry, for conversations). Bad entries are errors at "<path>:<line>";
/// ShareGPT entries without a human turn are left out and counted in `skips`.
bool read_dataset(Reader& reader, const std::string& pointer, const std::string& path, DatasetFormat format,
                  std::optional<std::int64_t> limit, std::vector<std::vector<protocol::Message>>& prompts,
                  std::vector<std::vector<std::string>>& user_turns, DatasetSkips& skips,
                  std::vector<std::optional<metrics::Expected>>& expected);

/// A replay trace (a phase's "trace" at `pointer`, docs/scenario.md ("Trace replay")): Mooncake
/// JSONL ({"timestamp": MS, "input_length": N, "output_length": M, ...}) or CSV
/// (offset_ms,input_tokens,output_tokens), by content. Offsets are from the first line; times must
/// not decrease. Bad lines are errors at "<path>:<line>".
bool read_trace(Reader& reader, const std::string& pointer, const std::string& path, std::vector<TraceLine>& out);

/// A length at `pointer`: a positive number of tokens, or {"dist": "fixed"|"uniform"|"normal"|"lognormal", ...}
/// (docs/scenario.md ("Prompt and output lengths")).
bool read_length(Reader& reader, const Json& value, const std::string& pointer, workload::Distribution& out);

/// workload.tools and workload.tool_choice of the "/workload" object (docs/scenario.md ("Tools")).
bool read_tools(Reader& reader, const Json& workload, Scenario& out);

/// "/workload": messages or prompts_file (resolved against `base_dir`), max_tokens,
/// prompt_cache, and the embeddings keys, which depend on the targets (read first).
bool read_workload(Reader& reader, const Json& value, const std::filesystem::path& base_dir,
                   Scenario& out);

/// An "slo" at `pointer` (the top level's or a phase's): see parse_slo in slo.hpp.
bool read_slo(Reader& reader, const Json& value, const std::string& pointer, metrics::Slo& out);

/// "/phases": a non-empty array of phases with unique names; a sweep phase becomes one phase per
/// value ("<name>@<value>"); a replay phase's trace is read relative to `base_dir`.
bool read_phases(Reader& reader, const Json& value, const std::filesystem::path& base_dir, std::vector<Phase>& out);

/// Checks across workload and phases: every phase has prompts (the workload's, or its own
/// input_tokens or trace), and a conversation workload runs only closed-loop phases whose
/// requests are a multiple of its turns.
bool check_workload_phases(Reader& reader, const Scenario& scenario);

}  // namespace ttft::scenario
