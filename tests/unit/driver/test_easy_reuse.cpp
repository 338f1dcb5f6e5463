// Easy handles reused across requests: a handle comes back reset to libcurl's defaults, a bounded
// number are kept, and only a transfer that never made a TLS connection gives its handle back.
#include <catch2/catch.hpp>

#include <vector>

#include "driver/curl_handles.hpp"
#include "driver/transfer.hpp"

using ttft::driver::EasyHandle;
using ttft::driver::give_back_easy;
using ttft::driver::take_easy;

namespace {

// Empties this thread's kept handles, so a test starts from none.
void drain() {
  std::vector<EasyHandle> taken;
  for (int i = 0; i < 1000; ++i) taken.push_back(take_easy());
}

CURL* handle_of_transfer_to(const std::string& url, bool follow_redirects) {
  ttft::driver::RequestSpec spec;
  spec.url = url;
  spec.protocol = "openai-chat";
  spec.follow_redirects = follow_redirects;
  auto transfer = ttft::driver::Transfer::create(spec);
  REQUIRE(transfer);
  return (*transfer)->easy();  // destroyed here, never added to a multi handle
}

}  // namespace

TEST_CASE("a handle given back is taken again with its options reset") {
  ttft::driver::ensure_curl_global();
  drain();
  EasyHandle easy = take_easy();
  REQUIRE(easy);
  int marker = 0;
  curl_easy_setopt(easy.get(), CURLOPT_PRIVATE, &marker);
  CURL* const raw = easy.get();
  give_back_easy(std::move(easy));
  EasyHandle again = take_easy();
  CHECK(again.get() == raw);
  void* kept_private = &marker;
  curl_easy_getinfo(again.get(), CURLINFO_PRIVATE, &kept_private);
  CHECK(kept_private == nullptr);
}

TEST_CASE("at most 64 handles are kept, the rest cleaned up") {
  ttft::driver::ensure_curl_global();
  drain();
  std::vector<EasyHandle> handles;
  for (int i = 0; i < 100; ++i) handles.push_back(take_easy());
  for (auto& easy : handles) give_back_easy(std::move(easy));
  CHECK(ttft::driver::kept_easy_count() == 64);
  give_back_easy(EasyHandle());  // nothing to keep
  CHECK(ttft::driver::kept_easy_count() == 64);
  drain();
  CHECK(ttft::driver::kept_easy_count() == 0);
}

TEST_CASE("only a plain http transfer without redirects gives its handle back") {
  ttft::driver::ensure_curl_global();
  drain();
  CURL* const plain = handle_of_transfer_to("http://127.0.0.1:1/v1/chat/completions", false);
  REQUIRE(ttft::driver::kept_easy_count() == 1);
  CHECK(take_easy().get() == plain);
  handle_of_transfer_to("https://127.0.0.1:1/v1/chat/completions", false);
  CHECK(ttft::driver::kept_easy_count() == 0);
  handle_of_transfer_to("http://127.0.0.1:1/v1/chat/completions", true);  // a redirect may go to https
  CHECK(ttft::driver::kept_easy_count() == 0);
}
