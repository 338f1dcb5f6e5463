// Continuous random variates drawn from our seeded Rng (core/random.hpp): exponential, normal
// and gamma, for samplers that need more than uniform integers. Pure; no global state.
#pragma once

#include "core/random.hpp"

namespace ttft::stats {

/// Exponential with rate 1 (mean 1), by inversion.
double exponential_variate(Rng& rng);

/// Standard normal (mean 0, standard deviation 1), by Marsaglia's polar method.
double normal_variate(Rng& rng);

/// Gamma with the given shape (> 0) and scale 1, by Marsaglia & Tsang (2000), "A simple method
/// for generating gamma variables", ACM TOMS 26(3); shape < 1 uses their boost
/// Gamma(a) = Gamma(a + 1) * U^(1 / a).
double gamma_variate(Rng& rng, double shape);

}  // namespace ttft::stats
