// The simulator's built-in quiz (docs/simulator.md ("Graded answers")): short factual questions,
// each with one right answer and one plausible wrong one. Pure data and a lookup.
#pragma once

#include <span>
#include <string_view>

namespace ttft::sim {

struct QuizQuestion {
  std::string_view question;
  std::string_view right;
  std::string_view wrong;  // never contains `right`, even ignoring case
};

/// Every built-in question, in the order scenarios/prompts/quiz.jsonl lists them.
std::span<const QuizQuestion> quiz_questions();

/// The question `user_text` asks: its last line (a prompt-cache nonce sits on a line before it),
/// with surrounding whitespace trimmed, equal to a question; nullptr when it asks none.
const QuizQuestion* find_quiz_question(std::string_view user_text);

}  // namespace ttft::sim
