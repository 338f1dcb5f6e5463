#include "telemetry/http_send.hpp"

#include <algorithm>

#include <curl/curl.h>
#include <fmt/format.h>

#include "driver/curl_handles.hpp"

namespace ttft::telemetry {
namespace {

constexpr std::size_t kDetailBytes = 200;

extern "C" std::size_t keep_start(char* data, std::size_t size, std::size_t count, void* user) noexcept {
  auto* answer = static_cast<std::string*>(user);
  const std::size_t bytes = size * count;
  if (answer->size() < kDetailBytes) answer->append(data, std::min(bytes, kDetailBytes - answer->size()));
  return bytes;
}

}  // namespace

HttpOutcome http_send(const HttpRequest& request, Nanos timeout_ns) {
  driver::ensure_curl_global();  // this runs on the export thread, maybe before any driver exists
  const driver::EasyHandle easy(curl_easy_init());
  if (!easy) return {false, false, "cannot create a libcurl handle"};
  driver::Slist headers;
  for (const std::string& header : request.headers) {
    if (!headers.append(header)) return {false, false, "out of memory"};
  }
  std::string answer;
  CURL* e = easy.get();
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ns / kNanosPerMs));
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, keep_start);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &answer);
  const CURLcode code = curl_easy_perform(e);
  if (code != CURLE_OK) return {false, true, curl_easy_strerror(code)};
  long status = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) return {true, false, ""};
  return {false, status == 429 || status >= 500, fmt::format("HTTP {}: {}", status, answer)};
}

}  // namespace ttft::telemetry
