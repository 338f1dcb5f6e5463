#include "cli/serve_command.hpp"

#include <signal.h>

#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "core/exit_codes.hpp"
#include "scenario/sim_profile.hpp"
#include "sim/routes.hpp"
#include "sim/server.hpp"

namespace ttft::cli {

void setup_serve_command(CLI::App& app, ServeOptions& o) {
  auto* cmd = app.add_subcommand("serve", "Run the built-in simulated provider on 127.0.0.1");
  cmd->add_option("--port", o.port, "TCP port; 0 picks a free one")->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--profile", o.profile, "Built-in profile (edge, central, fast) or a JSON file")
      ->capture_default_str();
  cmd->add_option("--log", o.log_path, "Append the server's own timestamps per request (JSON lines)");
  cmd->add_option("--seed", o.seed, "Seed for simulated latencies and faults")->capture_default_str();
}

int run_serve_command(const ServeOptions& o, const GlobalOptions& global, Io& io) {
  auto profile = std::filesystem::exists(o.profile) ? scenario::load_profile_file(o.profile)
                                                    : scenario::builtin_profile(o.profile);
  if (!profile) {
    Error error = profile.error();
    if (error.where.empty()) error.where = "--profile";
    io.err << render_error(error);
    return to_int(ExitCode::usage);
  }
  // Block the stop signals before the server thread starts, so only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  auto server = sim::Server::start({*profile, static_cast<std::uint16_t>(o.port), o.log_path, o.seed});
  if (!server) {
    pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
    io.err << render_error(server.error());
    return to_int(ExitCode::run_failed);
  }
  const auto port = (*server)->port();
  io.out << fmt::format("listening on http://127.0.0.1:{}\n", port);
  io.out.flush();
  if (!global.quiet) {
    io.err << fmt::format("profile {}; endpoints:\n", profile->name);
    for (const sim::Protocol protocol : sim::kAllProtocols) {
      const std::string_view name = sim::protocol_name(protocol);
      io.err << fmt::format("  {:<18} http://127.0.0.1:{}{}\n", name, port, sim::path_for_protocol(name));
    }
    io.err << "stop with Ctrl-C\n";
  }
  int received = 0;
  sigwait(&stop_signals, &received);
  (*server)->stop();
  pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
  return to_int(ExitCode::ok);
}

}  // namespace ttft::cli
