// The fast path of the `anthropic` adapter: reads the events a Messages stream is mostly made
// of (content_block_delta, ping, content_block_start/stop, message_stop) with json_scan instead
// of a nlohmann DOM. The events with usage or errors stay with the full reader.
#pragma once

#include "protocol/event.hpp"

namespace ttft::protocol {

/// Adds to `meaning` exactly what AnthropicAdapter's full reader would add for `event` and
/// returns true; or returns false, with `meaning` untouched, when the full reader must decide:
/// an `error` event, data that is not a plain JSON object, message_start, message_delta,
/// error and unknown types, escaped keys or types.
bool scan_anthropic_event(const Event& event, EventMeaning& meaning);

}  // namespace ttft::protocol
