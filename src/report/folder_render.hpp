// A folder report in one of `report`'s formats: table, markdown, csv, json or html.
#pragma once

#include <string>
#include <string_view>

#include "report/from_folders.hpp"

namespace ttft::report {

/// The text `report --format FORMAT` prints and `run` writes into its folder.
std::string render_folder_report(const FolderReport& folder_report, std::string_view format, bool color);

}  // namespace ttft::report
