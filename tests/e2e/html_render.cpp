#include "e2e/html_render.hpp"

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "support/process.hpp"

namespace ttft::test {
namespace {

namespace fs = std::filesystem;

constexpr auto kBrowserTimeout = std::chrono::seconds(90);

// The flags a headless render needs, plus the ones that keep a fresh profile from first-run work. As root,
// Chromium refuses to start without --no-sandbox.
std::vector<std::string> chromium_command(const fs::path& profile) {
  return {require_tool({"chromium", "chromium-browser"}, "chromium"),
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--force-device-scale-factor=1",
          "--user-data-dir=" + profile.string()};
}

ProcessResult run_chromium(std::vector<std::string> args, const fs::path& html) {
  args.push_back("file://" + fs::absolute(html).string());
  auto result = run_process(args, kBrowserTimeout);
  if (result.timed_out) throw std::runtime_error("chromium did not finish within 90 s: " + result.err);
  if (result.exit_code != 0) throw std::runtime_error("chromium failed: " + result.err);
  return result;
}

}  // namespace

RenderedPage render_in_chromium(const fs::path& html, const fs::path& out_dir, int width, int height) {
  RenderedPage page{out_dir / "page.png", {}, out_dir / "netlog.json"};
  auto shot = chromium_command(out_dir / "profile-shot");  // a fresh profile per load
  shot.push_back("--screenshot=" + page.png.string());
  shot.push_back("--window-size=" + std::to_string(width) + "," + std::to_string(height));
  run_chromium(shot, html);
  auto dump = chromium_command(out_dir / "profile-dom");
  dump.push_back("--log-net-log=" + page.netlog.string());
  dump.push_back("--dump-dom");
  page.dom = run_chromium(dump, html).out;
  return page;
}

nlohmann::json html_check(const std::string& command, const fs::path& file) {
  const std::string script = std::string(TTFT_SOURCE_DIR) + "/tests/e2e/html_report_check.py";
  const auto result = run_process({"python3", script, command, file.string()}, std::chrono::seconds(60));
  if (result.exit_code != 0) {
    throw std::runtime_error("html_report_check.py " + command + " failed: " + result.err);
  }
  return nlohmann::json::parse(result.out);
}

}  // namespace ttft::test
