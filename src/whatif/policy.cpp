// Policy text → Policy. Words are separated by spaces; options are key=value in any order.
#include "whatif/policy.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "core/duration.hpp"
#include "whatif/route.hpp"

namespace ttft::whatif {
namespace {

constexpr std::string_view kFirstSuffix = "-first";
constexpr std::string_view kSplitPrefix = "input_tokens<";
constexpr std::string_view kRoutePrefix = "short<";
constexpr std::string_view kKeywordsPrefix = "keywords=";
constexpr const char* kPolicyHint =
    "policies: \"edge-first timeout=300ms fallback=central\", \"hedge after=250ms\" "
    "(or \"hedge first=A second=B after=250ms\"), \"split input_tokens<1000 edge else central\", "
    "\"route short<12 keywords=summarize,explain edge else central\"";

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t start = text.find_first_not_of(' ', at);
    if (start == std::string_view::npos) break;
    const std::size_t end = std::min(text.find(' ', start), text.size());
    words.push_back(text.substr(start, end - start));
    at = end;
  }
  return words;
}

// Every error names the policy as written and what is wrong with it.
class PolicyReader {
 public:
  PolicyReader(std::string_view text, const std::vector<std::string>& targets)
      : text_(text), targets_(targets) {}

  tl::unexpected<Error> bad(const std::string& what) const {
    return fail(fmt::format("--policy \"{}\"", text_), what, kPolicyHint);
  }

  Result<std::string> target(std::string_view name) const {
    if (std::find(targets_.begin(), targets_.end(), name) != targets_.end()) return std::string(name);
    return bad(fmt::format("unknown target \"{}\" (targets: {})", name, fmt::join(targets_, ", ")));
  }

  /// key=value options; each key at most once and only the `allowed` ones.
  Result<std::map<std::string, std::string>> options(const std::vector<std::string_view>& words,
                                                     const std::vector<std::string>& allowed) const {
    std::map<std::string, std::string> out;
    for (const std::string_view word : words) {
      const std::size_t eq = word.find('=');
      const std::string key(word.substr(0, eq));
      if (eq == std::string_view::npos || std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        return bad(fmt::format("unexpected \"{}\" (expected {}=)", word, fmt::join(allowed, "=, ")));
      }
      if (!out.emplace(key, std::string(word.substr(eq + 1))).second) return bad(fmt::format("{}= given twice", key));
    }
    return out;
  }

  Result<Nanos> duration(const std::map<std::string, std::string>& options, const std::string& key) const {
    const auto found = options.find(key);
    if (found == options.end()) return bad(fmt::format("missing {}=<duration>", key));
    auto parsed = parse_duration(found->second);
    if (!parsed) return bad(fmt::format("{}=: {}", key, parsed.error().message));
    return *parsed;
  }

 private:
  std::string_view text_;
  const std::vector<std::string>& targets_;
};

Policy routed(Policy policy, PolicyKind kind, std::string first, std::string second) {
  policy.kind = kind;
  policy.first = std::move(first);
  policy.second = std::move(second);
  return policy;
}

Result<Policy> parse_fallback(const PolicyReader& reader, const std::vector<std::string_view>& words, Policy policy) {
  auto first = reader.target(words[0].substr(0, words[0].size() - kFirstSuffix.size()));
  if (!first) return tl::unexpected(first.error());
  auto options = reader.options({words.begin() + 1, words.end()}, {"timeout", "fallback"});
  if (!options) return tl::unexpected(options.error());
  auto timeout = reader.duration(*options, "timeout");
  if (!timeout) return tl::unexpected(timeout.error());
  if (!options->count("fallback")) return reader.bad("missing fallback=<target>");
  auto second = reader.target(options->at("fallback"));
  if (!second) return tl::unexpected(second.error());
  if (*second == *first) return reader.bad("the fallback is the first target itself");
  policy.after_ns = *timeout;
  return routed(std::move(policy), PolicyKind::fallback, std::move(*first), std::move(*second));
}

Result<Policy> parse_hedge(const PolicyReader& reader, const std::vector<std::string_view>& words,
                           const std::vector<std::string>& targets, Policy policy) {
  auto options = reader.options({words.begin() + 1, words.end()}, {"first", "second", "after"});
  if (!options) return tl::unexpected(options.error());
  auto after = reader.duration(*options, "after");
  if (!after) return tl::unexpected(after.error());
  auto first = reader.target(options->count("first") ? options->at("first") : targets[0]);
  if (!first) return tl::unexpected(first.error());
  const std::string other = *first == targets[0] ? targets[1] : targets[0];
  auto second = reader.target(options->count("second") ? options->at("second") : other);
  if (!second) return tl::unexpected(second.error());
  if (*second == *first) return reader.bad("a hedge needs two different targets");
  policy.after_ns = *after;
  return routed(std::move(policy), PolicyKind::hedge, std::move(*first), std::move(*second));
}

// The N of "<prefix>N": a positive whole number of `unit`.
Result<std::int64_t> threshold(const PolicyReader& reader, std::string_view word, std::string_view prefix,
                               std::string_view unit) {
  const std::string_view number = word.substr(prefix.size());
  std::int64_t below = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), below);
  if (number.empty() || ec != std::errc() || end != number.data() + number.size() || below <= 0) {
    return reader.bad(fmt::format("expected a positive whole number of {} after \"<\", got \"{}\"", unit, number));
  }
  return below;
}

// "A else B" at the end of `words`, from `at`: the two targets.
Result<Policy> either(const PolicyReader& reader, const std::vector<std::string_view>& words, std::size_t at,
                      PolicyKind kind, Policy policy) {
  auto first = reader.target(words[at]);
  if (!first) return tl::unexpected(first.error());
  auto second = reader.target(words[at + 2]);
  if (!second) return tl::unexpected(second.error());
  return routed(std::move(policy), kind, std::move(*first), std::move(*second));
}

Result<Policy> parse_split(const PolicyReader& reader, const std::vector<std::string_view>& words, Policy policy) {
  if (words.size() != 5 || words[1].rfind(kSplitPrefix, 0) != 0 || words[3] != "else") {
    return reader.bad("expected \"split input_tokens<N A else B\"");
  }
  auto below = threshold(reader, words[1], kSplitPrefix, "tokens");
  if (!below) return tl::unexpected(below.error());
  policy.input_tokens_below = *below;
  return either(reader, words, 2, PolicyKind::split, std::move(policy));
}

// "route short<N [keywords=a,b,...] A else B"; keywords are matched case-insensitively.
Result<Policy> parse_route(const PolicyReader& reader, const std::vector<std::string_view>& words, Policy policy) {
  const bool with_keywords = words.size() == 6;
  if ((words.size() != 5 && !with_keywords) || words[1].rfind(kRoutePrefix, 0) != 0 ||
      words[words.size() - 2] != "else" || (with_keywords && words[2].rfind(kKeywordsPrefix, 0) != 0)) {
    return reader.bad("expected \"route short<N keywords=word,word A else B\" (keywords= optional)");
  }
  auto below = threshold(reader, words[1], kRoutePrefix, "words");
  if (!below) return tl::unexpected(below.error());
  policy.words_below = *below;
  if (with_keywords) {
    auto keywords = route_keywords(words[2].substr(kKeywordsPrefix.size()));
    if (!keywords) return reader.bad(keywords.error().message);
    policy.keywords = std::move(*keywords);
  }
  auto parsed = either(reader, words, words.size() - 3, PolicyKind::route, std::move(policy));
  if (parsed && parsed->first == parsed->second) return reader.bad("a route needs two different targets");
  return parsed;
}

}  // namespace

Result<Policy> parse_policy(std::string_view text, const std::vector<std::string>& targets) {
  const PolicyReader reader(text, targets);
  const std::vector<std::string_view> words = words_of(text);
  if (words.empty()) return reader.bad("the policy is empty");
  if (targets.size() < 2) return reader.bad("routing needs two targets, the results have fewer");
  Policy policy;
  policy.text = std::string(text);
  if (words[0] == "hedge") return parse_hedge(reader, words, targets, std::move(policy));
  if (words[0] == "split") return parse_split(reader, words, std::move(policy));
  if (words[0] == "route") return parse_route(reader, words, std::move(policy));
  const std::string_view head = words[0];
  if (head.size() > kFirstSuffix.size() && head.substr(head.size() - kFirstSuffix.size()) == kFirstSuffix) {
    return parse_fallback(reader, words, std::move(policy));
  }
  return reader.bad(fmt::format("unknown policy \"{}\"", head));
}

Policy single_target(const std::string& target) {
  Policy policy;
  policy.text = target + " alone";
  policy.first = target;
  return policy;
}

}  // namespace ttft::whatif
