// Target order: alternate, sequential and seeded ABBA/BAAB blocks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "schedule/target_order.hpp"

using ttft::scenario::Order;
using ttft::schedule::TargetOrder;

namespace {

std::string drain(TargetOrder order, std::size_t limit = 1000) {
  std::string letters;
  while (letters.size() < limit) {
    const auto target = order.next();
    if (!target) break;
    letters += static_cast<char>('A' + *target);
  }
  return letters;
}

}  // namespace

TEST_CASE("alternate and sequential orders are fixed patterns") {
  struct Row {
    Order order;
    std::size_t targets;
    std::int64_t per_target;
    std::string expected;
  };
  const Row rows[] = {
      {Order::alternate, 2, 3, "ABABAB"},
      {Order::alternate, 3, 2, "ABCABC"},
      {Order::sequential, 2, 3, "AAABBB"},
      {Order::sequential, 3, 1, "ABC"},
  };
  for (const Row& row : rows) {
    CHECK(drain(TargetOrder(row.order, row.targets, row.per_target, 42)) == row.expected);
  }
}

TEST_CASE("blocks for two targets are ABBA or BAAB, balanced, and fixed by the seed") {
  const std::string letters = drain(TargetOrder(Order::blocks, 2, 50, 7));
  REQUIRE(letters.size() == 100);
  CHECK(std::count(letters.begin(), letters.end(), 'A') == 50);
  bool saw_abba = false;
  bool saw_baab = false;
  for (std::size_t i = 0; i < letters.size(); i += 4) {
    const std::string block = letters.substr(i, 4);
    CHECK((block == "ABBA" || block == "BAAB"));
    saw_abba = saw_abba || block == "ABBA";
    saw_baab = saw_baab || block == "BAAB";
  }
  CHECK(saw_abba);
  CHECK(saw_baab);
  CHECK(drain(TargetOrder(Order::blocks, 2, 50, 7)) == letters);
  CHECK(drain(TargetOrder(Order::blocks, 2, 50, 8)) != letters);
}

TEST_CASE("blocks stay balanced with an odd count: the last block is half a block") {
  const std::string letters = drain(TargetOrder(Order::blocks, 2, 5, 3));
  REQUIRE(letters.size() == 10);
  CHECK(std::count(letters.begin(), letters.end(), 'A') == 5);
  const std::string tail = letters.substr(8);
  CHECK((tail == "AB" || tail == "BA"));
}

TEST_CASE("blocks for three targets are a permutation followed by its reverse") {
  const std::string letters = drain(TargetOrder(Order::blocks, 3, 8, 11));
  REQUIRE(letters.size() == 24);
  for (std::size_t i = 0; i < letters.size(); i += 6) {
    const std::string half = letters.substr(i, 3);
    std::string sorted = half;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == "ABC");
    CHECK(letters.substr(i + 3, 3) == std::string(half.rbegin(), half.rend()));
  }
  for (const char c : {'A', 'B', 'C'}) CHECK(std::count(letters.begin(), letters.end(), c) == 8);
}

TEST_CASE("an unbounded order never runs out") {
  CHECK(drain(TargetOrder(Order::alternate, 2, std::nullopt, 1), 9) == "ABABABABA");
  CHECK(drain(TargetOrder(Order::blocks, 2, std::nullopt, 1), 400).size() == 400);
}

TEST_CASE("tie-break ranks are the identity except for blocks, where the seed permutes them") {
  CHECK(ttft::schedule::tie_break_ranks(Order::alternate, 3, 5) ==
        std::vector<std::size_t>{0, 1, 2});
  std::vector<std::size_t> ranks = ttft::schedule::tie_break_ranks(Order::blocks, 3, 5);
  CHECK(ranks == ttft::schedule::tie_break_ranks(Order::blocks, 3, 5));
  std::sort(ranks.begin(), ranks.end());
  CHECK(ranks == std::vector<std::size_t>{0, 1, 2});
}
