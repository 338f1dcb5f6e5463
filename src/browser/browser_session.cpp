#include "browser/browser_session.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "browser/page.hpp"
#include "browser/page_result.hpp"
#include "core/check.hpp"
#include "protocol/adapter.hpp"

namespace ttft::browser {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                   static_cast<unsigned char>(bytes[i + 2]);
    for (const int shift : {18, 12, 6, 0}) out.push_back(kBase64[(n >> shift) & 63]);
  }
  if (i < bytes.size()) {
    const bool two = i + 1 < bytes.size();
    const auto n = (static_cast<unsigned char>(bytes[i]) << 16) | (two ? static_cast<unsigned char>(bytes[i + 1]) << 8 : 0);
    out.push_back(kBase64[(n >> 18) & 63]);
    out.push_back(kBase64[(n >> 12) & 63]);
    out.push_back(two ? kBase64[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

// "http://host:port" of a URL: where the page is served from, so its fetch() is same-origin.
std::string origin_of(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  return url.substr(0, url.find_first_of("/?#", scheme_end + 3));
}

// The headers a native request sends (driver/transfer.cpp), then the target's, a later name
// replacing an earlier one. They reach the page as a call argument only (docs/browser.md ("Secrets")).
nlohmann::json page_headers(const driver::RequestSpec& spec) {
  driver::HeaderList headers = {{"Content-Type", "application/json"}, {"Accept", "text/event-stream"}};
  if (auto adapter = protocol::make_adapter(protocol::request_protocol(spec.protocol, spec.url))) {
    for (auto& header : (*adapter)->default_headers()) headers.push_back(std::move(header));
  }
  headers.insert(headers.end(), spec.headers.begin(), spec.headers.end());
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    out[lower] = value;
  }
  return out;
}

}  // namespace

BrowserSession::BrowserSession(LaunchOptions options, std::unique_ptr<CdpPipe> pipe)
    : options_(std::move(options)), pipe_(std::move(pipe)) {}

int BrowserSession::send(const std::string& method, nlohmann::json params, const std::string& session_id) {
  const int id = ++next_id_;
  nlohmann::json message = {{"id", id}, {"method", method}, {"params", std::move(params)}};
  if (!session_id.empty()) message["sessionId"] = session_id;
  if (pipe_ && !pipe_->send(message.dump())) broken_ = true;  // handled by check_broken()
  return id;
}

void BrowserSession::command(Job& job, const std::string& method, nlohmann::json params, bool advances) {
  pending_[send(method, std::move(params), job.session_id)] = Pending{job.spec.tag, advances};
}

void BrowserSession::check_broken() {
  if (pipe_ && (broken_ || pipe_->exited())) died("the browser exited while the request was in flight");
  broken_ = false;
}

void BrowserSession::begin(driver::RequestSpec spec) {
  const std::uint64_t tag = spec.tag;
  Job& job = jobs_[tag];
  job.spec = std::move(spec);
  job.deadline_ns = monotonic_ns() + job.spec.timeouts.total_ns;
  if (!pipe_) {
    auto launched = CdpPipe::launch(options_);
    if (!launched) return fail(job, "browser", "cannot restart the browser: " + launched.error().message);
    pipe_ = std::move(*launched);
  }
  if (job.spec.reuse_connection && !shared_context_.empty()) {
    job.context_id = shared_context_;
    job.shared_context = true;
    job.stage = Stage::target;
    command(job, "Target.createTarget", {{"url", "about:blank"}, {"browserContextId", job.context_id}}, true);
    return check_broken();
  }
  job.stage = Stage::context;
  command(job, "Target.createBrowserContext", {{"disposeOnDetach", true}}, true);
  check_broken();
}

void BrowserSession::on_readable() {
  if (!pipe_) return;
  std::vector<std::string> messages;
  const bool open = pipe_->read_available(messages);
  for (const auto& message : messages) handle(message);
  if (!open) broken_ = true;
  check_broken();
}

void BrowserSession::handle(const std::string& text) {
  const auto message = nlohmann::json::parse(text, nullptr, false);
  if (message.is_discarded() || !message.is_object()) return;
  if (const auto id = message.find("id"); id != message.end() && id->is_number_integer()) {
    const auto node = pending_.extract(id->get<int>());
    if (node.empty()) return;  // a clean-up command's reply
    const auto job = jobs_.find(node.mapped().tag);
    if (job == jobs_.end()) return;
    if (const auto error = message.find("error"); error != message.end()) {
      return fail(job->second, "browser", "DevTools: " + error->value("message", error->dump()));
    }
    if (node.mapped().advances) on_reply(job->second, message.value("result", nlohmann::json::object()));
    return;
  }
  if (message.contains("method")) on_event(message["method"].get<std::string>(), message);
}

void BrowserSession::on_reply(Job& job, const nlohmann::json& result) {
  switch (job.stage) {
    case Stage::context:
      job.context_id = result.value("browserContextId", "");
      if (job.spec.reuse_connection && shared_context_.empty()) {
        shared_context_ = job.context_id;
        job.shared_context = true;
      }
      job.stage = Stage::target;
      return command(job, "Target.createTarget", {{"url", "about:blank"}, {"browserContextId", job.context_id}}, true);
    case Stage::target:
      job.target_id = result.value("targetId", "");
      job.stage = Stage::attach;
      return command(job, "Target.attachToTarget", {{"targetId", job.target_id}, {"flatten", true}}, true);
    case Stage::attach: {
      job.session_id = result.value("sessionId", "");
      by_session_[job.session_id] = job.spec.tag;
      job.stage = Stage::enabling;
      const std::string page_url = origin_of(job.spec.url) + std::string(kPagePath);
      command(job, "Fetch.enable", {{"patterns", {{{"urlPattern", page_url}, {"requestStage", "Request"}}}}}, false);
      return command(job, "Page.enable", nlohmann::json::object(), true);
    }
    case Stage::enabling:
      // Only once Page is enabled: a navigation that ends before it would send no load event.
      job.stage = Stage::loading;
      return command(job, "Page.navigate", {{"url", origin_of(job.spec.url) + std::string(kPagePath)}}, false);
    case Stage::loading: return;  // Page.loadEventFired moves it on
    case Stage::window: return run_page(job, result.value("result", nlohmann::json::object()).value("objectId", ""));
    case Stage::running: break;
  }
  const auto& value = result.value("result", nlohmann::json::object());
  if (result.contains("exceptionDetails") || !value.contains("value") || !value["value"].is_string()) {
    return fail(job, "browser", "the page's run failed: " + result.dump().substr(0, 200));
  }
  auto page = parse_page_result(value["value"].get<std::string>());
  if (!page) return fail(job, "browser", page.error().message);
  driver::Outcome outcome = outcome_of(*page, job.spec);
  finish(job, std::move(outcome));
}

// t0 is the moment the call is written to the pipe (docs/browser.md ("Clocks")).
void BrowserSession::run_page(Job& job, const std::string& window_id) {
  job.stage = Stage::running;
  job.t0_ns = monotonic_ns();
  job.started_wall = wall_now();
  job.deadline_ns = job.t0_ns + job.spec.timeouts.total_ns;
  nlohmann::json arguments = nlohmann::json::array(
      {{{"value", job.spec.url}}, {{"value", page_headers(job.spec)}}, {{"value", job.spec.body}}});
  command(job, "Runtime.callFunctionOn",
          {{"functionDeclaration", std::string(run_call())},
           {"objectId", window_id},
           {"arguments", std::move(arguments)},
           {"awaitPromise", true},
           {"returnByValue", true}},
          true);
}

void BrowserSession::on_event(const std::string& method, const nlohmann::json& message) {
  const auto session = by_session_.find(message.value("sessionId", ""));
  if (session == by_session_.end()) return;
  const auto job = jobs_.find(session->second);
  if (job == jobs_.end()) return;
  const auto& params = message.value("params", nlohmann::json::object());
  if (method == "Fetch.requestPaused") {
    send("Fetch.fulfillRequest",
         {{"requestId", params.value("requestId", "")},
          {"responseCode", 200},
          {"responseHeaders", {{{"name", "Content-Type"}, {"value", "text/html; charset=utf-8"}}}},
          {"body", base64(page_html())}},
         job->second.session_id);
  } else if (method == "Page.loadEventFired" && job->second.stage == Stage::loading) {
    job->second.stage = Stage::window;
    command(job->second, "Runtime.evaluate", {{"expression", "window"}}, true);
  } else if (method == "Inspector.targetCrashed" || method == "Inspector.detached") {
    fail(job->second, "browser", "the page crashed or was closed");
  }
}

void BrowserSession::expire(Nanos now_ns) {
  std::vector<std::uint64_t> late;
  for (const auto& [tag, job] : jobs_) {
    if (job.deadline_ns <= now_ns) late.push_back(tag);
  }
  for (const auto tag : late) {
    Job& job = jobs_.at(tag);
    const double seconds = static_cast<double>(job.spec.timeouts.total_ns) / 1e9;
    if (job.stage == Stage::running) {
      fail(job, "timeout_total", fmt::format("no end of stream within {} s (in the browser)", seconds));
    } else {
      fail(job, "browser", fmt::format("the browser did not open the page within {} s", seconds));
    }
  }
  check_broken();
}

std::optional<Nanos> BrowserSession::next_deadline_ns() const {
  std::optional<Nanos> nearest;
  for (const auto& [tag, job] : jobs_) nearest = std::min(nearest.value_or(job.deadline_ns), job.deadline_ns);
  return nearest;
}

void BrowserSession::finish(Job& job, driver::Outcome outcome) {
  outcome.tag = job.spec.tag;
  outcome.t0_ns = job.t0_ns != 0 ? job.t0_ns : monotonic_ns();
  outcome.started_wall = job.t0_ns != 0 ? job.started_wall : wall_now();
  // Closing the page's context ends its connections: the next request opens its own.
  if (job.shared_context && !job.target_id.empty()) {
    send("Target.closeTarget", {{"targetId", job.target_id}});
  } else if (!job.context_id.empty() && !job.shared_context) {
    send("Target.disposeBrowserContext", {{"browserContextId", job.context_id}});
  }
  by_session_.erase(job.session_id);
  done_.push_back(std::move(outcome));
  const std::uint64_t tag = job.spec.tag;
  jobs_.erase(tag);  // `job` dangles from here
}

void BrowserSession::fail(Job& job, const std::string& error_class, const std::string& detail) {
  driver::Outcome outcome;
  outcome.error = error_class;
  outcome.error_detail = detail;
  finish(job, std::move(outcome));
}

void BrowserSession::fail_all(const std::string& error_class, const std::string& detail) {
  while (!jobs_.empty()) fail(jobs_.begin()->second, error_class, detail);
}

void BrowserSession::died(const std::string& detail) {
  auto dead = std::move(pipe_);  // finish() must not write to it; destroyed (and reaped) below
  pending_.clear();
  shared_context_.clear();
  fail_all("browser", detail + " (it is restarted for the next requests)");
  by_session_.clear();
}

std::vector<driver::Outcome> BrowserSession::take_done() { return std::exchange(done_, {}); }

}  // namespace ttft::browser
