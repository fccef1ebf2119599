//go:build race

package docx

// slowdown scales the time bounds of tests run with the race detector.
const slowdown = 20
