// The built-in quiz's questions and the lookup from a request's last user message.
#include "sim/quiz.hpp"

#include <algorithm>
#include <array>

namespace ttft::sim {
namespace {

constexpr std::array kQuiz{
    QuizQuestion{"What is the capital of France?", "Paris", "Lyon"},
    QuizQuestion{"What is the capital of Japan?", "Tokyo", "Osaka"},
    QuizQuestion{"What is the capital of Australia?", "Canberra", "Sydney"},
    QuizQuestion{"What is the capital of Canada?", "Ottawa", "Toronto"},
    QuizQuestion{"What is the largest planet in the Solar System?", "Jupiter", "Saturn"},
    QuizQuestion{"Which planet is closest to the Sun?", "Mercury", "Venus"},
    QuizQuestion{"What is the chemical symbol for gold?", "Au", "Ag"},
    QuizQuestion{"What is the chemical symbol for sodium?", "Na", "So"},
    QuizQuestion{"How many legs does a spider have?", "8", "6"},
    QuizQuestion{"How many continents are there?", "7", "5"},
    QuizQuestion{"What is 12 times 12?", "144", "124"},
    QuizQuestion{"Who wrote Hamlet?", "William Shakespeare", "Christopher Marlowe"},
    QuizQuestion{"Who painted the Mona Lisa?", "Leonardo da Vinci", "Michelangelo"},
    QuizQuestion{"What is the boiling point of water at sea level in Celsius?", "100", "90"},
    QuizQuestion{"What is the longest river in South America?", "Amazon", "Orinoco"},
    QuizQuestion{"What gas do plants absorb from the air for photosynthesis?", "Carbon dioxide", "Oxygen"},
    QuizQuestion{"In which year did the first crewed Moon landing happen?", "1969", "1971"},
    QuizQuestion{"What is the hardest natural mineral?", "Diamond", "Quartz"},
    QuizQuestion{"What is the smallest prime number?", "2", "1"},
    QuizQuestion{"Which ocean is the largest?", "Pacific", "Atlantic"},
};

std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

std::span<const QuizQuestion> quiz_questions() { return kQuiz; }

const QuizQuestion* find_quiz_question(std::string_view user_text) {
  std::string_view asked = trimmed(user_text);
  if (const std::size_t newline = asked.rfind('\n'); newline != std::string_view::npos) {
    asked = trimmed(asked.substr(newline + 1));
  }
  const auto* found = std::find_if(kQuiz.begin(), kQuiz.end(), [&](const QuizQuestion& q) { return q.question == asked; });
  return found == kQuiz.end() ? nullptr : found;
}

}  // namespace ttft::sim
