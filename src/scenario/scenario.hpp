// A validated scenario (docs/scenario.md) as plain structs. Everything here has been checked by
// the loader: a Scenario that exists is one `run` can execute.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "cost/pricing.hpp"
#include "metrics/grade.hpp"
#include "metrics/slo.hpp"
#include "protocol/workload.hpp"
#include "scenario/sim_profile.hpp"
#include "workload/distribution.hpp"

namespace ttft::scenario {

struct TlsOptions {
  bool insecure = false;
  std::string cacert;  // path, empty = system store
};

/// A target's "http" (docs/scenario.md ("HTTP versions and multiplexing")): which HTTP version to ask for.
enum class HttpVersion {
  automatic,  // "auto": HTTP/2 when TLS negotiates it, HTTP/1.1 otherwise
  http1_1,    // "1.1"
  http2,      // "2": over cleartext with prior knowledge
};

/// What a target serves (docs/scenario.md ("Embeddings")): chat completions, or embedding vectors.
enum class TargetKind { chat, embeddings };

enum class Client { native, browser };

struct Target {
  std::string name;                  // the key in "targets"
  TargetKind kind = TargetKind::chat;
  std::string protocol;              // chat: one of protocol::protocol_names(); embeddings: of embeddings_protocols()
  std::string url;                   // "sim://edge" for the built-in simulator
  std::string model;
  std::vector<std::pair<std::string, std::string>> headers;  // in file order, ${VAR} substituted
  nlohmann::json body = nlohmann::json::object();  // merged into the protocol's request body
  cost::Pricing pricing;
  bool follow_redirects = false;
  bool reuse_connections = false;
  HttpVersion http = HttpVersion::automatic;
  bool multiplex = false;            // requests may share an HTTP/2 connection as streams
  TlsOptions tls;
  bool stream = true;                // false: one JSON response (docs/scenario.md ("Non-streaming targets"))
  std::optional<std::int64_t> dimensions;  // embeddings: the vector length asked for and checked
  // sim:// only: the built-in profile the URL names, with the target's "sim" overrides and the
  // scenario's time_scale applied; what its simulator runs.
  std::optional<SimProfile> sim_profile;
  // Who sends its requests (docs/scenario.md ("Browser targets")): libcurl, or a headless Chromium.
  Client client = Client::native;
  std::string native_twin;           // a browser target's native target of the same endpoint

  bool is_simulated() const { return url.rfind("sim://", 0) == 0; }
  bool embeds() const { return kind == TargetKind::embeddings; }
};

enum class Order { alternate, blocks, sequential };

/// workload.prompt_cache (docs/scenario.md ("Prompt cache")): `bust` makes every request's prompt unique with a
/// seeded nonce at its very start, so no provider can serve a cached prefix; `allow` sends the
/// prompts exactly as written.
enum class PromptCache { bust, allow };
enum class Arrival { constant, poisson };

/// What a sweep phase varies (docs/scenario.md ("Sweeps")).
enum class SweepParameter { concurrency, rate, input_tokens };

/// "concurrency", "rate" or "input_tokens".
std::string_view sweep_parameter_name(SweepParameter parameter);

/// A phase written with a list of values runs once per value: the loader makes one Phase of each,
/// named "<name>@<value>" (sweep_phase_name), in the order written.
struct Sweep {
  std::string base_name;         // the phase's name as written
  SweepParameter parameter = SweepParameter::concurrency;
  double value = 0;              // this phase's value
  std::vector<double> values;    // every value of the sweep, in order
};

/// "<base>@<value>", the value as written in shortest form ("ramp@4", "ramp@0.5").
std::string sweep_phase_name(std::string_view base, double value);

/// One line of a replayed trace (docs/scenario.md ("Trace replay")).
struct TraceLine {
  Nanos offset_ns = 0;          // from the trace's first line, before speedup and time_scale
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
};

struct Phase {
  std::string name;
  std::optional<std::int64_t> requests;  // per target
  std::optional<Nanos> duration_ns;      // bound when requests is absent
  // Exactly one pacing: idle (cold phase), interval, rate, or concurrency.
  std::vector<Nanos> idle_ns;            // non-empty = cold phase; more than one = idle sweep
  std::optional<Nanos> interval_ns;      // between successive starts across all targets
  std::optional<double> rate_per_s;      // across all targets
  Arrival arrival = Arrival::constant;
  std::optional<std::int64_t> concurrency;  // in flight per target (closed loop)
  Order order = Order::alternate;
  std::optional<metrics::Slo> slo;       // the phase's own SLO; it wins over the scenario's
  // The phase's own prompt length (an input_tokens sweep's value); wins over workload.input_tokens.
  std::optional<workload::Distribution> input_tokens;
  std::optional<Sweep> sweep;            // set on each phase a sweep was expanded into
  // Trace replay: every line sent to every target at offset / speedup (requests = lines).
  std::vector<TraceLine> trace;
  std::string trace_path;                // resolved; empty = not a replay
  double speedup = 1;

  bool cold() const { return !idle_ns.empty(); }
  bool replay() const { return !trace_path.empty(); }
};

/// workload.dataset (docs/scenario.md ("Datasets")): how the k-th request picks its prompt.
enum class Sampling { sequential, random };

/// Dataset entries left out for having no prompt (ShareGPT conversations without a human turn).
struct DatasetSkips {
  std::int64_t count = 0;
  std::string first;  // "<path>:<line>" of the first
};

/// workload.conversation (docs/scenario.md ("Conversations")).
struct ConversationSpec {
  std::int64_t turns = 1;
  Nanos think_ns = 0;  // from a turn's end to the next turn's start (before time_scale)
};

struct Timeouts {
  Nanos connect_ns = 10 * kNanosPerSecond;
  Nanos first_event_ns = 30 * kNanosPerSecond;
  Nanos total_ns = 120 * kNanosPerSecond;
};

struct Scenario {
  std::string path;                    // as given on the command line
  std::string sha256;                  // hex SHA-256 of the file's bytes before substitution
  std::string name;
  std::vector<Target> targets;         // in file order; at least two
  // Prompts: one message list per prompt (inline, prompts_file or dataset); the k-th request of
  // every target picks one as `sampling` says. Empty when every request's prompt is synthetic.
  std::vector<std::vector<protocol::Message>> prompts;
  // Per prompt, its user turns in order (a conversation's turns; datasets), else empty.
  std::vector<std::vector<std::string>> user_turns;
  // Per prompt, its "expected" answer (docs/scenario.md ("Graded prompts")); empty when none has one.
  std::vector<std::optional<metrics::Expected>> expected;
  std::string prompts_file;            // resolved path of workload.prompts_file or dataset; empty = inline
  Sampling sampling = Sampling::sequential;
  DatasetSkips dataset_skips;          // workload.dataset: entries without a prompt, left out
  std::int64_t max_tokens = 256;
  std::optional<workload::Distribution> input_tokens;   // synthetic prompts of this length
  std::optional<workload::Distribution> output_tokens;  // max_tokens drawn per request
  std::optional<ConversationSpec> conversation;
  PromptCache prompt_cache = PromptCache::bust;  // workload.prompt_cache; absent: bust
  nlohmann::json tools = nlohmann::json::array();  // workload.tools (OpenAI chat's shape); empty = none
  nlohmann::json tool_choice = nullptr;                      // workload.tool_choice; null = not sent
  // Embeddings (docs/scenario.md ("Embeddings")): workload.inputs, the texts embeddings targets embed
  // (empty: each input is a prompt's last user message), and workload.batch, inputs per request.
  std::vector<std::string> embedding_inputs;
  std::int64_t batch = 1;
  std::vector<Phase> phases;           // at least one
  Timeouts timeouts;
  std::string request_id_header = "X-Request-Id";  // empty = not sent
  std::optional<std::uint64_t> seed;   // scenario "seed"; --seed overrides
  std::optional<metrics::Slo> slo;     // top-level "slo": every phase's without its own
  // "headline": the metric of the headline table and the A/B verdicts (docs/scenario.md).
  std::string headline = "ttft";  // ttft | first_token | first_answer
  // Compresses time for demos: schedule gaps (idle, interval, 1/rate, duration) and the
  // simulator's idle thresholds are multiplied by it; latencies are not. Only with sim:// targets.
  double time_scale = 1.0;
  bool record_outputs = false;  // "record_outputs": write outputs.jsonl (or run --record-outputs)
  std::vector<std::string> secrets;    // values substituted from the environment into headers
  nlohmann::ordered_json redacted;     // the scenario as parsed (file order), secrets replaced by "***"
};

}  // namespace ttft::scenario
