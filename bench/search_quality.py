"""Search quality on ALQAC 2023: Recall@1/5/10 and MRR@10 of the real search path.

    python bench/search_quality.py [--questions FILE] [--engine tantivy|whoosh] [--baseline] [--json]

Corpus: ../shared/benchmarks/alqac2023/law.json (one document per law, one section per article).
Questions: train.json by default, or any file of the same shape. A question is a hit at k when
any of its relevant articles is in the top k. `--baseline` also runs plain BM25 (bm25s) over
lower-case \\w+ tokens, the reference the issue measured (.811 MRR@10 on train.json).
Tune on train.json only.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from vanban.index.engine import Record  # noqa: E402
from vanban.index.entries import Entry  # noqa: E402
from vanban.index.manager import engine_class  # noqa: E402
from vanban.index.search import search  # noqa: E402
from vanban.index.section_path import SectionPath  # noqa: E402

DATA = ROOT.parent / "shared" / "benchmarks" / "alqac2023"


def load_articles(path: Path) -> list[tuple[str, str, str, str]]:
    """(law, article id, title, text) for every article."""
    laws = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for law in laws:
        for article in law["articles"]:
            title, _, body = article["text"].partition("\n")
            found.append((law["id"], str(article["id"]), title.strip(), body.strip()))
    return found


def records(articles) -> list[Record]:
    result = []
    for ordinal, (law, article, title, text) in enumerate(articles):
        entry = Entry(
            doc_id=law,
            number="",
            doc_type="Luật",
            doc_title=law,
            issuer="",
            year=None,
            signed_on="",
            status="",
            path=SectionPath.of([f"Điều {article}"]),
            heading=title,
            text=text,
        )
        result.append(Record.of(entry, ordinal))
    return result


def metrics(ranked: list[list[tuple[str, str]]], relevant: list[set[tuple[str, str]]]) -> dict[str, float]:
    recall = {k: 0 for k in (1, 5, 10)}
    reciprocal = []
    for found, wanted in zip(ranked, relevant, strict=True):
        rank = next((i for i, key in enumerate(found[:10], 1) if key in wanted), None)
        for k in recall:
            recall[k] += rank is not None and rank <= k
        reciprocal.append(1 / rank if rank else 0.0)
    count = len(relevant)
    return {
        "R@1": recall[1] / count,
        "R@5": recall[5] / count,
        "R@10": recall[10] / count,
        "MRR@10": statistics.fmean(reciprocal),
    }


def run_engine(name: str, articles, questions) -> tuple[dict, float]:
    folder = Path(tempfile.mkdtemp(prefix=f"alqac-{name}-"))
    engine = engine_class(name).create(folder)
    engine.add(records(articles))
    started = time.perf_counter()
    ranked = []
    for question in questions:
        result = search(engine, {}, question["text"], limit=10, mode="auto")
        ranked.append([(h.doc_id, str(h.section).removeprefix("Điều ")) for h in result.hits])
    seconds = time.perf_counter() - started
    return metrics(ranked, _relevant(questions)), seconds / len(questions)


GRID = [
    {"exact": 1.0, "folded": 1.0, "title": t, "bigram": b} for t in (0.0, 0.6, 1.0, 1.5) for b in (0.0, 0.8, 1.2, 1.5)
]


def cross_validate(articles, questions, name: str = "tantivy") -> dict:
    """Two folds (odd/even questions): pick the weights on one half, measure on the other — an
    estimate of how the tuned weights do on questions they were not tuned on."""
    from vanban.index import ranking

    folder = Path(tempfile.mkdtemp(prefix=f"alqac-cv-{name}-"))
    engine = engine_class(name).create(folder)
    engine.add(records(articles))
    saved = dict(ranking.WEIGHTS)

    def score(subset, weights) -> dict:
        ranking.WEIGHTS.update(weights)
        ranked = [
            [(h.doc_id, str(h.section).removeprefix("Điều ")) for h in search(engine, {}, q["text"], limit=10).hits]
            for q in subset
        ]
        return metrics(ranked, _relevant(subset))

    folds = [questions[0::2], questions[1::2]]
    held_out = []
    for tune, test in (folds, folds[::-1]):
        best = max(GRID, key=lambda w: score(tune, w)["MRR@10"])
        held_out.append({"weights": best, **score(test, best)})
    ranking.WEIGHTS.clear()
    ranking.WEIGHTS.update(saved)
    return {
        "folds": held_out,
        "MRR@10": statistics.fmean(f["MRR@10"] for f in held_out),
        "R@10": statistics.fmean(f["R@10"] for f in held_out),
    }


def run_baseline(articles, questions) -> dict:
    import bm25s

    def tokens(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    retriever = bm25s.BM25()
    retriever.index([tokens(f"{title} {text}") for _law, _article, title, text in articles], show_progress=False)
    ranked = []
    for question in questions:
        ids, _scores = retriever.retrieve([tokens(question["text"])], k=10, show_progress=False)
        ranked.append([(articles[i][0], articles[i][1]) for i in ids[0]])
    return metrics(ranked, _relevant(questions))


def _relevant(questions) -> list[set[tuple[str, str]]]:
    return [{(r["law_id"], str(r["article_id"])) for r in q["relevant_articles"]} for q in questions]


def main() -> None:
    parser = argparse.ArgumentParser(description="Chất lượng tìm kiếm trên ALQAC 2023.")
    parser.add_argument("--questions", type=Path, default=DATA / "train.json")
    parser.add_argument("--engine", choices=("tantivy", "whoosh", "both"), default="both")
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="2-fold: weights chosen on half the questions, measured on the other half",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (DATA / "law.json").exists():
        sys.exit(f"Không có dữ liệu ALQAC ở {DATA} — bỏ qua.")
    articles = load_articles(DATA / "law.json")
    questions = json.loads(args.questions.read_text(encoding="utf-8"))
    report: dict[str, dict] = {}
    for name in ("tantivy", "whoosh") if args.engine == "both" else (args.engine,):
        scores, per_query = run_engine(name, articles, questions)
        report[name] = {**scores, "ms_per_query": per_query * 1000}
    if args.baseline:
        report["bm25s (baseline)"] = run_baseline(articles, questions)
    engines = ("tantivy", "whoosh") if args.engine == "both" else (args.engine,)
    validation = {name: cross_validate(articles, questions, name) for name in engines} if args.cross_validate else None
    if args.json:
        print(
            json.dumps(
                {
                    "questions": str(args.questions),
                    "count": len(questions),
                    "articles": len(articles),
                    "results": report,
                    "cross_validation": validation,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    print(f"{len(questions)} câu hỏi ({args.questions.name}), {len(articles)} điều luật")
    print(f"{'':22} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR@10':>7}")
    for name, scores in report.items():
        print(f"{name:22} {scores['R@1']:6.3f} {scores['R@5']:6.3f} {scores['R@10']:6.3f} {scores['MRR@10']:7.3f}")
    for name, folds in (validation or {}).items():
        for index, fold in enumerate(folds["folds"], 1):
            print(
                f"{name} fold {index}: weights {fold['weights']} → held-out MRR@10 {fold['MRR@10']:.3f}, "
                f"R@10 {fold['R@10']:.3f}"
            )
        print(f"{name} 2-fold held-out mean: MRR@10 {folds['MRR@10']:.3f}, R@10 {folds['R@10']:.3f}")


if __name__ == "__main__":
    main()
