// The `workers-ai` protocol: Cloudflare Workers AI native /ai/run/{model} streaming
// (docs/protocols.md ("workers-ai")), where the model is in the URL, not the body.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/adapter.hpp"
#include "protocol/json_scan.hpp"

namespace ttft::protocol {

/// The messages of Cloudflare's v4 error envelope {"success":false,"errors":[{"code":3040,
/// "message":"…"}]}, joined by "; " as "3040: …"; nullopt when "errors" is absent or empty.
std::optional<std::string> cloudflare_errors(const nlohmann::json& frame);

class WorkersAiAdapter final : public Adapter {
 public:
  /// `full_parser` reads every frame with nlohmann: the reference the fast path is tested against.
  explicit WorkersAiAdapter(json_scan::JsonReading reading = json_scan::JsonReading::scanner_first)
      : reading_(reading) {}
  std::string_view name() const override { return "workers-ai"; }
  std::string build_body(const Workload& workload) const override;
  EventMeaning interpret(const Event& event) override;

 private:
  json_scan::JsonReading reading_;
};

}  // namespace ttft::protocol
