"""The small interface both search engines implement, and what they store per entry.

An engine indexes `Record`s (an entry plus its analysed fields) and answers a `ParsedQuery` with
filters under a `Match` (how many content words, which spelling), sorted by relevance or date,
weighting fields as index/ranking.py says. Everything above this interface — citations, pinning,
snippets, related documents — is engine-independent.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from vanban.index.analysis import analyse, folded, syllables
from vanban.index.entries import Entry
from vanban.index.query import Filters, ParsedQuery
from vanban.index.ranking import Match
from vanban.index.section_path import SectionPath

FACET_FIELDS = ("doc_type", "issuer", "year")


@dataclass(frozen=True)
class Record:
    """An entry as indexed: `key` is unique ("<doc_id>#<ordinal>"), `ordinal` its reading order."""

    key: str
    ordinal: int
    entry: Entry

    @classmethod
    def of(cls, entry: Entry, ordinal: int) -> Record:
        return cls(f"{entry.doc_id}#{ordinal}", ordinal, entry)

    def analysed(self) -> dict[str, str]:
        fields = analyse(f"{self.entry.heading} {self.entry.text}")
        fields["title"] = " ".join(folded(syllables(self.entry.heading)))
        return fields

    def payload(self) -> bytes:
        """The entry's display fields as JSON; the section path as its list of labels, so that it
        comes back exactly (`decode`) whatever characters a label holds."""
        fields = {"key": self.key, "ordinal": self.ordinal, **asdict(self.entry), "path": list(self.entry.path.labels)}
        return json.dumps(fields, ensure_ascii=False).encode("utf-8")

    def fields(self) -> dict[str, object]:
        """Everything an engine stores for this entry: filter fields, the four text fields, the payload."""
        entry = self.entry
        return {
            "key": self.key,
            "doc_id": entry.doc_id,
            "doc_type": entry.doc_type,
            "issuer": entry.issuer,
            "status": entry.status,
            "access": entry.access,
            "year": entry.year or 0,
            "signed_on": self.date_number,
            "ordinal": self.ordinal,
            "payload": self.payload(),
            **self.analysed(),
        }

    @property
    def date_number(self) -> int:
        """yyyymmdd as an integer for date sorting; 0 when the date is unknown."""
        return int(self.entry.signed_on.replace("-", "")) if self.entry.signed_on else 0


@dataclass
class RawHit:
    score: float
    stored: dict


class Engine(ABC):
    name: str

    def __init__(self, path: Path):
        self.path = Path(path)

    @classmethod
    @abstractmethod
    def create(cls, path: Path) -> Engine:
        """A new, empty index in `path` (an empty folder)."""

    @classmethod
    @abstractmethod
    def open(cls, path: Path) -> Engine: ...

    @abstractmethod
    def add(self, records: Iterable[Record]) -> None:
        """Add and commit."""

    @abstractmethod
    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        """Remove every entry of these documents and commit."""

    @abstractmethod
    def search(
        self, query: ParsedQuery, mode: Match | str, filters: Filters, limit: int, sort: str = "relevance"
    ) -> tuple[list[RawHit], int]:
        """Top `limit` hits and the total number of matches; `mode` is a `Match` ("and"/"or" are read
        as one)."""

    @abstractmethod
    def facets(self, query: ParsedQuery, mode: Match | str, filters: Filters) -> dict[str, dict[str, int]]:
        """Counts by doc_type, issuer and year over all matches."""

    @abstractmethod
    def entries_of(self, doc_id: str) -> list[dict]:
        """Stored entries of one document in reading order (for a search by số hiệu)."""

    def close(self) -> None:  # noqa: B027 - engines without resources to release need nothing here
        """Release what the engine holds open."""


def decode(payload: bytes | str) -> dict:
    """A stored payload (`Record.payload`) as a dict, its section path a `SectionPath` again."""
    stored = json.loads(payload if isinstance(payload, str) else payload.decode("utf-8"))
    stored["path"] = SectionPath.of(stored["path"])
    return stored
