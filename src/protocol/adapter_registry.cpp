// The table of protocols this build knows: name → adapter factory. Adding a protocol is one
// row here plus its adapter file.
#include <array>

#include "protocol/adapter.hpp"
#include "protocol/anthropic.hpp"
#include "protocol/generic_sse.hpp"
#include "protocol/openai_chat.hpp"
#include "protocol/workers_ai.hpp"

namespace ttft::protocol {
namespace {

struct Entry {
  std::string_view name;
  std::unique_ptr<Adapter> (*make)();
};

template <class T>
std::unique_ptr<Adapter> make_one() {
  return std::make_unique<T>();
}

// In the order --help lists them.
constexpr std::array kProtocols{
    Entry{"openai-chat", &make_one<OpenAiChatAdapter>},
    Entry{"workers-ai", &make_one<WorkersAiAdapter>},
    Entry{"anthropic", &make_one<AnthropicAdapter>},
    Entry{"sse", &make_one<GenericSseAdapter>},
};

}  // namespace

const std::vector<std::string>& protocol_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const Entry& entry : kProtocols) list.emplace_back(entry.name);
    return list;
  }();
  return names;
}

Result<std::unique_ptr<Adapter>> make_adapter(std::string_view name) {
  for (const Entry& entry : kProtocols) {
    if (entry.name == name) return entry.make();
  }
  std::string known;
  for (const std::string& each : protocol_names()) known += (known.empty() ? "" : ", ") + each;
  return fail("", "unknown protocol \"" + std::string(name) + "\"", "known protocols: " + known);
}

}  // namespace ttft::protocol
