"""The closed vocabulary of a header and a signature block, and OCR words corrected to it.

What a header prints (the agency's name, Quốc hiệu and Tiêu ngữ, the địa danh, the tên loại) and what
a signature block prints (TM./KT., the signer's chức vụ) come from a small, closed set of names.
Tesseract drops or swaps the marks of capitals there ("LÂM ĐÓNG", "TRUYN THÔNG", "ĐIÊU TRA"), and a
lost mark in an issuer's name makes the record wrong where it matters most.  A run of recognised
words is replaced by a vocabulary entry when the two are the same after folding diacritics, or
differ by a letter or two in a long name; ties between entries change nothing.  A word whose
spelling differs only in where the tone mark sits ("TUÝ" / "TÚY") is left as printed.

The entries are data: `data/header_vocabulary.yaml` (provinces, ministries and sở, signer titles,
each group with its source), plus what vanban already knows — the document types
(`doctypes.ALL_TYPE_NAMES`), the Quốc hiệu (`nd30.NATIONAL_NAME`) and the agencies renamed in 2025
(`succession.entries()`, old and new names).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

import yaml

from vanban.library.doctypes import ALL_TYPE_NAMES
from vanban.library.nd30 import NATIONAL_NAME
from vanban.library.succession import entries as succession_entries
from vanban.library.vietnamese import fold, nfc

DATA_NAME = "header_vocabulary.yaml"
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
#: A token: its leading marks, its word, its trailing marks ("(Đồng," → "(", "Đồng", ",").
_TOKEN = re.compile(r"^(\W*)(.*?)(\W*)$")


@functools.cache
def vocabulary() -> tuple[tuple[str, ...], ...]:
    """Every entry as its words, longest entries first."""
    resource = resources.files("vanban.library").joinpath("data", DATA_NAME)
    groups = yaml.safe_load(resource.read_text(encoding="utf-8"))
    names = [entry for group in groups.values() for entry in group["entries"]]
    names += [*ALL_TYPE_NAMES, NATIONAL_NAME]
    names += [name for e in succession_entries() if e.kind == "co_quan" for name in (e.name, e.successor)]
    phrases = {tuple(nfc(name).split()) for name in names}
    return tuple(sorted(phrases, key=len, reverse=True))


@functools.cache
def _by_size() -> dict[int, list[tuple[tuple[str, ...], str, int]]]:
    """The entries by number of words, each with its folded key and the edits it allows."""
    sizes: dict[int, list[tuple[tuple[str, ...], str, int]]] = {}
    for entry in vocabulary():
        target = " ".join(_key(w) for w in entry)
        limit = _allowed(len(target.replace(" ", "")))
        if limit >= 0:
            sizes.setdefault(len(entry), []).append((entry, target, limit))
    return sizes


def _key(word: str) -> str:
    return re.sub(r"[^\w]", "", fold(word).lower())


def _tone_apart(word: str) -> tuple[str, str]:
    """The word without its tone mark, and the mark: "tuý" and "túy" are one spelling."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(ch for ch in decomposed if ch in _TONES)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES)), tones


def _allowed(length: int) -> int:
    """Edits allowed between a folded window and an entry of `length` letters: none on a short
    name ("hội đồng" is one letter from "hợp đồng"), one on a name of a few words, two on a long one."""
    if length < 4:
        return -1
    return 0 if length < 10 else 1 if length < 18 else 2


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or `limit` + 1 as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@dataclass
class _Token:
    line: int
    position: int
    lead: str
    word: str
    trail: str


def _in_case_of(model: str, word: str) -> str:
    """`word` in the case `model` was printed in: capitals, a capital first, or as the entry has it."""
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word.lower() if model.islower() else word


def correct(lines: list[str]) -> list[str]:
    """`lines` (a header, or a signature block) with the runs of words that match a vocabulary
    entry spelled as the entry does; a run may go on from one line to the next (an agency name
    printed on two lines), each word staying on its line."""
    tokens: list[_Token] = []
    split = [line.split(" ") for line in lines]
    for number, words in enumerate(split):
        for position, text in enumerate(words):
            lead, word, trail = _TOKEN.match(text).groups()
            if word:
                tokens.append(_Token(number, position, lead, word, trail))
    claimed: set[int] = set()
    for size, candidates in sorted(_by_size().items(), reverse=True):
        found = []
        for start in range(len(tokens) - size + 1):
            text = " ".join(_key(t.word) for t in tokens[start : start + size])
            best: list[tuple[int, tuple[str, ...]]] = []
            for entry, target, limit in candidates:
                distance = _distance(text, target, limit)
                if distance <= limit:
                    best.append((distance, entry))
            if best:
                least = min(d for d, _ in best)
                spellings = {tuple(_tone_apart(w) for w in e) for d, e in best if d == least}
                if len(spellings) == 1:
                    found.append((least, start, next(e for d, e in best if d == least)))
        for _, start, entry in sorted(found):
            span = range(start, start + size)
            if claimed.intersection(span):
                continue
            claimed.update(span)
            for token, word in zip((tokens[i] for i in span), entry, strict=True):
                if _tone_apart(token.word) != _tone_apart(word):
                    token.word = _in_case_of(token.word, word)
    for token in tokens:
        split[token.line][token.position] = f"{token.lead}{token.word}{token.trail}"
    return [" ".join(words) for words in split]
