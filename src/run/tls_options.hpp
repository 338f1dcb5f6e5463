// Certificate verification as run and probe apply it: the --insecure override, the check that a
// CA file can be read before anything is sent, and the warning whenever verification is off.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/io.hpp"
#include "scenario/scenario.hpp"

namespace ttft::run {

/// --cacert FILE (or a target's tls.cacert at `where`) must name a readable file: otherwise every
/// request would fail the same way, so it is a usage error before anything is sent.
Result<void> check_cacert(const std::string& path, const std::string& where);

/// Applies `run --insecure` to every target, checks every tls.cacert and prints one warning per
/// way verification was turned off (the flag, or a target's "tls": {"insecure": true}).
Result<void> apply_tls_options(scenario::Scenario& scenario, bool insecure_flag, Io& io);

/// The names of the targets whose certificates are not verified, in scenario order.
std::vector<std::string> insecure_targets(const scenario::Scenario& scenario);

/// The stderr warning for `probe --insecure` (and `run --insecure`).
void warn_insecure_flag(Io& io);

}  // namespace ttft::run
