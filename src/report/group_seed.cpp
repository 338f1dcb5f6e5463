// FNV-1a for the group name, splitmix64 to spread it together with the run seed.
#include "report/group_seed.hpp"

#include "core/random.hpp"

namespace ttft::report {
namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr unsigned char kSeparator = 0x1F;  // ASCII unit separator: never in a target name

std::uint64_t fnv1a(std::uint64_t hash, unsigned char byte) { return (hash ^ byte) * kFnvPrime; }

}  // namespace

std::uint64_t group_seed(std::uint64_t run_seed, std::initializer_list<std::string_view> parts) {
  std::uint64_t hash = kFnvOffset;
  for (const std::string_view part : parts) {
    for (const char c : part) hash = fnv1a(hash, static_cast<unsigned char>(c));
    hash = fnv1a(hash, kSeparator);
  }
  return splitmix64(run_seed ^ hash);
}

}  // namespace ttft::report
