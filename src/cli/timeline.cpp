#include "cli/timeline.hpp"

#include <fmt/format.h>

#include "core/duration.hpp"

namespace ttft::cli {
namespace {

std::string ms_or_dash(const std::optional<Nanos>& ns) {
  return ns ? fmt::format("{:10.2f} ms", to_ms(*ns)) : fmt::format("{:>10}   ", "-");
}

std::string bold(const std::string& text, bool color) {
  return color ? "\x1b[1m" + text + "\x1b[0m" : text;
}

// "  server      load 2.10 ms, prompt eval 61.00 ms, ..." with the parts the server sent.
std::string server_line(const protocol::ServerTimings& server) {
  const std::pair<const char*, const std::optional<Nanos>*> parts[] = {
      {"load", &server.load_ns}, {"prompt eval", &server.prompt_eval_ns},
      {"eval", &server.eval_ns}, {"total", &server.total_ns}};
  std::string line;
  for (const auto& [label, value] : parts) {
    if (!*value) continue;
    line += fmt::format("{}{} {:.2f} ms", line.empty() ? "" : ", ", label, to_ms(**value));
  }
  return fmt::format("  {:<12}{}\n", "server", line);
}

}  // namespace

std::string render_timeline(const std::string& url, const samples::Sample& s,
                            const std::optional<protocol::ServerTimings>& server, bool color) {
  std::string out = fmt::format("probe {}\n", url);
  out += fmt::format("  protocol {0}  model {2}  HTTP{1} {3}  pop {4}\n\n", s.protocol, s.http_version.empty() ? "" : "/" + s.http_version,
                     s.model.empty() ? "-" : s.model,
                     s.http_status ? std::to_string(*s.http_status) : "-", s.pop.empty() ? "-" : s.pop);
  const std::pair<const char*, const std::optional<Nanos>*> rows[] = {
      {"dns", &s.dns_ns},           {"connect", &s.connect_ns},
      {"tls", &s.tls_ns},           {"headers", &s.ttfb_ns},
      {"first event", &s.ttft_ns},  {"first token", &s.first_token_ns},
      {"end", &s.e2e_ns}};
  for (const auto& [label, value] : rows) {
    std::string line = fmt::format("  {:<12}{}", label, ms_or_dash(*value));
    if (std::string_view(label) == "first event") line = bold(line, color) + "   time to first token (ttft_ms)";
    if (std::string_view(label) == "first token" && s.first_token_kind == "reasoning") {
      line += "   reasoning, not visible text";
    }
    out += line + "\n";
  }
  out += "\n";
  out += fmt::format("  tokens      in {}  out {} ({})  events {}\n",
                     s.input_tokens ? std::to_string(*s.input_tokens) : "-",
                     s.output_tokens ? std::to_string(*s.output_tokens) : "-",
                     s.token_source.empty() ? "-" : s.token_source,
                     s.events ? std::to_string(*s.events) : "-");
  if (s.decode_tps || s.itl_p50_ns) {
    out += fmt::format("  decode      {} tokens/s  itl p50 {}  p95 {}\n",
                       s.decode_tps ? fmt::format("{:.1f}", *s.decode_tps) : "-",
                       s.itl_p50_ns ? fmt::format("{:.2f} ms", to_ms(*s.itl_p50_ns)) : "-",
                       s.itl_p95_ns ? fmt::format("{:.2f} ms", to_ms(*s.itl_p95_ns)) : "-");
  }
  if (server && !server->empty()) out += server_line(*server);
  if (!s.error.empty()) out += fmt::format("\n  error       {}: {}\n", s.error, s.error_detail);
  return out;
}

}  // namespace ttft::cli
