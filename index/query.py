"""What a user types → an engine-neutral query: words, "phrases", OR, NOT / -word, and filters.

Words are matched per syllable. A query typed with any diacritic is `toned`: its words are meant as
spelled ("hoa" is not "hóa"), and the engines match them on the exact field; a query without any
matches the folded field, so "san xuat sach hon" finds "sản xuất sạch hơn". Function words
("của", "là"…) form groups of their own that rank but never make a hit (`content_groups`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vanban.index.analysis import bigrams, folded, is_function_word, is_toned, strip_boilerplate, syllables

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class Word:
    exact: str
    folded: str


@dataclass(frozen=True)
class Phrase:
    words: tuple[Word, ...]


Clause = Word | Phrase


@dataclass
class ParsedQuery:
    """AND of `groups` (each group an OR of clauses); `excluded` must not match; `bigrams` rank;
    `toned` when the user typed any diacritic."""

    groups: list[list[Clause]] = field(default_factory=list)
    excluded: list[Clause] = field(default_factory=list)
    bigrams: list[str] = field(default_factory=list)
    toned: bool = False

    @property
    def empty(self) -> bool:
        return not self.groups

    def _is_function(self, group: list[Clause]) -> bool:
        if len(group) != 1 or not isinstance(group[0], Word):
            return False
        return is_function_word(group[0].exact if self.toned else group[0].folded, self.toned)

    def content_groups(self) -> list[list[Clause]]:
        """The groups that carry meaning: all of them when the query is nothing but function words."""
        content = [g for g in self.groups if not self._is_function(g)]
        return content or list(self.groups)

    def function_groups(self) -> list[list[Clause]]:
        """The rest: they add to a hit's score, never make one."""
        if all(self._is_function(g) for g in self.groups):
            return []
        return [g for g in self.groups if self._is_function(g)]

    def words(self) -> list[Word]:
        """Every positive word, for highlighting."""
        found = []
        for group in self.groups:
            for clause in group:
                found.extend(clause.words if isinstance(clause, Phrase) else [clause])
        return found


@dataclass
class Filters:
    doc_types: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    doc_ids: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # what a user asked for that no document has
    #: Only công khai documents (a visitor not signed in): a condition of the engine's query itself,
    #: so totals and facet counts never include a nội bộ section.
    public_only: bool = False

    @property
    def empty(self) -> bool:
        return not (
            self.doc_types or self.issuers or self.year_from or self.year_to or self.doc_ids or self.public_only
        )


def _words(text: str) -> list[Word]:
    exact = syllables(text)
    return [Word(e, f) for e, f in zip(exact, folded(exact), strict=True)]


def parse_query(text: str) -> ParsedQuery:
    query = ParsedQuery()
    pending_or = False
    negate_next = False
    run: list[Word] = []

    def flush_run() -> None:
        query.bigrams.extend(bigrams([w.folded for w in run]))
        run.clear()

    for match in _TOKEN.finditer(strip_boilerplate(text)):
        quoted, bare = match.group(1), match.group(2)
        if bare == "OR":
            pending_or = bool(query.groups)
            continue
        if bare == "NOT":
            negate_next = True
            continue
        dashed = bare is not None and bare.startswith("-") and len(bare) > 1
        negative = negate_next or dashed
        negate_next = False
        source = quoted if quoted is not None else (bare[1:] if dashed else bare)
        words = _words(source)
        if not words:
            continue
        clauses: list[Clause] = [Phrase(tuple(words))] if quoted is not None and len(words) > 1 else words
        if negative:
            query.excluded.extend(clauses)
            flush_run()
            continue
        if quoted is not None:
            flush_run()
        else:
            run.extend(words)
        first, *rest = clauses
        if pending_or:
            query.groups[-1].append(first)
        else:
            query.groups.append([first])
        query.groups.extend([c] for c in rest)
        pending_or = False
    flush_run()
    query.toned = any(is_toned(w.exact) for w in [*query.words(), *_excluded_words(query)])
    return query


def _excluded_words(query: ParsedQuery) -> list[Word]:
    return [w for c in query.excluded for w in (c.words if isinstance(c, Phrase) else [c])]
