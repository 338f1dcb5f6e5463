// Prompt sources read from files (docs/scenario.md ("Datasets")): the prompts JSONL and the
// ShareGPT and OpenAI-messages datasets. Every bad entry is an error located at file:line; the
// file is streamed, so a `limit` stops the read early.
#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "scenario/fast_json.hpp"
#include "scenario/file_lines.hpp"
#include "scenario/load.hpp"
#include "scenario/sections.hpp"

namespace ttft::scenario {
namespace {

const std::vector<std::string> kMessageKeys = {"role", "content"};
const std::vector<std::string> kRoles = {"system", "user", "assistant"};

struct Entry {
  std::vector<protocol::Message> prompt;
  std::vector<std::string> user_turns;
  std::optional<metrics::Expected> expected;  // prompts format only
  bool skipped = false;  // a ShareGPT entry without a human turn: no prompt, left out and counted
};

using EntryReader = bool (*)(Reader& line_reader, Json& value, Entry& out);

struct Source {
  std::string path;
  std::string kind;  // "prompts file", "dataset": names the file in messages
  std::string open_hint;  // when the file cannot be opened
  std::optional<std::int64_t> limit;
  EntryReader read_entry = nullptr;
  std::function<void(Entry&&)> sink;
  DatasetSkips* skips = nullptr;  // where skipped entries are counted; nullptr: none can be
};

// The member `key` of `object` to move strings out of, or nullptr.
Json* member(Json& object, std::string_view key) { return const_cast<Json*>(find_member(object, key)); }

void add_user_turns(Entry& entry) {
  for (const protocol::Message& message : entry.prompt) {
    if (message.role == "user") entry.user_turns.push_back(message.content);
  }
}

// One prompts line: {"messages": [...]} or {"prompt": "text"} (one user message), and an optional
// "expected" answer.
bool read_prompt_line(Reader& line_reader, Json& value, Entry& out) {
  if (const Json* expected = find_member(value, "expected")) {
    if (!read_expected(line_reader, *expected, "/expected", out.expected.emplace())) return false;
  }
  if (find_member(value, "prompt") != nullptr) {
    if (!line_reader.object(value, "", {"prompt", "expected"})) return false;
    protocol::Message message{"user", ""};
    if (!line_reader.string(value["prompt"], "/prompt", message.content)) return false;
    out.prompt.push_back(std::move(message));
  } else if (find_member(value, "messages") != nullptr) {
    if (!line_reader.object(value, "", {"messages", "expected"}) ||
        !read_messages(line_reader, value["messages"], "/messages", out.prompt)) {
      return false;
    }
  } else {
    return line_reader.fail("", fmt::format("expected {{\"messages\": [...]}} or {{\"prompt\": "
                                            "\"...\"}}, got {}",
                                            describe_value(value)));
  }
  add_user_turns(out);
  return true;
}

// A ShareGPT turn {"from": ..., "value": ...} at `at` (other keys are ignored, as the published
// files carry some); the reader names what is wrong.
bool read_sharegpt_turn(Reader& line_reader, const Json& turn, const std::string& at, Entry& out) {
  if (!turn.is_object()) {
    return line_reader.fail(at, fmt::format("expected a turn {{\"from\": ..., \"value\": ...}}, got {}",
                                            describe_value(turn)));
  }
  std::string from;
  std::string text;
  const Json* from_value = line_reader.required(turn, at, "from");
  if (from_value == nullptr || !line_reader.string(*from_value, pointer_child(at, "from"), from)) return false;
  const Json* text_value = line_reader.required(turn, at, "value");
  if (text_value == nullptr || !line_reader.string(*text_value, pointer_child(at, "value"), text)) return false;
  if (from == "human") out.user_turns.push_back(std::move(text));
  return true;
}

// A ShareGPT entry: the prompt is its first "human" turn, its user turns are all of them.
bool read_sharegpt_entry(Reader& line_reader, Json& value, Entry& out) {
  Json* turns = member(value, "conversations");
  if (turns == nullptr || !turns->is_array()) {
    return line_reader.fail("", fmt::format("expected a \"conversations\" array, got {}",
                                            turns != nullptr    ? describe_value(*turns)
                                            : value.is_object() ? std::string("an object without one")
                                                                : describe_value(value)));
  }
  for (std::size_t i = 0; i < turns->size(); ++i) {
    Json& turn = (*turns)[i];
    const Json* from = find_member(turn, "from");
    Json* text = member(turn, "value");
    if (from != nullptr && from->is_string() && text != nullptr && text->is_string()) {
      // The common case, without building a pointer string per turn.
      if (from->get_ref<const std::string&>() == "human") out.user_turns.push_back(std::move(text->get_ref<std::string&>()));
    } else if (!read_sharegpt_turn(line_reader, turn, pointer_child("/conversations", i), out)) {
      return false;
    }
  }
  // The published ShareGPT files hold entries with no human turn (empty or assistant-only
  // conversations): they have no prompt to send, so they are left out and counted, not an error.
  if (out.user_turns.empty()) {
    out.skipped = true;
    return true;
  }
  out.prompt.push_back(protocol::Message{"user", out.user_turns.front()});
  return true;
}

// Whether `message` is exactly {"role": ROLE, "content": "..."} with a known role.
bool plain_message(Json& message) {
  const Json* role = message.size() == 2 ? member(message, "role") : nullptr;
  const Json* content = member(message, "content");
  return role != nullptr && role->is_string() && content != nullptr && content->is_string() &&
         std::find(kRoles.begin(), kRoles.end(), role->get_ref<const std::string&>()) != kRoles.end();
}

// Moves the messages of `list` into `out` when all are plain, the common case, without building
// pointer strings; false (nothing moved) leaves read_messages to find and name the problem.
bool take_plain_messages(Json& list, std::vector<protocol::Message>& out) {
  if (!list.is_array() || list.empty() || !std::all_of(list.begin(), list.end(), plain_message)) return false;
  for (Json& message : list) {
    out.push_back(protocol::Message{std::move(member(message, "role")->get_ref<std::string&>()),
                                    std::move(member(message, "content")->get_ref<std::string&>())});
  }
  return true;
}

// An OpenAI-messages entry: the prompt is the whole list, its user turns are the user messages.
bool read_openai_entry(Reader& line_reader, Json& value, Entry& out) {
  Json* messages = member(value, "messages");
  if (messages == nullptr) {
    return line_reader.fail("", fmt::format("expected {{\"messages\": [...]}}, got {}",
                                            value.is_object() ? std::string("an object without \"messages\"")
                                                              : describe_value(value)));
  }
  if (!take_plain_messages(*messages, out.prompt) && !read_messages(line_reader, *messages, "/messages", out.prompt)) {
    return false;
  }
  add_user_turns(out);
  if (out.user_turns.empty()) return line_reader.fail("/messages", "entry has no \"user\" message");
  return true;
}

// No prompt graded: no list at all, so "graded" is a single emptiness test downstream.
bool drop_if_ungraded(std::vector<std::optional<metrics::Expected>>& expected) {
  if (std::none_of(expected.begin(), expected.end(), [](const auto& e) { return e.has_value(); })) expected.clear();
  return true;
}

bool stop_early(const Source& source, std::int64_t entries) {
  return source.limit && entries >= *source.limit;
}

enum class Taken { failed, kept, skipped };

// One entry's text at `where` (its line) through `source`; failed with the error in `reader`.
Taken take_entry(Reader& reader, const Source& source, Json& value, const std::string& where) {
  Reader line_reader(where);
  Entry entry;
  if (!source.read_entry(line_reader, value, entry)) {
    reader.adopt(line_reader.error());
    return Taken::failed;
  }
  if (entry.skipped) {
    if (source.skips->count++ == 0) source.skips->first = where;
    return Taken::skipped;
  }
  source.sink(std::move(entry));
  return Taken::kept;
}

std::int64_t read_jsonl(Reader& reader, const Source& source, LineReader& lines) {
  std::int64_t entries = 0;
  while (!stop_early(source, entries)) {
    const std::optional<std::string_view> line = lines.next();
    if (!line) break;
    if (line->find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line
    const std::string where = fmt::format("{}:{}", source.path, lines.line_number());
    Json value;
    if (!parse_json_fast(*line, value)) {
      const Result<Json> located = parse_json_line(*line, where);
      if (!located) return reader.adopt(located.error());
      value = *located;
    }
    const Taken taken = take_entry(reader, source, value, where);
    if (taken == Taken::failed) return entries;
    entries += taken == Taken::kept ? 1 : 0;
  }
  if (lines.read_error()) {
    reader.adopt(Error{source.path, fmt::format("cannot read {}: {}", source.kind, *lines.read_error()), {}});
  }
  return entries;
}

// A syntax error inside an array element, located in the whole file: the element's parser
// counts from the element's first byte.
Error located_in_file(Error error, const ArrayElement& element, const std::string& path) {
  const std::size_t column_colon = error.where.rfind(':');
  const std::size_t line_colon = error.where.rfind(':', column_colon - 1);
  const std::size_t line = std::stoul(error.where.substr(line_colon + 1, column_colon - line_colon - 1));
  std::size_t column = std::stoul(error.where.substr(column_colon + 1));
  if (line == 1) column += element.column - 1;
  error.where = fmt::format("{}:{}:{}", path, element.line + line - 1, column);
  return error;
}

std::int64_t read_array(Reader& reader, const Source& source, ArrayElements& elements) {
  std::int64_t entries = 0;
  while (!stop_early(source, entries)) {
    const Result<std::optional<ArrayElement>> element = elements.next(source.path);
    if (!element) return reader.adopt(element.error());
    if (!*element) break;
    const ArrayElement& at = **element;
    Json value;
    if (!parse_json_fast(at.text, value)) {
      const Result<Json> located = parse_json_with_comments(at.text, source.path);
      if (!located) return reader.adopt(located_in_file(located.error(), at, source.path));
      value = *located;
    }
    const Taken taken = take_entry(reader, source, value, fmt::format("{}:{}", source.path, at.line));
    if (taken == Taken::failed) return entries;
    entries += taken == Taken::kept ? 1 : 0;
  }
  return entries;
}

// Streams `source.path` (JSONL, or with `array_allowed` a JSON array) through its entry reader.
bool read_entries(Reader& reader, const std::string& pointer, const Source& source, bool array_allowed) {
  Result<FileChunks> chunks = FileChunks::open(source.path);
  if (!chunks) {
    return reader.fail(pointer,
                       fmt::format("cannot read {} \"{}\": {}", source.kind, source.path, chunks.error().message),
                       source.open_hint);
  }
  const std::string_view head = chunks->data();
  const std::size_t first = head.find_first_not_of(" \t\r\n");
  std::int64_t entries = 0;
  if (array_allowed && first != std::string_view::npos && head[first] == '[') {
    ArrayElements elements(std::move(*chunks));
    entries = read_array(reader, source, elements);
  } else {
    LineReader lines(std::move(*chunks));
    entries = read_jsonl(reader, source, lines);
  }
  if (!reader.ok()) return false;
  if (entries == 0 && source.kind == "dataset") {
    const bool skipped = source.skips != nullptr && source.skips->count > 0;
    return reader.adopt(Error{source.path, "expected at least one entry, got none",
                              skipped ? fmt::format("{} entries had no human turn (the first at {})", source.skips->count,
                                                    source.skips->first)
                                      : std::string{}});
  }
  if (entries == 0) {
    return reader.adopt(Error{source.path, "expected at least one prompt, got none",
                              "write one JSON object per line: {\"prompt\": \"...\"}"});
  }
  return true;
}

}  // namespace

std::string dataset_skips_note(const Scenario& scenario) {
  const DatasetSkips& skips = scenario.dataset_skips;
  if (skips.count == 0) return "";
  return fmt::format("left out {} dataset {} without a human turn (the first at {})", skips.count,
                     skips.count == 1 ? "entry" : "entries", skips.first);
}

bool read_messages(Reader& reader, const Json& value, const std::string& pointer,
                   std::vector<protocol::Message>& out) {
  if (!reader.array(value, pointer, true)) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at = pointer_child(pointer, i);
    if (!reader.object(value[i], at, kMessageKeys)) return false;
    protocol::Message message;
    if (const Json* v = reader.required(value[i], at, "role")) {
      reader.one_of(*v, pointer_child(at, "role"), kRoles, message.role);
    }
    if (const Json* v = reader.required(value[i], at, "content")) {
      reader.string(*v, pointer_child(at, "content"), message.content);
    }
    if (!reader.ok()) return false;
    out.push_back(std::move(message));
  }
  return true;
}

bool read_prompts_file(Reader& reader, const std::string& pointer, const std::string& path,
                       std::vector<std::vector<protocol::Message>>& out,
                       std::vector<std::optional<metrics::Expected>>& expected) {
  const Source source{path, "prompts file", "prompts_file is relative to the scenario file's folder",
                      std::nullopt, &read_prompt_line, [&](Entry&& entry) {
                        out.push_back(std::move(entry.prompt));
                        expected.push_back(std::move(entry.expected));
                      }};
  return read_entries(reader, pointer, source, false) && drop_if_ungraded(expected);
}

bool read_dataset(Reader& reader, const std::string& pointer, const std::string& path, DatasetFormat format,
                  std::optional<std::int64_t> limit, std::vector<std::vector<protocol::Message>>& prompts,
                  std::vector<std::vector<std::string>>& user_turns, DatasetSkips& skips,
                  std::vector<std::optional<metrics::Expected>>& expected) {
  const EntryReader read_entry = format == DatasetFormat::sharegpt ? &read_sharegpt_entry
                                 : format == DatasetFormat::openai ? &read_openai_entry
                                                                   : &read_prompt_line;
  const Source source{path, "dataset", "dataset paths are relative to the scenario file's folder", limit,
                      read_entry, [&](Entry&& entry) {
                        prompts.push_back(std::move(entry.prompt));
                        user_turns.push_back(std::move(entry.user_turns));
                        expected.push_back(std::move(entry.expected));
                      },
                      &skips};
  return read_entries(reader, pointer, source, format == DatasetFormat::sharegpt) && drop_if_ungraded(expected);
}

}  // namespace ttft::scenario
