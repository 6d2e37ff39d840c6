"""Everyday questions on NĐ 30/2020 and Luật Bảo vệ môi trường 2020: top-1 and top-3 accuracy, and
how often the search had to give way (spelling or words) to answer.

    python bench/everyday_queries.py [--corpus FOLDER] [--engine tantivy|whoosh|both] [--details] [--json]

Queries: bench/everyday_queries.json — written for this benchmark (not taken from the texts): by
topic, with and without diacritics, some as questions, each with the Điều that answers it (a few
accept two or more). A query is right at k when a top-k hit is in that document and within one of
those Điều. The texts are read from ../shared/corpus (or --corpus) at run time, as scripts/demo.sh
adds them: the Government's .docx for the main text, the Markdown Phụ lục, the law's JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from vanban.index import ranking  # noqa: E402
from vanban.index.manager import IndexManager  # noqa: E402
from vanban.index.search import search  # noqa: E402
from vanban.library.store import Library  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
QUERIES = Path(__file__).with_name("everyday_queries.json")


def build_library(corpus: Path, folder: Path) -> Library:
    """A data folder holding the two texts; the Markdown copies (saved as .txt) linked as .md."""
    library = Library(folder / "data")
    links = folder / "md"
    links.mkdir()
    for source in corpus.glob("nd-30-2020-ND-CP_*.txt"):
        (links / f"{source.stem}.md").symlink_to(source.resolve())
    main = corpus / "official-docx" / "30_2020_ND_CP.docx"
    main = main if main.exists() else links / "nd-30-2020-ND-CP_noi-dung.md"
    facts = {"number": "30/2020/NĐ-CP", "doc_type": "Nghị định", "title": "Về công tác văn thư"}
    library.add([main], facts)
    for part in ("I", "II", "III"):
        annex = links / f"nd-30-2020-ND-CP_phu-luc-{part}.md"
        if annex.exists():
            library.add([annex], {"doc_type": "Phụ lục", "title": f"Phụ lục {part} kèm theo Nghị định 30/2020/NĐ-CP"})
    library.add([corpus / "luat-bvmt-2020_alqac2023-law-json.txt"], {"number": "72/2020/QH14"})
    return library


def _right(hit, question: dict) -> bool:
    return hit.number == question["doc"] and any(f"Điều {n}" in hit.section.labels for n in question["articles"])


def _gave_way(notes: list[str]) -> bool:
    return any(note == ranking.TONE_NOTE or "khớp" in note for note in notes)


def run(engine_name: str, library: Library, folder: Path, questions: list[dict]) -> list[dict]:
    engine, meta = IndexManager(folder / "data", engine_name).open(library)
    rows = []
    for question in questions:
        result = search(engine, meta, question["query"], limit=3)
        ranks = [i for i, hit in enumerate(result.hits, 1) if _right(hit, question)]
        rows.append(
            {
                **question,
                "rank": ranks[0] if ranks else None,
                "fallback": _gave_way(result.notes),
                "top": [f"{h.number} {h.section}" for h in result.hits],
            }
        )
    engine.close()
    return rows


def summarise(rows: list[dict]) -> dict[str, dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups["all"].append(row)
        groups[row["style"]].append(row)
        groups[row["doc"]].append(row)
    return {
        name: {
            "count": len(members),
            "top1": sum(r["rank"] == 1 for r in members) / len(members),
            "top3": sum(r["rank"] is not None for r in members) / len(members),
            "fallback": sum(r["fallback"] for r in members) / len(members),
        }
        for name, members in groups.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Câu hỏi thường ngày trên NĐ 30/2020 và Luật BVMT 2020.")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--engine", choices=("tantivy", "whoosh", "both"), default="both")
    parser.add_argument("--details", action="store_true", help="mỗi câu: hạng của đáp án và ba kết quả đầu")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.corpus / "luat-bvmt-2020_alqac2023-law-json.txt").exists():
        sys.exit(f"Không có văn bản ở {args.corpus} — bỏ qua.")
    questions = json.loads(QUERIES.read_text(encoding="utf-8"))
    folder = Path(tempfile.mkdtemp(prefix="everyday-"))
    library = build_library(args.corpus, folder)
    report = {}
    for name in ("tantivy", "whoosh") if args.engine == "both" else (args.engine,):
        rows = run(name, library, folder, questions)
        report[name] = {"summary": summarise(rows), "rows": rows}
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    print(f"{len(questions)} câu hỏi ({QUERIES.name})")
    print(f"{'':10} {'nhóm':14} {'số câu':>6} {'top-1':>6} {'top-3':>6} {'fallback':>8}")
    for name, data in report.items():
        for group, s in data["summary"].items():
            print(f"{name:10} {group:14} {s['count']:6} {s['top1']:6.3f} {s['top3']:6.3f} {s['fallback']:8.3f}")
        if args.details:
            for row in data["rows"]:
                mark = row["rank"] or "-"
                print(f"  [{mark}] {'F ' if row['fallback'] else ''}{row['query']} → {row['top'][:3]}")


if __name__ == "__main__":
    main()
