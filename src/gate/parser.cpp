// --assert parsing. A Parser walks the text once, left to right; every check reports the byte
// offset of the mistake, turned into a character column only when the error is made.
#include "gate/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <system_error>
#include <utility>

#include "gate/path_segments.hpp"
#include "metrics/definitions.hpp"

namespace ttft::gate {
namespace {

constexpr const char* kShape = "write TARGET.PHASE.METRIC.STAT (edge.warm.ttft.p95) or TARGET.cost.FIELD";
constexpr const char* kOps = "<, <=, >, >=, ==, !=";
constexpr const char* kUnits = "ms, s, %, usd";

constexpr std::array<std::pair<std::string_view, Stat>, 13> kStats = {{
    {"mean", Stat::mean}, {"stdev", Stat::stdev}, {"min", Stat::min}, {"p50", Stat::p50},
    {"p95", Stat::p95}, {"p99", Stat::p99}, {"max", Stat::max}, {"n", Stat::n},
    {"errors", Stat::errors}, {"error_rate", Stat::error_rate}, {"p50_incl_errors", Stat::p50_incl_errors},
    {"p95_incl_errors", Stat::p95_incl_errors}, {"p99_incl_errors", Stat::p99_incl_errors}}};
constexpr const char* kPhaseStats = "n, errors, error_rate, goodput, accuracy, throughput, output_tps";
constexpr std::array<std::pair<std::string_view, Stat>, 3> kSweepStats = {{
    {"saturation", Stat::saturation}, {"slope", Stat::slope}, {"intercept", Stat::intercept}}};
constexpr std::array<std::pair<std::string_view, CostField>, 4> kCostFields = {{
    {"input_usd_per_mtok", CostField::input_usd_per_mtok},
    {"output_usd_per_mtok", CostField::output_usd_per_mtok},
    {"blended_usd_per_mtok", CostField::blended_usd_per_mtok},
    {"usd_per_1k_requests", CostField::usd_per_1k_requests}}};
constexpr std::array<std::pair<std::string_view, Op>, 6> kOpTable = {{
    {"<", Op::less}, {"<=", Op::less_equal}, {">", Op::greater}, {">=", Op::greater_equal},
    {"==", Op::equal}, {"!=", Op::not_equal}}};

template <class Table>
std::string names_of(const Table& table) {
  std::string out;
  for (const auto& [name, value] : table) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

template <class Table>
auto lookup(const Table& table, std::string_view name) -> std::optional<decltype(table[0].second)> {
  for (const auto& [key, value] : table) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::string metric_names() {
  std::string out;
  for (const auto& metric : metrics::metric_definitions()) out += (out.empty() ? "" : ", ") + std::string(metric.name);
  return out;
}

bool is_op_char(char c) { return c == '<' || c == '>' || c == '=' || c == '!'; }
bool is_unit_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%'; }

/// Columns count characters, so a caret lines up under UTF-8 text too.
std::size_t column_of(std::string_view text, std::size_t offset) {
  const std::string_view before = text.substr(0, offset);
  const auto continuation = std::count_if(before.begin(), before.end(), [](char c) { return (c & 0xC0) == 0x80; });
  return before.size() - static_cast<std::size_t>(continuation) + 1;
}

/// The whole UTF-8 character starting at `offset`, for messages.
std::string char_at(std::string_view text, std::size_t offset) {
  std::size_t end = offset + 1;
  while (end < text.size() && (text[end] & 0xC0) == 0x80) ++end;
  return std::string(text.substr(offset, end - offset));
}

/// How a value is measured, which decides the units it may carry.
enum class Kind { time_ms, plain, count, fraction, share, usd };

Kind kind_of(const Assertion& a) {
  if (a.subject == Subject::cost) return Kind::usd;
  if (a.stat == Stat::n || a.stat == Stat::errors) return Kind::count;
  if (a.stat == Stat::slope || a.stat == Stat::intercept) return Kind::time_ms;
  if (a.stat == Stat::error_rate) return Kind::fraction;
  if (a.stat == Stat::goodput || a.stat == Stat::accuracy) return Kind::share;
  const auto* metric = metrics::find_metric(a.metric);
  return metric != nullptr && metric->unit == "ms" ? Kind::time_ms : Kind::plain;
}

std::pair<std::string, std::string> kind_words(Kind kind, const Assertion& a) {  // what, expected
  switch (kind) {
    case Kind::time_ms: return {"a time", "ms or s"};
    case Kind::fraction: return {"a rate", "%"};
    case Kind::share: return {"a share", "% or a fraction from 0 to 1"};
    case Kind::usd: return {"a price", "usd or a bare number"};
    case Kind::count: return {"a count", "a bare number"};
    case Kind::plain: break;
  }
  if (a.stat == Stat::saturation) return {"a sweep value (a concurrency or a rate)", "a bare number"};
  if (a.stat == Stat::throughput) return {"throughput (requests per second)", "a bare number"};
  if (a.stat == Stat::output_tps) return {"output tokens per second", "a bare number"};
  const auto* metric = metrics::find_metric(a.metric);
  return {fmt::format("{} (in {})", a.metric, metric != nullptr ? metric->unit : "?"), "a bare number"};
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  tl::expected<Assertion, SyntaxError> parse() {
    Assertion a;
    a.text = std::string(text_);
    skip_spaces();
    if (auto e = read_path(a)) return tl::unexpected(std::move(*e));
    skip_spaces();
    if (auto e = read_op(a)) return tl::unexpected(std::move(*e));
    skip_spaces();
    if (auto e = read_value(a)) return tl::unexpected(std::move(*e));
    return a;
  }

 private:
  using Failure = std::optional<SyntaxError>;

  SyntaxError at(std::size_t offset, std::string message, std::string hint = {}) const {
    return {column_of(text_, offset), std::move(message), std::move(hint)};
  }
  void skip_spaces() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }
  bool done() const { return pos_ >= text_.size(); }

  Failure read_path(Assertion& a) {
    const std::size_t start = pos_;
    while (!done() && is_path_char(text_[pos_])) ++pos_;
    if (pos_ == start) {
      if (done()) return at(pos_, "empty assertion", kShape);
      return at(pos_, fmt::format("expected a target name, got \"{}\"", char_at(text_, pos_)), kShape);
    }
    if (!done() && text_[pos_] != ' ' && !is_op_char(text_[pos_])) {
      return at(pos_, fmt::format("unexpected character \"{}\" in the path", char_at(text_, pos_)),
                "names are letters, digits, '-' and '_'");
    }
    const std::vector<Segment> segments = split_path(text_, start, pos_);
    if (auto wrong = check_segments(segments, kShape)) return at(wrong->offset, wrong->message, wrong->hint);
    a.target = std::string(segments[0].name);
    a.target_column = column_of(text_, segments[0].offset);
    if (segments.size() >= 2 && segments[1].name == "cost") return read_cost_path(segments, a);
    return read_metric_path(segments, a);
  }

  SyntaxError too_long(const std::vector<Segment>& segments, std::size_t extra, const char* after) const {
    const std::size_t dot = segments[extra].offset - 1;
    return at(dot, fmt::format("unexpected \"{}\" after the {}", text_.substr(dot, pos_ - dot), after), kShape);
  }

  Failure read_cost_path(const std::vector<Segment>& segments, Assertion& a) {
    a.subject = Subject::cost;
    if (segments.size() == 2) {
      const std::string_view so_far = text_.substr(segments[0].offset, pos_ - segments[0].offset);
      return at(pos_, fmt::format("missing cost field after \"{}\"", so_far), "fields: " + names_of(kCostFields));
    }
    const auto field = lookup(kCostFields, segments[2].name);
    if (!field) {
      return at(segments[2].offset,
                fmt::format("unknown cost field \"{}\" (expected {})", segments[2].name, names_of(kCostFields)));
    }
    a.cost_field = *field;
    if (segments.size() > 3) return too_long(segments, 3, "cost field");
    return std::nullopt;
  }

  Failure read_metric_path(const std::vector<Segment>& segments, Assertion& a) {
    const std::string_view so_far = text_.substr(segments[0].offset, pos_ - segments[0].offset);
    if (segments.size() == 1) return at(pos_, fmt::format("missing phase after \"{}\"", so_far), kShape);
    a.phase = std::string(segments[1].name);
    a.phase_column = column_of(text_, segments[1].offset);
    if (segments.size() == 2) {
      return at(pos_, fmt::format("missing metric after \"{}\"", so_far),
                fmt::format("metrics: {}; or {} of the phase; or {} of a sweep", metric_names(), kPhaseStats,
                            names_of(kSweepStats)));
    }
    const Segment& third = segments[2];
    if (segments.size() == 3) return read_phase_stat(segments, a);
    if (metrics::find_metric(third.name) == nullptr) {
      return at(third.offset, fmt::format("unknown metric \"{}\" (expected {})", third.name, metric_names()));
    }
    a.metric = std::string(third.name);
    if (segments[3].name == "goodput") {
      const std::string_view path = text_.substr(segments[0].offset, segments[2].offset - 1 - segments[0].offset);
      return at(segments[3].offset, "goodput is a figure of the phase, not of one metric",
                fmt::format("write {}.goodput; the SLO names the metrics", path));
    }
    const auto stat = lookup(kStats, segments[3].name);
    if (!stat) {
      return at(segments[3].offset,
                fmt::format("unknown stat \"{}\" (expected {})", segments[3].name, names_of(kStats)));
    }
    a.stat = *stat;
    if (segments.size() > 4) return too_long(segments, 4, "stat");
    return std::nullopt;
  }

  Failure read_phase_stat(const std::vector<Segment>& segments, Assertion& a) {
    const Segment& third = segments[2];
    a.subject = Subject::phase_stat;
    if (third.name == "accuracy") {
      a.stat = Stat::accuracy;
      return std::nullopt;
    }
    if (third.name == "goodput" || third.name == "throughput" || third.name == "output_tps") {
      a.stat = third.name == "goodput" ? Stat::goodput : third.name == "throughput" ? Stat::throughput : Stat::output_tps;
      return a.stat == Stat::goodput ? std::nullopt : check_sweep_value_phase(segments, a);
    }
    if (const auto sweep_stat = lookup(kSweepStats, third.name)) {
      a.subject = Subject::sweep_stat;
      a.stat = *sweep_stat;
      return check_sweep_phase(segments, a);
    }
    const auto stat = lookup(kStats, third.name);
    if (stat == Stat::n || stat == Stat::errors || stat == Stat::error_rate) {
      a.stat = *stat;
      return std::nullopt;
    }
    if (metrics::find_metric(third.name) != nullptr) {
      return at(pos_, fmt::format("missing stat after \"{}\"", third.name), "stats: " + names_of(kStats));
    }
    if (stat) return at(third.offset, fmt::format("\"{}\" needs a metric before it", third.name), kShape);
    return at(third.offset, fmt::format("unknown metric \"{}\" (expected {}; or {}; or {})", third.name,
                                        metric_names(), kPhaseStats, names_of(kSweepStats)));
  }

  /// throughput and output_tps are figures of one sweep value: PHASE is "<sweep>@<value>" or "*".
  Failure check_sweep_value_phase(const std::vector<Segment>& segments, const Assertion& a) const {
    if (a.phase == kWildcard || names_sweep_value(a.phase)) return std::nullopt;
    return at(segments[1].offset, fmt::format("{} is measured per sweep value: name the phase <sweep>@<value>",
                                              stat_name(a.stat)),
              fmt::format("e.g. {}.ramp@4.{}", a.target, stat_name(a.stat)));
  }

  /// saturation, slope and intercept are figures of a whole sweep: PHASE is its name as written or "*".
  Failure check_sweep_phase(const std::vector<Segment>& segments, const Assertion& a) const {
    const std::size_t at_sign = a.phase.find('@');
    if (a.phase != "all" && at_sign == std::string::npos) return std::nullopt;
    const std::string sweep = at_sign == std::string::npos ? "ramp" : a.phase.substr(0, at_sign);
    return at(segments[1].offset, fmt::format("{} is a figure of a whole sweep: name the sweep phase as written",
                                              stat_name(a.stat)),
              fmt::format("write {}.{}.{}", a.target, sweep, stat_name(a.stat)));
  }

  Failure read_op(Assertion& a) {
    if (done()) return at(pos_, fmt::format("missing operator (expected {})", kOps));
    const std::size_t start = pos_;
    while (!done() && is_op_char(text_[pos_])) ++pos_;
    const std::string_view op = text_.substr(start, pos_ - start);
    if (op.empty()) {
      return at(start, fmt::format("expected an operator ({}), got \"{}\"", kOps, char_at(text_, start)));
    }
    const auto found = lookup(kOpTable, op);
    if (!found) {
      const std::string hint = op == "="    ? "did you mean \"==\"?"
                               : op == "=<" ? "did you mean \"<=\"?"
                               : op == "=>" ? "did you mean \">=\"?"
                               : op == "<>" ? "did you mean \"!=\"?"
                                            : "";
      return at(start, fmt::format("unknown operator \"{}\" (expected {})", op, kOps), hint);
    }
    a.op = *found;
    return std::nullopt;
  }

  Failure read_value(Assertion& a) {
    if (done()) return at(pos_, fmt::format("missing value after \"{}\"", op_text(a.op)));
    const std::size_t start = pos_;
    if (!is_digit(text_[pos_])) {
      const char* wanted = text_[pos_] == '-' ? "a number >= 0" : "a number";
      return at(pos_, fmt::format("expected {}, got \"{}\"", wanted, char_at(text_, pos_)));
    }
    while (!done() && is_digit(text_[pos_])) ++pos_;
    if (!done() && text_[pos_] == '.') {
      ++pos_;
      if (done() || !is_digit(text_[pos_])) return at(pos_, "expected digits after \".\"");
      while (!done() && is_digit(text_[pos_])) ++pos_;
    }
    const std::string_view number = text_.substr(start, pos_ - start);
    const auto converted = std::from_chars(number.data(), number.data() + number.size(), a.threshold);
    if (converted.ec != std::errc{}) return at(start, fmt::format("number out of range: {}", number));
    const std::size_t number_end = pos_;
    skip_spaces();
    const std::size_t unit_start = pos_;
    while (!done() && is_unit_char(text_[pos_])) ++pos_;
    const std::string_view unit = text_.substr(unit_start, pos_ - unit_start);
    skip_spaces();
    if (!done()) {
      return at(pos_, fmt::format("unexpected \"{}\" after the value", text_.substr(pos_)));
    }
    a.value_text = std::string(number) + std::string(unit);
    return apply_unit(a, unit, unit.empty() ? number_end : unit_start, start);
  }

  Failure apply_unit(Assertion& a, std::string_view unit, std::size_t unit_offset, std::size_t value_offset) const {
    if (!unit.empty() && unit != "ms" && unit != "s" && unit != "%" && unit != "usd") {
      return at(unit_offset, fmt::format("unknown unit \"{}\" (expected {})", unit, kUnits));
    }
    const Kind kind = kind_of(a);
    const auto [what, expected] = kind_words(kind, a);
    const bool fits = kind == Kind::time_ms    ? unit == "ms" || unit == "s"
                      : kind == Kind::fraction ? unit == "%"
                      : kind == Kind::share    ? unit.empty() || unit == "%"
                      : kind == Kind::usd      ? unit.empty() || unit == "usd"
                                               : unit.empty();
    if (!fits && unit.empty()) return at(unit_offset, fmt::format("missing unit for {} (expected {})", what, expected));
    if (!fits) return at(unit_offset, fmt::format("\"{}\" does not apply to {} (expected {})", unit, what, expected));
    if (unit == "s") a.threshold *= 1000;  // seconds → the metric's ms
    if (unit == "%") {
      if (a.threshold > 100) return at(value_offset, "expected a percentage from 0% to 100%");
      a.threshold /= 100;  // error_rate, goodput and accuracy are measured as fractions
    }
    if (kind == Kind::share && unit.empty() && a.threshold > 1) {
      return at(value_offset, "expected a fraction from 0 to 1, or a percentage with %",
                fmt::format("did you mean {}%?", a.value_text));
    }
    return std::nullopt;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

std::string known(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

/// The sweeps among expanded phase names: "ramp" once for "ramp@1", "ramp@2", in order.
std::vector<std::string> sweep_names_in(const std::vector<std::string>& phases) {
  std::vector<std::string> out;
  for (const std::string& phase : phases) {
    const std::size_t at = phase.find('@');
    if (at == std::string::npos) continue;
    std::string sweep = phase.substr(0, at);
    if (std::find(out.begin(), out.end(), sweep) == out.end()) out.push_back(std::move(sweep));
  }
  return out;
}

}  // namespace

tl::expected<Assertion, SyntaxError> parse_assertion(std::string_view text) { return Parser(text).parse(); }

Error to_error(std::string_view text, const SyntaxError& error) {
  const std::string where = "--assert";
  // render_error prints "ttftbench: error: --assert: " before the message's first line.
  const std::size_t prefix = render_error(Error{where, "", ""}).size() - 1;
  const std::string pad(prefix + error.column - 1, ' ');
  return Error{where, fmt::format("{}\n{}^ {}", text, pad, error.message), error.hint};
}

Result<std::vector<Assertion>> parse_assertions(const std::vector<std::string>& texts) {
  std::vector<Assertion> out;
  for (const std::string& text : texts) {
    auto parsed = parse_assertion(text);
    if (!parsed) return tl::unexpected(to_error(text, parsed.error()));
    out.push_back(std::move(*parsed));
  }
  return out;
}

std::optional<SyntaxError> check_names(const Assertion& a, const std::vector<std::string>& targets,
                                       const std::vector<std::string>& phases) {
  const auto has = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (a.target != kWildcard && !has(targets, a.target)) {
    return SyntaxError{a.target_column, fmt::format("no target \"{}\" (targets: {})", a.target, known(targets)), ""};
  }
  if (a.subject == Subject::sweep_stat) {
    const auto sweeps = sweep_names_in(phases);
    if (a.phase == kWildcard || has(sweeps, a.phase)) return std::nullopt;
    return SyntaxError{a.phase_column,
                       fmt::format("no sweep \"{}\" (sweeps: {})", a.phase, sweeps.empty() ? "none" : known(sweeps)), ""};
  }
  if (a.subject != Subject::cost && a.phase != kWildcard && a.phase != "all" && !has(phases, a.phase)) {
    return SyntaxError{a.phase_column, fmt::format("no phase \"{}\" (phases: {}, all)", a.phase, known(phases)), ""};
  }
  return std::nullopt;
}

Result<void> check_names(const std::vector<Assertion>& assertions, const std::vector<std::string>& targets,
                         const std::vector<std::string>& phases) {
  for (const Assertion& assertion : assertions) {
    if (auto wrong = check_names(assertion, targets, phases)) return tl::unexpected(to_error(assertion.text, *wrong));
  }
  return {};
}

}  // namespace ttft::gate
