// The effect of each fault (scenario/sim_fault.hpp) on a reply or on a planned stream.
#include "sim/fault_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace ttft::sim {

namespace {

// Index of the first frame past half the tokens (the next content frame once half were kept, or
// the tail); frames.size() when nothing follows (generic SSE has no tail).
std::size_t half_index(const std::vector<Frame>& frames, std::int64_t output_tokens) {
  const std::int64_t half = output_tokens / 2;
  std::int64_t sent = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const Frame& frame = frames[i];
    if (frame.kind == FrameKind::kTail || (frame.kind == FrameKind::kContent && sent == half)) return i;
    if (frame.kind == FrameKind::kContent) ++sent;
  }
  return frames.size();
}

// Keeps the frames before half_index and returns the slot where the next frame would have gone.
std::int64_t cut_at_half(std::vector<Frame>& frames, std::int64_t output_tokens) {
  const std::size_t cut = half_index(frames, output_tokens);
  if (cut < frames.size()) {
    const std::int64_t slot = frames[cut].slot;
    frames.resize(cut);
    return slot;
  }
  return frames.empty() ? 0 : frames.back().slot + 1;
}

Nanos stall_ns(const Overrides& overrides) {
  if (!overrides.stall_ms) return kMaxStallNs;
  return std::min(static_cast<Nanos>(std::llround(*overrides.stall_ms * 1e6)), kMaxStallNs);
}

// Binary noise: every byte value but CR and LF (which would split it into several lines), NUL
// and bytes that are not UTF-8 included, from a fixed congruential sequence so runs repeat.
std::string noise(std::size_t bytes, std::uint32_t seed) {
  std::string out;
  std::uint32_t state = seed * 2654435761u + 1;
  while (out.size() < bytes) {
    state = state * 1664525u + 1013904223u;
    const auto byte = static_cast<char>(state >> 24);
    if (byte != '\r' && byte != '\n') out += byte;
  }
  return out;
}

// Noise in the protocol's framing, so it reaches the client's event parser as one event: an SSE
// data field, an NDJSON or data-stream line, or plain text bytes (which any text is).
std::string garbage_frame(Protocol protocol, std::int64_t slot) {
  std::string junk = noise(48, static_cast<std::uint32_t>(slot));
  switch (protocol) {
    case Protocol::kOllama:
    case Protocol::kVercelData: return junk + "\n";
    case Protocol::kText: return junk;
    default: return sse_data(junk);
  }
}

// Re-emits the stream with the second token's text (the first when there is one token) replaced
// by `bytes`, after serialisation, so the first token still arrives normally.
void replace_token(StreamPlan& plan, std::string_view bytes) {
  if (plan.spec.output_tokens <= 0) return;
  plan.spec.marked_token = std::min<std::int64_t>(1, plan.spec.output_tokens - 1);
  plan.frames = emit_stream(plan.protocol, plan.spec);
  for (Frame& frame : plan.frames) {
    for (auto at = frame.bytes.find(kTokenMarker); at != std::string::npos;
         at = frame.bytes.find(kTokenMarker, at + bytes.size())) {
      frame.bytes.replace(at, kTokenMarker.size(), bytes);
    }
  }
}

void stream_error(StreamPlan& plan) {
  const std::int64_t slot = cut_at_half(plan.frames, plan.spec.output_tokens);
  const auto tokens_sent = std::count_if(plan.frames.begin(), plan.frames.end(), [](const Frame& frame) {
    return frame.kind == FrameKind::kContent;
  });
  std::string error = emit_stream_error(plan.protocol, plan.spec, tokens_sent);
  if (!error.empty()) plan.frames.push_back({FrameKind::kTail, slot, std::move(error)});
}

// Half the tokens, then silence for the stall, then a close. The close gets a slot of its own
// one stall after the last frame sent.
void stall_mid_stream(StreamPlan& plan, const Overrides& overrides) {
  (void)cut_at_half(plan.frames, plan.spec.output_tokens);
  const std::int64_t last = plan.frames.empty() ? -1 : plan.frames.back().slot;
  plan.close_abruptly = true;
  plan.close_slot = last + 1;
  const auto close = static_cast<std::size_t>(plan.close_slot);
  const Nanos from_ns = last >= 0 ? plan.slot_offsets_ns.at(static_cast<std::size_t>(last)) : 0;
  plan.slot_offsets_ns.resize(std::max(plan.slot_offsets_ns.size(), close + 1));
  plan.slot_offsets_ns[close] = from_ns + stall_ns(overrides);
}

// Half the tokens as whole chunks, then the next frame's chunk with only half its bytes, then a
// FIN: the chunked body breaks inside a chunk.
void truncated_chunked(StreamPlan& plan) {
  const std::size_t cut = half_index(plan.frames, plan.spec.output_tokens);
  plan.raw = true;
  plan.close_abruptly = true;
  if (cut < plan.frames.size()) {
    plan.frames.resize(cut + 1);
    plan.close_slot = plan.frames.back().slot;
    plan.cut_last_chunk = true;
  } else {
    plan.close_slot = plan.frames.empty() ? 0 : plan.frames.back().slot + 1;
  }
}

std::string redirect_location(std::string_view request_uri) {
  const char separator = request_uri.find('?') == std::string_view::npos ? '?' : '&';
  return std::string(request_uri) + separator + std::string(kRedirectedParam);
}

}  // namespace

bool is_redirected(std::string_view query) {
  while (!query.empty()) {
    const std::size_t end = query.find('&');
    if (query.substr(0, end) == kRedirectedParam) return true;
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return false;
}

FaultReply status_reply(Protocol protocol, int status) {
  std::string message;
  switch (status) {
    case 429: message = "Rate limit reached for requests"; break;
    case 500: message = "The server had an error processing your request"; break;
    case 503: message = "The engine is currently overloaded"; break;
    case 529: message = "Overloaded"; break;
    default: message = "Simulated HTTP " + std::to_string(status) + " error"; break;
  }
  FaultReply reply{status, {{"Content-Type", "application/json"}}, emit_http_error_body(protocol, status, message)};
  if (status == 429) reply.headers.emplace_back("Retry-After", "7");
  return reply;
}

std::optional<FaultReply> fault_reply(Protocol protocol, Fault fault, std::string_view request_uri) {
  switch (fault) {
    case Fault::kHttp429: return status_reply(protocol, 429);
    case Fault::kHttp500: return status_reply(protocol, 500);
    case Fault::kHttp503: return status_reply(protocol, 503);
    case Fault::kHttp529: return status_reply(protocol, 529);
    case Fault::kWrongContentType: {  // a gateway's error answered as a 200
      FaultReply reply = status_reply(protocol, 500);
      reply.status = 200;
      return reply;
    }
    case Fault::kRedirect:
      return FaultReply{307,
                        {{"Content-Type", "text/plain"}, {"Location", redirect_location(request_uri)}},
                        "Temporary Redirect\n"};
    default: return std::nullopt;
  }
}

void apply_fault(StreamPlan& plan, const Overrides& overrides) {
  switch (plan.fault) {
    case Fault::kStreamError: stream_error(plan); break;
    case Fault::kTruncate:
    case Fault::kReset:
      plan.close_slot = cut_at_half(plan.frames, plan.spec.output_tokens);
      plan.close_abruptly = true;
      plan.reset = plan.fault == Fault::kReset;
      break;
    case Fault::kCloseWithoutTerminator:
      (void)cut_at_half(plan.frames, plan.spec.output_tokens);  // and the reply then ends cleanly
      break;
    case Fault::kTruncatedChunked: truncated_chunked(plan); break;
    case Fault::kStall:
      plan.frames.clear();
      plan.close_abruptly = true;
      plan.close_slot = 0;
      plan.slot_offsets_ns = {stall_ns(overrides)};
      break;
    case Fault::kStallMidStream: stall_mid_stream(plan, overrides); break;
    case Fault::kResetBeforeHeaders:  // at the first-event time: the upstream died while prefilling
      plan.frames.clear();
      plan.send_headers = false;
      plan.close_abruptly = true;
      plan.reset = true;
      plan.close_slot = 0;
      break;
    case Fault::kSlowHeaders:
      plan.raw = true;
      plan.header_byte_interval_ns = kSlowHeaderByteNs;
      break;
    case Fault::kGarbage:
      for (Frame& frame : plan.frames) {
        if (frame.kind == FrameKind::kContent) frame.bytes = garbage_frame(plan.protocol, frame.slot);
      }
      break;
    case Fault::kInvalidUtf8: replace_token(plan, kInvalidUtf8Token); break;
    case Fault::kOversizeEvent: replace_token(plan, std::string(kOversizeTokenBytes, 'x')); break;
    case Fault::kGzip: plan.gzip = true; break;
    default: break;  // no fault, or one that fault_reply answers
  }
}

}  // namespace ttft::sim
