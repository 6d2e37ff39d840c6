"""The ranking policy, in one place: both engines and the search path read it from here.

- Field weights: how much a match in each indexed field counts.
- AND, then OR: up to `AND_WORDS` words must all match; a longer query — a question typed as a
  sentence — ranks by any word from the start, and an AND that finds nothing falls back to OR.
  Either way the user is told, in the result's notes.
- Citation pinning: a document (and maybe a Điều, khoản, điểm) named in the query comes first, in
  reading order, ahead of whatever the words found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from vanban.index.section_path import SectionPath

#: Relevance weights, tuned on ALQAC train.json only (bench/search_quality.py).
WEIGHTS = {"exact": 1.0, "folded": 1.0, "title": 1.0, "bigram": 1.2}

#: The longest query whose words must all match; longer ones rank by any word.
AND_WORDS = 6

FALLBACK_NOTE = "Không có mục nào chứa đủ mọi từ; đang hiện các mục chứa một phần các từ (OR)."


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


def falls_back_to_or(mode: str, total: int, group_count: int) -> bool:
    """An AND that found nothing is retried as OR, when there is more than one thing to match."""
    return total == 0 and mode == "and" and group_count > 1


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
