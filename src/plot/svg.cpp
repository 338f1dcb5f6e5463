#include "plot/svg.hpp"

#include <fmt/format.h>

#include <cmath>

namespace ttft::plot {

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // XML 1.0 allows no C0 control characters except tab, newline and carriage return.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string px(double value) {
  const double tenths = std::round(value * 10);
  if (tenths == 0) return "0";
  const auto whole = static_cast<long long>(tenths);
  if (whole % 10 == 0) return fmt::format("{}", whole / 10);
  return fmt::format("{}{}.{}", whole < 0 ? "-" : "", std::llabs(whole) / 10, std::llabs(whole) % 10);
}

std::string title_and_desc(std::string_view id, std::string_view title, std::string_view desc) {
  return fmt::format(R"(<title id="{0}-title">{1}</title><desc id="{0}-desc">{2}</desc>)", escape_xml(id),
                     escape_xml(title), escape_xml(desc));
}

std::string svg_open(std::string_view id, int width, int height) {
  const std::string safe = escape_xml(id);
  return fmt::format(
      R"(<svg id="{0}" data-plot="{0}" role="img" aria-labelledby="{0}-title {0}-desc" width="{1}" )"
      R"(height="{2}" viewBox="0 0 {1} {2}">)",
      safe, width, height);
}

std::string text_element(double x, double y, std::string_view text, std::string_view anchor,
                         std::string_view attributes) {
  return fmt::format(R"(<text x="{}" y="{}" text-anchor="{}"{}{}>{}</text>)", px(x), px(y), anchor,
                     attributes.empty() ? "" : " ", attributes, escape_xml(text));
}

}  // namespace ttft::plot
