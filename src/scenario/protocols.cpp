// The protocol names a scenario may use: whatever the protocol module's registry knows.
#include "scenario/protocols.hpp"

#include "protocol/adapter.hpp"

namespace ttft::scenario {

const std::vector<std::string>& known_protocols() { return protocol::protocol_names(); }

}  // namespace ttft::scenario
