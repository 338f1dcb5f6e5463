// Builds the driver's RequestSpec from what a user asked for (probe flags or a scenario target):
// the protocol's body, the request-id header, and the user's headers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "driver/request.hpp"
#include "protocol/workload.hpp"

namespace ttft::run {

struct RequestInput {
  std::string url;
  std::string protocol;
  std::string model;
  std::vector<protocol::Message> messages;
  std::int64_t max_tokens = 256;
  nlohmann::json extra_body = nlohmann::json::object();
  driver::HeaderList headers;                   // the user's
  std::string request_id;                       // sent unless the user set the header
  std::string request_id_header = "X-Request-Id";  // empty = none
  nlohmann::json tools = nlohmann::json::array();  // OpenAI chat's tool JSON; empty = none
  nlohmann::json tool_choice = nullptr;                      // null = not sent
  bool stream = true;  // false: the protocol's non-streaming body and URL
};

/// The last body built for one target, reused while the next request asks for the same one (the
/// same request protocol and workload), or for one that differs only in the prompt-cache nonce (the
/// first message's leading 16 hex digits: prompt_nonce), spliced in where the body holds it.
/// Serializing the JSON body is most of building a request.
class BodyMemo {
 public:
  /// The body for `input` in `protocol` into `body` when the memo can tell it; false otherwise.
  bool fill(std::string_view protocol, const RequestInput& input, std::string& body) const;
  /// Learns from `body`, just built for `input` in `protocol`: where the nonce sits (when `input`
  /// differs from the kept workload only there), or a new workload to keep.
  void learn(std::string_view protocol, const RequestInput& input, const std::string& body);

 private:
  bool same_but_first_message(std::string_view protocol, const RequestInput& input) const;

  std::string protocol_;
  std::optional<protocol::Workload> workload_;
  std::string body_;
  std::optional<std::size_t> nonce_at_;  // where body_ holds the first message's leading 16 bytes
};

/// The spec for one request; fails (where = "--protocol") for an unknown protocol, or one without a
/// non-streaming form when `stream` is false. With a memo, the body is built only when it differs
/// from the memo's.
Result<driver::RequestSpec> build_request(const RequestInput& input, BodyMemo* memo = nullptr);

/// An embeddings request (docs/scenario.md ("Embeddings")): `inputs` in the wire format of
/// `protocol`, expecting one vector per input (of `dimensions` when set).
struct EmbeddingsInput {
  std::string url;
  std::string protocol;  // one of protocol::embeddings_protocols()
  std::string model;
  std::vector<std::string> inputs;
  std::optional<std::int64_t> dimensions;
  driver::HeaderList headers;                      // the user's
  std::string request_id;                          // sent unless the user set the header
  std::string request_id_header = "X-Request-Id";  // empty = none
};

/// The spec for one embeddings request; fails for a protocol without an embeddings format.
Result<driver::RequestSpec> build_embeddings_request(const EmbeddingsInput& input);

/// The request id the row records: the user's header value if they set one, else `fallback`.
std::string request_id_of(const driver::RequestSpec& spec, const std::string& fallback,
                          const std::string& header_name = "X-Request-Id");

/// Parses --header flags "Name: value". Errors name the flag, never the value (it may be a key).
Result<driver::HeaderList> parse_header_flags(const std::vector<std::string>& flags);

/// What `workload.prompt_cache: "bust"` puts at the very start of request `seq`'s first message:
/// 16 hex digits and a newline. A function of the run's seed and the request's seq only, so a
/// resumed run sends the same nonce again; distinct seqs of one seed never get the same one, so no
/// two requests of a run share their first 16 bytes of message text (docs/scenario.md, "Prompt
/// cache").
std::string prompt_nonce(std::uint64_t seed, std::int64_t seq);

/// The length of every prompt_nonce.
inline constexpr std::int64_t kPromptNonceBytes = 17;

/// `messages` with `prefix` at the very start of the first message's content (none: unchanged).
std::vector<protocol::Message> with_prefix(std::vector<protocol::Message> messages, std::string_view prefix);

/// "openai-chat, workers-ai, ..." for help texts and hints.
std::string join_protocol_names();

/// A run id: "<prefix>-<UTC compact>-<4 hex>", unique enough to match provider logs.
std::string make_run_id(const std::string& prefix);

}  // namespace ttft::run
