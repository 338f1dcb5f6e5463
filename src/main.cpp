// The process entry point: everything else runs in-process under test through cli::main.
#include "cli/main.hpp"
#include "core/io.hpp"

int main(int argc, char** argv) {
  ttft::Io io = ttft::Io::process();
  return ttft::cli::main(argc, argv, io);
}
