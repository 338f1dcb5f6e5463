// Shared by the fuzz targets: invariant checks that abort (libFuzzer then keeps the input), control
// bytes read off the front of an input, and a body cut into reads at points one control byte
// chooses, so the fuzzer steers the split as well as the bytes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <vector>

namespace ttft::fuzz {

/// What a target prints about the input when an invariant fails (its records, say); empty = none.
inline std::function<void()>& violation_context() {
  static std::function<void()> print;
  return print;
}

/// A failed invariant: print it and abort, so libFuzzer saves the input as a crash.
[[noreturn]] inline void violated(const char* what, const char* file, int line) {
  std::fprintf(stderr, "fuzz invariant violated at %s:%d: %s\n", file, line, what);
  if (violation_context()) violation_context()();
  std::abort();
}

#define FUZZ_REQUIRE(cond) \
  ((cond) ? static_cast<void>(0) : ::ttft::fuzz::violated(#cond, __FILE__, __LINE__))

/// Takes the first byte of `input` (0 when it is empty).
inline std::uint8_t take_byte(std::string_view& input) {
  if (input.empty()) return 0;
  const auto byte = static_cast<std::uint8_t>(input.front());
  input.remove_prefix(1);
  return byte;
}

/// The end offset of each read when `size` bytes are cut as `seed` says: 0 is one read of
/// everything; otherwise reads of 1 to 2^(seed % 8) bytes, lengths drawn by a xorshift seeded
/// with `seed`. Always ends with `size`; empty when `size` is 0.
inline std::vector<std::size_t> read_ends(std::size_t size, std::uint8_t seed) {
  std::vector<std::size_t> ends;
  if (size == 0) return ends;
  if (seed == 0) return {size};
  const std::uint32_t longest = 1U << (seed % 8);
  std::uint32_t state = 0x9E3779B9U ^ seed;
  for (std::size_t at = 0; at < size;) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    at += 1 + state % longest;
    ends.push_back(at < size ? at : size);
  }
  return ends;
}

/// Maps a byte offset to the end offset - 1 of the read that holds it: the time a reader that
/// stamps each read with its last byte's offset gives an event that byte completes. Offsets past
/// the last read (the end of the body) map to themselves.
inline std::size_t read_time(const std::vector<std::size_t>& ends, std::size_t offset) {
  const auto read = std::upper_bound(ends.begin(), ends.end(), offset);
  return read == ends.end() ? offset : *read - 1;
}

}  // namespace ttft::fuzz
