// `--export KIND=URL`: where metrics go. `${VAR}` in the URL comes from the environment; the
// values substituted are secrets, so every message shows the URL redacted. No I/O.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace ttft::telemetry {

enum class ExportKind { prometheus_rw, pushgateway, otlp };

struct Destination {
  ExportKind kind = ExportKind::otlp;
  std::string url;                   // as sent, variables substituted
  std::string shown_url;             // redacted: for messages and the manifest
  std::vector<std::string> secrets;  // the environment values substituted
};

using Getenv = std::function<std::optional<std::string>(const std::string&)>;

/// "prometheus-rw", "pushgateway" or "otlp".
const char* kind_name(ExportKind kind);

/// Parses "KIND=URL" (the --export flag); errors name `--export`. The URL must be http:// or
/// https:// with a host; a `${VAR}` that is unset fails.
Result<Destination> parse_destination(const std::string& spec, const Getenv& getenv);

/// Every destination's secrets, for the run's own redaction (manifest command line, messages).
std::vector<std::string> secrets_of(const std::vector<Destination>& destinations);

}  // namespace ttft::telemetry
