# Shared by the benchmark scripts of cmd/gencorpus/bench; source it from the
# repository root. It builds the binaries, describes the machine and times
# commands.
#
# Settings (environment):
#   BENCH_DIR   working folder for binaries and corpora (default /tmp/jixiao-bench)
#   RUNS        timed runs of each command, the best one counts (default 3)
#   SEED        gencorpus seed (default 1)

set -euo pipefail

BENCH_DIR=${BENCH_DIR:-/tmp/jixiao-bench}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
BIN=$BENCH_DIR/bin
JIXIAO=$BIN/jixiao
GENCORPUS=$BIN/gencorpus

if [[ ! -f go.mod ]] || ! grep -q '^module github.com/jixiao/jixiao$' go.mod; then
	echo "run this script from the root of the jixiao repository" >&2
	exit 2
fi

# build compiles jixiao and gencorpus into $BIN.
build() {
	mkdir -p "$BIN"
	go build -o "$JIXIAO" ./cmd/jixiao
	go build -o "$GENCORPUS" ./cmd/gencorpus
}

# machine prints the CPU, the cores and the load, since other work on the
# machine changes the figures.
machine() {
	local model cores
	model=$(lscpu | sed -n 's/^Model name: *//p' | sed -n 1p)
	cores=$(nproc)
	printf 'machine: %s, %s cores, load average %s; %s\n' \
		"$model" "$cores" "$(cut -d ' ' -f 1-3 /proc/loadavg)" "$(go version | cut -d ' ' -f 3)"
}

# pin P prints the command prefix that keeps a command on P cores: taskset
# over the first P, or nothing when taskset is missing.
pin() {
	if command -v taskset >/dev/null; then
		echo "taskset -c 0-$(($1 - 1))"
	fi
}

# corpus DIR ARGS... writes a corpus with gencorpus into the fresh folder DIR.
corpus() {
	local dir=$1
	shift
	rm -rf "$dir"
	"$GENCORPUS" -seed "$SEED" -out "$dir" "$@" 2>/dev/null
}

# bytes DIR... prints the total size of the files under the folders.
bytes() {
	find "$@" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'
}

# count DIR... prints the number of files under the folders.
count() {
	find "$@" -type f | wc -l
}

# seconds CMD... runs the command and prints its wall time and its CPU time
# (user and system, children included) in seconds. On a shared machine the
# CPU time is the steadier figure. The command's output goes to /dev/null
# and its messages to $BENCH_DIR/last.err; its failure stops the script
# with them.
seconds() {
	local TIMEFORMAT='%R %U %S' out
	if ! out=$({ time "$@" >/dev/null 2>"$BENCH_DIR/last.err"; } 2>&1); then
		echo "failed: $*" >&2
		head -n 5 "$BENCH_DIR/last.err" >&2
		return 1
	fi
	awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<<"$out"
}

# best CMD... runs the command $RUNS times and prints the wall and CPU time
# of the fastest run.
best() {
	local i t min=""
	for ((i = 0; i < RUNS; i++)); do
		t=$(seconds "$@")
		if [[ -z $min ]] || awk -v t="${t% *}" -v m="${min% *}" 'BEGIN { exit !(t < m) }'; then
			min=$t
		fi
	done
	echo "$min"
}

# div A B [FORMAT] prints A/B.
div() {
	awk -v a="$1" -v b="$2" -v f="${3:-%.1f}" 'BEGIN { if (b == 0) print "inf"; else printf f "\n", a / b }'
}

# reads FILE reports whether jixiao extracts the forms of FILE: it prints
# nothing and succeeds, or prints why not and fails.
reads() {
	local out lines
	if ! out=$("$JIXIAO" extract --ndjson --no-progress "$1" 2>&1 >/dev/null); then
		echo "${out:-jixiao failed}" | sed -n 1,3p
		return 1
	fi
	lines=$("$JIXIAO" extract --ndjson --no-progress "$1" 2>/dev/null | wc -l)
	if ((lines == 0)); then
		echo "no forms extracted from $1"
		return 1
	fi
}
