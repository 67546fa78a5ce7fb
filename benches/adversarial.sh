#!/usr/bin/env bash
# Instructions per byte of `whosaid extract` on normal news text and on each adversarial input
# of benches/adversarial.rs, counted by callgrind (repeatable, unlike wall time on a shared
# machine). The CLI's fixed cost (loading the grammar), measured on an empty file, is taken off.
#
# Usage: bash benches/adversarial.sh [DIR]    (inputs are written to DIR, default
# /tmp/whosaid-adversarial; the release binary is built if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/whosaid-adversarial}
WHOSAID_ADVERSARIAL_DIR="$dir" cargo bench --quiet --bench adversarial >/dev/null
cargo build --release --quiet
bin=target/release/whosaid

# Instructions callgrind counts for one CLI run on file $1.
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$bin" extract --jobs 1 --format jsonl "$1" 2>&1 >/dev/null |
        sed -n 's/.*Collected : //p'
}

empty=$(mktemp --suffix=.txt)
fixed=$(count "$empty")
rm -f "$empty"
printf '%-28s %10s %14s %8s %8s\n' input bytes instructions Ir/byte ratio
normal=
for name in normal guillemets mixed_quotes mixed_quotes_one_paragraph no_spaces_line nested_quotes_100k \
    punctuation newlines; do
    file="$dir/$name.txt"
    bytes=$(stat -c %s "$file")
    ir=$(( $(count "$file") - fixed ))
    per_byte=$(awk -v i="$ir" -v b="$bytes" 'BEGIN { printf "%.1f", i / b }')
    normal=${normal:-$per_byte}
    ratio=$(awk -v p="$per_byte" -v n="$normal" 'BEGIN { printf "%.2f", p / n }')
    printf '%-28s %10d %14d %8s %8s\n' "$name" "$bytes" "$ir" "$per_byte" "$ratio"
done
