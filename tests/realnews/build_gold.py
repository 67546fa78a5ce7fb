#!/usr/bin/env python3
"""Build tests/realnews/gold.jsonl from the hand-written annotation files.

Each file annotations/STEM.txt annotates ../shared/corpora/realnews-dev/text/STEM.txt, one
statement a line (blank lines and lines starting with '#' are ignored):

    kind | quote | speaker | mention | cue | outlet

Fields are separated by "|" (so no field may contain one).

Trailing fields may be left out. The quote and the mention are written as they appear in the
text; the script finds them and computes every offset (code points, end exclusive):

- Whitespace in a pattern matches any run of whitespace; straight and curly quotation marks and
  apostrophes match each other, and so do en and em dashes.
- `~~` stands for "anything in between" (shortest match), for long quotes:
  `I am excited ~~ attracted me.`
- `[[...]]` marks the target inside a longer anchor: `He said [[the plan is fine]]` finds the
  unique text "He said the plan is fine" and keeps "the plan is fine".
- A quote must occur exactly once (use an anchor otherwise); the script stops with an error
  naming the file and line when it is missing or ambiguous.
- A mention without an anchor is the whole-word occurrence nearest to the quote within the
  paragraphs the quote spans, else the nearest one before the quote, else the nearest one after
  it (the signature line of an embedded post), else its one occurrence inside the quote (an
  indirect content that the cue interrupts); `-` or an empty mention
  means the speaker is not named in the text (speaker_start/end are null).

Usage: build_gold.py [--text DIR] [--check]   (default DIR: ../shared/corpora/realnews-dev/text
relative to the repository root). Writes gold.jsonl and stems.txt beside this script; with
--check, writes nothing and exits 1 when they differ from what would be written.
"""
import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KINDS = ("direct", "partial", "indirect")
FIELDS = ("kind", "quote", "speaker", "mention", "cue", "outlet")
CLASSES = {'"': "[\"“”„]", "“": "[\"“”„]", "”": "[\"“”„]", "'": "['‘’]", "‘": "['‘’]",
           "’": "['‘’]", "—": "[—–]", "–": "[—–]"}


class GoldError(Exception):
    """An annotation that cannot be placed in its text."""


def pattern(s):
    """Regex for an annotation string (see the module doc)."""
    out = []
    for piece in re.split(r"(\s*~~\s*|\s+)", s.strip()):
        if piece.strip() == "~~":
            out.append(r"[\s\S]*?")
        elif piece.isspace():
            out.append(r"\s+")
        else:
            out.append("".join(CLASSES.get(c, re.escape(c)) for c in piece))
    return "".join(out)


def find_anchored(text, s, what):
    """(start, end) of the unique match of s (target in [[...]] if marked)."""
    m = re.fullmatch(r"(.*?)\[\[(.*)\]\](.*)", s, re.S)
    left, target, right = m.groups() if m else ("", s, "")
    rx = f"({pattern(target)})"
    if left.strip():
        rx = f"(?:{pattern(left)})" + (r"\s+" if left[-1].isspace() else "") + rx
    if right.strip():
        rx = rx + (r"\s+" if right[0].isspace() else "") + f"(?:{pattern(right)})"
    hits = [(h.start(1), h.end(1)) for h in re.finditer(rx, text)]
    if not hits:
        raise GoldError(f"{what} not found: {s!r}")
    if len(hits) > 1:
        raise GoldError(f"{what} occurs {len(hits)} times (add an anchor): {s!r}")
    return hits[0]


def paragraph_bounds(text, start, end):
    """The extent of the paragraphs (non-blank lines) that [start, end) touches."""
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, len(text) if b < 0 else b


def find_mention(text, s, qs, qe, what):
    """(start, end) of the speaker mention for the quote at [qs, qe)."""
    if "[[" in s:
        return find_anchored(text, s, what)
    rx = r"(?<!\w)" + pattern(s) + r"(?!\w)"
    every = [(m.start(), m.end()) for m in re.finditer(rx, text)]
    hits = [h for h in every if h[1] <= qs or h[0] >= qe]
    pa, pb = paragraph_bounds(text, qs, qe)
    near = [h for h in hits if h[0] >= pa and h[1] <= pb]
    if not near:
        near = [h for h in hits if h[1] <= qs] or hits
    if not near:  # a cue inside the content's extent ("X, per the WHO, is ...")
        near = [h for h in every if qs <= h[0] and h[1] <= qe]
        if len(near) == 1:
            return near[0]
    if not near:
        raise GoldError(f"{what} not found near the quote: {s!r}")
    dist = lambda h: qs - h[1] if h[1] <= qs else h[0] - qe
    return min(near, key=dist)


def parse_file(path, text, stem):
    """The gold rows of one annotation file."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{os.path.relpath(path, ROOT)}:{n}"
            cols = [c.strip() for c in line.split("|")]
            if len(cols) > len(FIELDS):
                raise GoldError(f"{where}: {len(cols)} fields, at most {len(FIELDS)}")
            rec = dict(zip(FIELDS, cols + [""] * (len(FIELDS) - len(cols))))
            if rec["kind"] not in KINDS:
                raise GoldError(f"{where}: kind {rec['kind']!r} is not one of {KINDS}")
            if not rec["quote"]:
                raise GoldError(f"{where}: empty quote")
            try:
                qs, qe = find_anchored(text, rec["quote"], "quote")
                span = None
                if rec["mention"] not in ("", "-"):
                    span = find_mention(text, rec["mention"], qs, qe, "mention")
            except GoldError as e:
                raise GoldError(f"{where}: {e}") from None
            rows.append({
                "doc": stem, "kind": rec["kind"], "quote": text[qs:qe], "start": qs, "end": qe,
                "speaker": rec["speaker"],
                "speaker_mention": text[span[0]:span[1]] if span else "",
                "speaker_start": span[0] if span else None,
                "speaker_end": span[1] if span else None,
                "cue": rec["cue"], "outlet": rec["outlet"]})
    seen = set()
    for r in rows:
        key = (r["kind"], r["start"], r["end"])
        if key in seen:
            raise GoldError(f"{path}: duplicate row {r['kind']} {r['quote']!r}")
        seen.add(key)
    return sorted(rows, key=lambda r: (r["start"], r["end"], r["kind"]))


def build(text_dir):
    """(gold.jsonl contents, stems.txt contents)."""
    ann_dir = os.path.join(HERE, "annotations")
    stems = sorted(fn[:-4] for fn in os.listdir(ann_dir) if fn.endswith(".txt"))
    lines = []
    for stem in stems:
        with open(os.path.join(text_dir, stem + ".txt"), encoding="utf-8", newline="") as f:
            text = f.read()
        for row in parse_file(os.path.join(ann_dir, stem + ".txt"), text, stem):
            lines.append(json.dumps(row, ensure_ascii=False) + "\n")
    return "".join(lines), "".join(s + "\n" for s in stems)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--text", help="folder of the article texts (default: "
                    "corpora/realnews-dev/text in ../shared or ../../shared)")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if gold.jsonl or stems.txt is out of date; write nothing")
    args = ap.parse_args()
    if not args.text:
        for up in ("..", os.path.join("..", "..")):
            cand = os.path.join(ROOT, up, "shared", "corpora", "realnews-dev", "text")
            if os.path.isdir(cand):
                args.text = os.path.normpath(cand)
                break
        else:
            print("error: no ../shared/corpora/realnews-dev/text; pass --text", file=sys.stderr)
            return 2
    try:
        gold, stems = build(args.text)
    except (GoldError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    outputs = {"gold.jsonl": gold, "stems.txt": stems}
    if args.check:
        stale = [name for name, body in outputs.items()
                 if not os.path.exists(os.path.join(HERE, name))
                 or open(os.path.join(HERE, name), encoding="utf-8").read() != body]
        if stale:
            print(f"out of date: {', '.join(stale)} (run {os.path.relpath(__file__)})",
                  file=sys.stderr)
            return 1
        return 0
    for name, body in outputs.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(body)
    print(f"{gold.count(chr(10))} rows in {stems.count(chr(10))} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
