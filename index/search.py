"""Search as users mean it: citations first, then words; AND that gives way, and says so.

1. Citations in the query ("484/KH-UBND", "qd 889", "NQ 86/2018", "Điều 146 Luật Bảo vệ môi
   trường", "điểm a khoản 2 Điều 8 Nghị định 30") name a document — and maybe a Điều, khoản, điểm.
   That document's matching sections come first, in reading order.
2. The remaining words are searched as typed (with diacritics: the exact spelling), then, when that
   finds nothing, folded, then by most of their content words — each step named in the notes.

How much each field counts, what is tried in which order and how cited sections are pinned is the
ranking policy (index/ranking.py); this module recognises what the query names and assembles the result.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from vanban.index import ranking
from vanban.index.engine import Engine, RawHit
from vanban.index.highlight import snippet
from vanban.index.query import Filters, ParsedQuery, parse_query
from vanban.index.ranking import Attempt, CitedPart
from vanban.index.section_path import SectionPath
from vanban.library.citations import Citation, find_citations
from vanban.library.doctypes import TYPE_BY_ABBREVIATION
from vanban.library.model import PUBLIC
from vanban.library.store import number_key
from vanban.library.vietnamese import fold


@dataclass
class Hit:
    number: str
    title: str
    section: SectionPath
    score: float
    snippet: str
    doc_id: str
    doc_type: str
    issuer: str
    year: int | None
    signed_on: str
    status: str
    heading: str

    def to_dict(self) -> dict:
        """The --json shape: the section as the text users read, and its labels for programs."""
        return {**asdict(self), "section": str(self.section), "section_labels": list(self.section.labels)}


@dataclass
class SearchResult:
    query: str
    hits: list[Hit]
    total: int
    mode: str
    notes: list[str] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)
    #: Parts the query cites of a document the library holds only as a record (no full text):
    #: {doc_id, number, doc_type, part}. Each front end says in its own words how to add the text.
    without_text: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "mode": self.mode,
            "notes": self.notes,
            "facets": self.facets,
            "documents": self.documents,
            "without_text": self.without_text,
            "hits": [h.to_dict() for h in self.hits],
        }


def visible_meta(meta: dict, public_only: bool) -> dict:
    """The index's facts as a visitor may know them: without the nội bộ documents (nor who they
    cite) when only công khai ones are shown, so a số hiệu of an internal letter typed in the query
    names nothing, pins nothing and lists no title, issuer or type of it."""
    if not public_only:
        return meta
    shown = {d: f for d, f in meta.get("documents", {}).items() if f.get("access") == PUBLIC}
    return {**meta, "documents": shown}


def related(meta: dict, doc_id: str) -> list[dict]:
    """Documents `doc_id` cites and documents citing it (from the citations found at indexing)."""
    documents = meta.get("documents", {})
    cites = set(documents.get(doc_id, {}).get("cites", [])) & set(documents)
    cited_by = {other for other, facts in documents.items() if doc_id in facts.get("cites", [])}
    found = []
    for other in sorted(cites | cited_by, key=lambda d: documents[d]["number"] or d):
        relation = (
            "trích dẫn và được trích dẫn"
            if other in cites and other in cited_by
            else ("được văn bản này trích dẫn" if other in cites else "trích dẫn văn bản này")
        )
        found.append(
            {
                "doc_id": other,
                "number": documents[other]["number"],
                "title": documents[other]["title"],
                "relation": relation,
            }
        )
    return found


def _labels(citation: Citation) -> tuple[str, ...]:
    labels = []
    if citation.article:
        labels.append(f"Điều {citation.article}")
    if citation.clause:
        labels.append(f"Khoản {citation.clause}")
    if citation.point:
        labels.append(f"Điểm {citation.point}")
    return tuple(labels)


def _cited_parts(text: str, meta: dict) -> tuple[list[CitedPart], str]:
    """Documents (and parts of them) the query names, and the query with those references taken out."""
    documents = meta.get("documents", {})
    by_number = {number_key(f["number"]): d for d, f in documents.items() if f["number"]}
    by_title = {fold(f["title"]).lower(): d for d, f in documents.items() if f["title"]}
    known = [f["number"] for f in documents.values() if f["number"]]
    cited: list[CitedPart] = []
    rest = text
    for citation in reversed(find_citations(text, known)):
        doc_id = by_number.get(number_key(citation.number)) if citation.number else None
        if doc_id is None and citation.name:
            doc_id = by_title.get(fold(citation.name).lower())
        if doc_id is None and not citation.article:
            continue
        cited.insert(0, CitedPart(doc_id or "", _labels(citation)))
        rest = rest[: citation.span[0]] + " " + rest[citation.span[1] :]
    words = rest.split()
    if not cited and len(words) == 1 and words[0].isdigit():
        serials = [d for d, f in documents.items() if f["number"] and f["number"].split("/")[0] == words[0]]
        if len(serials) == 1:
            return [CitedPart(serials[0])], ""
    return cited, rest


def _hit(raw: dict, score: float, words, strict: bool = False) -> Hit:
    text = raw["text"]
    shown = snippet(text, words, strict=strict)
    if words and "<mark>" not in shown and raw["heading"]:
        shown = snippet(f"{raw['heading']} — {text}", words, strict=strict)
    return Hit(
        number=raw["number"],
        title=raw["doc_title"],
        section=raw["path"],
        score=round(score, 4),
        snippet=shown,
        doc_id=raw["doc_id"],
        doc_type=raw["doc_type"],
        issuer=raw["issuer"],
        year=raw["year"],
        signed_on=raw["signed_on"],
        status=raw["status"],
        heading=raw["heading"],
    )


def resolve_filters(
    meta: dict,
    doc_types: list[str],
    issuers: list[str],
    year_from: int | None,
    year_to: int | None,
    public_only: bool = False,
) -> Filters:
    """User spellings → stored values: "KH", "ke hoach" → "Kế hoạch"; "ubnd tinh ha tinh" → the issuer.
    `public_only`: a visitor not signed in, who searches (and is told of) công khai documents only."""
    documents = visible_meta(meta, public_only).get("documents", {}).values()

    unmatched: list[str] = []

    def match(wanted: list[str], stored: set[str], aliases: dict[str, str], what: str) -> list[str]:
        found = []
        for value in wanted:
            key = fold(aliases.get(value, value)).lower().strip()
            hits = [s for s in stored if fold(s).lower() == key]
            if not hits:
                unmatched.append(f"Thư viện không có {what} «{value}» (có: {', '.join(sorted(stored))}).")
            found += hits or [value]
        return found

    types = {d["doc_type"] for d in documents if d["doc_type"]}
    issuers_known = {d["issuer"] for d in documents if d["issuer"]}
    return Filters(
        doc_types=match(doc_types, types, TYPE_BY_ABBREVIATION, "loại văn bản"),
        issuers=match(issuers, issuers_known, {}, "cơ quan ban hành"),
        year_from=year_from,
        year_to=year_to,
        unmatched=unmatched,
        public_only=public_only,
    )


def search(
    engine: Engine,
    meta: dict,
    text: str,
    filters: Filters | None = None,
    limit: int = 10,
    sort: str = "relevance",
    mode: str = "auto",
) -> SearchResult:
    filters = filters or Filters()
    meta = visible_meta(meta, filters.public_only)
    cited, rest = _cited_parts(text, meta)
    query = parse_query(rest)
    words = query.words()
    content_count = len(query.content_groups())
    notes: list[str] = list(filters.unmatched)
    chosen = ranking.starting_mode(mode, content_count)
    long_note = ranking.long_query_note(mode, content_count)
    if long_note:
        notes.append(long_note)
    documents = meta.get("documents", {})
    without_text: list[dict] = []
    pinned = _pinned(engine, cited, documents, words, without_text, query.toned)
    hits: list[Hit] = []
    total = 0
    facets: dict = {}
    if not query.empty:
        for attempt in ranking.attempts(chosen, content_count, query.toned):
            raw, total, shown = _run(engine, query, attempt, filters, limit + len(pinned), sort)
            if total:
                break
        strict = attempt.tiers[0].strict
        if total:
            notes += ranking.fallback_notes(attempt, shown, content_count, query.toned)
        elif note := ranking.nothing_note(chosen, content_count):
            notes.append(note)
        chosen = "or" if attempt.partial or attempt.tiers[0].need == 1 else "and"
        hits = [_hit(r.stored, r.score, words, strict) for r in raw]
        facets = engine.facets(query, attempt.tiers[-1], filters)
    if pinned:
        hits = ranking.pin_cited(hits, pinned, cited)
        total = max(total, len(hits))
        if not facets:
            facets = _facets_of(pinned)
    result_documents = [
        {
            "doc_id": part.doc_id,
            "number": documents[part.doc_id]["number"],
            "title": documents[part.doc_id]["title"],
            "related": related(meta, part.doc_id),
        }
        for part in cited
        if part.doc_id
    ]
    return SearchResult(text, hits[:limit], total, chosen, notes, facets, result_documents, without_text)


def _run(
    engine: Engine, query: ParsedQuery, attempt: Attempt, filters: Filters, wanted: int, sort: str
) -> tuple[list[RawHit], int, list[int]]:
    """An attempt's hits, tier by tier (each section once, under the first tier that finds it), the
    number of sections it matches in all, and the tiers (words shared) that contributed hits."""
    hits: list[RawHit] = []
    seen: set[str] = set()
    shown: list[int] = []
    total = 0
    for match in attempt.tiers:
        raw, total = engine.search(query, match, filters, wanted, sort)
        fresh = [r for r in raw if r.stored["key"] not in seen]
        if fresh and len(hits) < wanted:
            shown.append(match.required(len(query.content_groups())))
        hits += fresh
        seen.update(r.stored["key"] for r in fresh)
    return hits[:wanted], total, shown


def _pinned(
    engine: Engine, cited: list[CitedPart], documents: dict, words, without_text: list[dict], strict: bool
) -> list[Hit]:
    """The entries the citations pin, in reading order (ranking.cited_entries). A part cited of a
    document without its full text in the library is added to `without_text`."""
    pinned: list[Hit] = []
    for part in cited:
        doc_ids = [part.doc_id] if part.doc_id else [d for d, f in documents.items() if f["full_text"]]
        for doc_id in doc_ids:
            if not documents.get(doc_id, {}).get("full_text") and part.labels:
                facts = documents[doc_id]
                without_text.append(
                    {
                        "doc_id": doc_id,
                        "number": facts["number"],
                        "doc_type": facts.get("doc_type", ""),
                        "part": " ".join(reversed(part.labels)),
                    }
                )
            entries = ranking.cited_entries(engine.entries_of(doc_id), part)
            pinned.extend(_hit(e, 0.0, words, strict) for e in entries)
    return pinned


def _facets_of(hits: list[Hit]) -> dict[str, dict[str, int]]:
    facets: dict[str, dict[str, int]] = {"doc_type": {}, "issuer": {}, "year": {}}
    for hit in hits:
        for name, value in (("doc_type", hit.doc_type), ("issuer", hit.issuer), ("year", hit.year)):
            if value:
                facets[name][str(value)] = facets[name].get(str(value), 0) + 1
    return facets
