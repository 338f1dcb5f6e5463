#include <catch2/catch.hpp>

#include "core/redact.hpp"

TEST_CASE("every occurrence of every secret is replaced, longest first") {
  const ttft::Redactor redactor({"sk-abc", "sk-abcdef", ""});
  CHECK(redactor.apply("Bearer sk-abcdef and sk-abc") == "Bearer *** and ***");
  CHECK(redactor.apply("nothing here") == "nothing here");
  CHECK(redactor.apply_all({"sk-abc", "x"}) == std::vector<std::string>{"***", "x"});
}
