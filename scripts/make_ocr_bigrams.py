"""Writes library/data/ocr_bigrams.json: how often each pair of adjacent syllables occurs in text the
project already has, so OCR's misread marks in running text ("thẫm định", "tô chức") can be put
right from context (library/readers/ocr_context.py) without a language model at run time.

Usage: python scripts/make_ocr_bigrams.py [--shared DIR | --no-shared] [--min-count 2]

Sources: the shipped corpus (library/corpus/: the records' texts and the KH 484 task table) and the
examples (examples/: drafts, handouts, report), always; and, when the shared folder is there
(default ../shared next to the repository), the full texts of NĐ 30/2020/NĐ-CP and the Luật Bảo vệ
môi trường 2020, read where they lie (only the pair counts are stored, never the texts).  Pairs are
lower case, two syllables with only spaces between them (a comma or a full stop breaks a pair), and
only pairs seen `--min-count` times or more are kept.  Rerun when the corpus grows.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "library" / "data" / "ocr_bigrams.json"
SHARED_TEXTS = (
    "corpus/nd-30-2020-ND-CP_noi-dung.txt",
    "corpus/nd-30-2020-ND-CP_phu-luc-I.txt",
    "corpus/nd-30-2020-ND-CP_phu-luc-II.txt",
    "corpus/nd-30-2020-ND-CP_phu-luc-III.txt",
    "corpus/luat-bvmt-2020_alqac2023-law-json.txt",
)
#: Syllables joined by spaces only; a syllable is a run of letters.
_RUN = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)*")


def pairs(text: str) -> Iterator[str]:
    """ "Tổ chức thực hiện, kinh phí" → "tổ chức", "chức thực", "thực hiện", "kinh phí"."""
    for run in _RUN.finditer(text):
        words = run.group(0).lower().split()
        yield from (f"{a} {b}" for a, b in zip(words, words[1:], strict=False))


def strings(value: object) -> Iterator[str]:
    """Every string inside parsed YAML or JSON (keys are field names, not text)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def text_of(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        return "\n".join(strings(yaml.safe_load(raw)))
    if path.suffix == ".txt" and "{" in raw and raw.rstrip().endswith("}"):  # a header, then a JSON object
        return "\n".join(strings(json.loads(raw[raw.index("{") :])))
    return raw


def sources(shared: Path | None) -> list[Path]:
    shipped = sorted((ROOT / "library" / "corpus").glob("*"))
    examples = sorted(p for p in (ROOT / "examples").rglob("*") if p.suffix in (".yaml", ".md"))
    extra = [shared / name for name in SHARED_TEXTS if shared and (shared / name).exists()]
    return [*shipped, *examples, *extra]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-shared", action="store_true", help="the shipped corpus and examples only")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    files = sources(None if args.no_shared else args.shared)
    counts = Counter(pair for path in files for pair in pairs(text_of(path)))
    kept = {pair: n for pair, n in sorted(counts.items()) if n >= args.min_count}
    names = [str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else f"../shared/{p.name}" for p in files]
    data = {"sources": names, "min_count": args.min_count, "pairs": kept}
    args.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(kept)} pairs from {len(files)} files, {args.output.stat().st_size} bytes")


if __name__ == "__main__":
    main()
