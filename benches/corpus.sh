#!/usr/bin/env bash
# Whole-corpus benchmark: MB/s and peak memory of `whosaid extract --input jsonl`.
#
#   bash benches/corpus.sh [SIZE_MB] [JOBS...]      (defaults: 190 MB, jobs 1 and 2)
#
# Builds target/bench/corpus-SIZE.jsonl once, by repeating the PolNeAR texts in
# ../shared/corpora when they are beside the repository, or else the fixtures, each copy with
# its own id, url, date, outlet and title. Then, for each job count, it runs the release
# binary over the corpus with /usr/bin/time -v and prints input MB/s and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb="${1:-190}"
shift || true
jobs=("$@")
if [ ${#jobs[@]} -eq 0 ]; then jobs=(1 2); fi

cargo build --release --quiet
binary=target/release/whosaid
mkdir -p target/bench
corpus="target/bench/corpus-${size_mb}.jsonl"

if [ ! -s "$corpus" ]; then
    sources=()
    for dir in ../shared/corpora/polnear/train/text ../shared/corpora/polnear/dev/text; do
        if [ -d "$dir" ]; then sources+=("$dir"); fi
    done
    if [ ${#sources[@]} -eq 0 ]; then sources=(fixtures); fi
    echo "building $corpus (${size_mb} MB) from ${sources[*]}" >&2
    python3 - "$corpus" "$size_mb" "${sources[@]}" <<'EOF'
import json, pathlib, sys
out, size_mb, folders = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
texts = []
for folder in folders:
    for path in sorted(pathlib.Path(folder).glob("*.txt")):
        texts.append((path.stem, path.read_text(encoding="utf-8-sig", errors="replace")))
target = size_mb * 1_000_000
written = copy = 0
with open(out, "w", encoding="utf-8") as f:
    while written < target:
        for stem, text in texts:
            record = {
                "id": f"{stem}#{copy}",
                "text": text,
                "url": f"https://example.org/{copy}/{stem}",
                "date": "2016-01-01",
                "outlet": "Example News",
                "title": stem.replace("-", " "),
            }
            line = json.dumps(record, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            if written >= target:
                break
        copy += 1
EOF
fi

bytes=$(stat -c %s "$corpus")
lines=$(wc -l < "$corpus")
echo "corpus: $corpus, $lines articles, $bytes bytes; machine: $(nproc) cores; commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
printf '%-6s %10s %10s %12s %10s\n' jobs seconds MB/s "peak RSS MB" rows
for j in "${jobs[@]}"; do
    log=$(mktemp)
    /usr/bin/time -v "$binary" extract --input jsonl --format jsonl --jobs "$j" --quiet "$corpus" 2>"$log" | wc -l > "$log.rows"
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$log")
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    awk -v j="$j" -v s="$seconds" -v b="$bytes" -v r="$rss_kb" -v rows="$(cat "$log.rows")" \
        'BEGIN { printf "%-6s %10.2f %10.1f %12.1f %10d\n", j, s, b/1e6/s, r/1024, rows }'
    rm -f "$log" "$log.rows"
done
