// The strict --assert grammar (docs/commands.md ("Assertions")). Pure: text in, Assertion or a column-exact
// error out; it never looks at a report. Grammar (spaces allowed only around OP and before UNIT):
//
//   assertion := path OP number [UNIT]
//   path      := NAME "." PHASE "." METRIC "." STAT     metric_stat (NAME and PHASE may be "*")
//              | NAME "." PHASE "." ("n"|"errors"|"error_rate"|"goodput"|"accuracy")   phase_stat
//              | NAME "." SWEEP_VALUE "." ("throughput"|"output_tps")      phase_stat
//              | NAME "." NAME "." ("saturation"|"slope"|"intercept")      sweep_stat
//              | NAME ".cost." COST_FIELD                cost
//   PHASE     := NAME | SWEEP_VALUE
//   SWEEP_VALUE := NAME "@" number                      a sweep phase's run at one value: "ramp@0.5"
//   OP        := "<" | "<=" | ">" | ">=" | "==" | "!="
//   number    := DIGITS ["." DIGITS]                    (no sign, no exponent)
//   UNIT      := "ms" | "s" | "%" | "usd"                (each fits some quantities only; goodput
//                                                        and accuracy take "%" or a bare fraction up to 1)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "core/error.hpp"
#include "gate/assertion.hpp"

namespace ttft::gate {

struct SyntaxError {
  std::size_t column = 1;  // 1-based, in characters of the expression; size + 1 = at its end
  std::string message;     // what is wrong at that column
  std::string hint;        // optional
};

/// Parses one --assert expression; the first mistake is reported with its column.
tl::expected<Assertion, SyntaxError> parse_assertion(std::string_view text);

/// The error as the CLI prints it: where "--assert", message "<text>\n<pad>^ <message>" with the
/// pad chosen so that, printed by render_error, the caret sits under `column` of the text.
Error to_error(std::string_view text, const SyntaxError& error);

/// Every expression parsed, or the first failure as to_error renders it.
Result<std::vector<Assertion>> parse_assertions(const std::vector<std::string>& texts);

/// The target and phase named (not wildcards, not "all") must exist: an error at the name's
/// column listing the known ones, or nullopt. `phases` are expanded ("ramp@4"); a sweep_stat's
/// sweep exists when some phase is named "<sweep>@<value>".
std::optional<SyntaxError> check_names(const Assertion& assertion, const std::vector<std::string>& targets,
                                       const std::vector<std::string>& phases);

/// check_names for each of `assertions` in turn: the first wrong name as to_error renders it.
Result<void> check_names(const std::vector<Assertion>& assertions, const std::vector<std::string>& targets,
                         const std::vector<std::string>& phases);

}  // namespace ttft::gate
