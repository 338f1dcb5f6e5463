// JSON helpers shared by the provider adapters. nlohmann is used with exceptions off in the
// hot path (parse with allow_exceptions=false, dump with error_handler_t::replace).
#include "protocol/adapter_json.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ttft::protocol {
namespace {

constexpr std::size_t kPreviewBytes = 80;

}  // namespace

nlohmann::ordered_json messages_json(const std::vector<Message>& messages, bool with_system) {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const Message& message : messages) {
    if (!with_system && message.role == "system") continue;
    array.push_back({{"role", message.role}, {"content", message.content}});
  }
  return array;
}

std::string prompt_text(const std::vector<Message>& messages) {
  std::string prompt;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i > 0) prompt += "\n\n";
    prompt += messages[i].content;
  }
  return prompt;
}

std::string finish_body(nlohmann::ordered_json body, const nlohmann::json& extra_body) {
  if (!(extra_body.is_object() && extra_body.empty())) {
    body.merge_patch(nlohmann::ordered_json(extra_body));
  }
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

bool is_done_marker(std::string_view data) { return data.starts_with("[DONE]"); }

bool parse_json_object(std::string_view data, nlohmann::json& out) {
  out = nlohmann::json::parse(data.begin(), data.end(), nullptr, /*allow_exceptions=*/false);
  return out.is_object();
}

std::string preview(std::string_view data) {
  std::size_t cut = std::min(data.size(), kPreviewBytes);
  // Back up over continuation bytes so the preview stays valid UTF-8 (the parser already
  // replaced invalid sequences, so the data itself is valid).
  while (cut < data.size() && cut > 0 && (static_cast<unsigned char>(data[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return std::string(data.substr(0, cut));
}

std::string not_json_message(std::string_view data) { return "event is not JSON: " + preview(data); }

const std::string* find_string(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return nullptr;
  return it->get_ptr<const std::string*>();
}

std::optional<TypedEvent> open_typed_event(const Event& event, EventMeaning& meaning) {
  TypedEvent typed;
  if (!parse_json_object(event.data, typed.payload)) {
    if (event.type == "error") {
      meaning.error = std::string(event.data);
    } else {
      meaning.protocol_error = not_json_message(event.data);
    }
    return std::nullopt;
  }
  const std::string* json_type = find_string(typed.payload, "type");
  typed.type = json_type != nullptr ? *json_type : std::string(event.type);
  return typed;
}

const nlohmann::json* find_object(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_object()) return nullptr;
  return &*it;
}

std::optional<std::int64_t> find_count(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number_unsigned()) {
    const std::uint64_t value = it->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return {};
    return static_cast<std::int64_t>(value);
  }
  if (it->is_number_integer() && it->get<std::int64_t>() >= 0) return it->get<std::int64_t>();
  if (it->is_number_float()) {
    const double value = it->get<double>();
    if (std::isfinite(value) && value >= 0 && value < 9.0e18 && value == std::floor(value)) {
      return static_cast<std::int64_t>(value);
    }
  }
  return std::nullopt;
}

std::optional<std::int64_t> find_nested_count(const nlohmann::json& object, const char* parent,
                                              const char* key) {
  const nlohmann::json* nested = find_object(object, parent);
  return nested != nullptr ? find_count(*nested, key) : std::nullopt;
}

bool has_non_empty_array(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_array() && !it->empty();
}

std::optional<double> find_amount(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  const double value = it->get<double>();
  if (!std::isfinite(value) || value < 0) return std::nullopt;
  return value;
}

std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ToolCallDelta whole_tool_call(const std::string* name, const nlohmann::json* arguments) {
  ToolCallDelta delta;
  if (name != nullptr) delta.name = *name;
  if (arguments != nullptr) delta.arguments = json_text(*arguments);
  delta.whole = true;
  return delta;
}

}  // namespace ttft::protocol
