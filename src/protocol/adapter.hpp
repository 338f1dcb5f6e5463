// A provider protocol: how to build its request body and how to read its stream's events.
// Pure: no I/O, never reads a clock. One instance per request, so an adapter may keep state
// about the stream it is reading.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "protocol/event.hpp"
#include "protocol/workload.hpp"

namespace ttft::protocol {

/// How the response body is cut into events.
enum class Framing {
  sse,  // WHATWG Server-Sent Events
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  /// The protocol's name as scenarios and the CSV write it ("openai-chat").
  virtual std::string_view name() const = 0;
  virtual Framing framing() const { return Framing::sse; }

  /// The JSON request body for this workload, with workload.extra_body merged over it.
  virtual std::string build_body(const Workload& workload) const = 0;

  /// Request headers the provider requires (e.g. anthropic-version); the user's headers win.
  virtual std::vector<std::pair<std::string, std::string>> default_headers() const { return {}; }

  /// Reads one dispatched event.
  virtual EventMeaning interpret(const Event& event) = 0;

  /// True when the connection closing is the normal end of the stream (plain `sse`); otherwise
  /// a stream that ends before its terminator is `truncated`.
  virtual bool eof_is_normal_end() const { return false; }
};

/// The protocols this build knows, in the order --help lists them.
const std::vector<std::string>& protocol_names();

/// A fresh adapter for `name`; an error naming the known protocols otherwise.
Result<std::unique_ptr<Adapter>> make_adapter(std::string_view name);

}  // namespace ttft::protocol
