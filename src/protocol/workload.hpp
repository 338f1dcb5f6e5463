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
  bool stream = true;  // false: the protocol's non-streaming form (docs/protocols.md ("Non-streaming requests"))
};

}  // namespace ttft::protocol
