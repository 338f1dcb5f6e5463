// Embeddings table cells and JSON objects, formatted from the model.
#include "exporters/embeddings_section.hpp"

#include <fmt/format.h>

#include "exporters/json_numbers.hpp"
#include "report/number_format.hpp"

namespace ttft::exporters {
namespace {

constexpr int kCostDigits = 3;

std::string count_or_dash(std::optional<std::int64_t> value) { return value ? fmt::format("{}", *value) : "-"; }

}  // namespace

Section embeddings_section(const report::Report& report) {
  using report::format_readable;
  using report::format_significant;
  Section section;
  section.title = "Embeddings";
  Table table;
  table.header = {"target", "phase", "requests", "errors", "dimensions", "e2e p50 (ms)", "e2e p95 (ms)",
                  "ttfb p50 (ms)", "inputs/s", "$/M input tokens", "$/1k requests"};
  table.align = {Align::left, Align::left};
  table.align.resize(table.header.size(), Align::right);
  for (const report::EmbeddingsRow& row : report.embeddings) {
    table.rows.push_back({row.target, row.phase, fmt::format("{}", row.requests), fmt::format("{}", row.errors),
                          count_or_dash(row.dimensions), format_readable(row.e2e_p50_ms),
                          format_readable(row.e2e_p95_ms), format_readable(row.ttfb_p50_ms),
                          format_readable(row.inputs_per_s), format_significant(row.usd_per_m_input_tokens, kCostDigits),
                          format_significant(row.usd_per_1k_requests, kCostDigits)});
  }
  section.tables.push_back(std::move(table));
  section.lines.push_back("embeddings answer in one response: latency is e2e, and verdicts compare it with other "
                          "embeddings targets only; inputs/s counts the vectors returned");
  for (const report::EmbeddingsRow& row : report.embeddings) {
    if (!row.free_requests_per_day || row.phase != report.run.phases.back()) continue;
    section.lines.push_back(fmt::format("{}: the free neurons of a day cover about {} such requests",
                                        row.target, report::format_grouped(row.free_requests_per_day, 2)));
  }
  return section;
}

nlohmann::ordered_json embeddings_json(const report::Report& report) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const report::EmbeddingsRow& row : report.embeddings) {
    rows.push_back({{"target", row.target},
                    {"phase", row.phase},
                    {"requests", row.requests},
                    {"errors", row.errors},
                    {"dimensions", row.dimensions ? nlohmann::ordered_json(*row.dimensions) : nlohmann::ordered_json()},
                    {"vectors", row.vectors},
                    {"e2e_p50_ms", json_figure(row.e2e_p50_ms)},
                    {"e2e_p95_ms", json_figure(row.e2e_p95_ms)},
                    {"ttfb_p50_ms", json_figure(row.ttfb_p50_ms)},
                    {"inputs_per_s", json_figure(row.inputs_per_s)},
                    {"usd_per_m_input_tokens", json_number(row.usd_per_m_input_tokens)},
                    {"usd_per_1k_requests", json_number(row.usd_per_1k_requests)},
                    {"free_requests_per_day", json_number(row.free_requests_per_day)}});
  }
  return rows;
}

}  // namespace ttft::exporters
