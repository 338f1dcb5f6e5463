// Reads a target's "client" and "native" (docs/scenario.md ("Browser targets")) and checks each
// browser target's native twin: a native chat target with the same url, protocol and model.
#include <algorithm>

#include <fmt/format.h>

#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kClients = {"native", "browser"};

// Options a browser target cannot honour: the browser picks its own HTTP version and TLS store.
bool reject_native_only(Reader& reader, const Json& value, const std::string& pointer, const Target& out) {
  for (const char* key : {"http", "multiplex", "tls", "follow_redirects"}) {
    if (find_member(value, key) != nullptr) {
      return reader.fail(pointer_child(pointer, key),
                         fmt::format("\"{}\" does not apply to a browser target: the browser decides it", key),
                         "set it on the native twin, or drop it");
    }
  }
  if (out.embeds() || !out.stream) {
    return reader.fail(pointer_child(pointer, out.embeds() ? "kind" : "stream"),
                       "a browser target measures a streaming chat response",
                       "drop \"kind\"/\"stream\" from the browser target");
  }
  return true;
}

}  // namespace

bool read_client(Reader& reader, const Json& value, const std::string& pointer, Target& out) {
  const auto at = [&](std::string_view key) { return pointer_child(pointer, key); };
  if (const Json* v = find_member(value, "client")) {
    std::string client;
    if (reader.one_of(*v, at("client"), kClients, client)) out.client = client == "browser" ? Client::browser : Client::native;
  }
  const Json* twin = find_member(value, "native");
  if (!reader.ok()) return false;
  if (out.client == Client::native) {
    if (twin == nullptr) return true;
    return reader.fail(at("native"), "\"native\" names the native twin of a browser target",
                       "add \"client\": \"browser\", or drop \"native\"");
  }
  if (twin == nullptr) {
    return reader.fail(at("native"), "a browser target names its native twin: \"native\": \"<target>\"",
                       "add a native target with the same url, protocol and model, and name it here");
  }
  if (!reader.string(*twin, at("native"), out.native_twin)) return false;
  return reject_native_only(reader, value, pointer, out);
}

bool check_native_twins(Reader& reader, const std::vector<Target>& targets) {
  for (const Target& target : targets) {
    if (target.client != Client::browser) continue;
    const std::string at = pointer_child(pointer_child("/targets", target.name), "native");
    const auto twin = std::find_if(targets.begin(), targets.end(),
                                   [&](const Target& t) { return t.name == target.native_twin; });
    if (twin == targets.end()) {
      return reader.fail(at, fmt::format("no target named \"{}\"", target.native_twin));
    }
    if (twin->client != Client::native || twin->embeds()) {
      return reader.fail(at, fmt::format("\"{}\" is not a native chat target", twin->name));
    }
    if (twin->url != target.url || twin->protocol != target.protocol || twin->model != target.model) {
      return reader.fail(at, fmt::format("the twin \"{}\" differs in url, protocol or model", twin->name),
                         "a browser target and its twin measure the same endpoint");
    }
  }
  return reader.ok();
}

}  // namespace ttft::scenario
