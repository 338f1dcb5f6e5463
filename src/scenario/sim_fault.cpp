// Names of the simulated provider's injectable faults: header values and profile keys.
#include "scenario/sim_fault.hpp"

namespace ttft::scenario {

namespace {
static_assert(static_cast<std::size_t>(Fault::kGzip) == kFaultCount, "one table row per fault");

constexpr std::array<FaultInfo, kFaultCount> kFaults{{
    {Fault::kHttp429, "http-429", "http_429"},
    {Fault::kHttp500, "http-500", "http_500"},
    {Fault::kHttp503, "http-503", "http_503"},
    {Fault::kHttp529, "http-529", "http_529"},
    {Fault::kRedirect, "redirect", "redirect"},
    {Fault::kWrongContentType, "wrong-content-type", "wrong_content_type"},
    {Fault::kResetBeforeHeaders, "reset-before-headers", "reset_before_headers"},
    {Fault::kSlowHeaders, "slow-headers", "slow_headers"},
    {Fault::kStall, "stall", "stall"},
    {Fault::kStallMidStream, "stall-mid-stream", "stall_mid_stream"},
    {Fault::kStreamError, "stream-error", "stream_error"},
    {Fault::kTruncate, "truncate", "truncate"},
    {Fault::kCloseWithoutTerminator, "close-without-terminator", "close_without_terminator"},
    {Fault::kTruncatedChunked, "truncated-chunked", "truncated_chunked"},
    {Fault::kReset, "reset", "reset_mid_stream"},  // the profile key predates the header name
    {Fault::kGarbage, "garbage", "garbage"},
    {Fault::kInvalidUtf8, "invalid-utf8", "invalid_utf8"},
    {Fault::kOversizeEvent, "oversize-event", "oversize_event"},
    {Fault::kGzip, "gzip", "gzip"},
}};

}  // namespace

const std::array<FaultInfo, kFaultCount>& fault_table() { return kFaults; }

std::string_view fault_name(Fault fault) {
  for (const FaultInfo& info : kFaults) {
    if (info.fault == fault) return info.name;
  }
  return "";
}

std::optional<Fault> parse_fault(std::string_view name) {
  if (name == "none") return Fault::kNone;
  if (name.empty()) return std::nullopt;
  for (const FaultInfo& info : kFaults) {
    if (info.name == name) return info.fault;
  }
  return std::nullopt;
}

std::string fault_names_list() {
  std::string out = "none";
  for (const FaultInfo& info : kFaults) {
    out += ", ";
    out += info.name;
  }
  return out;
}

}  // namespace ttft::scenario
