// outputs.jsonl lines: nlohmann's ordered_json keeps the documented field order.
#include "results/output_line.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace ttft::results {
namespace {

using Json = nlohmann::ordered_json;

Json nullable(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

// Each reader returns what is wrong with its field, or nothing. `required` fields must be there;
// the others read as empty (a hand-written or older line may lack them).
std::optional<std::string> read_string(const Json& json, const char* key, std::string& out, bool required) {
  const auto it = json.find(key);
  if (it == json.end()) return required ? std::optional(fmt::format("missing \"{}\"", key)) : std::nullopt;
  if (!required && it->is_null()) return std::nullopt;
  if (!it->is_string()) return fmt::format("\"{}\" must be a string, got {}", key, it->dump());
  out = it->get<std::string>();
  return std::nullopt;
}

std::optional<std::string> read_count(const Json& json, const char* key, std::optional<std::int64_t>& out,
                                      bool required) {
  const auto it = json.find(key);
  if (it == json.end()) return required ? std::optional(fmt::format("missing \"{}\"", key)) : std::nullopt;
  if (!required && it->is_null()) return std::nullopt;
  if (!it->is_number_integer() || it->get<std::int64_t>() < 0) {
    return fmt::format("\"{}\" must be a whole number{}, got {}", key, required ? "" : " or null", it->dump());
  }
  out = it->get<std::int64_t>();
  return std::nullopt;
}

}  // namespace

std::string format_output_line(const OutputRecord& r, const Redactor& redactor) {
  Json line = Json::object();
  line["request_id"] = redactor.apply(r.request_id);
  line["target"] = r.target;
  line["phase"] = r.phase;
  line["seq"] = r.seq;
  line["prompt_index"] = r.prompt_index ? Json(*r.prompt_index) : Json(nullptr);
  line["prompt"] = redactor.apply(r.prompt);
  line["text"] = redactor.apply(r.text);
  line["reasoning_chars"] = r.reasoning_chars;
  line["finish_reason"] = r.finish_reason ? Json(redactor.apply(*r.finish_reason)) : Json(nullptr);
  line["error"] = nullable(r.error.empty() ? std::nullopt : std::optional(r.error));
  // A stream may end inside a UTF-8 character: write U+FFFD rather than refuse the line.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<OutputRecord> parse_output_line(std::string_view text) {
  const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return fail("", "not valid JSON");
  if (!json.is_object()) return fail("", fmt::format("expected a JSON object, got {}", json.dump()));
  OutputRecord r;
  std::optional<std::int64_t> seq, reasoning;
  std::optional<std::string> finish;
  std::string finish_text;
  for (auto bad : {read_string(json, "request_id", r.request_id, true), read_string(json, "target", r.target, true),
                   read_string(json, "phase", r.phase, true), read_count(json, "seq", seq, true),
                   read_count(json, "prompt_index", r.prompt_index, false),
                   read_string(json, "prompt", r.prompt, false), read_string(json, "text", r.text, true),
                   read_count(json, "reasoning_chars", reasoning, false),
                   read_string(json, "finish_reason", finish_text, false), read_string(json, "error", r.error, false)}) {
    if (bad) return fail("", std::move(*bad));
  }
  r.seq = *seq;
  r.reasoning_chars = reasoning.value_or(0);
  if (json.contains("finish_reason") && json["finish_reason"].is_string()) r.finish_reason = finish_text;
  return r;
}

}  // namespace ttft::results
