// Maps data values to pixels along one axis, linearly or logarithmically. Pure arithmetic.
#pragma once

namespace ttft::plot {

/// A closed data interval [min, max].
struct Domain {
  double min = 0;
  double max = 1;
};

class Scale {
 public:
  /// Linear map of `domain` onto pixels [from_px, to_px]; a zero-width domain maps to the middle.
  static Scale linear(Domain domain, double from_px, double to_px);
  /// log10 map of `domain` (both ends > 0, else the domain is clamped to stay positive).
  static Scale log(Domain domain, double from_px, double to_px);

  /// The pixel of `value`; values outside the domain extrapolate, non-positive values on a log
  /// scale map to the domain's minimum.
  double operator()(double value) const;
  const Domain& domain() const { return domain_; }
  bool is_log() const { return log_; }

 private:
  Scale(Domain domain, double from_px, double to_px, bool log);
  double transform(double value) const;

  Domain domain_;
  double from_px_, to_px_;
  bool log_;
};

}  // namespace ttft::plot
