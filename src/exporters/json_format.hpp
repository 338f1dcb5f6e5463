// What every JSON document the exporters write shares: its schema version and indent.
#pragma once

namespace ttft::exporters {

inline constexpr int kJsonSchemaVersion = 1;
inline constexpr int kJsonIndent = 2;

}  // namespace ttft::exporters
