// What a request asks the model for, independent of any provider's wire format.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ttft::protocol {

struct Message {
  std::string role;  // "system", "user", "assistant"
  std::string content;
};

struct Workload {
  std::string model;               // may be empty when the URL names the model (Workers AI)
  std::vector<Message> messages;
  std::int64_t max_tokens = 256;
  nlohmann::json extra_body = nlohmann::json::object();  // merged over the built body (scenario `body`)
  // OpenAI chat's tool JSON ([{"type":"function","function":{...}}]); empty = no tools. Each
  // adapter writes them in its provider's shape (docs/protocols.md ("Tool calls")).
  nlohmann::json tools = nlohmann::json::array();
  nlohmann::json tool_choice = nullptr;  // "auto" | "none" | "required" | {"type":"function",...}; null = not sent
  bool stream = true;  // false: the protocol's non-streaming form (docs/protocols.md ("Non-streaming requests"))
};

}  // namespace ttft::protocol
