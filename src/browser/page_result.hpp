// What the page's run returned, and its conversion to a driver::Outcome: every chunk's text goes
// through the same stream decoder as a native response, stamped with the chunk's page time.
// Pure: no clock, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "driver/request.hpp"

namespace ttft::browser {

struct PageChunk {
  double chunk_ms = 0;              // page time the read returned it, after t0
  std::optional<double> paint_ms;   // the next animation frame after it was written
  std::string text;
};

/// docs/browser.md ("What the page returns"); times in ms after the page's t0 (before fetch()).
struct PageResult {
  std::optional<int> status;
  std::string content_type;
  std::optional<double> headers_ms;  // fetch() resolved: the response headers
  std::vector<PageChunk> chunks;
  std::optional<double> end_ms;      // the reader said done, or the error
  std::string error;                 // fetch() or the reader threw: the message
};

/// Reads the page's JSON text; an error for anything else.
Result<PageResult> parse_page_result(std::string_view json);

/// The Outcome of `spec` from the page's result: decoded with spec's protocol, each chunk at its
/// page time; browser_ttft_ns is the time of the chunk that held the first token and
/// browser_paint_ns that chunk's paint. t0_ns and started_wall are left to the caller.
driver::Outcome outcome_of(const PageResult& page, const driver::RequestSpec& spec);

/// Page milliseconds as nanoseconds, rounded to the nearest.
Nanos page_ms_to_ns(double ms);

}  // namespace ttft::browser
