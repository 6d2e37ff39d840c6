"""The ranking policy, in one place: both engines and the search path read it from here.

- Field weights: how much a match in each indexed field counts.
- Tones: a query typed with any diacritic means its words as spelled ("viết hoa" is not "hóa"):
  they match on the exact field, and the folded field is a fallback the notes announce. A query
  typed without diacritics matches folded text; the exact field still adds to the score.
- AND, then most of the words: up to `AND_WORDS` content words must all match; a longer query — a
  question typed as a sentence — ranks by any word from the start. An AND that finds nothing falls
  back to the sections sharing most of the content words (at least `PARTIAL_SHARE` of them), those
  sharing more first. Function words ("của", "là") rank but never count, nor make a hit alone.
  Whatever gives way, the user is told, in the result's notes.
- Citation pinning: a document (and maybe a Điều, khoản, điểm) named in the query comes first, in
  reading order, ahead of whatever the words found.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from vanban.index.section_path import SectionPath

#: Relevance weights, tuned on ALQAC train.json only (bench/search_quality.py).
WEIGHTS = {"exact": 1.0, "folded": 1.0, "title": 1.0, "bigram": 1.2}

#: The longest query (in content words) whose words must all match; longer ones rank by any word.
AND_WORDS = 6

#: The share of a query's content words a section must hold when none holds them all.
PARTIAL_SHARE = 2 / 3


def strict_weight(strict: bool) -> float:
    """The exact field's weight: a word matched as spelled alone counts for both text fields."""
    return WEIGHTS["exact"] + (WEIGHTS["folded"] if strict else 0.0)


TONE_NOTE = "Không có mục nào khớp đúng dấu như câu tìm; đang hiện các mục khớp khi bỏ qua dấu."


@dataclass(frozen=True)
class Match:
    """What an engine requires of a hit: `need` of the query's content groups (None: all — AND),
    matched on the exact field alone when `strict` (a query typed with diacritics), else on either."""

    need: int | None = None
    strict: bool = False

    @classmethod
    def of(cls, mode: str | Match) -> Match:
        """ "and" / "or" as a Match, for callers that still speak in modes (bench/search_speed.py)."""
        if isinstance(mode, Match):
            return mode
        return cls(None if mode == "and" else 1)

    def required(self, content_count: int) -> int:
        """How many of `content_count` groups a hit must match."""
        return content_count if self.need is None else min(self.need, content_count)


@dataclass(frozen=True)
class Attempt:
    """One way of matching, tried when those before it found nothing: its tiers (each a `Match`)
    are merged in order, so sections sharing more words come before sections sharing fewer."""

    tiers: tuple[Match, ...]
    partial: bool = False


def starting_mode(requested: str, word_count: int) -> str:
    """The mode a search starts in: what the user asked for, or for "auto" AND unless the query is long."""
    if requested in ("and", "or"):
        return requested
    return "and" if word_count <= AND_WORDS else "or"


def long_query_note(requested: str, word_count: int) -> str | None:
    """Why an "auto" search ranks by any word from the start, when it does."""
    if requested == "auto" and word_count > AND_WORDS:
        return f"Câu tìm dài ({word_count} từ): xếp theo mức liên quan, không bắt buộc có đủ mọi từ."
    return None


def partial_minimum(content_count: int) -> int:
    """The fewest content words a fallback hit shares: two thirds, rounded up, and never all of them
    (that was the AND) — so a two-word query falls back to either word."""
    return max(1, min(content_count - 1, math.ceil(PARTIAL_SHARE * content_count)))


def attempts(mode: str, content_count: int, toned: bool) -> list[Attempt]:
    """The matchings to try in turn until one finds something: as typed (exact spelling when the
    query has diacritics), then folded; for AND, all content words, then most of them."""
    spellings = (True, False) if toned else (False,)
    if mode == "or":
        return [Attempt((Match(1, strict),)) for strict in spellings]
    found = [Attempt((Match(None, strict),)) for strict in spellings]
    if content_count > 1:
        needs = range(content_count - 1, partial_minimum(content_count) - 1, -1)
        found += [Attempt(tuple(Match(n, strict) for n in needs), partial=True) for strict in spellings]
    return found


def nothing_note(mode: str, content_count: int) -> str | None:
    """What to try when even most of the words found nothing: fewer words, or any of them."""
    if mode != "and" or content_count < 2:
        return None
    return f"Không có mục nào chứa ít nhất {partial_minimum(content_count)}/{content_count} từ của câu tìm; hãy bớt từ."


def fallback_notes(attempt: Attempt, shown: list[int], content_count: int, toned: bool) -> list[str]:
    """What the user is told when a search gave way: the spelling, and how many words the hits share."""
    notes = []
    if toned and not attempt.tiers[0].strict:
        notes.append(TONE_NOTE)
    if attempt.partial and shown:
        shares = ", rồi ".join(f"{n}/{content_count}" for n in shown)
        notes.append(
            f"Không có mục nào chứa đủ {content_count} từ của câu tìm; đang hiện các mục khớp {shares} từ "
            "(không tính các từ như «của», «là», «được»)."
        )
    return notes


@dataclass(frozen=True)
class CitedPart:
    """A document named in a query, and the part of it cited (Điều/khoản/điểm labels), if any.

    `doc_id` is empty when the query cites a Điều without naming a document found in the library."""

    doc_id: str
    labels: tuple[str, ...] = ()


class Located(Protocol):
    """Anything placed at a section of a document, as hits are."""

    doc_id: str
    section: SectionPath


Placed = TypeVar("Placed", bound=Located)


def cited_entries(entries: list[dict], part: CitedPart) -> list[dict]:
    """The entries of a document a citation pins: those within the cited part; the whole document
    when the part is not there (or none was cited), nothing when no document was named."""
    within = [e for e in entries if e["path"].within(part.labels)]
    return within or (entries if part.doc_id else [])


def pin_cited(found: Sequence[Placed], pinned: Sequence[Placed], cited: Sequence[CitedPart]) -> list[Placed]:
    """The pinned entries first, then the rest of what the words found, each section once.

    When only whole documents are cited and the words found sections of them, those sections
    replace the whole documents ("kế hoạch 484 tuyên truyền" → the plan's sections on tuyên truyền)."""
    cited_docs = {part.doc_id for part in cited}
    in_cited = [hit for hit in found if hit.doc_id in cited_docs]
    first = in_cited if in_cited and not any(part.labels for part in cited) else list(pinned)
    seen = {(hit.doc_id, hit.section) for hit in first}
    return first + [hit for hit in found if (hit.doc_id, hit.section) not in seen]
