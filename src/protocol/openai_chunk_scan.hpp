// The fast path of the OpenAI-style adapters (openai-chat, workers-ai): reads the common
// chat.completion.chunk (and Workers AI's {"response": …} frame) with json_scan instead of a
// nlohmann DOM. Anything unusual is left to the full reader, which stays the definition.
#pragma once

#include <string_view>

#include "protocol/event.hpp"

namespace ttft::protocol {

/// Which adapter's reading to reproduce: openai-chat's (open_openai_style_event then
/// read_openai_chunk), or workers-ai's, which also reads "errors" and "response" first.
enum class ChunkDialect { openai_chat, workers_ai };

/// Adds to `meaning` exactly what the adapter's full reader would add for `data` (not the
/// [DONE] marker, which the caller checks first) and returns true; or returns false, with
/// `meaning` untouched, when the full reader must decide: data that is not a plain JSON object,
/// a non-null "error" / "errors", llama.cpp "timings", a tool call (a delta's non-null
/// "tool_calls" or "function_call", Workers AI's non-empty "tool_calls"), keys with escapes,
/// counts that are not plain digits.
bool scan_openai_chunk(std::string_view data, ChunkDialect dialect, EventMeaning& meaning);

}  // namespace ttft::protocol
