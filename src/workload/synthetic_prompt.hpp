// Synthetic prompts of a requested length (docs/scenario.md ("Prompt and output lengths")), cut from
// one fixed English text so every run, and every target, sends the same bytes for the same draw.
#pragma once

#include <cstdint>
#include <string>

namespace ttft::workload {

/// Bytes per token assumed when building a prompt of N tokens: the usual rule of thumb for English
/// text with GPT-style tokenizers, and the simulator's own count (docs/simulator.md).
constexpr std::int64_t kBytesPerToken = 4;

/// About `tokens` tokens of plain English (exactly tokens × kBytesPerToken ASCII bytes), starting
/// `variant` words into the fixed text (wrapping), so requests of one length need not be identical.
std::string synthetic_prompt(std::int64_t tokens, std::uint64_t variant);

}  // namespace ttft::workload
