// Exponential, normal and gamma variates from Rng's 53-bit uniforms. The results depend on the
// C library's log, exp and sqrt, so they replay exactly on one platform and agree to the last
// bits elsewhere.
#include "stats/random_variates.hpp"

#include <cmath>

#include "core/check.hpp"

namespace ttft::stats {

double exponential_variate(Rng& rng) {
  // 1 - U is in (0, 1], so the logarithm is finite.
  return -std::log(1.0 - rng.unit_interval());
}

double normal_variate(Rng& rng) {
  while (true) {
    const double x = 2 * rng.unit_interval() - 1;
    const double y = 2 * rng.unit_interval() - 1;
    const double r2 = x * x + y * y;
    // Only points strictly inside the unit circle (and not its centre) are uniform in angle.
    if (r2 > 0 && r2 < 1) return x * std::sqrt(-2 * std::log(r2) / r2);
  }
}

double gamma_variate(Rng& rng, double shape) {
  TTFT_CHECK(shape > 0, "a gamma variate needs a positive shape");
  if (shape < 1) {
    const double u = 1.0 - rng.unit_interval();  // (0, 1]
    return gamma_variate(rng, shape + 1) * std::pow(u, 1 / shape);
  }
  const double d = shape - 1.0 / 3;
  const double c = 1 / std::sqrt(9 * d);
  while (true) {
    double x = 0;
    double v = 0;
    do {
      x = normal_variate(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = 1.0 - rng.unit_interval();  // (0, 1]: log(u) is finite
    // The squeeze accepts about 98% of draws without a logarithm.
    if (u < 1 - 0.0331 * (x * x) * (x * x)) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
  }
}

}  // namespace ttft::stats
