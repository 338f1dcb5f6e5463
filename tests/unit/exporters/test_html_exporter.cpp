// report.html as a page: every promised plot present once (drawn or with its reason), strings
// from the data escaped, polyglot markup whose tags balance, no network references, and the
// manifest at the bottom.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <regex>
#include <string>
#include <vector>

#include "exporters/html/html_charts.hpp"
#include "exporters/html/html_exporter.hpp"
#include "report/number_format.hpp"
#include "support/sample_factory.hpp"

using namespace ttft;

namespace {

const std::vector<std::string> kPlotIds{"ttft-cdf",           "ttft-cdf-log",  "ttft-over-time", "ttft-vs-idle",
                                        "first-token-vs-event", "region-percentiles", "cost-per-mtok", "cost-vs-ratio"};

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Every start tag closed in order (or self-closed), as an XML parser requires; "" when so, else
// what broke. Text is escaped, so '<' only ever opens a tag; the doctype is skipped.
std::string unbalanced_tag(const std::string& page) {
  static const std::regex tag(R"re(<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z:-]+="[^"<]*")*)\s*(/?)>)re");
  std::vector<std::string> open;
  std::size_t at = page.find("<html");
  for (auto it = std::sregex_iterator(page.begin() + static_cast<std::ptrdiff_t>(at), page.end(), tag);
       it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    if (m[4].length() > 0) continue;  // <x/>
    if (m[1].length() == 0) {
      open.push_back(m[2]);
    } else if (open.empty() || open.back() != m[2]) {
      return "</" + m[2].str() + "> closes " + (open.empty() ? "nothing" : open.back());
    } else {
      open.pop_back();
    }
  }
  const auto lone_lt = std::count(page.begin(), page.end(), '<') - 1;  // minus the doctype
  const auto tags = std::distance(std::sregex_iterator(page.begin() + static_cast<std::ptrdiff_t>(at), page.end(), tag),
                                  std::sregex_iterator());
  if (lone_lt != tags) return "a '<' that opens no well-formed tag";
  return open.empty() ? "" : "<" + open.back() + "> never closed";
}

struct Fixture {
  report::GroupedReport report;  // ungrouped
  report::HtmlPlotData plots;
};

Fixture hostile_names() {
  const std::string evil = R"(<b>"edge" & 'co'</b>)";
  std::vector<samples::Sample> s;
  for (int i = 0; i < 25; ++i) {
    s.push_back(test::make_sample(evil, "warm", 100 + i, {}, {.first_token = true}));
    s.back().started_at = fmt::format("2026-01-01T00:00:{:02}.000Z", i);
    s.push_back(test::make_sample("central", "warm", 200 + i, {}, {.first_token = true}));
    s.back().started_at = fmt::format("2026-01-01T00:00:{:02}.500Z", i);
  }
  s.push_back(test::make_sample("central", "warm", 1, "http_5xx"));
  s.back().error_detail = "<script>alert(1)</script>";
  report::RunInfo run;
  run.scenario_name = "A & B <test>";
  run.targets = {evil, "central"};
  run.phases = {"warm"};
  run.pricing["central"].tokens = cost::TokenPrices{150'000, 600'000};
  Fixture f{report::ungrouped(report::build_report(s, run)), {}};
  f.plots = report::build_plot_data(report::plot_samples_of(s), f.report.overall);
  return f;
}

}  // namespace

TEST_CASE("the page names every promised plot once, drawn as an svg or replaced by its reason") {
  const Fixture f = hostile_names();
  const auto figures = exporters::html_figures(f.plots, f.report.overall);
  REQUIRE(figures.size() == kPlotIds.size());
  results::Manifest manifest;
  manifest.run_id = "r1";
  manifest.host = "ci & co";
  manifest.seed = 42;
  const std::string page = exporters::export_html({&f.report, &f.plots, {&manifest, 1}});
  for (std::size_t i = 0; i < kPlotIds.size(); ++i) {
    const std::string& id = kPlotIds[i];
    INFO(id);
    CHECK(figures[i].id == id);
    CHECK(occurrences(page, "data-figure=\"" + id + "\"") == 1);
    if (figures[i].missing.empty()) {
      CHECK(occurrences(page, "data-plot=\"" + id + "\"") == 1);
      CHECK(figures[i].svg.find("<desc id=\"" + id + "-desc\">") != std::string::npos);
    } else {
      CHECK(occurrences(page, "data-plot=\"" + id + "\"") == 0);
    }
  }
  // This run: no idle times and no regions; everything else has data.
  CHECK_FALSE(figures[3].missing.empty());
  CHECK_FALSE(figures[5].missing.empty());
  CHECK(figures[0].missing.empty());
  CHECK(figures[2].missing.empty());
  CHECK(figures[6].missing.empty());
  CHECK(page.find("<section id=\"manifest\">") > page.find("<section id=\"plots\">"));
  CHECK(page.find("<dt>host</dt><dd>ci &amp; co</dd>") != std::string::npos);
  CHECK(page.find("<dt>region</dt>") == std::string::npos);  // null: left out
}

TEST_CASE("strings from the data are escaped, tags balance, and nothing points at the network") {
  Fixture f = hostile_names();
  f.report.notes = {"merged <note>"};
  const std::string page = exporters::export_html({&f.report, &f.plots, {}});
  CHECK(page.find("<b>") == std::string::npos);
  CHECK(page.find("&lt;b&gt;&quot;edge&quot; &amp; &#39;co&#39;&lt;/b&gt;") != std::string::npos);
  CHECK(page.find("A &amp; B &lt;test&gt;") != std::string::npos);
  CHECK(page.find("merged &lt;note&gt;") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("http:") == std::string::npos);
  CHECK(page.find("https:") == std::string::npos);
  CHECK(page.find(" src=") == std::string::npos);
  CHECK(page.find(" href=") == std::string::npos);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(unbalanced_tag(page).empty());
  INFO(unbalanced_tag(page));
  // The checker itself catches what it is for.
  CHECK_FALSE(unbalanced_tag("<!DOCTYPE html><html><p>x</html>").empty());
  CHECK_FALSE(unbalanced_tag("<!DOCTYPE html><html><p a=b>x</p></html>").empty());
}

TEST_CASE("the headline tables carry the same figures as report.md") {
  const Fixture f = hostile_names();
  const std::string page = exporters::export_html({&f.report, &f.plots, {}});
  const auto* row = report::find_row(f.report.overall, "central", "warm", "ttft");
  REQUIRE(row);
  CHECK(page.find("<td class=\"num\">" + report::format_readable(row->summary.p50) + "</td>") != std::string::npos);
  CHECK(page.find("Time to first token (ms)") != std::string::npos);
  CHECK(page.find("Cost per million tokens (USD)") != std::string::npos);
  CHECK(page.find("<td>http_5xx</td>") != std::string::npos);
}
