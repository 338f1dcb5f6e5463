// Table layout: aligned plain text (code points, not bytes) and Markdown pipe tables.
#include <catch2/catch.hpp>

#include "exporters/table.hpp"

using namespace ttft::exporters;

TEST_CASE("tables: aligned text and Markdown") {
  Table t;
  t.header = {"target", "p50"};
  t.align = {Align::left, Align::right};
  t.rows = {{"edge", "410"}, {"central|x", "\u22125"}};  // "−5": 2 code points, 4 bytes
  CHECK(render_text(t) == "target     p50\nedge       410\ncentral|x   \u22125\n");
  CHECK(render_text(t, true).rfind("\x1b[1mtarget     p50\x1b[0m\n", 0) == 0);
  CHECK(render_markdown(t) ==
        "| target | p50 |\n| :--- | ---: |\n| edge | 410 |\n| central\\|x | \u22125 |\n");
}

TEST_CASE("tables: Markdown escapes the small-n star so it never starts emphasis") {
  Table t;
  t.header = {"p95"};
  t.align = {Align::right};
  t.rows = {{"715*"}};
  CHECK(render_markdown(t) == "| p95 |\n| ---: |\n| 715\\* |\n");
}
