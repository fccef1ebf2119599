//go:build !race

package extract_test

// race is set when the tests run with the race detector, whose
// instrumentation changes what allocates.
const race = false
