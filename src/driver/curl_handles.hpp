// Owners for libcurl's C handles: each is non-copyable, movable, and released exactly once.
#pragma once

#include <curl/curl.h>

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
  void append(const std::string& line) { list_.reset(curl_slist_append(list_.release(), line.c_str())); }
  curl_slist* get() const { return list_.get(); }

 private:
  std::unique_ptr<curl_slist, SlistDeleter> list_;
};

/// libcurl's version string ("7.88.1"), for the manifest.
std::string curl_version_string();

}  // namespace ttft::driver
