"""The pure-Python engine (Whoosh, the design card's), for machines without a tantivy wheel.

Uses only the classic Whoosh 2.7 API, so it runs on whoosh3 (what we install, see the README)
and on the older forks alike. Same tokens, same boolean structure as the tantivy engine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import sorting
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from vanban.index.engine import FACET_FIELDS, Engine, RawHit, Record, decode
from vanban.index.query import Filters, ParsedQuery, Phrase, Word
from vanban.index.ranking import WEIGHTS, Match, strict_weight
from vanban.library.model import PUBLIC


def _schema() -> Schema:
    words = SpaceSeparatedTokenizer()
    return Schema(
        key=ID(stored=True, unique=True),
        doc_id=ID,
        doc_type=ID(sortable=True),
        issuer=ID(sortable=True),
        status=ID,
        access=ID,
        year=NUMERIC(int, bits=32, sortable=True),
        signed_on=NUMERIC(int, bits=32, sortable=True),
        ordinal=NUMERIC(int, bits=32, sortable=True),
        payload=STORED,
        exact=TEXT(analyzer=words, phrase=True),
        folded=TEXT(analyzer=words, phrase=True),
        bigram=TEXT(analyzer=words, phrase=False),
        title=TEXT(analyzer=words, phrase=False),
    )


class WhooshEngine(Engine):
    name = "whoosh"

    def __init__(self, path: Path, index):
        super().__init__(path)
        self.index = index

    @classmethod
    def create(cls, path: Path) -> WhooshEngine:
        Path(path).mkdir(parents=True, exist_ok=True)
        return cls(path, whoosh_index.create_in(str(path), _schema()))

    @classmethod
    def open(cls, path: Path) -> WhooshEngine:
        return cls(path, whoosh_index.open_dir(str(path)))

    def add(self, records: Iterable[Record]) -> None:
        writer = self.index.writer(limitmb=256)
        for record in records:
            fields = record.fields()
            fields["payload"] = fields["payload"].decode("utf-8")  # Whoosh stores text, not bytes
            writer.add_document(**fields)
        writer.commit()

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        writer = self.index.writer()
        for doc_id in doc_ids:
            writer.delete_by_term("doc_id", doc_id)
        writer.commit()

    def _clause(self, clause: Word | Phrase, strict: bool = False):
        """A word or phrase on the exact field, and unless `strict` on the folded field too. Matched
        as spelled, it weighs what it weighs on both fields (`ranking.strict_weight`), so bigrams and
        title words keep their tuned share of the score."""
        if isinstance(clause, Word):
            exact = wq.Term("exact", clause.exact, boost=strict_weight(strict))
            loose = wq.Term("folded", clause.folded, boost=WEIGHTS["folded"])
        else:
            exact = wq.Phrase("exact", [w.exact for w in clause.words], boost=strict_weight(strict))
            loose = wq.Phrase("folded", [w.folded for w in clause.words], boost=WEIGHTS["folded"])
        return wq.Or([exact] if strict else [exact, loose])

    def _group(self, group: list[Word | Phrase], strict: bool):
        return wq.Or([self._clause(c, strict) for c in group])

    def _query(self, searcher, query: ParsedQuery, mode: Match | str, filters: Filters):
        """The query that scores — every group, bigram and title word, as one OR — with filters as
        zero-score conditions and exclusions, all in one query so that the match count Whoosh
        reports is exact; and the documents that match enough content groups, to pass as the
        search's filter. (Whoosh's `minmatch` is not implemented, and `AndMaybe` attaches the
        optional part's score to the wrong documents, so requiring is done by filter.)"""
        match = Match.of(mode)
        content = [self._group(g, match.strict) for g in query.content_groups()]
        rank = [self._group(g, match.strict) for g in query.function_groups()]
        rank += [wq.Term("bigram", b, boost=WEIGHTS["bigram"]) for b in query.bigrams]
        rank += [wq.Term("title", w.folded, boost=WEIGHTS["title"]) for w in query.words()]
        allowed = None
        if not content:
            text = wq.Every()
        else:
            text = wq.Or(content + rank)
            need = match.required(len(content))
            if need > 1 or match.strict or query.function_groups():
                allowed = _matching_at_least(searcher, content, need)
                text = text if allowed else wq.NullQuery  # an empty filter would filter nothing
        conditions = self._filters(filters)
        if conditions:
            text = wq.And([text, *(wq.ConstantScoreQuery(c, 0.0) for c in conditions)])
        if query.excluded:
            text = wq.AndNot(text, wq.Or([self._clause(c) for c in query.excluded]))
        return text, allowed

    def _filters(self, filters: Filters) -> list:
        parts = []
        for field, values in (
            ("doc_type", filters.doc_types),
            ("issuer", filters.issuers),
            ("doc_id", filters.doc_ids),
        ):
            if values:
                parts.append(wq.Or([wq.Term(field, v) for v in values]))
        if filters.year_from or filters.year_to:
            parts.append(wq.NumericRange("year", filters.year_from or 0, filters.year_to or 9999))
        if filters.public_only:
            parts.append(wq.Term("access", PUBLIC))
        return parts

    def search(
        self, query: ParsedQuery, mode: Match | str, filters: Filters, limit: int, sort: str = "relevance"
    ) -> tuple[list[RawHit], int]:
        with self.index.searcher() as searcher:
            compiled, allowed = self._query(searcher, query, mode, filters)
            options = {"limit": limit, "filter": allowed}
            if sort == "date":
                options.update(sortedby="signed_on", reverse=True)
            results = searcher.search(compiled, **options)
            hits = [RawHit(float(hit.score or 0.0), decode(hit["payload"])) for hit in results]
            total = len(hits)
            if total >= limit:  # Whoosh's len() after a limited search can be off; count without scoring
                total = len(searcher.search(compiled, limit=None, scored=False, filter=allowed))
            return hits, total

    def facets(self, query: ParsedQuery, mode: Match | str, filters: Filters) -> dict[str, dict[str, int]]:
        with self.index.searcher() as searcher:
            grouped = {name: sorting.FieldFacet(name, maptype=sorting.Count) for name in FACET_FIELDS}
            compiled, allowed = self._query(searcher, query, mode, filters)
            results = searcher.search(compiled, limit=1, groupedby=grouped, filter=allowed)
            return {
                name: {str(k): v for k, v in results.groups(name).items() if k not in ("", 0, None)}
                for name in FACET_FIELDS
            }

    def entries_of(self, doc_id: str) -> list[dict]:
        with self.index.searcher() as searcher:
            results = searcher.search(wq.Term("doc_id", doc_id), limit=None, sortedby="ordinal")
            return [decode(hit["payload"]) for hit in results]

    def close(self) -> None:
        self.index.close()


def _matching_at_least(searcher, groups: list, need: int) -> set[int]:
    """The documents matching at least `need` of `groups`: for all of them Whoosh's own intersection,
    else one pass over each group's postings. (Without this filter — any one word, spelled loosely,
    no function words — every hit of the scoring OR already holds a content word: bigrams and
    title words are folded syllables of the text.)"""
    if need == len(groups):
        return set(searcher.docs_for_query(wq.And(groups)))
    counts: Counter[int] = Counter()
    for group in groups:
        counts.update(set(searcher.docs_for_query(group)))
    return {doc for doc, count in counts.items() if count >= need}
