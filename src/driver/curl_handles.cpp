// libcurl's process-wide set-up, its version, and the easy handles kept for reuse.
#include "driver/curl_handles.hpp"

#include <mutex>
#include <vector>

namespace ttft::driver {

void ensure_curl_global() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

namespace {

constexpr std::size_t kMaxKeptEasies = 64;  // a few dozen reused in turn keep up with any rate

std::vector<EasyHandle>& kept_easies() {
  thread_local std::vector<EasyHandle> kept;  // each thread's driver its own
  return kept;
}

}  // namespace

EasyHandle take_easy() {
  auto& kept = kept_easies();
  if (kept.empty()) return EasyHandle(curl_easy_init());
  EasyHandle easy = std::move(kept.back());
  kept.pop_back();
  return easy;
}

void give_back_easy(EasyHandle easy) {
  auto& kept = kept_easies();
  if (!easy || kept.size() >= kMaxKeptEasies) return;  // cleaned up as it goes
  curl_easy_reset(easy.get());
  kept.push_back(std::move(easy));
}

std::size_t kept_easy_count() { return kept_easies().size(); }

std::string curl_version_string() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  return info != nullptr && info->version != nullptr ? info->version : "unknown";
}

}  // namespace ttft::driver
