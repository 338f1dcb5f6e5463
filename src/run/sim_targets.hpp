// Starts the in-process simulator for each sim:// target and says where its requests go.
// Every simulated request still goes through the real HTTP path (libcurl → loopback → libevent).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "scenario/scenario.hpp"
#include "sim/profile.hpp"
#include "sim/server.hpp"

namespace ttft::run {

class SimulatedTargets {
 public:
  /// One server per sim:// target (seeded from `seed` and the target's index).
  static Result<SimulatedTargets> start(const scenario::Scenario& scenario, std::uint64_t seed);

  /// The URL requests to target `index` go to: its own URL, or its simulator's.
  const std::string& url(std::size_t index) const { return urls_[index]; }
  /// The profile of a simulated target, for the manifest; nullptr for a real one.
  const sim::Profile* profile(std::size_t index) const;

 private:
  std::vector<std::string> urls_;
  std::vector<std::unique_ptr<sim::Server>> servers_;  // by target index; null for real targets
  std::vector<sim::Profile> profiles_;
};

}  // namespace ttft::run
