// The --format names of the commands that print reports, each with the exporter behind it:
// `report` (table, markdown, csv, json, html), `compare` (table, markdown, json) and `whatif`
// (table, json). The CLI takes both the names it accepts and the renderer from here.
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/check.hpp"
#include "exporters/report_exporters.hpp"
#include "report/compare.hpp"
#include "report/from_folders.hpp"
#include "whatif/result.hpp"

namespace ttft::exporters {

/// A --format name and the exporter that renders `Input` in it; `color` allows ANSI bold (only
/// the table formats use it).
template <typename Input>
struct Format {
  std::string_view name;
  std::string (*render)(const Input& input, bool color);
};

using ReportFormat = Format<ReportView>;  // html needs the view's plots
using CompareFormat = Format<report::Comparison>;
using WhatifFormat = Format<whatif::WhatifResult>;

/// Each command's formats in --help order, its default ("table") first.
std::span<const ReportFormat> report_formats();
std::span<const CompareFormat> compare_formats();
std::span<const WhatifFormat> whatif_formats();

/// The formats' names in order, for CLI11's IsMember (which also lists them in --help).
template <typename Input>
std::vector<std::string> format_names(std::span<const Format<Input>> formats) {
  std::vector<std::string> names;
  for (const Format<Input>& format : formats) names.emplace_back(format.name);
  return names;
}

/// The format called `name`, which must be one of format_names(formats) (CLI11 checked it).
template <typename Input>
const Format<Input>& find_format(std::span<const Format<Input>> formats, std::string_view name) {
  const auto found = std::find_if(formats.begin(), formats.end(), [name](const auto& f) { return f.name == name; });
  TTFT_CHECK(found != formats.end(), "--format is checked against the registry's names");
  return *found;
}

/// A folder report in the report format called `name`: what `report --format NAME` prints and
/// `run` writes into its folder (html needs the report built with its plots).
std::string render_report(const report::FolderReport& folder_report, std::string_view name, bool color);

}  // namespace ttft::exporters
