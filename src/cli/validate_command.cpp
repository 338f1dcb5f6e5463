#include "cli/validate_command.hpp"

#include <ostream>

#include <fmt/format.h>

#include "core/duration.hpp"
#include "core/exit_codes.hpp"
#include "core/redact.hpp"
#include "cost/money.hpp"
#include "cost/request_cost.hpp"
#include "scenario/load.hpp"
#include "run/tls_options.hpp"
#include "schedule/scheduler.hpp"
#include "workload/distribution.hpp"

namespace ttft::cli {
namespace {

std::string describe_phase(const scenario::Phase& phase, double time_scale) {
  std::string pacing;
  if (phase.cold()) {
    std::vector<std::string> gaps;
    for (const Nanos gap : phase.idle_ns) gaps.push_back(format_duration(gap));
    pacing = fmt::format("cold, each request after {} idle", fmt::join(gaps, ", "));
  } else if (phase.interval_ns) {
    pacing = fmt::format("one start every {}", format_duration(*phase.interval_ns));
  } else if (phase.rate_per_s) {
    pacing = fmt::format("{} req/s ({})", *phase.rate_per_s,
                         phase.arrival == scenario::Arrival::poisson ? "poisson" : "constant");
  } else if (phase.replay()) {
    pacing = fmt::format("replays {} trace lines at speedup {}", phase.trace.size(), phase.speedup);
  } else if (phase.concurrency) {
    pacing = fmt::format("{} in flight per target", *phase.concurrency);
  }
  const std::string bound = phase.requests ? fmt::format("{} requests per target", *phase.requests)
                                           : fmt::format("for {}", format_duration(phase.duration_ns.value_or(0)));
  const char* order = phase.order == scenario::Order::alternate ? "alternate"
                      : phase.order == scenario::Order::blocks  ? "blocks"
                                                                : "sequential";
  std::string text = fmt::format("{}; {}; order {}", pacing, bound, order);
  if (time_scale != 1.0) text += fmt::format(" (time ×{})", time_scale);
  return text;
}

// For the cost estimate: the workload's median synthetic length, else the first prompt's (4 bytes
// a token), else the first phase's own lengths or trace line.
std::int64_t prompt_tokens_estimate(const scenario::Scenario& s) {
  if (s.input_tokens) return workload::median_length(*s.input_tokens);
  if (!s.prompts.empty()) {
    std::int64_t chars = 0;
    for (const auto& message : s.prompts.front()) chars += static_cast<std::int64_t>(message.content.size());
    return (chars + 3) / 4;
  }
  for (const auto& phase : s.phases) {
    if (phase.input_tokens) return workload::median_length(*phase.input_tokens);
    if (!phase.trace.empty()) return phase.trace.front().input_tokens;
  }
  return 0;
}

}  // namespace

void setup_validate_command(CLI::App& app, ValidateOptions& o) {
  auto* cmd = app.add_subcommand("validate", "Check a scenario without sending anything; show the schedule");
  cmd->add_option("scenario", o.scenario_path, "Scenario file")->required();
}

int run_validate_command(const ValidateOptions& o, const GlobalOptions&, Io& io) {
  auto loaded = scenario::load_scenario(o.scenario_path, io.getenv);
  if (loaded) {  // as run checks it: an unreadable tls.cacert is an error, tls.insecure a warning
    if (auto tls = run::apply_tls_options(*loaded, false, io); !tls) loaded = tl::unexpected(tls.error());
  }
  if (!loaded) {
    io.err << render_error(loaded.error());
    return to_int(ExitCode::usage);
  }
  const auto& s = *loaded;
  const schedule::Scheduler scheduler(s, s.seed.value_or(0));
  const std::int64_t total = scheduler.total_requests();
  const auto per_target = total / static_cast<std::int64_t>(s.targets.size());
  const std::int64_t input_tokens = prompt_tokens_estimate(s);
  const std::int64_t output_tokens = s.output_tokens ? workload::median_length(*s.output_tokens) : s.max_tokens;

  io.out << fmt::format("scenario {} is valid ({}, sha256 {})\n", s.name, s.path, s.sha256.substr(0, 12));
  if (const std::string note = scenario::dataset_skips_note(s); !note.empty()) io.out << "note: " << note << "\n";
  io.out << "\ntargets\n";
  cost::Pusd total_cost_pusd = 0;
  bool any_priced = false;
  const Redactor redactor(s.secrets);  // a key may sit in a URL's query
  bool any_embeddings = false;
  for (const auto& target : s.targets) {
    // An embeddings request sends `batch` inputs and gets no output tokens.
    const cost::Pusd cost_pusd = (target.embeds() ? cost::request_cost(target.pricing, input_tokens * s.batch, 0)
                                                  : cost::request_cost(target.pricing, input_tokens, output_tokens)) *
                                 per_target;
    any_embeddings = any_embeddings || target.embeds();
    total_cost_pusd += cost_pusd;
    any_priced = any_priced || !target.pricing.empty();
    const std::string client =
        target.client == scenario::Client::browser ? fmt::format("  (browser, native twin {})", target.native_twin) : "";
    io.out << fmt::format("  {:<12} {:<12} {}{}{}\n", target.name, target.protocol, redactor.apply(target.url),
                          target.pricing.empty() ? "  (no pricing)" : "", client);
  }
  io.out << "\nphases\n";
  for (const auto& phase : s.phases) {
    io.out << fmt::format("  {:<12} {}\n", phase.name, describe_phase(phase, s.time_scale));
  }
  io.out << fmt::format("\nrequests            {}{} ({} per target)\n", scheduler.total_is_estimate() ? "~" : "",
                        total, per_target);
  io.out << fmt::format("estimated duration  {} (if every response took {})\n",
                        format_duration(scheduler.estimated_duration_ns(schedule::kAssumedResponseNs)),
                        format_duration(schedule::kAssumedResponseNs));
  if (any_priced) {
    io.out << fmt::format("estimated cost      ${:.4f} (at most: {} output tokens per request, ~{} input{})\n",
                          cost::pusd_to_usd(total_cost_pusd), output_tokens, input_tokens,
                          any_embeddings ? fmt::format("; embeddings: ~{} input per request", input_tokens * s.batch) : "");
  } else {
    io.out << "estimated cost      not priced (no target has pricing)\n";
  }
  return to_int(ExitCode::ok);
}

}  // namespace ttft::cli
