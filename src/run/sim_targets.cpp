#include "run/sim_targets.hpp"

#include <fmt/format.h>

#include "protocol/adapter.hpp"
#include "sim/routes.hpp"

namespace ttft::run {

Result<SimulatedTargets> SimulatedTargets::start(const scenario::Scenario& scenario, std::uint64_t seed) {
  SimulatedTargets sims;
  for (std::size_t i = 0; i < scenario.targets.size(); ++i) {
    const auto& target = scenario.targets[i];
    if (!target.is_simulated()) {
      sims.urls_.push_back(target.url);
      sims.servers_.emplace_back();
      sims.profiles_.emplace_back();
      continue;
    }
    const sim::Profile& profile = *target.sim_profile;  // validated by the scenario loader
    auto server = sim::Server::start({profile, 0, "", seed * 1000003u + i});
    if (!server) return tl::unexpected(server.error());
    // `auto` reaches the path of the protocol whose body it sends (openai-chat for sim://).
    const std::string path = target.embeds()
                                 ? sim::embeddings_path_for_protocol(target.protocol)
                                 : sim::path_for_protocol(protocol::request_protocol(target.protocol, target.url));
    sims.urls_.push_back(fmt::format("http://127.0.0.1:{}{}", (*server)->port(), path));
    sims.servers_.push_back(std::move(*server));
    sims.profiles_.push_back(profile);
  }
  return sims;
}

const sim::Profile* SimulatedTargets::profile(std::size_t index) const {
  return servers_[index] ? &profiles_[index] : nullptr;
}

}  // namespace ttft::run
