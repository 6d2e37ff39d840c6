"""Hiệu lực computed on a date, instead of a free-text status typed once and left to age.

A text is in force from the day it says ("có hiệu lực kể từ ngày ký", "… từ ngày 01 tháng 01 năm
2022"), or the day a data fact gives; it stops when another text replaces or repeals it (from the
day that text takes effect), or when the 2025 reorganisation data (`succession.py`) says so; a
repeal of some articles leaves it partly in force, with those articles named. Where none of this
is known the answer is «chưa rõ»: the library never guesses a text into force.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from vanban.library.citations import find_citations
from vanban.library.model import STATUS_EXPIRED, STATUS_IN_FORCE, STATUS_UNKNOWN, Document
from vanban.library.relations import (
    BAI_BO,
    SUA_DOI,
    THAY_THE,
    Edge,
    RelationGraph,
    library_graph,
    passages,
    shipped_facts,
    target_name,
)
from vanban.library.succession import status_of
from vanban.library.vietnamese import fold

IN_FORCE = STATUS_IN_FORCE
ENDED = "hết hiệu lực toàn bộ"
PARTLY = "hết hiệu lực một phần"
NOT_YET = "chưa có hiệu lực"
UNKNOWN = STATUS_UNKNOWN
STATUSES = (IN_FORCE, PARTLY, ENDED, NOT_YET, UNKNOWN)

_EFFECT = re.compile(
    r"\bnay\s+co\s+hieu\s+luc(?:\s+thi\s+hanh)?\s+(?:ke\s+)?tu\s+ngay\s+"
    r"(?:(?P<signing>ky|ban\s+hanh)\b|(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s+nam\s+(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4}))"
)


@dataclass(frozen=True)
class Successor:
    """The text that ended another: `name` as the relation or the data names it, `document` when the
    library or the data's `texts:` hold its record; `how` is "bị thay thế", "bị bãi bỏ" or, for
    the 2025 reorganisation data, "nay áp dụng"."""

    name: str
    document: Document | None
    how: str
    on: _dt.date


@dataclass
class Validity:
    """A document's status on a day, and why: every conclusion carries the text or fact behind it."""

    status: str
    on: _dt.date
    effective: _dt.date | None = None
    reasons: list[str] = field(default_factory=list)
    ended_articles: list[str] = field(default_factory=list)
    amended_by: list[str] = field(default_factory=list)
    #: The parts ended, as written ("khoản 2 Điều 8"), for a căn cứ that cites one of them.
    ended_parts: list[str] = field(default_factory=list)
    #: What ended the whole text, so a căn cứ can be rewritten on it.
    successors: list[Successor] = field(default_factory=list)

    @property
    def in_force(self) -> bool:
        """Whether any of the text applies on the day (a partly repealed text still does)."""
        return self.status in (IN_FORCE, PARTLY)

    def summary(self) -> str:
        """One line for `library show`: the status and the reasons."""
        details = "; ".join([*self.reasons, *self.ended_articles, *self.amended_by])
        return f"{self.status} (ngày {self.on:%d/%m/%Y})" + (f": {details}" if details else "")

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "on": self.on.isoformat(),
            "effective": self.effective.isoformat() if self.effective else None,
            "reasons": self.reasons,
            "ended_articles": self.ended_articles,
            "amended_by": self.amended_by,
        }


def _stated_effective(doc: Document) -> _dt.date | None:
    """The day the text itself says it takes effect ("… này có hiệu lực kể từ ngày …")."""
    for _where, text in passages(doc):
        match = _EFFECT.search(fold(text))
        if not match:
            continue
        if match["signing"]:
            return doc.signed_on
        day, month, year = (
            (match["d"], match["m"], match["y"]) if match["d"] else (match["d2"], match["m2"], match["y2"])
        )
        try:
            return _dt.date(int(year), int(month), int(day))
        except ValueError:
            return None
    return None


def effective_date(doc: Document) -> tuple[_dt.date | None, str]:
    """When the text takes effect, and how that is known."""
    from vanban.library.store import number_key

    if doc.number:
        for fact in shipped_facts()[1]:
            if number_key(fact.number) == number_key(doc.number):
                return fact.on, f"có hiệu lực từ {fact.on:%d/%m/%Y} ({fact.source})"
    if doc.full_text:
        stated = _stated_effective(doc)
        if stated:
            return stated, f"có hiệu lực từ {stated:%d/%m/%Y} (theo văn bản)"
        if doc.signed_on:
            return doc.signed_on, f"văn bản không ghi ngày có hiệu lực: tính từ ngày ký {doc.signed_on:%d/%m/%Y}"
    return None, ""


def _edge_day(graph: RelationGraph, edge: Edge) -> _dt.date | None:
    """The day a relation takes effect: the data's date, else the acting text's own effective day."""
    if edge.relation.on:
        return edge.relation.on
    actor = graph.document(edge.source)
    return effective_date(actor)[0] if actor else None


def _by(graph: RelationGraph, edge: Edge) -> str:
    actor = graph.document(edge.source) or graph.known(graph.label(edge.source))
    name = f"{actor.doc_type} {actor.number}".strip() if actor and actor.number else graph.label(edge.source)
    origin = "" if edge.relation.origin == "văn bản" else f"; {edge.relation.origin}"
    return f"{name}{origin}"


def validity_on(doc: Document, on: _dt.date, graph: RelationGraph) -> Validity:
    """`doc`'s status on `on`, from its dates, the relations of `graph` and the succession data."""
    effective, why = effective_date(doc)
    result = Validity(UNKNOWN, on, effective)
    if doc.signed_on and on < doc.signed_on or effective and on < effective:
        result.status = NOT_YET
        result.reasons.append(why or f"ký ngày {doc.signed_on:%d/%m/%Y}")
        return result
    node = graph.node(doc.number or doc.id)
    for edge in graph.incoming(node):
        day = _edge_day(graph, edge)
        kind = edge.relation.kind
        if kind not in (THAY_THE, BAI_BO, SUA_DOI) or day is None or day > on:
            continue
        words = {THAY_THE: "bị thay thế", BAI_BO: "bị bãi bỏ", SUA_DOI: "được sửa đổi, bổ sung"}[kind]
        what = f"{edge.relation.part} " if edge.relation.part else ""
        line = f"{what}{words} từ {day:%d/%m/%Y} bởi {_by(graph, edge)}"
        if kind == SUA_DOI:
            result.amended_by.append(line)
        elif edge.relation.part:
            result.ended_articles.append(line)
            result.ended_parts.append(edge.relation.part)
        else:
            result.status = ENDED
            result.reasons.append(line)
            successor = graph.document(edge.source) or graph.known(graph.label(edge.source))
            result.successors.append(Successor(graph.label(edge.source), successor, words, day))
    known = status_of(doc.number, on) if doc.number else None
    if known is not None and known.replaced and result.status != ENDED:
        result.status = ENDED
        result.reasons.append(f"từ {known.entry.changed_on:%d/%m/%Y} nay áp dụng {known.successor} ({known.source})")
        named = next((c for c in find_citations(known.successor) if c.number or c.name), None)
        successor = graph.known(target_name(named)) if named else None
        result.successors.append(Successor(known.successor, successor, "nay áp dụng", known.entry.changed_on))
    if result.status == ENDED:
        return result
    if result.ended_articles:
        result.status = PARTLY
    elif doc.status == STATUS_EXPIRED:
        result.status = ENDED
        result.reasons.append("theo bản ghi của thư viện")
    elif effective or doc.status == STATUS_IN_FORCE:
        result.status = IN_FORCE
        result.reasons.append(why or "theo bản ghi của thư viện")
    return result


def statuses_on(documents: Iterable[Document], on: _dt.date) -> dict[str, Validity]:
    """Every document's status on a day, by document id: what search filters (`--in-force-on`)
    and counts (a status facet) call, once per query, on the library's documents."""
    documents = list(documents)
    graph = library_graph(documents)
    return {doc.id: validity_on(doc, on, graph) for doc in documents}
