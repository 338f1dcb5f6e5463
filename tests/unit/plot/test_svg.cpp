// SVG text pieces: escaping of data strings, compact coordinates, and the accessible <svg> head.
#include <catch2/catch.hpp>

#include "plot/palette.hpp"
#include "plot/svg.hpp"

using namespace ttft::plot;

TEST_CASE("escape_xml makes any string safe as element text and in quoted attributes") {
  CHECK(escape_xml(R"(<script>alert("x") & 'y'</script>)") ==
        "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
  CHECK(escape_xml("edge · warm") == "edge · warm");        // UTF-8 passes through
  CHECK(escape_xml(std::string("a\x01z")) == "a\xEF\xBF\xBDz");  // not allowed in XML at all
  CHECK(escape_xml("tab\tnewline\n") == "tab\tnewline\n");
}

TEST_CASE("px rounds to a tenth of a pixel without trailing zeros or a negative zero") {
  CHECK(px(12) == "12");
  CHECK(px(12.34) == "12.3");
  CHECK(px(12.36) == "12.4");
  CHECK(px(-4.51) == "-4.5");
  CHECK(px(-0.04) == "0");
  CHECK(px(0.96) == "1");
  CHECK(px(-0.5) == "-0.5");
}

TEST_CASE("an svg opens with role img and is labelled by its own title and desc") {
  const std::string open = svg_open("ttft-cdf", 640, 340);
  CHECK(open.find(R"(id="ttft-cdf")") != std::string::npos);
  CHECK(open.find(R"(data-plot="ttft-cdf")") != std::string::npos);
  CHECK(open.find(R"(role="img")") != std::string::npos);
  CHECK(open.find(R"(aria-labelledby="ttft-cdf-title ttft-cdf-desc")") != std::string::npos);
  CHECK(open.find(R"(viewBox="0 0 640 340")") != std::string::npos);
  CHECK(title_and_desc("p", "A < B", "x & y") ==
        R"(<title id="p-title">A &lt; B</title><desc id="p-desc">x &amp; y</desc>)");
}

TEST_CASE("each series style differs from the others in colour and in marker or dash") {
  for (std::size_t i = 0; i < 6; ++i) {
    for (std::size_t j = i + 1; j < 6; ++j) {
      const auto a = series_style(i), b = series_style(j);
      CHECK(a.color != b.color);
      CHECK((a.marker != b.marker || a.dash != b.dash));
    }
  }
  CHECK(series_style(0).dash.empty());  // the first series is solid
  CHECK(marker_path(Marker::square, 10, 10, 2) == "M8 8h4v4h-4z");
}
