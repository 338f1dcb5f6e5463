// The table of protocols this build knows: name → adapter factory. Adding a protocol is one
// row here plus its adapter file.
#include <array>

#include "protocol/adapter.hpp"
#include "protocol/anthropic.hpp"
#include "protocol/gemini.hpp"
#include "protocol/generic_sse.hpp"
#include "protocol/llama_cpp.hpp"
#include "protocol/ollama.hpp"
#include "protocol/openai_chat.hpp"
#include "protocol/openai_completions.hpp"
#include "protocol/openai_responses.hpp"
#include "protocol/plain_text.hpp"
#include "protocol/vercel_data.hpp"
#include "protocol/vercel_ui.hpp"
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

// In the order --help lists them, that of docs/protocols.md ("The protocols at a glance").
constexpr std::array kProtocols{
    Entry{"openai-chat", &make_one<OpenAiChatAdapter>},
    Entry{"openai-completions", &make_one<OpenAiCompletionsAdapter>},
    Entry{"openai-responses", &make_one<OpenAiResponsesAdapter>},
    Entry{"anthropic", &make_one<AnthropicAdapter>},
    Entry{"workers-ai", &make_one<WorkersAiAdapter>},
    Entry{"vercel-ui", &make_one<VercelUiAdapter>},
    Entry{"vercel-data", &make_one<VercelDataAdapter>},
    Entry{"gemini", &make_one<GeminiAdapter>},
    Entry{"ollama", &make_one<OllamaAdapter>},
    Entry{"llama-cpp", &make_one<LlamaCppAdapter>},
    Entry{"text", &make_one<PlainTextAdapter>},
    Entry{"sse", &make_one<GenericSseAdapter>},
};

// The URL's path: after the authority, before any query or fragment ("" when there is none).
std::string_view url_path(std::string_view url) {
  const std::size_t scheme = url.find("://");
  const std::size_t authority = scheme == std::string_view::npos ? 0 : scheme + 3;
  const std::size_t begin = url.find_first_of("/?#", authority);
  if (begin == std::string_view::npos || url[begin] != '/') return {};
  const std::size_t end = url.find_first_of("?#", begin);
  return url.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
}

}  // namespace

const std::vector<std::string>& protocol_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const Entry& entry : kProtocols) list.emplace_back(entry.name);
    list.emplace_back(kAutoProtocol);
    return list;
  }();
  return names;
}

std::string_view request_protocol(std::string_view name, std::string_view url) {
  if (name != kAutoProtocol) return name;
  const std::string_view path = url_path(url);
  if (path.find("/ai/run/") != std::string_view::npos) return "workers-ai";
  if (path.ends_with("/v1/messages")) return "anthropic";
  return "openai-chat";
}

Result<std::unique_ptr<Adapter>> make_adapter(std::string_view name) {
  if (name == kAutoProtocol) {
    return fail("", "protocol \"auto\" has no adapter of its own",
                "its body follows request_protocol(); its stream, the detected protocol");
  }
  for (const Entry& entry : kProtocols) {
    if (entry.name == name) return entry.make();
  }
  std::string known;
  for (const std::string& each : protocol_names()) known += (known.empty() ? "" : ", ") + each;
  return fail("", "unknown protocol \"" + std::string(name) + "\"", "known protocols: " + known);
}

}  // namespace ttft::protocol
