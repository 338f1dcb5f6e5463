// The DevTools pipe's framing (docs/browser.md ("How it works")): NUL-terminated JSON messages,
// split anywhere by the reads.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "browser/cdp_pipe.hpp"

using ttft::browser::NulFramer;

namespace {

std::vector<std::string> drain(NulFramer& framer) {
  std::vector<std::string> out;
  while (auto message = framer.next()) out.push_back(*message);
  return out;
}

}  // namespace

TEST_CASE("messages split at every point, the NUL included, come out whole and in order") {
  const std::string stream = std::string(R"({"id":1,"result":{}})") + '\0' + R"({"method":"Page.loadEventFired"})" + '\0' +
                             R"({"id":2,"result":{"v":"é"}})" + '\0';
  const std::vector<std::string> expected = {R"({"id":1,"result":{}})", R"({"method":"Page.loadEventFired"})",
                                             R"({"id":2,"result":{"v":"é"}})"};
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    for (std::size_t cut2 = cut; cut2 <= stream.size(); cut2 += 7) {
      INFO("cuts at " << cut << " and " << cut2);
      NulFramer framer;
      std::vector<std::string> got;
      framer.push(std::string_view(stream).substr(0, cut));
      for (auto& m : drain(framer)) got.push_back(m);
      framer.push(std::string_view(stream).substr(cut, cut2 - cut));
      for (auto& m : drain(framer)) got.push_back(m);
      framer.push(std::string_view(stream).substr(cut2));
      for (auto& m : drain(framer)) got.push_back(m);
      CHECK(got == expected);
    }
  }
}

TEST_CASE("a message without its NUL yet is held back") {
  NulFramer framer;
  framer.push(R"({"id":7)");
  CHECK_FALSE(framer.next());
  framer.push(std::string("}") + '\0' + "{\"id\"");
  CHECK(framer.next() == std::optional<std::string>(R"({"id":7})"));
  CHECK_FALSE(framer.next());
}

TEST_CASE("an empty message between two NULs is an empty string, not the end") {
  NulFramer framer;
  framer.push(std::string("a") + '\0' + '\0' + "b" + '\0');
  CHECK(framer.next() == std::optional<std::string>("a"));
  CHECK(framer.next() == std::optional<std::string>(""));
  CHECK(framer.next() == std::optional<std::string>("b"));
  CHECK_FALSE(framer.next());
}
