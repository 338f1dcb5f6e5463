// How the report writes numbers: fixed decimals for CSV, readable precision for tables and
// prose, p-values, and the typographic minus for negative numbers in sentences.
#pragma once

#include <optional>
#include <string>

namespace ttft::report {

/// `value` with `decimals` fixed decimals and never "-0.000"; nullopt or non-finite → "".
std::string format_fixed(std::optional<double> value, int decimals);

/// A latency (or rate) for people: 3 significant digits, at least 0 decimals, at most 2
/// (410, 41.3, 4.13, 0.41); nullopt or non-finite → `missing`.
std::string format_readable(std::optional<double> value, const std::string& missing = "-");

/// `value` to `digits` significant digits in fixed notation with trailing zeros trimmed
/// (0.15, 0.0375, 12346); nullopt or non-finite → `missing`.
std::string format_significant(std::optional<double> value, int digits,
                               const std::string& missing = "-");

/// A number in a sentence next to others of magnitude up to `scale`: the decimals that give
/// `scale` 2 significant digits (at most 2), U+2212 "−" for a negative sign, so one sentence
/// shares one precision: "60 ms (95% CI −20–77 ms)", "1.5 ms (95% CI 0.3–8.1 ms)".
std::string format_prose(double value, double scale);

/// A quantity in a sentence or a sweep's value: rounded to `digits` significant digits (0: as is),
/// shortest form, thousands grouped from 1,000 on ("2,150", "16,384", "0.5"); nullopt or
/// non-finite → `missing`.
std::string format_grouped(std::optional<double> value, int digits = 0, const std::string& missing = "-");

/// "p < 0.001" below 0.001, else "p = " and two significant digits ("p = 0.041", "p = 1").
std::string format_p_value(double p);

/// A fraction in [0, 1] as a percentage with one decimal ("20.0%"); one that would round to 0.0%
/// or 100.0% without being 0 or 1 reads "<0.1%" or ">99.9%", so only none and all read as such.
std::string format_percent(double fraction);

}  // namespace ttft::report
