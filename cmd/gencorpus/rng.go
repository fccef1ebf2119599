package main

import "math/rand/v2"

// rng draws the generator's random choices from a PCG stream. Only the
// raw 64-bit outputs of PCG are used, and every choice is derived from
// them with integer arithmetic, so the same seed gives the same corpus on
// every Go version and architecture.
type rng struct {
	pcg rand.PCG
}

// newRNG returns the stream numbered stream of seed.
func newRNG(seed, stream uint64) *rng {
	r := new(rng)
	r.pcg.Seed(seed, stream)
	return r
}

// intn returns a number in [0, n); n must be positive.
func (r *rng) intn(n int) int {
	return int(r.pcg.Uint64() % uint64(n))
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int {
	return lo + r.intn(hi-lo+1)
}

// chance reports true with probability p, counted in millionths.
func (r *rng) chance(p float64) bool {
	return r.pcg.Uint64()%1_000_000 < uint64(p*1_000_000)
}

// pick returns one element of s.
func pick[T any](r *rng, s []T) T {
	return s[r.intn(len(s))]
}
