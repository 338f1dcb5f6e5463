// The protocol names a scenario may use. One indirection so validation does not depend on how
// the protocol module registers its adapters.
#pragma once

#include <string>
#include <vector>

namespace ttft::scenario {

/// Every valid value of a target's "protocol", in the protocol module's order.
const std::vector<std::string>& known_protocols();

}  // namespace ttft::scenario
