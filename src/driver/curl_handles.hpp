// Owners for libcurl's C handles: each is non-copyable, movable, and released exactly once.
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <memory>
#include <string>

namespace ttft::driver {

/// curl_global_init once per process, before any handle (thread-safe, idempotent).
void ensure_curl_global();

struct EasyDeleter {
  void operator()(CURL* easy) const noexcept { curl_easy_cleanup(easy); }
};
struct MultiDeleter {
  void operator()(CURLM* multi) const noexcept { curl_multi_cleanup(multi); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;

/// A curl_slist built by appending; owns the list.
class Slist {
 public:
  /// False when libcurl could not allocate: the list is then kept as it was.
  bool append(const std::string& line) {
    curl_slist* longer = curl_slist_append(list_.get(), line.c_str());
    if (longer == nullptr) return false;
    static_cast<void>(list_.release());  // `longer` starts with the same nodes
    list_.reset(longer);
    return true;
  }
  curl_slist* get() const { return list_.get(); }

 private:
  std::unique_ptr<curl_slist, SlistDeleter> list_;
};

/// A new easy handle, or one given back earlier, reset to libcurl's defaults: reusing one spares
/// libcurl's allocation and set-up of its handle (and its receive buffer) per request.
EasyHandle take_easy();

/// A finished transfer's handle, out of its multi handle, for take_easy (reset; beyond a few
/// dozen kept, cleaned up instead). A reset keeps the handle's TLS session cache, so only a handle
/// that never made a TLS connection may come back: a new handle's first handshake never resumes.
void give_back_easy(EasyHandle easy);

/// How many handles this thread keeps for take_easy.
std::size_t kept_easy_count();

/// libcurl's version string ("7.88.1"), for the manifest.
std::string curl_version_string();

}  // namespace ttft::driver
