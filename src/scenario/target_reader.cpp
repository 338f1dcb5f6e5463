// Reads "/targets": protocol, URL, headers, body, pricing, connection, HTTP version and TLS options
// per target, keeping file order (the first target is "A" in the A/B order).
#include <algorithm>

#include <fmt/format.h>

#include "protocol/completion.hpp"
#include "protocol/embeddings.hpp"
#include "scenario/did_you_mean.hpp"
#include "scenario/protocols.hpp"
#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kTargetKeys = {
    "protocol",          "url", "model", "headers", "body",      "pricing", "follow_redirects",
    "reuse_connections", "http", "multiplex", "tls", "sim", "stream", "kind", "dimensions",
    "client",            "native"};
const std::vector<std::string> kKinds = {"chat", "embeddings"};
const std::vector<std::string> kHttpVersions = {"auto", "1.1", "2"};
const std::vector<std::string> kTlsKeys = {"insecure", "cacert"};

bool valid_sim_profile(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

bool read_url(Reader& reader, const Json& value, const std::string& pointer, std::string& out) {
  if (!reader.string(value, pointer, out)) return false;
  if (out.rfind("sim://", 0) == 0) {
    if (valid_sim_profile(out.substr(6))) return true;
    return reader.fail(pointer,
                       fmt::format("expected sim://PROFILE with a profile name of a-z, 0-9 and "
                                   "'-', got {}", describe_value(value)),
                       "the built-in profiles are sim://edge and sim://central");
  }
  for (const std::string_view scheme : {"http://", "https://"}) {
    if (out.rfind(scheme, 0) == 0 && out.size() > scheme.size()) return true;
  }
  return reader.fail(pointer,
                     fmt::format("expected a URL starting with http://, https:// or sim://, got {}",
                                 describe_value(value)));
}

// RFC 9110 token characters for header names; values must not smuggle line breaks.
bool valid_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos)
      return false;
  }
  return true;
}

bool read_headers(Reader& reader, const Json& value, const std::string& pointer,
                  std::vector<std::pair<std::string, std::string>>& out) {
  if (!reader.ok()) return false;
  if (!value.is_object()) {
    return reader.fail(pointer, fmt::format("expected an object, got {}", describe_value(value)));
  }
  for (const auto& [name, header_value] : value.items()) {
    const std::string at = pointer_child(pointer, name);
    if (!valid_header_name(name)) {
      return reader.fail(at, fmt::format("expected a header name, got \"{}\"", name));
    }
    std::string text;
    if (!reader.string(header_value, at, text)) return false;
    if (text.find_first_of("\r\n") != std::string::npos) {
      return reader.fail(at, "expected a header value on one line, got a line break");
    }
    out.emplace_back(name, std::move(text));
  }
  return true;
}

bool read_tls(Reader& reader, const Json& value, const std::string& pointer,
              const std::filesystem::path& base_dir, TlsOptions& out) {
  if (!reader.object(value, pointer, kTlsKeys)) return false;
  if (const Json* v = find_member(value, "insecure")) {
    reader.boolean(*v, pointer_child(pointer, "insecure"), out.insecure);
  }
  if (const Json* v = find_member(value, "cacert")) {
    // Relative to the scenario file, like prompts_file, so a scenario folder can be moved.
    if (reader.string(*v, pointer_child(pointer, "cacert"), out.cacert) && !out.cacert.empty()) {
      out.cacert = (base_dir / out.cacert).string();
    }
  }
  return reader.ok();
}

// "http" and "multiplex" (docs/scenario.md ("HTTP versions and multiplexing")). Multiplexing shares a kept-alive HTTP/2 connection,
// so it needs reuse_connections and an HTTP version that can be 2.
bool read_http(Reader& reader, const Json& value, const std::string& pointer, Target& out) {
  const auto at = [&](std::string_view key) { return pointer_child(pointer, key); };
  if (const Json* v = find_member(value, "http")) {
    std::string version;
    if (reader.one_of(*v, at("http"), kHttpVersions, version)) {
      out.http = version == "1.1" ? HttpVersion::http1_1 : version == "2" ? HttpVersion::http2 : HttpVersion::automatic;
    }
  }
  if (const Json* v = find_member(value, "multiplex")) reader.boolean(*v, at("multiplex"), out.multiplex);
  if (!reader.ok() || !out.multiplex) return reader.ok();
  if (out.http == HttpVersion::http1_1) {
    return reader.fail(at("multiplex"), "multiplexing needs HTTP/2, got \"http\": \"1.1\"",
                       "use \"http\": \"auto\" or \"2\", or drop \"multiplex\"");
  }
  if (!out.reuse_connections) {
    return reader.fail(at("multiplex"), "multiplexing shares kept-alive connections, got reuse_connections false",
                       "set \"reuse_connections\": true on the target (or at the top level)");
  }
  return true;
}

// A chat target names a chat protocol; an embeddings target one of the embeddings wire formats.
bool read_protocol(Reader& reader, const Json& value, const std::string& pointer, TargetKind kind,
                   std::string& out) {
  if (!reader.string(value, pointer, out)) return false;
  const bool embeddings = kind == TargetKind::embeddings;
  const std::vector<std::string>& known = embeddings ? protocol::embeddings_protocols() : known_protocols();
  if (std::find(known.begin(), known.end(), out) != known.end()) return true;
  std::string hint = fmt::format("known {}protocols: {}", embeddings ? "embeddings " : "", fmt::join(known, ", "));
  if (const auto match = closest_match(out, known)) {
    hint = fmt::format("did you mean \"{}\"? {}", *match, hint);
  }
  return reader.fail(pointer, fmt::format("unknown {}protocol \"{}\"", embeddings ? "embeddings " : "", out), hint);
}

// "kind" and the keys only one kind takes (docs/scenario.md ("Embeddings")).
bool read_kind(Reader& reader, const Json& value, const std::string& pointer, Target& out) {
  const auto at = [&](std::string_view key) { return pointer_child(pointer, key); };
  if (const Json* v = find_member(value, "kind")) {
    std::string kind;
    if (reader.one_of(*v, at("kind"), kKinds, kind)) out.kind = kind == "embeddings" ? TargetKind::embeddings : TargetKind::chat;
  }
  if (!reader.ok()) return false;
  const Json* dimensions = find_member(value, "dimensions");
  if (out.embeds()) {
    if (find_member(value, "stream") != nullptr) {
      return reader.fail(at("stream"), "an embeddings target answers with one JSON response: \"stream\" does not apply");
    }
    if (dimensions != nullptr) reader.integer_in(*dimensions, at("dimensions"), 1, 1'000'000, out.dimensions.emplace());
    return reader.ok();
  }
  if (dimensions != nullptr) {
    return reader.fail(at("dimensions"), "\"dimensions\" applies to embeddings targets",
                       "add \"kind\": \"embeddings\" to the target");
  }
  return true;
}

// "stream": false asks for the protocol's non-streaming form (docs/protocols.md ("Non-streaming requests")).
bool read_stream(Reader& reader, const Json& value, const std::string& pointer, Target& out) {
  if (!reader.boolean(value, pointer, out.stream) || out.stream) return reader.ok();
  if (protocol::has_completion_form(out.protocol)) return true;
  const Error error = protocol::no_completion_form(out.protocol, pointer);
  return reader.fail(pointer, error.message, error.hint);
}

// A sim:// target's profile: the built-in one its URL names, with its "sim" overrides.
bool read_simulated(Reader& reader, const Json& value, const std::string& pointer, Target& out) {
  Result<SimProfile> base = builtin_profile(out.url.substr(std::string_view("sim://").size()));
  if (!base) {
    return reader.fail(pointer_child(pointer, "url"), base.error().message, base.error().hint);
  }
  out.sim_profile = std::move(*base);
  const Json* overrides = find_member(value, "sim");
  return overrides == nullptr ||
         read_sim_profile(reader, *overrides, pointer_child(pointer, "sim"), *out.sim_profile);
}

bool read_target(Reader& reader, const Json& value, const std::string& pointer,
                 const std::filesystem::path& base_dir, Target& out) {
  if (!reader.object(value, pointer, kTargetKeys) || !read_kind(reader, value, pointer, out)) return false;
  if (const Json* v = reader.required(value, pointer, "protocol")) {
    read_protocol(reader, *v, pointer_child(pointer, "protocol"), out.kind, out.protocol);
  }
  if (const Json* v = reader.required(value, pointer, "url")) {
    read_url(reader, *v, pointer_child(pointer, "url"), out.url);
  }
  const auto at = [&](std::string_view key) { return pointer_child(pointer, key); };
  if (const Json* v = find_member(value, "model")) reader.string(*v, at("model"), out.model);
  if (const Json* v = find_member(value, "headers"))
    read_headers(reader, *v, at("headers"), out.headers);
  if (const Json* v = find_member(value, "body"); v != nullptr && reader.ok()) {
    if (!v->is_object()) {
      return reader.fail(at("body"), fmt::format("expected an object, got {}", describe_value(*v)));
    }
    out.body = nlohmann::json(*v);
  }
  if (const Json* v = find_member(value, "pricing"))
    read_pricing(reader, *v, at("pricing"), out.pricing, out.embeds());
  if (const Json* v = find_member(value, "follow_redirects")) {
    reader.boolean(*v, at("follow_redirects"), out.follow_redirects);
  }
  if (const Json* v = find_member(value, "reuse_connections")) {
    reader.boolean(*v, at("reuse_connections"), out.reuse_connections);
  }
  read_http(reader, value, pointer, out);
  if (const Json* v = find_member(value, "stream"); v != nullptr && reader.ok()) read_stream(reader, *v, at("stream"), out);
  if (const Json* v = find_member(value, "tls")) read_tls(reader, *v, at("tls"), base_dir, out.tls);
  read_client(reader, value, pointer, out);
  if (reader.ok() && out.is_simulated()) return read_simulated(reader, value, pointer, out);
  if (find_member(value, "sim") != nullptr && reader.ok()) {
    return reader.fail(
        at("sim"), fmt::format("\"sim\" applies only to a sim:// url, got url \"{}\"", out.url));
  }
  return reader.ok();
}

}  // namespace

bool valid_name(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && c != '-' && c != '_') return false;
  }
  return true;
}

bool read_targets(Reader& reader, const Json& value, bool reuse_default,
                  const std::filesystem::path& base_dir, std::vector<Target>& out) {
  if (!reader.ok()) return false;
  if (!value.is_object()) {
    return reader.fail("/targets", fmt::format("expected an object of named targets, got {}",
                                               describe_value(value)));
  }
  if (value.size() < 2) {
    return reader.fail("/targets",
                       fmt::format("expected at least two targets, got {}", value.size()),
                       "ttftbench compares endpoints: add another target (sim://central works "
                       "as a baseline)");
  }
  for (const auto& [name, entry] : value.items()) {
    const std::string pointer = pointer_child("/targets", name);
    if (!valid_name(name)) {
      return reader.fail(pointer, fmt::format("expected a target name of letters, digits, '-' and "
                                              "'_', got \"{}\"",
                                              name));
    }
    Target target;
    target.name = name;
    target.reuse_connections = reuse_default;
    if (!read_target(reader, entry, pointer, base_dir, target)) return false;
    out.push_back(std::move(target));
  }
  return check_native_twins(reader, out);
}

}  // namespace ttft::scenario
