// The few pieces of SVG/XML text every chart needs: escaped text and attribute values, compact
// coordinates, and elements opened and closed in polyglot form (quoted attributes, every element
// closed), so the page parses as XML as well as HTML.
#pragma once

#include <string>
#include <string_view>

namespace ttft::plot {

/// `text` with & < > " ' replaced by entities: safe in element text and in quoted attributes.
/// Control characters other than tab and newline (not allowed in XML) become U+FFFD.
std::string escape_xml(std::string_view text);

/// A pixel coordinate rounded to 0.1 px with no trailing ".0" and never "-0" (12, 12.3, -4.5).
std::string px(double value);

/// "<title id="ID-title">...</title><desc id="ID-desc">...</desc>" for an <svg> whose
/// aria-labelledby names both ids.
std::string title_and_desc(std::string_view id, std::string_view title, std::string_view desc);

/// The opening <svg> tag of a chart: role="img", its id and data-plot, size and viewBox, and
/// aria-labelledby pointing at title_and_desc's ids.
std::string svg_open(std::string_view id, int width, int height);

/// <text> at (x, y) with an anchor ("start", "middle", "end") and optional extra attributes.
std::string text_element(double x, double y, std::string_view text, std::string_view anchor = "start",
                         std::string_view attributes = {});

}  // namespace ttft::plot
