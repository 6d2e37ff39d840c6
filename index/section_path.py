"""Where an index entry sits in its document: the labels from the top down ("Chương II", "Điều 8",
"Khoản 1"), kept as labels.

The path is shown joined by " › ", but never taken apart again from that text: a label may itself
contain "›" (a heading quoted from another document), so the labels travel as a list in the index
and as a tuple here, and comparing parts of a path compares labels, not substrings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SEPARATOR = " › "


@dataclass(frozen=True)
class SectionPath:
    """The labels of a section and of every section above it, outermost first."""

    labels: tuple[str, ...]

    @classmethod
    def of(cls, labels: Iterable[str]) -> SectionPath:
        return cls(tuple(labels))

    def __str__(self) -> str:
        return SEPARATOR.join(self.labels)

    def within(self, part: Iterable[str]) -> bool:
        """True when every label of a cited part ("Điều 8", "Khoản 2") is one of this path's labels:
        "Chương II › Mục 1 › Điều 8 › Khoản 2 › Điểm a" is within Điều 8, khoản 2."""
        return all(label in self.labels for label in part)
