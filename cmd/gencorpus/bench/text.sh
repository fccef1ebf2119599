#!/usr/bin/env bash
# text.sh measures the text path: jixiao extract --ndjson over about 100 MB
# of Tika text exports, on one worker and on two, best wall time of $RUNS.
# The target is 100 MB/s of input on one core.
#
# Run from the repository root:
#
#	cmd/gencorpus/bench/text.sh
#
# Settings (environment): FILES (default 2000) files of PER_FILE (default
# 18) forms, about 98 MB; and those of common.sh (BENCH_DIR, RUNS, SEED).

cd "$(dirname "$0")/../../.."
source cmd/gencorpus/bench/common.sh

FILES=${FILES:-2000}
PER_FILE=${PER_FILE:-18}
DIR=$BENCH_DIR/text

build
machine
corpus "$DIR" -n $((FILES * PER_FILE)) -per-file "$PER_FILE" -formats txt
mb=$(div "$(bytes "$DIR")" 1e6 %.2f)
forms=$((FILES * PER_FILE))
printf 'text corpus: %d files, %d forms, %s MB (gencorpus -seed %s)\n' "$(count "$DIR")" "$forms" "$mb" "$SEED"

# Every form must come out, or the figures mean nothing.
got=$("$JIXIAO" extract --ndjson --no-progress -j 2 "$DIR" 2>"$BENCH_DIR/last.err" | wc -l)
if ((got != forms)); then
	echo "jixiao extracted $got forms of $forms" >&2
	exit 1
fi
sed -n 1p "$BENCH_DIR/last.err"

printf '\n%-7s %8s %8s %8s %9s %11s\n' workers 'wall s' 'CPU s' 'MB/s' 'forms/s' 'MB/CPU-s'
for j in 1 2; do
	# Pinned to j cores: with -j 1 the collector would otherwise run on
	# the second core.
	t=$(best $(pin "$j") "$JIXIAO" extract --ndjson --no-progress -j "$j" -o /dev/null "$DIR")
	read -r wall cpu <<<"$t"
	printf '%-7s %8s %8s %8s %9s %11s\n' "-j $j" "$wall" "$cpu" "$(div "$mb" "$wall")" \
		"$(div "$forms" "$wall" %.0f)" "$(div "$mb" "$cpu")"
done
printf '\nbest of %d runs by wall time, -j N pinned to N cores (%s); CPU s is user+system of that run.\n' \
	"$RUNS" "$(pin 1 | cut -d ' ' -f 1)"
printf 'target: at least 100 MB/s on one core (-j 1)\n'
