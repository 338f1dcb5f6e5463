#include <catch2/catch.hpp>

#include "core/error.hpp"

TEST_CASE("errors render as 'ttftbench: error: where: what' with an optional hint line") {
  CHECK(ttft::render_error({"--port", "must be 0..65535", ""}) ==
        "ttftbench: error: --port: must be 0..65535\n");
  CHECK(ttft::render_error({"", "no scenario given", "pass a file"}) ==
        "ttftbench: error: no scenario given\n  hint: pass a file\n");
}
