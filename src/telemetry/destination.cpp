#include "telemetry/destination.hpp"

#include <fmt/format.h>

#include "core/redact.hpp"

namespace ttft::telemetry {
namespace {

constexpr const char* kFlag = "--export";
constexpr const char* kHint = "--export prometheus-rw=URL, --export pushgateway=URL or --export otlp=URL";

/// `text` with each ${NAME} replaced by its environment value (recorded in `secrets`).
Result<std::string> substitute(const std::string& text, const Getenv& getenv, std::vector<std::string>& secrets) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find("${", at);
    if (open == std::string::npos) break;
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) return fail(kFlag, "an unclosed ${ in the URL", "write ${NAME}");
    out += text.substr(at, open - at);
    const std::string name = text.substr(open + 2, close - open - 2);
    const auto value = getenv ? getenv(name) : std::nullopt;
    if (!value) return fail(kFlag, fmt::format("the URL uses ${{{}}}, which is not set", name), "export " + name);
    if (!value->empty()) secrets.push_back(*value);
    out += *value;
    at = close + 1;
  }
  return out + text.substr(at);
}

/// The URL with a password in its user part replaced by "***".
std::string without_password(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t at = url.find('@', scheme == std::string::npos ? 0 : scheme + 3);
  const std::size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme == std::string::npos || at == std::string::npos || (path != std::string::npos && path < at)) return url;
  const std::size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace

const char* kind_name(ExportKind kind) {
  switch (kind) {
    case ExportKind::prometheus_rw: return "prometheus-rw";
    case ExportKind::pushgateway: return "pushgateway";
    case ExportKind::otlp: return "otlp";
  }
  return "";
}

Result<Destination> parse_destination(const std::string& spec, const Getenv& getenv) {
  const std::size_t eq = spec.find('=');
  if (eq == std::string::npos) return fail(kFlag, fmt::format("'{}' is not KIND=URL", spec), kHint);
  const std::string kind = spec.substr(0, eq);
  Destination d;
  if (kind == "prometheus-rw") d.kind = ExportKind::prometheus_rw;
  else if (kind == "pushgateway") d.kind = ExportKind::pushgateway;
  else if (kind == "otlp") d.kind = ExportKind::otlp;
  else return fail(kFlag, fmt::format("unknown kind '{}'", kind), kHint);
  auto url = substitute(spec.substr(eq + 1), getenv, d.secrets);
  if (!url) return tl::unexpected(url.error());
  d.url = std::move(*url);
  d.shown_url = without_password(Redactor(d.secrets).apply(d.url));
  const bool http = d.url.rfind("http://", 0) == 0 || d.url.rfind("https://", 0) == 0;
  const std::size_t host = d.url.find("://") + 3;
  if (!http || host >= d.url.size() || d.url[host] == '/') {
    return fail(kFlag, fmt::format("'{}' is not an http:// or https:// URL", d.shown_url), kHint);
  }
  return d;
}

std::vector<std::string> secrets_of(const std::vector<Destination>& destinations) {
  std::vector<std::string> secrets;
  for (const Destination& d : destinations) {
    secrets.insert(secrets.end(), d.secrets.begin(), d.secrets.end());
    if (const std::string shown = without_password(d.url); shown != d.url) {
      const std::size_t start = d.url.find(':', d.url.find("://") + 3) + 1;
      secrets.push_back(d.url.substr(start, d.url.find('@', start) - start));
    }
  }
  return secrets;
}

}  // namespace ttft::telemetry
