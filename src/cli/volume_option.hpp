// --volume for `report` and `whatif`: a request volume such as 10M/month.
#pragma once

#include <optional>
#include <string>

#include "core/error.hpp"
#include "cost/monthly_cost.hpp"

namespace ttft::cli {

/// --volume's text → a Volume (nullopt when empty); errors name --volume.
Result<std::optional<cost::Volume>> parse_volume_option(const std::string& text);

}  // namespace ttft::cli
