# Compiler warnings for our own targets only (system headers stay quiet).
function(ttft_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
  if(TTFT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# One static library per module, so the dependency graph is written down and checked by the linker.
# Usage: ttft_module(NAME SOURCES a.cpp b.cpp DEPS ttft_core fmt::fmt)
function(ttft_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(ttft_${name} STATIC ${M_SOURCES})
  target_include_directories(ttft_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(ttft_${name} PUBLIC ${M_DEPS})
  ttft_set_warnings(ttft_${name})
endfunction()
