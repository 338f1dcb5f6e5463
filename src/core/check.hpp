// Invariants: a broken one is a bug in ttftbench, so it aborts with file:line instead of
// returning an Error that could be mistaken for bad input.
#pragma once

#include <cstdio>
#include <cstdlib>

#define TTFT_CHECK(cond, msg)                                                          \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "ttftbench: internal error at %s:%d: %s (%s)\n", __FILE__, \
                   __LINE__, msg, #cond);                                              \
      std::abort();                                                                    \
    }                                                                                  \
  } while (false)
