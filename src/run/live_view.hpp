// run's live view: running per-(target, phase) figures fed from rows, and the frame rendered as a
// string (tested without a terminal), redrawn on stdout at most once a second from the event
// loop's progress hook. Never more than one write per frame; never writes when disabled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/io.hpp"
#include "run/settings.hpp"
#include "samples/sample.hpp"
#include "scenario/scenario.hpp"
#include "schedule/scheduler.hpp"
#include "stats/log_histogram.hpp"

namespace ttft::run {

/// A run estimated shorter than this has the progress line only, unless --live.
inline constexpr Nanos kLiveViewMinRunNs = 30 * kNanosPerSecond;
inline constexpr Nanos kLiveViewEveryNs = kNanosPerSecond;
/// The frame shows the current phase and at most this many phases in all (sweeps have dozens).
inline constexpr std::size_t kLiveViewPhases = 4;

/// Whether the view is drawn: only when stdout is a terminal and never with --quiet; then --live
/// or --no-live decide, else a run whose estimate (called only then) exceeds kLiveViewMinRunNs.
bool live_view_on(LiveMode mode, bool out_is_tty, bool quiet, const std::function<Nanos()>& estimated_run_ns);

/// The running figures of one target in one phase.
struct LiveGroup {
  std::int64_t done = 0;
  std::int64_t errors = 0;
  stats::LogHistogram ttft_ms;  // successful rows with a TTFT; percentiles within 1%
};

using TargetPair = std::pair<std::size_t, std::size_t>;

class LiveModel {
 public:
  /// `planned[phase][target]`: the requests to run, nullopt when unknown; `ab`: the targets whose
  /// p50 TTFT difference (first minus second) is shown, nullopt when there is no such pair.
  LiveModel(std::string title, std::vector<std::string> targets, std::vector<std::string> phases,
            std::vector<std::vector<std::optional<std::int64_t>>> planned, std::optional<TargetPair> ab);

  /// Counts a row (by its target and phase names; others are ignored).
  void record(const samples::Sample& sample);

  const std::string& title() const { return title_; }
  const std::vector<std::string>& targets() const { return targets_; }
  const std::vector<std::string>& phases() const { return phases_; }
  const LiveGroup& group(std::size_t phase, std::size_t target) const { return groups_[phase][target]; }
  std::optional<std::int64_t> planned(std::size_t phase, std::size_t target) const { return planned_[phase][target]; }
  std::optional<TargetPair> ab() const { return ab_; }
  /// p50 TTFT of the A/B pair's first target minus its second's in `phase`, in ms; nullopt
  /// without a pair or before both have a TTFT there.
  std::optional<double> ab_p50_diff_ms(std::size_t phase) const;

 private:
  std::string title_;
  std::vector<std::string> targets_, phases_;
  std::vector<std::vector<std::optional<std::int64_t>>> planned_;
  std::vector<std::vector<LiveGroup>> groups_;  // [phase][target]
  std::optional<TargetPair> ab_;
};

/// The first two streaming chat targets: the first pair the report's TTFT verdicts compare
/// (docs/metrics.md ("Non-streaming targets")); nullopt when there are fewer than two.
std::optional<TargetPair> live_ab_pair(const scenario::Scenario& scenario);

/// The model of a run: planned counts from the scheduler's plan, else a phase's own count when it
/// is bounded by count alone, else unknown.
LiveModel live_model_of(const scenario::Scenario& scenario, const schedule::Scheduler& scheduler);

/// What a frame shows besides the model.
struct LiveFrameState {
  Nanos elapsed_ns = 0;
  std::size_t phase = 0;                // the current phase (clamped to the last)
  std::vector<std::int64_t> in_flight;  // by target
  bool color = false;
};

/// The frame: a title line, a column header, a line per target for the current phase and the
/// phases before it (at most kLiveViewPhases), the A/B line; every line ends in '\n'.
std::string render_live_frame(const LiveModel& model, const LiveFrameState& state);

/// The view on a terminal: redraws the frame in place (cursor up over the last frame, clear to
/// the end of the screen, the new frame) at most every kLiveViewEveryNs; finish() clears it.
class LiveView {
 public:
  LiveView(Io& io, LiveModel model, bool enabled, bool color);
  bool enabled() const { return enabled_; }
  void record(const samples::Sample& sample);
  void render(Nanos elapsed_ns, std::size_t phase, const std::vector<std::int64_t>& in_flight);
  /// Clears the view before the tables are printed: they hold the same figures, final.
  void finish();

 private:
  Io& io_;
  LiveModel model_;
  bool enabled_;
  bool color_;
  std::optional<Nanos> last_render_ns_;
  std::size_t lines_drawn_ = 0;
};

}  // namespace ttft::run
