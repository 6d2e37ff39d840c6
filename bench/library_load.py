"""Library load speed: `Library.documents()` and `Library.get("484/KH-UBND")` on the shipped corpus,
from the stored JSON form against the old path (the heuristic parser over every shipped Markdown
file on every call), measured in the same run.

    python bench/library_load.py [--runs 7] [--json]

Each first-call figure is taken in a fresh Python process (imports done, clock started just before
the call), so nothing is held in memory: "cold" has an empty data folder (the corpus is parsed and
the cache written), "disk cache" has the cache a previous process wrote.  "Repeated" is one more
call on the same `Library` after a first one.  Every figure is the median over `--runs`.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLAN = "484/KH-UBND"
CALLS = ("documents", "get")


def old_path(call: str):
    """What every call did before the stored form: parse each shipped Markdown file again."""
    from vanban.library.store import SHIPPED_CORPUS, load_markdown_record, number_key

    documents = [load_markdown_record(p) for p in sorted(SHIPPED_CORPUS.glob("*.md"))]
    if call == "documents":
        return documents
    return next(d for d in documents if number_key(d.number) == number_key(PLAN))


def new_path(library, call: str):
    return library.documents() if call == "documents" else library.get(PLAN)


def child(path: str, call: str, data: str) -> None:
    """One measurement in this fresh process; prints milliseconds (first call, then repeated calls)."""
    from vanban.library.store import Library

    library = Library(Path(data))
    times = []
    for _ in range(2):
        started = time.perf_counter()
        old_path(call) if path == "old" else new_path(library, call)
        times.append((time.perf_counter() - started) * 1000)
    print(json.dumps(times))


def in_fresh_process(path: str, call: str, data: Path) -> list[float]:
    args = [sys.executable, __file__, "--child", path, call, str(data)]
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def repeated_ms(path: str, call: str, data: Path, runs: int) -> float:
    """Calls after the first on one `Library` of this process."""
    from vanban.library.store import Library

    library = Library(data)
    new_path(library, call)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        old_path(call) if path == "old" else new_path(library, call)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(runs: int) -> list[dict]:
    rows = []
    for call in CALLS:
        label = "documents()" if call == "documents" else f'get("{PLAN}")'
        old_first = [in_fresh_process("old", call, Path(tempfile.mkdtemp()))[0] for _ in range(runs)]
        cold, cached = [], []
        for _ in range(runs):
            data = Path(tempfile.mkdtemp())
            cold.append(in_fresh_process("new", call, data)[0])
            cached.append(in_fresh_process("new", call, data)[0])
        warm_data = Path(tempfile.mkdtemp())
        rows += [
            {"call": label, "path": "old: parse every call", "case": "first call", "ms": statistics.median(old_first)},
            {
                "call": label,
                "path": "old: parse every call",
                "case": "repeated",
                "ms": repeated_ms("old", call, warm_data, runs),
            },
            {"call": label, "path": "stored JSON", "case": "first call, no cache", "ms": statistics.median(cold)},
            {"call": label, "path": "stored JSON", "case": "first call, disk cache", "ms": statistics.median(cached)},
            {"call": label, "path": "stored JSON", "case": "repeated", "ms": repeated_ms("new", call, warm_data, runs)},
        ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("PATH", "CALL", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    rows = measure(args.runs)
    if args.json:
        print(json.dumps({"python": platform.python_version(), "runs": args.runs, "rows": rows}, indent=2))
        return
    print(f"| call | path | case | median ms ({args.runs} runs) |\n|---|---|---|---|")
    for row in rows:
        print(f"| {row['call']} | {row['path']} | {row['case']} | {row['ms']:.2f} |")


if __name__ == "__main__":
    main()
