#include "run/interrupt.hpp"

#include <signal.h>

namespace ttft::run {
namespace {

std::atomic<bool> g_interrupted{false};  // lock-free, so safe to set from a signal handler
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

void on_signal(int) { g_interrupted.store(true); }

}  // namespace

InterruptFlag::InterruptFlag() {
  g_interrupted.store(false);
  struct sigaction action {};
  action.sa_handler = &on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: the loop's epoll_wait must return so the flag is seen
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptFlag::~InterruptFlag() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}

const std::atomic<bool>& InterruptFlag::flag() const { return g_interrupted; }

}  // namespace ttft::run
