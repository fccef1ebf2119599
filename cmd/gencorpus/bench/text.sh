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
got=$("$JIXIAO" extract --ndjson --no-progress -j 2 "$DIR" | wc -l)
if ((got != forms)); then
	echo "jixiao extracted $got forms of $forms" >&2
	exit 1
fi

printf '\n%-8s %12s %10s %10s\n' workers 'best wall s' 'MB/s' 'forms/s'
for j in 1 2; do
	t=$(best "$JIXIAO" extract --ndjson --no-progress -j "$j" -o /dev/null "$DIR")
	printf '%-8s %12s %10s %10s\n' "-j $j" "$t" "$(div "$mb" "$t")" "$(div "$forms" "$t" %.0f)"
done
printf '\ntarget: at least 100 MB/s with -j 1 (best of %d runs)\n' "$RUNS"
