#!/usr/bin/env bash
# memory.sh checks that jixiao's memory does not grow with the number of
# inputs: it runs `jixiao extract --ndjson -o /dev/null` over SIZES files
# (default 500 and 5000) of mixed formats under GNU time and prints the
# peak resident set size and the speed of each, and the ratio of the peaks.
# The target is a flat peak (a ratio near 1). Formats jixiao cannot read
# yet are left out of the mix, and the script says so.
#
# Run from the repository root:
#
#	cmd/gencorpus/bench/memory.sh
#
# Settings (environment): SIZES (default "500 5000") file counts; PER_FILE
# (default 1) forms a file; FORMATS (default txt,docx,html) the mix; J
# (default: all cores) jixiao workers; and those of common.sh (BENCH_DIR,
# SEED).

cd "$(dirname "$0")/../../.."
source cmd/gencorpus/bench/common.sh

SIZES=${SIZES:-500 5000}
PER_FILE=${PER_FILE:-1}
FORMATS=${FORMATS:-txt,docx,html}
J=${J:-$(nproc)}

if ! /usr/bin/time -v true >/dev/null 2>&1; then
	echo "GNU time is not installed (apt-get install time)" >&2
	exit 1
fi

build
machine

# Keep the formats jixiao reads.
probe=$BENCH_DIR/probe
corpus "$probe" -n 1 -formats "$FORMATS"
mix=()
for f in ${FORMATS//,/ }; do
	if why=$(reads "$probe/$f/f000001.$f"); then
		mix+=("$f")
	else
		printf 'left out %s: jixiao does not read it yet: %s\n' "$f" "$why"
	fi
done
if ((${#mix[@]} == 0)); then
	echo "jixiao reads none of $FORMATS" >&2
	exit 1
fi
formats=$(
	IFS=,
	echo "${mix[*]}"
)

printf '\n%-7s %-16s %8s %10s %14s %8s %9s\n' files formats forms 'input MB' 'peak RSS MB' 'wall s' 'files/s'
declare -A peak
for n in $SIZES; do
	dir=$BENCH_DIR/memory-$n
	corpus "$dir" -n $((n * PER_FILE)) -per-file "$PER_FILE" -formats "$formats" -mix
	log=$BENCH_DIR/memory-$n.time
	/usr/bin/time -v -o "$log" "$JIXIAO" extract --ndjson --no-progress -j "$J" -o /dev/null "$dir" \
		2>"$BENCH_DIR/last.err" || true
	kb=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$log")
	wall=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f\n", s }')
	peak[$n]=$kb
	status=$(sed -n 's/^\s*Exit status: //p' "$log")
	if [[ $status != 0 ]]; then
		echo "jixiao exited with status $status on $dir" >&2
	fi
	printf '%-7s %-16s %8d %10s %14s %8s %9s\n' "$(count "$dir")" "$formats" $((n * PER_FILE)) \
		"$(div "$(bytes "$dir")" 1e6 %.1f)" "$(div "$kb" 1024)" "$wall" "$(div "$(count "$dir")" "$wall" %.0f)"
done

set -- $SIZES
if (($# >= 2)); then
	first=$1 last=${!#}
	printf '\npeak RSS %s files / %s files: %s (flat is about 1; jixiao -j %s)\n' \
		"$last" "$first" "$(div "${peak[$last]}" "${peak[$first]}" %.2f)" "$J"
fi
