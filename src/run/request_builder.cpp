#include "run/request_builder.hpp"

#include <algorithm>
#include <random>

#include <fmt/format.h>

#include "core/random.hpp"
#include "driver/response_headers.hpp"
#include "protocol/adapter.hpp"
#include "protocol/completion.hpp"
#include "protocol/embeddings.hpp"

namespace ttft::run {

std::string prompt_nonce(std::uint64_t seed, std::int64_t seq) {
  // SplitMix64 is a bijection of 64-bit words, and so is adding seq to a fixed base: for one
  // seed, distinct seqs give distinct nonces. The base mixes the seed with a constant of its own,
  // so the nonces are unrelated to the schedule's random streams.
  constexpr std::uint64_t kNonceStream = 0x70726f6d70742d63;  // "prompt-c"
  const std::uint64_t base = splitmix64(seed ^ kNonceStream);
  return fmt::format("{:016x}\n", splitmix64(base + static_cast<std::uint64_t>(seq)));
}

std::vector<protocol::Message> with_prefix(std::vector<protocol::Message> messages, std::string_view prefix) {
  if (!messages.empty()) messages.front().content.insert(0, prefix);
  return messages;
}

std::string join_protocol_names() { return fmt::format("{}", fmt::join(protocol::protocol_names(), ", ")); }

namespace {

// The request id header unless the user sets it, then the user's headers.
void add_headers(driver::RequestSpec& spec, const driver::HeaderList& user_headers, const std::string& request_id,
                 const std::string& request_id_header) {
  const bool user_sets_id =
      !request_id_header.empty() && !driver::header_value(user_headers, request_id_header).empty();
  if (!request_id_header.empty() && !user_sets_id) spec.headers.emplace_back(request_id_header, request_id);
  spec.headers.insert(spec.headers.end(), user_headers.begin(), user_headers.end());
}

}  // namespace

Result<driver::RequestSpec> build_embeddings_request(const EmbeddingsInput& input) {
  const auto format = protocol::embeddings_format(input.protocol);
  if (!format) {
    return fail("--protocol", fmt::format("unknown embeddings protocol \"{}\"", input.protocol),
                fmt::format("known embeddings protocols: {}", fmt::join(protocol::embeddings_protocols(), ", ")));
  }
  driver::RequestSpec spec;
  spec.url = input.url;
  spec.protocol = input.protocol;
  spec.stream = false;
  spec.body = protocol::embeddings_body(*format, {input.model, input.inputs, input.dimensions});
  spec.embeddings = driver::EmbeddingsCheck{*format, input.inputs.size(), input.dimensions};
  add_headers(spec, input.headers, input.request_id, input.request_id_header);
  return spec;
}

namespace {

constexpr auto kNonceDigits = static_cast<std::size_t>(kPromptNonceBytes - 1);  // the 16 hex digits before the newline

bool same_message(const protocol::Message& a, const protocol::Message& b) {
  return a.role == b.role && a.content == b.content;
}

bool leads_with_hex(std::string_view text) {
  return text.size() >= kNonceDigits &&
         std::all_of(text.begin(), text.begin() + kNonceDigits,
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Whether two first messages are the same but (at most) their leading 16 hex digits.
bool same_but_digits(const protocol::Message& a, const protocol::Message& b) {
  return a.role == b.role && leads_with_hex(a.content) && leads_with_hex(b.content) &&
         std::string_view(a.content).substr(kNonceDigits) == std::string_view(b.content).substr(kNonceDigits);
}

// Where two bodies hold 16 bytes `a` and `b` (which differ) at one offset and are equal elsewhere.
std::optional<std::size_t> locate_digits(std::string_view body_a, std::string_view a, std::string_view body_b,
                                         std::string_view b) {
  if (body_a.size() != body_b.size()) return std::nullopt;
  const auto first = std::mismatch(body_a.begin(), body_a.end(), body_b.begin()).first - body_a.begin();
  const auto skipped = std::mismatch(a.begin(), a.end(), b.begin()).first - a.begin();  // equal leading digits
  if (first < skipped) return std::nullopt;
  const auto at = static_cast<std::size_t>(first - skipped);
  const bool holds = body_a.substr(at, kNonceDigits) == a && body_b.substr(at, kNonceDigits) == b;
  if (!holds || body_a.substr(at + kNonceDigits) != body_b.substr(at + kNonceDigits)) return std::nullopt;
  return at;
}

}  // namespace

bool BodyMemo::same_but_first_message(std::string_view protocol, const RequestInput& input) const {
  const protocol::Workload& w = *workload_;
  return protocol == protocol_ && input.stream == w.stream && input.max_tokens == w.max_tokens &&
         input.model == w.model && input.messages.size() == w.messages.size() && !w.messages.empty() &&
         std::equal(input.messages.begin() + 1, input.messages.end(), w.messages.begin() + 1, same_message) &&
         input.extra_body == w.extra_body && input.tools == w.tools && input.tool_choice == w.tool_choice;
}

bool BodyMemo::fill(std::string_view protocol, const RequestInput& input, std::string& body) const {
  if (!workload_ || !same_but_first_message(protocol, input)) return false;
  const protocol::Message& first = input.messages.front();
  if (same_message(first, workload_->messages.front())) {
    body = body_;
    return true;
  }
  if (!nonce_at_ || !same_but_digits(first, workload_->messages.front())) return false;
  body = body_;
  body.replace(*nonce_at_, kNonceDigits, first.content, 0, kNonceDigits);
  return true;
}

void BodyMemo::learn(std::string_view protocol, const RequestInput& input, const std::string& body) {
  if (workload_ && !nonce_at_ && same_but_first_message(protocol, input) &&
      same_but_digits(input.messages.front(), workload_->messages.front())) {
    const std::string_view kept = std::string_view(workload_->messages.front().content).substr(0, kNonceDigits);
    const std::string_view sent = std::string_view(input.messages.front().content).substr(0, kNonceDigits);
    nonce_at_ = locate_digits(body_, kept, body, sent);
    if (nonce_at_) return;
  }
  protocol_ = protocol;
  workload_ = protocol::Workload{input.model, input.messages, input.max_tokens, input.extra_body,
                                 input.tools, input.tool_choice, input.stream};
  body_ = body;
  nonce_at_.reset();
}

Result<driver::RequestSpec> build_request(const RequestInput& input, BodyMemo* memo) {
  // `auto` sends the body of the protocol the URL's shape names (docs/protocols.md ("auto")).
  const std::string_view body_protocol = protocol::request_protocol(input.protocol, input.url);
  driver::RequestSpec spec;
  const bool from_memo = memo != nullptr && memo->fill(body_protocol, input, spec.body);
  std::unique_ptr<protocol::Adapter> adapter;  // only to build a body the memo cannot tell
  if (!from_memo) {
    auto made = protocol::make_adapter(body_protocol);
    if (!made) return fail("--protocol", made.error().message, "known protocols: " + join_protocol_names());
    adapter = std::move(*made);
  }
  if (!input.stream && !protocol::has_completion_form(input.protocol)) {
    return tl::unexpected(protocol::no_completion_form(input.protocol, "--protocol"));
  }
  if (!from_memo) {
    spec.body = adapter->build_body({input.model, input.messages, input.max_tokens, input.extra_body,
                                     input.tools, input.tool_choice, input.stream});
    if (memo != nullptr) memo->learn(body_protocol, input, spec.body);
  }
  spec.url = input.stream ? input.url : protocol::completion_url(input.protocol, input.url);
  spec.protocol = input.protocol;
  spec.stream = input.stream;
  add_headers(spec, input.headers, input.request_id, input.request_id_header);
  return spec;
}

std::string request_id_of(const driver::RequestSpec& spec, const std::string& fallback,
                          const std::string& header_name) {
  const auto value = driver::header_value(spec.headers, header_name);
  return value.empty() ? fallback : value;
}

Result<driver::HeaderList> parse_header_flags(const std::vector<std::string>& flags) {
  driver::HeaderList headers;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    std::string name, value;
    if (!driver::split_header_line(flags[i], name, value) || name.find(' ') != std::string::npos) {
      return fail("--header", fmt::format("header #{} is not of the form 'Name: value'", i + 1),
                  "write it as --header 'Authorization: Bearer $TOKEN'");
    }
    headers.emplace_back(std::move(name), std::move(value));
  }
  return headers;
}

std::string make_run_id(const std::string& prefix) {
  std::random_device entropy;
  return fmt::format("{}-{}-{:04x}", prefix, format_utc_compact(wall_now()), entropy() & 0xffffu);
}

}  // namespace ttft::run
