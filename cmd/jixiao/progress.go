package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/jixiao/jixiao/extract/batch"
)

// progress draws a progress bar on a terminal: files done, forms,
// files a second and the time left. It draws nothing when off.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	on    bool
	total int
	start time.Time
	last  time.Time
	drawn bool
}

// newProgress returns a progress bar for total inputs, on when w is a
// terminal (or force), off when never is set.
func newProgress(w io.Writer, total int, force, never bool) *progress {
	on := force
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		on = true
	}
	if never {
		on = false
	}
	return &progress{w: w, on: on, total: total, start: time.Now()}
}

// update redraws the bar, at most ten times a second.
func (p *progress) update(st batch.Stats) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond && st.Done < p.total {
		return
	}
	p.last = now
	el := now.Sub(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(st.Done) / el
	}
	eta := "--"
	if rate > 0 {
		eta = (time.Duration(float64(p.total-st.Done)/rate) * time.Second).Round(time.Second).String()
	}
	const width = 24
	n := width
	if p.total > 0 {
		n = width * st.Done / p.total
	}
	bar := strings.Repeat("=", n) + strings.Repeat(" ", width-n)
	fmt.Fprintf(p.w, "\r[%s] %d/%d files  %d forms  %.1f files/s  ETA %s\x1b[K", bar, st.Done, p.total, st.Forms, rate, eta)
	p.drawn = true
}

// clear removes the bar so that a message can be printed.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// finish clears the bar and prints the summary line.
func (p *progress) finish(st batch.Stats, missing int) {
	p.clear()
	fmt.Fprintln(p.w, "jixiao:", summary(st, missing))
}
