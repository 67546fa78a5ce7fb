#!/usr/bin/env bash
# Peak memory of `whosaid extract` on one large article, as bytes of peak RSS per input byte
# above the RSS of an empty input (the binary and the grammar). The article is the PolNeAR
# train texts (or the .txt files of DIR) joined into one file, then that file 2x and 8x, so
# the figure is seen to be per byte, not fixed.
#
# Usage: bash benches/memory.sh [DIR] [BINARY]   (DIR default
# /work/shared/corpora/polnear/train/text; the release binary is built if none is given)
#
# With DIR `--dense`, the article is issue 17's statement-dense example instead: the two
# lines "John Smith spoke." and "She said the plan would fail." repeated (one statement per
# 48 bytes), as files of 8, 16 and 64 MB (named x1, x2 and x8 below).
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/shared/corpora/polnear/train/text}
bin=${2:-}
if [ -z "$bin" ]; then
    cargo build --release --quiet
    bin=target/release/whosaid
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/empty.txt"
if [ "$src" = --dense ]; then
    # 8 MB of the two lines (whole repeats only), then that file 2x and 8x.
    pair=$'John Smith spoke.\nShe said the plan would fail.\n'
    # 1024 pairs; the `x` keeps the last line break from `$( )`.
    block=$(for _ in $(seq 1 1024); do printf '%s' "$pair"; done; printf x)
    block=${block%x}
    for _ in $(seq 1 $((8 * 1024 * 1024 / ${#block}))); do printf '%s' "$block"; done >"$work/x1.txt"
else
    cat "$src"/*.txt >"$work/x1.txt"
fi
cat "$work/x1.txt" "$work/x1.txt" >"$work/x2.txt"
for _ in 1 2 3 4; do cat "$work/x2.txt"; done >"$work/x8.txt"

# Peak RSS in kB of one run on file $1 (GNU time).
rss() {
    /usr/bin/time -f '%M' "$bin" extract --jobs 1 --format jsonl "$1" 2>&1 >/dev/null | tail -n 1
}

empty=$(rss "$work/empty.txt")
printf '%-8s %12s %14s %16s\n' input bytes 'peak RSS kB' 'bytes/byte above empty'
printf '%-8s %12d %14d %16s\n' empty 0 "$empty" -
for name in x1 x2 x8; do
    file="$work/$name.txt"
    bytes=$(stat -c %s "$file")
    peak=$(rss "$file")
    per_byte=$(awk -v p="$peak" -v e="$empty" -v b="$bytes" 'BEGIN { printf "%.1f", (p - e) * 1024 / b }')
    printf '%-8s %12d %14d %16s\n' "$name" "$bytes" "$peak" "$per_byte"
    eval "peak_$name=$peak bytes_$name=$bytes"
done
# What each byte more costs, without what any article costs once (the lexicon's index, built
# on the first word, and the code an empty run never reaches): x8's peak over x1's.
awk -v p8="$peak_x8" -v p1="$peak_x1" -v b8="$bytes_x8" -v b1="$bytes_x1" \
    'BEGIN { printf "x8 - x1: %.1f bytes/byte\n", (p8 - p1) * 1024 / (b8 - b1) }'
