#include "run/request_builder.hpp"

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

Result<driver::RequestSpec> build_request(const RequestInput& input) {
  // `auto` sends the body of the protocol the URL's shape names (docs/protocols.md ("auto")).
  auto adapter = protocol::make_adapter(protocol::request_protocol(input.protocol, input.url));
  if (!adapter) {
    return fail("--protocol", adapter.error().message, "known protocols: " + join_protocol_names());
  }
  if (!input.stream && !protocol::has_completion_form(input.protocol)) {
    return tl::unexpected(protocol::no_completion_form(input.protocol, "--protocol"));
  }
  protocol::Workload workload{input.model, input.messages, input.max_tokens, input.extra_body,
                              input.tools, input.tool_choice, input.stream};
  driver::RequestSpec spec;
  spec.url = input.stream ? input.url : protocol::completion_url(input.protocol, input.url);
  spec.protocol = input.protocol;
  spec.stream = input.stream;
  spec.body = (*adapter)->build_body(workload);
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
