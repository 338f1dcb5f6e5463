#include "cli/volume_option.hpp"

namespace ttft::cli {

Result<std::optional<cost::Volume>> parse_volume_option(const std::string& text) {
  if (text.empty()) return std::optional<cost::Volume>{};
  auto volume = cost::parse_volume(text);
  if (!volume) return fail("--volume", volume.error().message, volume.error().hint);
  return std::optional<cost::Volume>(std::move(*volume));
}

}  // namespace ttft::cli
