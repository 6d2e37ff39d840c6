"""The default engine: tantivy (Rust, via the official Python bindings), for speed.

Text fields use a whitespace tokenizer over tokens we produce (index/analysis.py); display
fields travel as one stored JSON payload so a hit needs a single document fetch.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import tantivy
from tantivy import Occur, Query

from vanban.index.engine import FACET_FIELDS, Engine, RawHit, Record, decode
from vanban.index.query import Filters, ParsedQuery, Phrase, Word
from vanban.index.ranking import WEIGHTS, Match, strict_weight
from vanban.library.model import PUBLIC

_TEXT_FIELDS = ("exact", "folded", "bigram", "title")
_HEAP = 64_000_000


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    for name in ("doc_id", "doc_type", "issuer", "status", "access"):
        builder.add_text_field(name, stored=False, tokenizer_name="raw", fast=True)
    builder.add_integer_field("year", stored=False, indexed=True, fast=True)
    builder.add_integer_field("signed_on", stored=False, indexed=True, fast=True)
    builder.add_integer_field("ordinal", stored=False, indexed=True, fast=True)
    builder.add_bytes_field("payload", stored=True, indexed=False)
    for name in _TEXT_FIELDS:
        builder.add_text_field(name, stored=False, tokenizer_name="ws", index_option="position")
    return builder.build()


class TantivyEngine(Engine):
    name = "tantivy"

    def __init__(self, path: Path, index: tantivy.Index):
        super().__init__(path)
        self.index = index
        self.index.register_tokenizer("ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        self.schema = index.schema

    @classmethod
    def create(cls, path: Path) -> TantivyEngine:
        Path(path).mkdir(parents=True, exist_ok=True)
        return cls(path, tantivy.Index(_schema(), path=str(path)))

    @classmethod
    def open(cls, path: Path) -> TantivyEngine:
        return cls(path, tantivy.Index.open(str(path)))

    def add(self, records: Iterable[Record]) -> None:
        writer = self.index.writer(heap_size=_HEAP, num_threads=1)
        for record in records:
            writer.add_document(tantivy.Document(**record.fields()))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        writer = self.index.writer(heap_size=_HEAP, num_threads=1)
        for doc_id in doc_ids:
            writer.delete_documents_by_term("doc_id", doc_id)
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    # queries
    def _term(self, field: str, value: str, boost: float = 1.0) -> Query:
        query = Query.term_query(self.schema, field, value)
        return Query.boost_query(query, boost) if boost != 1.0 else query

    def _clause(self, clause: Word | Phrase, strict: bool = False) -> Query:
        """A word or phrase on the exact field, and unless `strict` on the folded field too. Matched
        as spelled, it weighs what it weighs on both fields (`ranking.strict_weight`), so bigrams and
        title words keep their tuned share of the score."""
        if isinstance(clause, Word):
            exact = self._term("exact", clause.exact, strict_weight(strict))
            loose = self._term("folded", clause.folded, WEIGHTS["folded"])
        else:
            exact = Query.boost_query(
                Query.phrase_query(self.schema, "exact", [w.exact for w in clause.words]), strict_weight(strict)
            )
            loose = Query.boost_query(
                Query.phrase_query(self.schema, "folded", [w.folded for w in clause.words]), WEIGHTS["folded"]
            )
        return Query.boolean_query([(Occur.Should, exact)] + ([] if strict else [(Occur.Should, loose)]))

    def _group(self, group: list[Word | Phrase], strict: bool) -> Query:
        return Query.boolean_query([(Occur.Should, self._clause(c, strict)) for c in group])

    def _query(self, query: ParsedQuery, mode: Match | str, filters: Filters) -> Query:
        """The content groups as the match requires them; function words, bigrams and title words
        only add to the score of what the content groups found."""
        match = Match.of(mode)
        content = [self._group(g, match.strict) for g in query.content_groups()]
        need = match.required(len(content))
        if need == len(content):
            core = Query.boolean_query([(Occur.Must, g) for g in content])
        else:
            core = Query.boolean_query([(Occur.Should, g) for g in content], minimum_number_should_match=need)
        rank = [(Occur.Should, self._group(g, match.strict)) for g in query.function_groups()]
        rank += [(Occur.Should, self._term("bigram", b, WEIGHTS["bigram"])) for b in query.bigrams]
        rank += [(Occur.Should, self._term("title", w.folded, WEIGHTS["title"])) for w in query.words()]
        text = Query.boolean_query([(Occur.Must, core)] + rank)
        clauses = [(Occur.Must, text)] if content else [(Occur.Must, Query.all_query())]
        clauses += [(Occur.MustNot, self._clause(c)) for c in query.excluded]
        clauses += [(Occur.Must, f) for f in self._filters(filters)]
        return Query.boolean_query(clauses)

    def _filters(self, filters: Filters) -> list[Query]:
        found = []
        for field, values in (
            ("doc_type", filters.doc_types),
            ("issuer", filters.issuers),
            ("doc_id", filters.doc_ids),
        ):
            if values:
                found.append(Query.boolean_query([(Occur.Should, self._term(field, v)) for v in values]))
        if filters.year_from or filters.year_to:
            found.append(
                Query.range_query(
                    self.schema, "year", tantivy.FieldType.Integer, filters.year_from or 0, filters.year_to or 9999
                )
            )
        if filters.public_only:  # scores nothing: a visitor's ranking is a signed-in user's, less the nội bộ
            found.append(Query.const_score_query(self._term("access", PUBLIC), 0.0))
        return found

    def search(
        self, query: ParsedQuery, mode: Match | str, filters: Filters, limit: int, sort: str = "relevance"
    ) -> tuple[list[RawHit], int]:
        searcher = self.index.searcher()
        compiled = self._query(query, mode, filters)
        if sort == "date":
            result = searcher.search(compiled, limit, count=True, order_by_field="signed_on", order=tantivy.Order.Desc)
        else:
            result = searcher.search(compiled, limit, count=True)
        hits = [RawHit(float(score), decode(searcher.doc(address)["payload"][0])) for score, address in result.hits]
        return hits, result.count or 0

    def facets(self, query: ParsedQuery, mode: Match | str, filters: Filters) -> dict[str, dict[str, int]]:
        request = {name: {"terms": {"field": name, "size": 500}} for name in FACET_FIELDS}
        answer = self.index.searcher().aggregate(self._query(query, mode, filters), request)
        counts = {}
        for name in FACET_FIELDS:
            buckets = answer.get(name, {}).get("buckets", [])
            counts[name] = {
                str(int(b["key"])) if isinstance(b["key"], float) else str(b["key"]): b["doc_count"]
                for b in buckets
                if b["key"] not in ("", 0, 0.0)
            }
        return counts

    def entries_of(self, doc_id: str) -> list[dict]:
        searcher = self.index.searcher()
        query = self._term("doc_id", doc_id)
        result = searcher.search(query, 100_000, order_by_field="ordinal", order=tantivy.Order.Asc)
        return [decode(searcher.doc(address)["payload"][0]) for _score, address in result.hits]
