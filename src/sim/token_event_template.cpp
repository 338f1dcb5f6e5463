#include "sim/token_event_template.hpp"

#include <nlohmann/json.hpp>

#include "core/check.hpp"

namespace ttft::sim {

namespace {

std::string json_string(std::string_view text) { return nlohmann::json(std::string(text)).dump(); }

}  // namespace

TokenEventTemplate::TokenEventTemplate(std::string_view framed_event) {
  const std::string slot = json_string(kTokenSlot);
  const auto at = framed_event.find(slot);
  TTFT_CHECK(at != std::string_view::npos && framed_event.find(slot, at + 1) == std::string_view::npos,
             "sim: a token event template needs its slot exactly once");
  prefix_ = framed_event.substr(0, at);
  suffix_ = framed_event.substr(at + slot.size());
}

std::string TokenEventTemplate::render(std::string_view token) const {
  const std::string escaped = json_string(token);
  std::string event;
  event.reserve(prefix_.size() + escaped.size() + suffix_.size());
  event.append(prefix_).append(escaped).append(suffix_);
  return event;
}

}  // namespace ttft::sim
