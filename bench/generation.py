"""Generation and checking speed: the reproduced Kế hoạch 484/KH-UBND (body + landscape Phụ lục with
53 tasks) against the floor, a bare python-docx document holding the same text and table.

    python bench/generation.py [--runs 7] [--json]

Prints the median of each measurement over the runs, and the ratios to the floor.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

import docx

from vanban.generator.checker import check_document  # noqa: E402
from vanban.generator.compose.document import compose, docx_bytes  # noqa: E402
from vanban.generator.compose.inputs import default_profile, load_profile  # noqa: E402
from vanban.generator.compose.outline import flatten  # noqa: E402
from vanban.generator.jobs.rebuild import draft_from_document  # noqa: E402
from vanban.library.store import Library  # noqa: E402


def floor_document(draft) -> bytes:
    """The same words in a default python-docx document: no styles, header, rules or sections."""
    document = docx.Document()
    document.add_paragraph(draft.title)
    for line in flatten(draft.sections):
        document.add_paragraph(line.line)
    for appendix in draft.appendices:
        for spec in appendix.tables:
            table = document.add_table(rows=1 + len(spec.rows), cols=len(spec.columns))
            for cell, name in zip(table.rows[0].cells, spec.columns, strict=True):
                cell.text = name
            for row, values in zip(table.rows[1:], spec.rows, strict=True):
                cells = row.cells
                for cell, value in zip(cells, [values] if isinstance(values, str) else values, strict=False):
                    cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    plan = Library(Path(tempfile.mkdtemp())).get("484/KH-UBND")
    draft = draft_from_document(plan, load_profile(default_profile()))
    produced = docx_bytes(compose(draft))
    floor_bytes = floor_document(draft)
    compose(draft)  # warm caches (fonts, templates) once, as a long-running session would be
    results = {
        "floor_generate_ms": median_ms(lambda: floor_document(draft), args.runs),
        "generate_ms": median_ms(lambda: docx_bytes(compose(draft)), args.runs),
        "floor_check_ms": median_ms(lambda: check_document(docx.Document(io.BytesIO(floor_bytes))), args.runs),
        "check_ms": median_ms(lambda: check_document(docx.Document(io.BytesIO(produced))), args.runs),
        "runs": args.runs,
        "python": platform.python_version(),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
    }
    results["generate_ratio"] = results["generate_ms"] / results["floor_generate_ms"]
    results["check_ratio"] = results["check_ms"] / results["floor_check_ms"]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"runs: {args.runs} (median)")
    print(
        f"floor (python-docx, same text): generate {results['floor_generate_ms']:.0f} ms, "
        f"check {results['floor_check_ms']:.0f} ms"
    )
    print(
        f"vanban: generate {results['generate_ms']:.0f} ms ({results['generate_ratio']:.2f}× floor), "
        f"check {results['check_ms']:.0f} ms ({results['check_ratio']:.2f}× floor)"
    )


if __name__ == "__main__":
    main()
