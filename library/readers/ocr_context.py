"""Marks of running text put right from context, after OCR: "thẫm định" → "thẩm định", "tô chức" →
"tổ chức", "Quý H" → "Quý II".

Tesseract's Vietnamese model often reads the right letters with the wrong mark (ẫ/ẩ, ô/ổ, ễ/ể,
ă/â): the word is then still a Vietnamese syllable, so no spelling rule can see the slip, and the
header vocabulary (`ocr_vocabulary`) deliberately stops at the header.  Its neighbours can see it:
"tô chức" never occurs in administrative text, "tổ chức" hundreds of times.  The evidence is the
syllable-pair counts in `data/ocr_bigrams.json` (built by scripts/make_ocr_bigrams.py from the
shipped corpus, the examples and, where present, NĐ 30 and the Luật BVMT).  A syllable is changed
only when the counts leave no doubt: the form read occurs nowhere in those texts (so "ban", "qua",
"chi", "kỷ" — words in their own right — are never touched), one other marking of the same letters,
one typical Tesseract slip away, occurs beside its neighbours at least `MIN_EVIDENCE` times, and no
third marking comes close.  Names (Title Case inside a sentence), words in capitals, quoted text and anything touching
a digit are never changed: a name or a quotation may spell what the corpus never saw.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from vanban.library.vietnamese import fold, roman

DATA_NAME = "ocr_bigrams.json"
#: The pair count the right marking needs beside the word's neighbours (left and right together).
MIN_EVIDENCE = 3
#: ... and how many times the next-best marking it must outnumber.
DOMINANCE = 4
_HOOK, _TILDE = "\u0309", "\u0303"
#: A syllable: letters only, not glued to a digit or to another word by an apostrophe or hyphen.
_SYLLABLE = re.compile(r"(?<![\w'’-])[^\W\d_]+(?![\w'’-])")
_QUOTED = re.compile(r"[“«\"][^”»\"]*(?:[”»\"]|$)")
_SENTENCE_END = re.compile(r"(?:^\W*|[.:;!?…]\s*)$")
#: "Quý H", "Giai đoạn HI", "Chương l": a Roman numeral whose I's Tesseract read as an H, an l or a bar.
_ROMAN_AFTER = re.compile(
    r"\b(?P<word>[Qq]u[ýÝ]|QUÝ|[Gg]iai đoạn|GIAI ĐOẠN|[Pp]hần|PHẦN|[Mm]ục|MỤC|[Cc]hương|CHƯƠNG)"
    r"(?P<space>\s+)(?P<numeral>[IVXHl|]{1,5})(?![\w])"
)
_NUMERALS = frozenset(roman(n) for n in range(1, 40))


@dataclass(frozen=True)
class Bigrams:
    """Pair counts, and every marking the counts know for a folded syllable."""

    pairs: dict[str, int]
    markings: dict[str, frozenset[str]]

    def count(self, left: str, right: str) -> int:
        return self.pairs.get(f"{left} {right}", 0)


@functools.cache
def bigrams() -> Bigrams:
    """The shipped pair counts, read once."""
    resource = resources.files("vanban.library").joinpath("data", DATA_NAME)
    return from_pairs(json.loads(resource.read_text(encoding="utf-8"))["pairs"])


def from_pairs(pairs: dict[str, int]) -> Bigrams:
    markings: dict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        for syllable in pair.split(" "):
            markings[fold(syllable)].add(syllable)
    return Bigrams(pairs, {key: frozenset(forms) for key, forms in markings.items()})


def repair_marks(lines: list[str], model: Bigrams | None = None) -> tuple[list[str], int]:
    """The page's lines with misread marks and Roman numerals put right, and how many words changed."""
    model = model or bigrams()
    out, changed = [], 0
    for line in lines:
        fixed, count = _repair_line(line, model)
        numerals, roman_count = repair_roman_numerals(fixed)
        out.append(numerals)
        changed += count + roman_count
    return out, changed


def repair_roman_numerals(line: str) -> tuple[str, int]:
    """ "Quý H" → "Quý II", "Giai đoạn HI" → "Giai đoạn III", "Chương l" → "Chương I": only after a
    word that numbers with Roman numerals, only I/V/X shapes, only when the result is a numeral."""
    count = 0

    def repair(match: re.Match) -> str:
        nonlocal count
        numeral = match["numeral"]
        fixed = numeral.replace("H", "II").translate(str.maketrans("l|", "II"))
        if fixed == numeral or fixed not in _NUMERALS:
            return match.group(0)
        count += 1
        return f"{match['word']}{match['space']}{fixed}"

    return _ROMAN_AFTER.sub(repair, line), count


def _repair_line(line: str, model: Bigrams) -> tuple[str, int]:
    quoted = [m.span() for m in _QUOTED.finditer(line)]
    words = list(_SYLLABLE.finditer(line))
    pieces, end, count = [], 0, 0
    for i, word in enumerate(words):
        left = words[i - 1].group(0).lower() if i and _adjacent(line, words[i - 1], word) else None
        right = words[i + 1].group(0).lower() if i + 1 < len(words) and _adjacent(line, word, words[i + 1]) else None
        repaired = None
        if _may_change(line, word, quoted):
            repaired = best_marking(word.group(0).lower(), left, right, model)
        if repaired:
            pieces += [line[end : word.start()], _same_case(repaired, word.group(0))]
            end = word.end()
            count += 1
    return "".join([*pieces, line[end:]]), count


def best_marking(word: str, left: str | None, right: str | None, model: Bigrams) -> str | None:
    """The marking of `word` (lower case) its neighbours prove, or None to leave it."""
    if left is None and right is None:
        return None

    def evidence(form: str) -> int:
        return (model.count(left, form) if left else 0) + (model.count(form, right) if right else 0)

    forms = model.markings.get(fold(word), frozenset())
    if word in forms:  # a syllable the texts use ("ban", "qua", "kỷ"): may well be what was printed
        return None
    scored = sorted(
        ((evidence(form), form) for form in forms if _close(form, word)),
        reverse=True,
    )
    if not scored or scored[0][0] < MIN_EVIDENCE:
        return None
    runner_up = scored[1][0] if len(scored) > 1 else 0
    return scored[0][1] if scored[0][0] >= DOMINANCE * runner_up else None


def _close(form: str, word: str) -> bool:
    """One letter apart by a slip Tesseract makes on Vietnamese print: hỏi and ngã swapped (ẫ/ẩ, ễ/ể),
    a hỏi or ngã lost or added on its vowel (ô/ổ), or breve and circumflex swapped (ă/â).  Other
    changes (sắc/nặng, o/ơ, d/đ) make another common word as often as they mend one."""
    diffs = [(a, b) for a, b in zip(form, word, strict=True) if a != b] if len(form) == len(word) else []
    return len(diffs) == 1 and _confusable(*diffs[0])


def _confusable(a: str, b: str) -> bool:
    base_a, tone_a = _split(a)
    base_b, tone_b = _split(b)
    if base_a == base_b:
        return {tone_a, tone_b} <= {"", _HOOK, _TILDE}
    return tone_a == tone_b and {base_a, base_b} in ({"ă", "â"}, {"Ă", "Â"})


def _split(letter: str) -> tuple[str, str]:
    """A vowel's letter (with its hat, breve or horn) and its tone mark: "ẩ" → ("â", hỏi)."""
    marks = unicodedata.normalize("NFD", letter)
    tone = "".join(ch for ch in marks if ch in "\u0300\u0301\u0303\u0309\u0323")
    base = "".join(ch for ch in marks if ch not in tone)
    return unicodedata.normalize("NFC", base), tone


def _adjacent(line: str, first: re.Match, second: re.Match) -> bool:
    return not line[first.end() : second.start()].strip()


def _may_change(line: str, word: re.Match, quoted: list[tuple[int, int]]) -> bool:
    text = word.group(0)
    if len(text) < 2 or any(start <= word.start() < stop for start, stop in quoted):
        return False
    if text.isupper():
        return False
    if text[0].isupper():  # a name inside a sentence; the first word of a sentence may be fixed
        return bool(_SENTENCE_END.search(line[: word.start()]))
    return text.islower()


def _same_case(repaired: str, original: str) -> str:
    return repaired[0].upper() + repaired[1:] if original[0].isupper() else repaired
