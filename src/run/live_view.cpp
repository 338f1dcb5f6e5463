#include "run/live_view.hpp"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "core/duration.hpp"

namespace ttft::run {
namespace {

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kRed = "\x1b[31m";
constexpr const char* kReset = "\x1b[0m";

std::optional<std::size_t> name_index(const std::vector<std::string>& names, const std::string& name) {
  const auto found = std::find(names.begin(), names.end(), name);
  if (found == names.end()) return std::nullopt;
  return static_cast<std::size_t>(found - names.begin());
}

std::string styled(const std::string& text, const char* style, bool color) {
  return color ? style + text + kReset : text;
}

std::string ms_cell(std::optional<double> ms) { return ms ? fmt::format("{:.1f}", *ms) : "-"; }

// Column widths: the widest name or its header.
std::size_t width_of(const std::vector<std::string>& names, std::string_view header) {
  std::size_t width = header.size();
  for (const auto& name : names) width = std::max(width, name.size());
  return width;
}

std::string ab_line(const LiveModel& model, std::size_t phase) {
  const auto pair = model.ab();
  if (!pair) return "A/B p50 TTFT: n/a (fewer than two streaming chat targets)\n";
  const auto diff = model.ab_p50_diff_ms(phase);
  return fmt::format("A/B p50 TTFT in {}: {} − {} = {}\n", model.phases()[phase], model.targets()[pair->first],
                     model.targets()[pair->second], diff ? fmt::format("{:+.1f} ms", *diff) : "n/a (no TTFT yet)");
}

}  // namespace

bool live_view_on(LiveMode mode, bool out_is_tty, bool quiet, const std::function<Nanos()>& estimated_run_ns) {
  if (!out_is_tty || quiet || mode == LiveMode::off) return false;
  return mode == LiveMode::on || estimated_run_ns() > kLiveViewMinRunNs;
}

LiveModel::LiveModel(std::string title, std::vector<std::string> targets, std::vector<std::string> phases,
                     std::vector<std::vector<std::optional<std::int64_t>>> planned, std::optional<TargetPair> ab)
    : title_(std::move(title)),
      targets_(std::move(targets)),
      phases_(std::move(phases)),
      planned_(std::move(planned)),
      groups_(phases_.size(), std::vector<LiveGroup>(targets_.size())),
      ab_(ab) {
  planned_.resize(phases_.size());
  for (auto& row : planned_) row.resize(targets_.size());
}

void LiveModel::record(const samples::Sample& sample) {
  const auto phase = name_index(phases_, sample.phase);
  const auto target = name_index(targets_, sample.target);
  if (!phase || !target) return;
  LiveGroup& group = groups_[*phase][*target];
  ++group.done;
  if (!sample.error.empty()) ++group.errors;
  else if (sample.ttft_ns) group.ttft_ms.add(to_ms(*sample.ttft_ns));
}

std::optional<double> LiveModel::ab_p50_diff_ms(std::size_t phase) const {
  if (!ab_) return std::nullopt;
  const auto a = groups_[phase][ab_->first].ttft_ms.percentile(50);
  const auto b = groups_[phase][ab_->second].ttft_ms.percentile(50);
  if (!a || !b) return std::nullopt;
  return *a - *b;
}

std::optional<TargetPair> live_ab_pair(const scenario::Scenario& scenario) {
  std::vector<std::size_t> streaming_chat;
  for (std::size_t i = 0; i < scenario.targets.size() && streaming_chat.size() < 2; ++i) {
    if (!scenario.targets[i].embeds() && scenario.targets[i].stream) streaming_chat.push_back(i);
  }
  if (streaming_chat.size() < 2) return std::nullopt;
  return TargetPair{streaming_chat[0], streaming_chat[1]};
}

LiveModel live_model_of(const scenario::Scenario& scenario, const schedule::Scheduler& scheduler) {
  std::vector<std::string> targets, phases;
  for (const auto& target : scenario.targets) targets.push_back(target.name);
  std::vector<std::vector<std::optional<std::int64_t>>> planned;
  for (std::size_t p = 0; p < scenario.phases.size(); ++p) {
    const scenario::Phase& phase = scenario.phases[p];
    phases.push_back(phase.name);
    auto& row = planned.emplace_back();
    for (std::size_t t = 0; t < targets.size(); ++t) {
      auto count = scheduler.planned_requests(p, t);
      if (!count && phase.requests && !phase.duration_ns) count = *phase.requests;
      row.push_back(count);
    }
  }
  return LiveModel(scenario.name, std::move(targets), std::move(phases), std::move(planned), live_ab_pair(scenario));
}

std::string render_live_frame(const LiveModel& model, const LiveFrameState& state) {
  const std::size_t current = std::min(state.phase, model.phases().size() - 1);
  const std::size_t first = current + 1 > kLiveViewPhases ? current + 1 - kLiveViewPhases : 0;
  const std::size_t target_w = width_of(model.targets(), "target");
  const std::size_t phase_w = width_of(model.phases(), "phase");
  std::string frame = styled(fmt::format("live  {}  {}  phase {} ({}/{})", model.title(),
                                         format_duration(state.elapsed_ns), model.phases()[current], current + 1,
                                         model.phases().size()),
                             kBold, state.color);
  frame += '\n';
  frame += fmt::format("{:<{}}  {:<{}}  {:>13}  {:>9}  {:>6}  {:>8}  {:>8}\n", "target", target_w, "phase", phase_w,
                       "done/planned", "in flight", "errors", "p50 ms", "p95 ms");
  if (first > 0) frame += fmt::format("({} earlier phases not shown)\n", first);
  for (std::size_t p = first; p <= current; ++p) {
    for (std::size_t t = 0; t < model.targets().size(); ++t) {
      const LiveGroup& g = model.group(p, t);
      const auto planned = model.planned(p, t);
      const std::string done = fmt::format("{}/{}", g.done, planned ? std::to_string(*planned) : "?");
      const std::string in_flight = p == current && t < state.in_flight.size() ? std::to_string(state.in_flight[t]) : "";
      const std::string errors = fmt::format("{:>6}", g.errors);
      frame += fmt::format("{:<{}}  {:<{}}  {:>13}  {:>9}  {}  {:>8}  {:>8}\n", model.targets()[t], target_w,
                           model.phases()[p], phase_w, done, in_flight,
                           styled(errors, kRed, state.color && g.errors > 0), ms_cell(g.ttft_ms.percentile(50)),
                           ms_cell(g.ttft_ms.percentile(95)));
    }
  }
  return frame + ab_line(model, current);
}

LiveView::LiveView(Io& io, LiveModel model, bool enabled, bool color)
    : io_(io), model_(std::move(model)), enabled_(enabled), color_(color) {}

void LiveView::record(const samples::Sample& sample) {
  if (enabled_) model_.record(sample);
}

// Called every progress tick (200 ms); draws at most once a second.
void LiveView::render(Nanos elapsed_ns, std::size_t phase, const std::vector<std::int64_t>& in_flight) {
  if (!enabled_ || (last_render_ns_ && elapsed_ns - *last_render_ns_ < kLiveViewEveryNs)) return;
  last_render_ns_ = elapsed_ns;
  const std::string frame = render_live_frame(model_, {elapsed_ns, phase, in_flight, color_});
  // Back to the start of the last frame ("CSI n F"), clear to the end of the screen ("CSI J").
  std::string text = lines_drawn_ > 0 ? fmt::format("\x1b[{}F\x1b[J", lines_drawn_) : std::string();
  text += frame;
  lines_drawn_ = static_cast<std::size_t>(std::count(frame.begin(), frame.end(), '\n'));
  io_.out << text << std::flush;
}

void LiveView::finish() {
  if (lines_drawn_ > 0) io_.out << fmt::format("\x1b[{}F\x1b[J", lines_drawn_) << std::flush;
  lines_drawn_ = 0;
}

}  // namespace ttft::run
