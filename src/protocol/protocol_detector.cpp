// Protocol `auto`: the framing comes from the headers (or the first bytes), the protocol from the
// first complete event or line, matched on the shapes docs/protocols.md ("auto") lists, in its order.
#include "protocol/protocol_detector.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "protocol/adapter_json.hpp"
#include "protocol/content_type.hpp"
#include "protocol/openai_chat.hpp"
#include "protocol/utf8.hpp"

namespace ttft::protocol {
namespace {

enum class Match { no, maybe, yes };

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::size_t kPreviewSourceBytes = 320;  // enough for preview()'s 80 after substitution

// The AI SDK 4 data stream part codes (docs/protocols.md ("vercel-data")) and the first bytes of a JSON value.
constexpr std::string_view kDataStreamCodes = "02389abcdefghijk";
constexpr std::string_view kJsonValueStart = "\"{[-0123456789tfn";

// Whether `head` starts like a data stream part, `CODE:JSON`.
Match data_stream_prefix(std::string_view head) {
  if (head.empty()) return Match::maybe;
  if (kDataStreamCodes.find(head[0]) == std::string_view::npos) return Match::no;
  if (head.size() < 2) return Match::maybe;
  if (head[1] != ':') return Match::no;
  if (head.size() < 3) return Match::maybe;
  return kJsonValueStart.find(head[2]) != std::string_view::npos ? Match::yes : Match::no;
}

bool is_data_stream_part(std::string_view line) {
  if (data_stream_prefix(line) != Match::yes) return false;
  const std::string_view value = line.substr(2);
  return !nlohmann::json::parse(value.begin(), value.end(), nullptr, false).is_discarded();
}

// Whether `head` starts like an SSE stream: a comment or one of the spec's field names.
Match sse_prefix(std::string_view head) {
  if (head.starts_with(':')) return Match::yes;
  for (const std::string_view field : {"data:", "event:", "id:", "retry:"}) {
    if (head.starts_with(field)) return Match::yes;
    if (field.starts_with(head)) return Match::maybe;
  }
  return Match::no;
}

bool is_anthropic_type(std::string_view type) {
  constexpr std::array<std::string_view, 6> kTypes = {"message_start", "content_block_start",
                                                      "content_block_delta", "content_block_stop",
                                                      "message_delta", "message_stop"};
  for (const std::string_view each : kTypes) {
    if (type == each) return true;
  }
  return false;
}

// The AI SDK 5 UI message stream's part types (docs/protocols.md ("vercel-ui")).
bool is_ui_part_type(std::string_view type) {
  constexpr std::array<std::string_view, 18> kTypes = {
      "start",      "start-step",      "text-start",     "text-delta",      "text-end",
      "reasoning-start", "reasoning-delta", "reasoning-end", "finish-step",   "finish",
      "reset-step", "abort",           "message-metadata", "source-url",    "source-document",
      "file",       "reasoning-file",  "custom"};
  for (const std::string_view each : kTypes) {
    if (type == each) return true;
  }
  return type.starts_with("tool-") || type.starts_with("data-");
}

bool is_boolean(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_boolean();
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

}  // namespace

ResponseHints response_hints(const std::vector<std::pair<std::string, std::string>>& headers) {
  ResponseHints hints;
  for (const auto& [name, value] : headers) {
    const std::string key = lower(name);
    if (key == "content-type") hints.media_type = media_type(value);
    if (key == "x-vercel-ai-ui-message-stream") hints.ui_message_stream = lower(value) == "v1";
    if (key == "x-vercel-ai-data-stream") hints.data_stream = lower(value) == "v1";
  }
  return hints;
}

ProtocolDetector::ProtocolDetector(std::string request_protocol, std::size_t max_event_bytes)
    : request_protocol_(std::move(request_protocol)),
      max_event_bytes_(max_event_bytes),
      sse_(max_event_bytes),
      lines_(max_event_bytes) {}

void ProtocolDetector::set_hints(const ResponseHints& hints) {
  hints_ = hints;
  // The AI SDK marks its two JSON streams; no byte is needed to tell them.
  if (hints.ui_message_stream) return decide("vercel-ui");
  if (hints.data_stream) return decide("vercel-data");
  const std::string& media = hints.media_type;
  if (media == "text/event-stream") probe_ = Probe::sse;
  else if (is_ndjson_media_type(media) || media == "application/json") probe_ = Probe::lines;
  else if (media == "text/plain") probe_ = Probe::text;
  else probe_ = Probe::sniff;  // none, or a type that says nothing about framing
}

bool ProtocolDetector::feed(std::string_view bytes) {
  if (done() || bytes.empty()) return done();
  // Keep-alive comments alone could hold the body back forever, so detection gives up after
  // 2 * max_event_bytes. It looks at exactly one byte past that limit, wherever the reads end,
  // so how the body was split never changes what is detected (a fuzzing find).
  const std::size_t limit = 2 * max_event_bytes_;
  bytes = bytes.substr(0, limit + 1 - seen_bytes_);
  seen_bytes_ += bytes.size();
  // While sniffing, head_ is the whole body so far (sniffing ends within its first 9 bytes), so
  // the framer it chooses can be given every byte.
  const bool sniffing = probe_ == Probe::sniff;
  if (sniffing || head_.size() <= max_event_bytes_) {
    head_.append(sniffing ? bytes : bytes.substr(0, max_event_bytes_ + 1 - head_.size()));
  }
  feed_probe(bytes);
  if (head_.size() > max_event_bytes_ + 1) head_.resize(max_event_bytes_ + 1);
  if (!done() && seen_bytes_ > limit) {
    fail("auto: no protocol detected in the first " + std::to_string(limit) + " bytes");
  }
  return done();
}

void ProtocolDetector::feed_probe(std::string_view bytes) {
  const auto on_event = [this](const Event& event) {
    if (done()) return;
    if (probe_ == Probe::sse) on_sse_event(event);
    else on_line(event);
  };
  bool framed = true;
  switch (probe_) {
    case Probe::sniff: return sniff();
    case Probe::text: return read_text_head();
    case Probe::sse: framed = sse_.feed(bytes, on_event); break;
    case Probe::lines: framed = lines_.feed(bytes, on_event); break;
  }
  if (!framed && !done()) {
    fail("auto: " + std::string(probe_ == Probe::sse ? "event" : "line") + " larger than " +
         std::to_string(max_event_bytes_) + " bytes before the protocol was detected");
  }
}

void ProtocolDetector::use_probe(Probe probe) {
  probe_ = probe;
  feed_probe(head_);  // the new framer has seen nothing yet: give it the body so far
}

void ProtocolDetector::sniff() {
  std::string_view head = head_;
  if (head.size() < kUtf8Bom.size() && kUtf8Bom.starts_with(head)) return;
  if (head.starts_with(kUtf8Bom)) head.remove_prefix(kUtf8Bom.size());
  if (head.empty()) return;
  if (head.front() == '{') return use_probe(Probe::lines);
  const Match sse = sse_prefix(head);
  if (sse == Match::yes) return use_probe(Probe::sse);
  if (sse == Match::no) use_probe(Probe::text);
}

void ProtocolDetector::read_text_head() {
  // A data stream sent without its header is still `CODE:JSON` lines; anything else is text.
  // Most text fails the prefix test on its first bytes, so a text stream is decided at once.
  // Only the first max_event_bytes + 1 bytes count, as when the body arrives byte by byte: one
  // large read while sniffing leaves more in head_ (a fuzzing find).
  const std::string_view head = std::string_view(head_).substr(0, max_event_bytes_ + 1);
  if (data_stream_prefix(head) == Match::no) return decide("text");
  const std::size_t eol = head.find('\n');
  if (eol == std::string_view::npos) {
    if (head.size() > max_event_bytes_) decide("text");
    return;
  }
  std::string_view line = head.substr(0, eol);
  if (line.ends_with('\r')) line.remove_suffix(1);
  decide(is_data_stream_part(line) ? "vercel-data" : "text");
}

void ProtocolDetector::on_sse_event(const Event& event) {
  nlohmann::json payload;
  if (!parse_json_object(event.data, payload)) return decide("sse");  // [DONE], plain text
  const std::string* json_type = find_string(payload, "type");
  const std::string_view type = json_type != nullptr ? std::string_view(*json_type) : event.type;
  if (type == "error" && find_string(payload, "errorText") != nullptr) return decide("vercel-ui");
  if (type == "error" || event.type == "error" || openai_error(payload)) {
    return decide(request_protocol_);
  }
  // /ai/run/ answers newer models in the OpenAI chunk shape, and the workers-ai adapter reads
  // both shapes in one stream (docs/protocols.md ("workers-ai")); elsewhere that shape is openai-chat.
  const std::string_view chat = request_protocol_ == "workers-ai" ? "workers-ai" : "openai-chat";
  if (payload.contains("errors") && payload.contains("success")) return decide("workers-ai");
  if (is_anthropic_type(type)) return decide("anthropic");
  if (type.starts_with("response.")) return decide("openai-responses");
  if (json_type != nullptr && is_ui_part_type(*json_type)) return decide("vercel-ui");
  if (find_string(payload, "response") != nullptr) return decide("workers-ai");
  const auto choices = payload.find("choices");
  if (choices != payload.end() && choices->is_array()) {
    if (choices->empty() || !(*choices)[0].is_object()) return decide(chat);  // a usage chunk
    if (find_object((*choices)[0], "delta") != nullptr) return decide(chat);
    if (find_string((*choices)[0], "text") != nullptr) return decide("openai-completions");
  }
  for (const char* key : {"candidates", "promptFeedback", "usageMetadata"}) {
    if (payload.contains(key)) return decide("gemini");
  }
  if (find_string(payload, "content") != nullptr && is_boolean(payload, "stop")) {
    return decide("llama-cpp");
  }
  decide("sse");  // an event stream in no known shape: every event is text
}

void ProtocolDetector::on_line(const Event& event) {
  if (is_data_stream_part(event.data)) return decide("vercel-data");
  nlohmann::json object;
  const bool is_object = parse_json_object(event.data, object);
  const bool json_body = hints_.media_type == "application/json";
  if (is_object && (find_object(object, "message") != nullptr || is_boolean(object, "done"))) {
    return decide("ollama");
  }
  // Ollama's own error line; the same object as a whole application/json body is an HTTP API's
  // error reply, not a stream.
  if (is_object && !json_body && openai_error(object)) return decide("ollama");
  fail(json_body ? "auto: a JSON body, not a stream (application/json): " + preview(event.data)
                 : "auto: no protocol reads the first line: " + preview(event.data));
}

void ProtocolDetector::finish() {
  if (done() || seen_bytes_ == 0) return;
  const std::string media = hints_.media_type.empty() ? "no content-type" : hints_.media_type;
  switch (probe_) {
    case Probe::sniff:
    case Probe::text: return decide("text");  // its first line never ended: not a data stream
    case Probe::sse:
      return fail("auto: the body ended before its first complete event (" + media + "): " +
                  body_preview());
    case Probe::lines:
      if (hints_.media_type == "application/json") {
        return fail("auto: a JSON body, not a stream (application/json): " + body_preview());
      }
      return fail("auto: the body ended before its first complete line (" + media + "): " +
                  body_preview());
  }
}

void ProtocolDetector::decide(std::string_view protocol) { protocol_ = std::string(protocol); }

void ProtocolDetector::fail(std::string why) { failure_ = std::move(why); }

std::string ProtocolDetector::body_preview() const {
  // Raw body bytes, not a parsed line: make them valid UTF-8 before they reach a CSV cell.
  std::string decoded;
  decode_utf8_lossy(std::string_view(head_).substr(0, kPreviewSourceBytes), decoded);
  return preview(decoded);
}

}  // namespace ttft::protocol
