"""Relation extraction against hand-written expectations: precision and recall per relation type.

    python bench/relations.py [--json]

Each case of `bench/fixtures/relations.yaml` is a sentence or a căn cứ line with the relations it
states (type, cited text, cited part). A found relation counts when type, text (compared without
case or diacritics) and part all match; a right text with the wrong type is a miss for the
expected type and a false find for the found one. Relations between two cited texts (a phrase in a
cited text's trích yếu, a passive "được … bởi") are facts about those texts, not the sentence's own,
and are left out of the count.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import yaml

from vanban.library.relations import KINDS, read_relations, target_name
from vanban.library.vietnamese import fold

FIXTURE = Path(__file__).parent / "fixtures" / "relations.yaml"


def _key(kind: str, target: str, part: str) -> tuple[str, str, str]:
    return kind, fold(target).replace(" ", ""), fold(part)


def _part(citation) -> str:
    words = [f"điểm {citation.point}" if citation.point else "", f"khoản {citation.clause}" if citation.clause else ""]
    return " ".join(filter(None, [*words, f"Điều {citation.article}" if citation.article else ""]))


def evaluate(cases: list[dict]) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    misses = []
    for case in cases:
        expected = Counter(_key(*item) for item in case["expected"])
        own = [f for f in read_relations(case["text"]) if f.actor is None]
        found = Counter(_key(f.kind, target_name(f.citation), _part(f.citation)) for f in own)
        for key in expected | found:
            hit = min(expected[key], found[key])
            tp[key[0]] += hit
            fp[key[0]] += found[key] - hit
            fn[key[0]] += expected[key] - hit
        if expected != found:
            misses.append({"text": case["text"], "expected": sorted(expected), "found": sorted(found)})
    rows = {}
    for kind in KINDS:
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else None
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else None
        rows[kind] = {"expected": tp[kind] + fn[kind], "found": tp[kind] + fp[kind], "precision": p, "recall": r}
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    rows["tất cả"] = {
        "expected": total_tp + total_fn,
        "found": total_tp + total_fp,
        "precision": total_tp / (total_tp + total_fp),
        "recall": total_tp / (total_tp + total_fn),
    }
    return {"cases": len(cases), "rows": rows, "misses": misses}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = evaluate(yaml.safe_load(FIXTURE.read_text(encoding="utf-8")))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"{result['cases']} câu / dòng căn cứ\n")
    print("| loại | cần tìm | tìm được | precision | recall |\n|---|---|---|---|---|")
    for kind, row in result["rows"].items():
        print(f"| {kind} | {row['expected']} | {row['found']} | {_pct(row['precision'])} | {_pct(row['recall'])} |")
    for miss in result["misses"]:
        print(f"\nSai: {miss['text']}\n  cần: {miss['expected']}\n  được: {miss['found']}")


if __name__ == "__main__":
    main()
