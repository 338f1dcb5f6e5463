#include "cli/probe_command.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <poll.h>

#include "browser/browser_client.hpp"
#include "cli/sample_json.hpp"
#include "cli/timeline.hpp"
#include "core/duration.hpp"
#include "core/exit_codes.hpp"
#include "driver/driver.hpp"
#include "protocol/adapter.hpp"
#include "run/request_builder.hpp"
#include "run/sample_builder.hpp"
#include "run/tls_options.hpp"
#include "run/trace.hpp"

namespace ttft::cli {
namespace {

Result<driver::Timeouts> parse_timeouts(const ProbeOptions& o) {
  driver::Timeouts timeouts;
  const std::pair<const std::string*, Nanos*> fields[] = {
      {&o.connect_timeout, &timeouts.connect_ns},
      {&o.first_event_timeout, &timeouts.first_event_ns},
      {&o.total_timeout, &timeouts.total_ns}};
  const char* flags[] = {"--connect-timeout", "--first-event-timeout", "--total-timeout"};
  for (std::size_t i = 0; i < 3; ++i) {
    auto parsed = parse_duration(*fields[i].first);
    if (!parsed || *parsed <= 0) {
      return fail(flags[i], parsed ? "must be greater than zero" : parsed.error().message);
    }
    *fields[i].second = *parsed;
  }
  return timeouts;
}

/// Runs one request to completion on a fresh driver.
Result<driver::Outcome> send_one(driver::RequestSpec spec) {
  auto created = driver::Driver::create();
  if (!created) return tl::unexpected(created.error());
  auto& loop = **created;
  if (auto started = loop.start(std::move(spec)); !started) return tl::unexpected(started.error());
  while (true) {  // bounded: the total timeout ends every transfer
    auto done = loop.step(std::nullopt);
    if (!done.empty()) return std::move(done.front());
  }
}

/// Runs one request in a headless Chromium (docs/browser.md), started for it and closed after.
Result<driver::Outcome> send_in_browser(driver::RequestSpec spec) {
  auto created = browser::BrowserClient::create({});
  if (!created) return tl::unexpected(created.error());
  auto& client = **created;
  client.start(std::move(spec));
  while (true) {  // bounded: the client ends the request at its total timeout
    pollfd wake{client.wake_fd(), POLLIN, 0};
    poll(&wake, 1, -1);
    auto done = client.take_finished();
    if (!done.empty()) return std::move(done.front());
  }
}

/// The URL and the --cacert file, checked before anything is sent.
Result<void> check_endpoint(const ProbeOptions& o) {
  if (o.url.rfind("http://", 0) != 0 && o.url.rfind("https://", 0) != 0) {
    return fail("url", fmt::format("expected an http:// or https:// URL, got \"{}\"", o.url));
  }
  if (o.client == "browser") {
    if (o.insecure || !o.cacert.empty()) {
      return fail(o.insecure ? "--insecure" : "--cacert", "does not apply to --client browser: the browser verifies certificates");
    }
    if (auto chromium = browser::chromium_executable(); !chromium) return tl::unexpected(chromium.error());
  }
  if (!o.cacert.empty()) return run::check_cacert(o.cacert, "--cacert");
  return {};
}

/// --header values are where keys go: any of key length is redacted from the trace and from what
/// the server sent back. Short values ("100", "1") are settings, and masking them would garble
/// the output.
Redactor header_redactor(const driver::HeaderList& headers) {
  constexpr std::size_t kMinSecretChars = 8;
  std::vector<std::string> secrets;
  for (const auto& header : headers) {
    if (header.second.size() >= kMinSecretChars) secrets.push_back(header.second);
  }
  return Redactor(std::move(secrets));
}

}  // namespace

void setup_probe_command(CLI::App& app, ProbeOptions& o) {
  auto* cmd = app.add_subcommand("probe", "Send one streaming request and print its timeline");
  cmd->add_option("url", o.url, "Endpoint URL (http:// or https://)")->required();
  cmd->add_option("--protocol", o.protocol, "Stream protocol: " + run::join_protocol_names())->required();
  cmd->add_option("--model", o.model, "Model name sent in the request body");
  cmd->add_option("--prompt", o.prompt, "User message")->capture_default_str();
  cmd->add_option("--max-tokens", o.max_tokens, "Maximum output tokens")->capture_default_str()
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            return value.find_first_not_of("0123456789") == std::string::npos && value.find_first_not_of('0') != std::string::npos
                       ? std::string()
                       : "must be a whole number greater than zero, got " + value;
          },
          "N > 0"));
  cmd->add_option("--header", o.headers, "Request header 'Name: value' (repeatable; values are never printed)");
  cmd->add_option("--connect-timeout", o.connect_timeout, "DNS + connect + TLS limit")->capture_default_str();
  cmd->add_option("--first-event-timeout", o.first_event_timeout, "Limit from start to the first event")
      ->capture_default_str();
  cmd->add_option("--total-timeout", o.total_timeout, "Limit for the whole request")->capture_default_str();
  cmd->add_flag("--insecure", o.insecure, "Do not verify the server's TLS certificate (prints a warning)");
  cmd->add_option("--client", o.client, "native (ttftbench itself) or browser (a headless Chromium page)")
      ->check(CLI::IsMember({"native", "browser"}))
      ->capture_default_str();
  cmd->add_option("--cacert", o.cacert, "Verify the server's certificate against this CA file (PEM)");
  cmd->add_flag("--json", o.json, "Print one JSON object keyed by the samples.csv columns");
}

int run_probe_command(const ProbeOptions& o, const GlobalOptions& global, Io& io) {
  const auto fail_usage = [&](const Error& error) {
    io.err << render_error(error);
    return to_int(ExitCode::usage);
  };
  auto timeouts = parse_timeouts(o);
  if (!timeouts) return fail_usage(timeouts.error());
  auto headers = run::parse_header_flags(o.headers);
  if (!headers) return fail_usage(headers.error());
  if (auto endpoint = check_endpoint(o); !endpoint) return fail_usage(endpoint.error());
  const std::string run_id = run::make_run_id("probe");
  run::RequestInput input{o.url, o.protocol, o.model, {{"user", o.prompt}}, o.max_tokens,
                     nlohmann::json::object(), *headers, run_id + "-probe-0"};
  auto spec = run::build_request(input);
  if (!spec) return fail_usage(spec.error());
  spec->timeouts = *timeouts;
  spec->tls_insecure = o.insecure;
  spec->cacert = o.cacert;
  if (o.insecure) run::warn_insecure_flag(io);
  const Redactor redactor = header_redactor(*headers);
  if (global.verbose) run::trace_request(*spec, redactor, io);
  const run::SampleContext context{run_id, "", "", "probe", "probe", o.protocol, o.model,
                              run::request_id_of(*spec, input.request_id), false, 0,
                              static_cast<std::int64_t>(o.prompt.size())};
  spec->browser = o.client == "browser";
  auto outcome = spec->browser ? send_in_browser(std::move(*spec)) : send_one(std::move(*spec));
  if (!outcome) {
    io.err << render_error(outcome.error());
    return to_int(ExitCode::run_failed);
  }
  if (global.verbose) run::trace_response(*outcome, redactor, io);
  const samples::Sample sample = run::build_sample(context, *outcome, redactor);
  const auto& server = outcome->stream.server_timings;
  if (o.json) {
    auto object = sample_to_json(sample);
    object["server_timings"] = server_timings_to_json(server);  // beyond the CSV columns
    io.out << object.dump() << "\n";
  } else {
    io.out << render_timeline(o.url, sample, server, global.color(io));
  }
  io.out.flush();
  if (!sample.error.empty()) {
    io.err << render_error(Error{"probe", fmt::format("{}: {}", sample.error, sample.error_detail), ""});
    return to_int(ExitCode::run_failed);
  }
  return to_int(ExitCode::ok);
}

}  // namespace ttft::cli
