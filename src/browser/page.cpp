#include "browser/page.hpp"

namespace ttft::browser {
namespace {

// t0 is taken just before fetch(); every time is performance.now() - t0 in ms. A chunk's paint is
// the next animation frame after its text was written to the DOM; the reader never waits for it,
// so a slow frame cannot delay the next read. Errors end the run with what was read so far.
constexpr std::string_view kPage = R"HTML(<!doctype html>
<html><head><meta charset="utf-8"><title>ttftbench</title><link rel="icon" href="data:,"></head>
<body><div id="answer"></div>
<script>
window.ttftbenchRun = async function (url, headers, body) {
  const out = document.getElementById('answer');
  const decoder = new TextDecoder();
  const result = {status: null, content_type: '', headers_ms: null, chunks: [], end_ms: null, error: ''};
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
  const t0 = performance.now();
  try {
    const response = await fetch(url, {method: 'POST', headers: headers, body: body, cache: 'no-store'});
    result.headers_ms = performance.now() - t0;
    result.status = response.status;
    result.content_type = response.headers.get('content-type') || '';
    const reader = response.body.getReader();
    for (;;) {
      const {done, value} = await reader.read();
      const at = performance.now() - t0;
      if (done) { result.end_ms = at; break; }
      const text = decoder.decode(value, {stream: true});
      const chunk = [at, null, text];
      result.chunks.push(chunk);
      out.append(text);
      requestAnimationFrame(() => { chunk[1] = performance.now() - t0; });
    }
    const tail = decoder.decode();
    if (tail) result.chunks.push([result.end_ms, result.end_ms, tail]);
  } catch (e) {
    result.end_ms = performance.now() - t0;
    result.error = String(e && e.message ? e.message : e);
  }
  await frame();
  await frame();
  return JSON.stringify(result);
};
</script></body></html>
)HTML";

constexpr std::string_view kRunCall =
    "function (url, headers, body) { return window.ttftbenchRun(url, headers, body); }";

}  // namespace

std::string_view page_html() { return kPage; }
std::string_view run_call() { return kRunCall; }

}  // namespace ttft::browser
