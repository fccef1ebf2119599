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
echo "pandoc: $(pandoc --version | sed -n 1p)"
corpus "$DIR" -n $((FILES * PER_FILE)) -per-file "$PER_FILE" -formats docx
files=$(count "$DIR")
printf 'docx corpus: %d files, %d forms, %s MB (gencorpus -seed %s)\n' \
	"$files" $((FILES * PER_FILE)) "$(div "$(bytes "$DIR")" 1e6 %.2f)" "$SEED"

# pandoc_each P runs pandoc on every file, P at a time.
pandoc_each() {
	find "$DIR" -name '*.docx' -print0 | sort -z |
		xargs -0 -P "$1" -I '{}' sh -c 'pandoc "$1" -t json >/dev/null' sh '{}'
}

first=$(find "$DIR" -name '*.docx' | sort | sed -n 1p)
jixiao_ok=1
if ! why=$(reads "$first"); then
	jixiao_ok=0
fi

printf '\n%-6s %-8s %8s %8s %9s\n' cores program 'wall s' 'CPU s' 'files/s'
declare -A wall cpu
for p in 1 2; do
	t=$(RUNS=$PANDOC_RUNS best $(pin "$p") bash -c "$(declare -f pandoc_each); DIR=$(printf %q "$DIR") pandoc_each $p")
	read -r wall[pandoc$p] cpu[pandoc$p] <<<"$t"
	printf '%-6s %-8s %8s %8s %9s\n' "$p" pandoc "${wall[pandoc$p]}" "${cpu[pandoc$p]}" \
		"$(div "$files" "${wall[pandoc$p]}")"
	if ((jixiao_ok)); then
		t=$(best $(pin "$p") "$JIXIAO" extract --ndjson --no-progress -j "$p" -o /dev/null "$DIR")
		read -r wall[jixiao$p] cpu[jixiao$p] <<<"$t"
		printf '%-6s %-8s %8s %8s %9s\n' "$p" jixiao "${wall[jixiao$p]}" "${cpu[jixiao$p]}" \
			"$(div "$files" "${wall[jixiao$p]}")"
	fi
done
if ((jixiao_ok)); then
	printf '\npandoc / jixiao: %s× wall on one core, %s× on two; %s× CPU time\n' \
		"$(div "${wall[pandoc1]}" "${wall[jixiao1]}")" "$(div "${wall[pandoc2]}" "${wall[jixiao2]}")" \
		"$(div "${cpu[pandoc1]}" "${cpu[jixiao1]}")"
else
	printf '\njixiao does not read .docx yet, so only pandoc was timed:\n%s\n' "$why"
fi
printf 'best of %d jixiao runs and %d pandoc passes by wall time, each pinned to its cores (%s)\n' \
	"$RUNS" "$PANDOC_RUNS" "$(pin 1 | cut -d ' ' -f 1)"
printf 'target: jixiao at least 50× faster than pandoc -t json run per file\n'
