// Environment substitution over the parsed tree. Done after parsing, on values only, so a
// variable can never inject JSON syntax; header values are tracked as secrets for redaction.
#include "scenario/env_subst.hpp"

#include <cctype>

#include <fmt/format.h>

#include "protocol/utf8.hpp"

namespace ttft::scenario {
namespace {

bool valid_variable_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])) != 0) return false;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') return false;
  }
  return true;
}

// A header value sits at /targets/<name>/headers/<header>.
bool is_header_value(const std::vector<std::string>& path) {
  return path.size() == 4 && path[0] == "targets" && path[2] == "headers";
}

/// A target URL whose query string takes a variable: where keys go when not in a header
/// (Gemini's `?key=${GEMINI_API_KEY}`).
bool is_url_query_reference(const std::vector<std::string>& path, const std::string& text) {
  if (path.size() != 3 || path[0] != "targets" || path[2] != "url") return false;
  const std::size_t query = text.find('?');
  return query != std::string::npos && text.find("${", query) != std::string::npos;
}

void walk(Json& node, std::vector<std::string>& path, const std::string& pointer,
          const Getenv& getenv, Reader& reader, SubstitutionReport& report) {
  if (!reader.ok()) return;
  if (node.is_object()) {
    for (auto& [key, child] : node.items()) {
      path.push_back(key);
      walk(child, path, pointer_child(pointer, key), getenv, reader, report);
      path.pop_back();
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      path.push_back(std::to_string(i));
      walk(node[i], path, pointer_child(pointer, i), getenv, reader, report);
      path.pop_back();
    }
  } else if (node.is_string()) {
    const std::string text = node.get<std::string>();
    if (text.find("${") == std::string::npos) return;
    std::optional<Substituted> replaced = substitute_string(text, getenv, reader, pointer);
    if (!replaced) return;
    node = replaced->text;
    if (!replaced->had_reference) return;
    const bool header = is_header_value(path);
    if (!header && !is_url_query_reference(path, text)) return;
    // A header value is masked whole in the scenario copy; a URL stays readable there. Either
    // way the values are hunted wherever they appear.
    if (header) report.secret_pointers.push_back(pointer);
    for (std::string& value : replaced->env_values) {
      if (!value.empty()) report.secrets.push_back(std::move(value));
    }
  }
}

}  // namespace

std::optional<Substituted> substitute_string(const std::string& text, const Getenv& getenv,
                                             Reader& reader, const std::string& pointer) {
  Substituted result;
  std::string& out = result.text;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {  // escape: "$${X}" is the literal text "${X}"
      out += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out += text[i++];
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string::npos) {
      reader.fail(pointer, fmt::format("unterminated \"${{\" in {}", describe_value(Json(text))),
                  "write ${NAME} or ${NAME:-default}; \"$${\" is a literal \"${\"");
      return std::nullopt;
    }
    const std::string inner = text.substr(i + 2, close - i - 2);
    const std::size_t sep = inner.find(":-");
    const std::string name = inner.substr(0, sep);
    if (!valid_variable_name(name)) {
      reader.fail(pointer, fmt::format("invalid variable name \"{}\" in \"${{{}}}\"", name, inner),
                  "names are letters, digits and '_', not starting with a digit");
      return std::nullopt;
    }
    result.had_reference = true;
    std::optional<std::string> value = getenv(name);
    if (sep != std::string::npos && (!value || value->empty())) {
      out += inner.substr(sep + 2);  // the default, written in the file: not a secret
    } else if (value) {
      // The value lands in JSON (request bodies, manifest.json), which holds text only; the
      // message leaves the bytes out, since they may be a key (a fuzzing find).
      if (!protocol::is_valid_utf8(*value)) {
        reader.fail(pointer, fmt::format("environment variable {} is not valid UTF-8", name),
                    fmt::format("export {} as UTF-8 text", name));
        return std::nullopt;
      }
      out += *value;
      result.env_values.push_back(*value);
    } else {
      reader.fail(pointer, fmt::format("environment variable {} is not set", name),
                  fmt::format("export {0}=..., or write ${{{0}:-default}} in the scenario", name));
      return std::nullopt;
    }
    i = close + 1;
  }
  return result;
}

SubstitutionReport substitute_env(Json& root, const Getenv& getenv, Reader& reader) {
  SubstitutionReport report;
  std::vector<std::string> path;
  walk(root, path, "", getenv, reader, report);
  return report;
}

}  // namespace ttft::scenario
