#!/usr/bin/env bash
# docx.sh compares jixiao on Word files with pandoc: one jixiao run over
# FILES .docx files against `pandoc FILE -t json` run once per file, the
# same files, on one core and on two. The target is jixiao at least 50
# times faster. Until jixiao reads .docx, only pandoc is timed.
#
# Run from the repository root:
#
#	cmd/gencorpus/bench/docx.sh
#
# Settings (environment): FILES (default 200) files of PER_FILE (default 1)
# forms; PANDOC_RUNS (default 1) timed pandoc passes, the best counts; and
# those of common.sh (BENCH_DIR, RUNS, SEED).

cd "$(dirname "$0")/../../.."
source cmd/gencorpus/bench/common.sh

FILES=${FILES:-200}
PER_FILE=${PER_FILE:-1}
PANDOC_RUNS=${PANDOC_RUNS:-1}
DIR=$BENCH_DIR/docx

if ! command -v pandoc >/dev/null; then
	echo "pandoc is not installed (apt-get install pandoc)" >&2
	exit 1
fi

build
machine
echo "pandoc: $(pandoc --version | head -n 1)"
corpus "$DIR" -n $((FILES * PER_FILE)) -per-file "$PER_FILE" -formats docx
files=$(count "$DIR")
printf 'docx corpus: %d files, %d forms, %s MB (gencorpus -seed %s)\n' \
	"$files" $((FILES * PER_FILE)) "$(div "$(bytes "$DIR")" 1e6 %.2f)" "$SEED"

# pandoc_each P runs pandoc on every file, P at a time.
pandoc_each() {
	find "$DIR" -name '*.docx' -print0 | sort -z |
		xargs -0 -P "$1" -I '{}' sh -c 'pandoc "$1" -t json >/dev/null' sh '{}'
}

# pandoc_best P prints the best wall time of $PANDOC_RUNS passes.
pandoc_best() {
	RUNS=$PANDOC_RUNS best pandoc_each "$1"
}

first=$(find "$DIR" -name '*.docx' | sort | head -n 1)
jixiao_ok=1
if ! why=$(reads "$first"); then
	jixiao_ok=0
fi

printf '\n%-8s %14s %14s %8s %14s\n' cores 'jixiao best s' 'pandoc best s' ratio 'jixiao files/s'
for p in 1 2; do
	tp=$(pandoc_best "$p")
	if ((p == 1)); then tp1=$tp; fi
	if ((jixiao_ok)); then
		tj=$(best "$JIXIAO" extract --ndjson --no-progress -j "$p" -o /dev/null "$DIR")
		printf '%-8s %14s %14s %7s× %14s\n' "$p" "$tj" "$tp" "$(div "$tp" "$tj")" "$(div "$files" "$tj" %.0f)"
	else
		printf '%-8s %14s %14s %8s %14s\n' "$p" '—' "$tp" '—' '—'
	fi
done
printf '\npandoc: %s files/s on one core\n' "$(div "$files" "$tp1" %.1f)"
if ((!jixiao_ok)); then
	printf 'jixiao does not read .docx yet, so only pandoc was timed:\n%s\n' "$why"
fi
printf 'target: jixiao at least 50× faster than pandoc per file (best of %d jixiao runs, %d pandoc passes)\n' \
	"$RUNS" "$PANDOC_RUNS"
