"""Snippet time against section size: the sliding-window snippet and the old quadratic one.

    python bench/snippet_speed.py [--sizes-kb 10 100 500 2000] [--repeat 5] [--baseline-max-kb 500]
                                  [--baseline-repeat 1] [--json]

A section of each size is the shipped corpus's text repeated (so the query's words recur as in a
long real section); the query is "sản xuất sạch hơn", words found all through the text. Time is
the median of `--repeat` runs of `index.highlight.snippet`. The baseline is the snippet code as it
was before (kept below only for this comparison): it scores every window start against every match,
so it is measured once per size (`--baseline-repeat`) and only up to `--baseline-max-kb` — it takes
about a minute at 500 KB. Where both run, their snippets must be identical.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import tempfile
import time
from pathlib import Path

from vanban.index.analysis import syllables
from vanban.index.entries import index_entries
from vanban.index.highlight import WINDOW, snippet
from vanban.index.query import Word, parse_query
from vanban.library.store import Library
from vanban.library.vietnamese import fold

QUERY = "sản xuất sạch hơn"
_WORD = re.compile(r"\w+")


def quadratic_snippet(text: str, words: list[Word], window: int = WINDOW) -> str:
    """The snippet as computed before the sliding window (the baseline): every window start is
    scored by walking every match."""
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return html.escape(text)
    exact = {w.exact for w in words}
    loose = {w.folded for w in words}

    def matches(token: re.Match) -> bool:
        spelled = syllables(token.group(0))
        return bool(spelled) and (spelled[0] in exact or fold(spelled[0]) in loose)

    hits = [i for i, token in enumerate(tokens) if matches(token)]
    start = 0
    if hits and len(tokens) > window:
        start = max(
            range(len(tokens) - window + 1),
            key=lambda s: (len({fold(tokens[i].group(0).lower()) for i in hits if s <= i < s + window}), -s),
        )
    end = min(len(tokens), start + window)
    begin_char = 0 if start == 0 else tokens[start].start()
    end_char = len(text) if end == len(tokens) else tokens[end - 1].end()
    marked = set(hits)
    pieces = ["…" if start > 0 else ""]
    cursor = begin_char
    for index in range(start, end):
        token = tokens[index]
        if index in marked:
            pieces.append(html.escape(text[cursor : token.start()]))
            pieces.append(f"<mark>{html.escape(token.group(0))}</mark>")
            cursor = token.end()
    pieces.append(html.escape(text[cursor:end_char]))
    if end_char < len(text):
        pieces.append("…")
    return "".join(pieces).strip()


def corpus_text() -> str:
    library = Library(Path(tempfile.mkdtemp()))
    return "\n".join(entry.text for doc in library.documents() for entry in index_entries(doc))


def section_of(size_bytes: int, source: str) -> str:
    """`source` repeated and cut at a word boundary near `size_bytes` bytes of UTF-8."""
    repeated = (source + "\n") * (size_bytes // len(source.encode("utf-8")) + 1)
    cut = repeated.encode("utf-8")[:size_bytes].decode("utf-8", errors="ignore")
    return cut[: cut.rfind(" ")]


def timed(function, text: str, words: list[Word], repeat: int) -> tuple[float, str]:
    """Median seconds over `repeat` runs, and the snippet."""
    samples = []
    shown = ""
    for _ in range(repeat):
        started = time.perf_counter()
        shown = function(text, words)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), shown


def main() -> None:
    parser = argparse.ArgumentParser(description="Thời gian dựng đoạn trích theo độ dài mục.")
    parser.add_argument("--sizes-kb", type=int, nargs="+", default=[10, 100, 500, 2000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline-max-kb", type=int, default=500)
    parser.add_argument("--baseline-repeat", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    source = corpus_text()
    words = parse_query(QUERY).words()
    rows = []
    for size_kb in args.sizes_kb:
        text = section_of(size_kb * 1000, source)
        seconds, shown = timed(snippet, text, words, args.repeat)
        row = {
            "size_kb": size_kb,
            "tokens": len(_WORD.findall(text)),
            "matches": sum(1 for t in _WORD.findall(text) if fold(t.lower()) in {w.folded for w in words}),
            "sliding_s": seconds,
            "baseline_s": None,
        }
        if size_kb <= args.baseline_max_kb:
            row["baseline_s"], old = timed(quadratic_snippet, text, words, args.baseline_repeat)
            if old != shown:
                raise SystemExit(f"{size_kb} KB: đoạn trích khác với cách cũ:\n{shown}\n{old}")
        rows.append(row)
    if args.json:
        print(json.dumps({"query": QUERY, "repeat": args.repeat, "rows": rows}, indent=2, ensure_ascii=False))
        return
    print(f"Câu tìm «{QUERY}», trung vị {args.repeat} lần (cách cũ: {args.baseline_repeat} lần)")
    print(f"{'KB':>6} {'từ':>8} {'khớp':>7} {'mới (ms)':>10} {'cũ (ms)':>11} {'nhanh hơn':>10}")
    for row in rows:
        old = row["baseline_s"]
        print(
            f"{row['size_kb']:6,} {row['tokens']:8,} {row['matches']:7,} {row['sliding_s'] * 1000:10.1f} "
            + (f"{old * 1000:11,.0f} {old / row['sliding_s']:9,.0f}×" if old is not None else f"{'—':>11} {'—':>10}")
        )


if __name__ == "__main__":
    main()
