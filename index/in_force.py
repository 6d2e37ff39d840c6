"""Search kept to the texts in force on a day, and each hit's hiệu lực: what `vanban search
--in-force-on` and the web's «còn hiệu lực vào ngày» both call (statuses from library/validity.py)."""

from __future__ import annotations

import datetime as _dt

from vanban.index.search import SearchResult, search
from vanban.library.store import Library
from vanban.library.validity import statuses_on


def search_in_force(
    library: Library,
    searcher,
    meta: dict,
    query: str,
    filters,
    on: _dt.date | None,
    limit: int,
    sort: str,
    mode: str = "auto",
):
    """`index.search.search`, kept to the texts in force (wholly or partly) on `on` when a day is
    given, with a note saying so: `--in-force-on` and the web's «còn hiệu lực vào ngày» are this one
    function. Narrows `filters.doc_ids` in place, so the web's facet counts use the same filters."""
    if on is None:
        return search(searcher, meta, query, filters, limit, sort, mode)
    in_force = [doc_id for doc_id, state in statuses_on(library.documents(), on).items() if state.in_force]
    filters.doc_ids = [d for d in filters.doc_ids if d in in_force] if filters.doc_ids else in_force
    note = f"chỉ gồm văn bản còn hiệu lực (toàn bộ hoặc một phần) ngày {on:%d/%m/%Y}"
    if not filters.doc_ids:  # no document is in force that day: nothing to search
        return SearchResult(query, [], 0, mode, notes=[note])
    result = search(searcher, meta, query, filters, limit, sort, mode)
    result.notes.append(note)
    return result


def hit_validity(library: Library, meta: dict, hits, on: _dt.date) -> list[tuple[str, str]]:
    """For each hit: its document's hiệu lực on `on`, and what ended the hit's own Điều if a text
    repealed or replaced that article ("" otherwise) — an official must not quote a dead article.

    A status depends only on a document and the texts that cite it, so the relation graph is built
    from the hits' documents and their citers (the index knows who cites whom), not the library."""
    wanted = {hit.doc_id for hit in hits}
    if not wanted:
        return []
    cited = meta.get("documents", {})
    citers = {other for other, facts in cited.items() if wanted & set(facts.get("cites", []))}
    states = statuses_on([d for d in library.documents() if d.id in wanted | citers], on)
    shown = []
    for hit in hits:
        state = states.get(hit.doc_id)
        if state is None:
            shown.append(("", ""))
            continue
        article = next((label for label in hit.section.labels if label.startswith("Điều ")), None)
        ended = next((line for line in state.ended_articles if article and line.startswith(f"{article} ")), "")
        shown.append((state.status, ended))
    return shown
