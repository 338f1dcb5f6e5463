// An allocation-free JSON scanner for the adapters' hot path: in one pass it validates a whole
// event and picks out the few values an adapter reads, so the common chunk never builds a
// nlohmann::json DOM. It is deliberately conservative: "false" means "let nlohmann decide",
// never "invalid", so it can only be faster than the full parser, never different from it.
// Pure; no clock, no I/O, no exceptions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/check.hpp"

namespace ttft::protocol::json_scan {

/// How an adapter reads event JSON. `scanner_first` is the default; `full_parser` (nlohmann
/// only) is the reference the differential tests and the fuzzer compare against.
enum class JsonReading { scanner_first, full_parser };

enum class Kind : std::uint8_t { null, boolean, number, string, array, object };

/// A value inside a validated document: its kind and its exact text (quotes and brackets
/// included). Only meaningful for text that validate() accepted.
struct Value {
  Kind kind = Kind::null;
  std::string_view text;
};

/// The root value, as a Pick's parent.
inline constexpr int kRoot = -1;

/// A value to pick out while validating: the member `key` of the object that pick `parent`
/// picked (kRoot: the document itself), or, with `first_element`, the first element of the
/// array it picked. A parent comes before its children in the list.
struct Pick {
  int parent = kRoot;
  std::string_view key;
  bool first_element = false;
};

/// The most picks one list may hold.
inline constexpr std::size_t kMaxPicks = 32;

/// A list of picks and, worked out once (at compile time for a constexpr list), each one's
/// children and everything inside it, so the scanner compares a key only with the picks it
/// can be. The list must outlive the PickList; a parent must come before its children.
class PickList {
 public:
  constexpr explicit PickList(std::span<const Pick> picks) : picks_(picks) {
    TTFT_CHECK(picks.size() <= kMaxPicks, "a pick list holds at most kMaxPicks picks");
    for (std::size_t i = 0; i < picks.size(); ++i) {
      const int parent = picks[i].parent;
      TTFT_CHECK(parent >= kRoot && parent < static_cast<int>(i),
                 "a parent comes before its children");
      auto& children = picks[i].first_element ? first_element_children_ : keyed_children_;
      children[slot(parent)] |= std::uint32_t{1} << i;
      if (!picks[i].first_element) keys_by_hash_[key_hash(picks[i].key)] |= std::uint32_t{1} << i;
      for (int outer = parent; outer != kRoot;) {
        inside_[static_cast<std::size_t>(outer)] |= std::uint32_t{1} << i;
        outer = picks[static_cast<std::size_t>(outer)].parent;
      }
    }
  }

  std::span<const Pick> picks() const { return picks_; }
  /// Bit i set: pick i names a member of the object `pick` (or kRoot) picks.
  std::uint32_t keyed_children(int pick) const { return keyed_children_[slot(pick)]; }
  /// Bit i set: pick i names a member called `key` of the object `pick` (or kRoot) picks, or
  /// perhaps does (it has the same hash): compare the keys.
  std::uint32_t keyed_children(int pick, std::string_view key) const {
    return keyed_children_[slot(pick)] & keys_by_hash_[key_hash(key)];
  }
  /// Bit i set: pick i names the first element of the array `pick` (or kRoot) picks.
  std::uint32_t first_element_children(int pick) const {
    return first_element_children_[slot(pick)];
  }
  /// Bit i set: pick i lies inside the value `pick` picks.
  std::uint32_t inside(int pick) const { return inside_[static_cast<std::size_t>(pick)]; }

 private:
  static constexpr std::size_t slot(int pick) { return static_cast<std::size_t>(pick - kRoot); }
  // Length and first and last letters: wanted keys rarely share a hash, so most keys of an
  // event are ruled out by one lookup.
  static constexpr std::size_t key_hash(std::string_view key) {
    if (key.empty()) return 0;
    return (key.size() * 5 + static_cast<unsigned char>(key.front()) +
            static_cast<unsigned char>(key.back()) * 3) % kHashBuckets;
  }
  static constexpr std::size_t kHashBuckets = 32;

  std::span<const Pick> picks_;
  std::array<std::uint32_t, kMaxPicks + 1> keyed_children_{};
  std::array<std::uint32_t, kMaxPicks + 1> first_element_children_{};
  std::array<std::uint32_t, kMaxPicks> inside_{};
  std::array<std::uint32_t, kHashBuckets> keys_by_hash_{};
};

/// Validates `text` as exactly one JSON value with optional surrounding whitespace (RFC 8259,
/// UTF-8 checked, \u surrogates paired) and fills `picked[i]` with the value pick i names
/// (nullopt when absent). As in nlohmann::json, a later duplicate key wins, together with
/// everything picked inside it. True only when nlohmann::json::parse would surely accept the
/// text; false for invalid text and for what this scanner leaves to nlohmann: a leading BOM,
/// nesting deeper than 64, numbers that might overflow a double, and an escaped key in an
/// object picks are read from (the key might spell a wanted one). `picked` has one slot per pick.
bool validate(std::string_view text, Value& root, const PickList& picks,
              std::span<std::optional<Value>> picked);

/// validate() with nothing to pick.
bool validate(std::string_view text, Value& root);

/// The text of a validated string when it has no escape (so raw and decoded are equal);
/// nullopt when it has one.
std::optional<std::string_view> plain_string(const Value& string);

/// Appends the decoded text of a validated string to `out`: escapes resolved, \u surrogate
/// pairs joined into one character, \u0000 kept as a NUL byte (as nlohmann does).
void append_string(const Value& string, std::string& out);

/// A validated number written as 1 to 18 plain digits (no sign, fraction or exponent), so it
/// is surely a non-negative int64; nullopt for any other number.
std::optional<std::int64_t> plain_count(const Value& number);

}  // namespace ttft::protocol::json_scan
