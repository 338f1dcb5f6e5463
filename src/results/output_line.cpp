// outputs.jsonl lines: nlohmann's ordered_json keeps the documented field order.
#include "results/output_line.hpp"

#include <nlohmann/json.hpp>

namespace ttft::results {
namespace {

using Json = nlohmann::ordered_json;

Json nullable(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

bool read_string(const Json& json, const char* key, std::string& out, bool nullable) {
  const auto it = json.find(key);
  if (it == json.end()) return false;
  if (nullable && it->is_null()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

bool read_count(const Json& json, const char* key, std::optional<std::int64_t>& out) {
  const auto it = json.find(key);
  if (it == json.end()) return false;
  if (it->is_null()) return true;
  if (!it->is_number_integer()) return false;
  out = it->get<std::int64_t>();
  return true;
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
  if (!json.is_object()) return fail("outputs.jsonl", "a line is not a JSON object");
  OutputRecord r;
  std::optional<std::int64_t> seq, reasoning;
  std::string finish, error;
  const bool ok = read_string(json, "request_id", r.request_id, false) && read_string(json, "target", r.target, false) &&
                  read_string(json, "phase", r.phase, false) && read_count(json, "seq", seq) && seq &&
                  read_count(json, "prompt_index", r.prompt_index) && read_string(json, "prompt", r.prompt, false) &&
                  read_string(json, "text", r.text, false) && read_count(json, "reasoning_chars", reasoning) &&
                  reasoning && read_string(json, "finish_reason", finish, true) &&
                  read_string(json, "error", error, true);
  if (!ok) return fail("outputs.jsonl", "a line lacks a field or has one of the wrong type");
  r.seq = *seq;
  r.reasoning_chars = *reasoning;
  if (json["finish_reason"].is_string()) r.finish_reason = finish;
  r.error = error;
  return r;
}

}  // namespace ttft::results
