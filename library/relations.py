"""Typed relations between documents: how a text refers to others, read from its own sentences.

A document cites others for different reasons, and the reason decides what a user may conclude:
a text it is based on (căn cứ), one it amends (sửa đổi, bổ sung), replaces (thay thế), repeals in
whole or in part (bãi bỏ), details or guides (hướng dẫn), or implements (thực hiện — a provincial
plan carrying out a national decision); anything else is a plain mention (dẫn chiếu). Validity
(`library/validity.py`) follows from the first four; `vanban related` lists them all.

The reason is the phrase that governs the citation in its clause ("Bãi bỏ Điều 5 của Quyết định…",
"Thực hiện Quyết định số 889/QĐ-TTg…"), or, for "… hết hiệu lực", the phrase after it. A phrase
inside a cited text's trích yếu ("Nghị định số 08/2022/NĐ-CP … quy định chi tiết một số điều của
Luật Bảo vệ môi trường") is not the citing text's: it is recorded as a fact between the two cited
texts. Facts the library cannot read (records without full text) come from `data/relations.yaml`,
each with its source.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import resources

import yaml

from vanban.library.citations import Citation, find_citations
from vanban.library.errors import VanbanError
from vanban.library.model import Document
from vanban.library.vietnamese import fold, nfc

CAN_CU = "căn cứ"
SUA_DOI = "sửa đổi, bổ sung"
THAY_THE = "thay thế"
BAI_BO = "bãi bỏ"
HUONG_DAN = "hướng dẫn"
THUC_HIEN = "thực hiện"
DAN_CHIEU = "dẫn chiếu"
KINDS = (CAN_CU, SUA_DOI, THAY_THE, BAI_BO, HUONG_DAN, THUC_HIEN, DAN_CHIEU)

#: How a relation reads from the cited text's side, for listings in both directions.
INVERSE = {
    CAN_CU: "là căn cứ của",
    SUA_DOI: "được sửa đổi, bổ sung bởi",
    THAY_THE: "bị thay thế bởi",
    BAI_BO: "bị bãi bỏ bởi",
    HUONG_DAN: "được hướng dẫn bởi",
    THUC_HIEN: "được thực hiện bởi",
    DAN_CHIEU: "được dẫn chiếu bởi",
}

FROM_TEXT = "văn bản"
DATA_NAME = "relations.yaml"

#: Leading phrases (folded) and the relation they make; a passive form names the cited text as
#: the actor ("đã được sửa đổi, bổ sung bởi Luật số …"), and "theo" makes a plain mention.
_VERBS = (
    (SUA_DOI, r"sua doi(?:\s*,?\s*bo sung)?|bo sung|dinh chinh"),
    (THAY_THE, r"thay the(?:\s+cho)?"),
    (BAI_BO, r"bai bo|huy bo"),
    (HUONG_DAN, r"huong dan(?:\s+(?:thi hanh|thuc hien))?|quy dinh chi tiet"),
    (THUC_HIEN, r"(?:to chuc\s+)?thuc hien|trien khai(?:\s+thuc hien)?|cu the hoa"),
)
_LEADS = [(kind, re.compile(rf"\b(?:{words})\b")) for kind, words in _VERBS]
_PASSIVE = re.compile(
    r"\b(?:da\s+)?(?:duoc|bi)\s+(?P<verb>"
    + "|".join(w for _, w in _VERBS)
    + r")\b(?:\s+\w+){0,4}?\s+(?:boi|bang|tai|theo)\b"
)
_MENTION = re.compile(r"(?<!kem )\btheo(?:\s+quy\s+dinh(?:\s+(?:tai|cua))?)?\b|\bquy\s+dinh\s+tai\b")
_BASIS_START = re.compile(r"^[\s\-–+*•]*can\s+cu(?:\s+vao)?\b")
_ENDS = re.compile(r"\bhet\s+hieu\s+luc\b|\b(?:bi|duoc)\s+(?:bai\s+bo|huy\s+bo)\b")
_JOINER = re.compile(r"(?:,|\bva|\bdong\s+thoi)\s*$")
_CLAUSE_END = re.compile(r"[.;:!?](?=\s|$)|\n")
#: How far (in words, not counting other citations and brackets) a phrase reaches its citation.
_REACH = 16


def part_words(cited) -> str:
    """The part a relation or a citation names, as Vietnamese writes it: "điểm a khoản 2 Điều 8"."""
    words = [f"điểm {cited.point}" if cited.point else "", f"khoản {cited.clause}" if cited.clause else ""]
    return " ".join(filter(None, [*words, f"Điều {cited.article}" if cited.article else ""]))


@dataclass(frozen=True)
class Relation:
    """`source` refers to `target` as `kind`; `where` is the place in the source's text.

    `target` is a số hiệu, or a law's name when the text gives no number; `on` is when a data
    fact says the relation took effect (a text's own relations take effect with the text).
    """

    kind: str
    source: str
    target: str
    target_type: str | None = None
    target_date: _dt.date | None = None
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    where: str = ""
    sentence: str = ""
    origin: str = FROM_TEXT
    on: _dt.date | None = None

    @property
    def part(self) -> str:
        """The cited part as Vietnamese writes it: "điểm a khoản 2 Điều 8", or ""."""
        return part_words(self)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "source": self.source,
            "target": self.target,
            "target_type": self.target_type,
            "part": self.part,
            "where": self.where,
            "sentence": self.sentence,
            "origin": self.origin,
            "on": self.on.isoformat() if self.on else None,
        }


@dataclass(frozen=True)
class Found:
    """One relation read in a passage: the citation and its kind. `actor` is set when the phrase
    belongs to another cited text (its trích yếu, or a passive "được … bởi"): then the relation is
    actor → citation (or citation → actor when `reverse`), and the passage only mentions it."""

    kind: str
    citation: Citation
    actor: Citation | None = None
    reverse: bool = False


def target_name(citation: Citation) -> str:
    """How a relation names the cited text: its số hiệu, else a law's name and year."""
    if citation.number:
        return citation.number
    return f"{citation.name} {citation.year}" if citation.name and citation.year else citation.name or citation.text


def _names_a_document(citation: Citation) -> bool:
    """A full số hiệu, a law's name, or a type with number and year: "dự án 50" is not one (it is
    "tối đa 50" read as the abbreviation ĐA)."""
    return bool(citation.number or citation.name or (citation.doc_type and citation.serial and citation.year))


def _gap_words(folded: str, start: int, end: int, citations: list[Citation]) -> str:
    """The words between two places, without other citations and bracketed asides."""
    chars = list(folded[start:end])
    for c in citations:
        for i in range(max(c.span[0], start), min(c.span[1], end)):
            chars[i - start] = " "
    return re.sub(r"\([^()]*\)", " ", "".join(chars))


def _clauses(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _CLAUSE_END.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _with_articles(folded: str, citations: list[Citation]) -> list[Citation]:
    """ "Điều 5, Điều 6 của Quyết định số …": a bare Điều takes the document of the next citation
    naming one in the same clause; a bare Điều left over ("Điều 1. Sửa đổi …" is the citing text's
    own article) is dropped."""
    out: list[Citation] = []
    pending: list[Citation] = []
    for citation in citations:
        if pending and _CLAUSE_END.search(folded, pending[-1].span[1], citation.span[0]):
            pending = []
        if _names_a_document(citation):
            carried = {k: getattr(citation, k) for k in ("doc_type", "number", "serial", "year", "signed_on", "name")}
            out += [replace(p, **carried) for p in pending]
            out.append(citation)
            pending = []
        elif citation.article and not citation.doc_type:
            pending.append(citation)
    return out


#: A list of points or clauses written before the part that names the article: "khoản 2, khoản 3
#: Điều 8", "khoản 2, 3 và 4 Điều 8", "điểm a, điểm b khoản 2 Điều 8", "điểm a khoản 1, điểm b …".
_SEP = r"\s*(?:,|\bva\b|\bhoac\b)\s*"
_ITEM = r"(?:(?:diem|khoan)\s+)?(?:[a-z]|\d+)\b(?:\s+khoan\s+\d+\b)?"
_LIST_BEFORE = re.compile(
    rf"(?:\bcac\s+)?\b(?:diem|khoan)\s+(?:[a-z]|\d+)\b(?:\s+khoan\s+\d+\b)?(?:{_SEP}{_ITEM})*"
    rf"(?:{_SEP}|\s+)(?:cua\s+)?$"
)
#: Only a separator between a part that names its Điều and the list that follows it.
_LIST_JOIN = re.compile(rf"{_SEP}")
_LIST_ITEM = re.compile(r"\b(?:(?P<kw>diem|khoan)\s+)?(?P<value>[a-z]|\d+)\b(?:\s+khoan\s+(?P<clause>\d+)\b)?")
#: More articles after a bare Điều: "Điều 5, 7 và 9 của Quyết định số …".
_ARTICLES_AFTER = re.compile(rf"(?:{_SEP}(?:dieu\s+)?\d+[a-z]?\b)+")
_TO_DOCUMENT = re.compile(r"\s*(?:cua\s+)?$")


def _listed_parts(
    text: str, folded: str, citation: Citation, floor: int, before: Citation | None = None
) -> list[Citation]:
    """`citation` and the points or clauses listed just before it, each its own citation (with the
    span of its words, so the relation phrase before the list governs all of them).

    `before` is the citation just before the list. When it is a part that names its Điều
    ("khoản 2 Điều 8, khoản 3 Nghị định …") and only a separator stands between, the list
    continues it: as Vietnamese drafting writes a list, a bare "khoản 3" there is khoản 3 of the
    same Điều 8 (a bare "điểm c" after "điểm a khoản 2 Điều 8," is of the same khoản 2), unless
    the list names its own Điều ("khoản 3 và khoản 4 Điều 9 Nghị định …"), which wins."""
    match = _LIST_BEFORE.search(folded, floor, citation.span[0])
    if not match:
        return [citation]
    continued = (
        before is not None
        and not before.doc_type
        and before.article
        and (before.clause or before.point)
        and not citation.article
        and _LIST_JOIN.fullmatch(folded, before.span[1], match.start()) is not None
    )
    items: list[tuple[str, str | None, str | None, int, int]] = []
    level = "clause"
    for item in _LIST_ITEM.finditer(folded, match.start(), match.end()):
        level = {"diem": "point", "khoan": "clause"}.get(item["kw"] or "", level)
        value = text[item.start("value") : item.end("value")]
        if (level == "point") != value.isalpha():
            return [citation]  # "điểm 3", "khoản a": not a list of parts
        items.append((level, value, item["clause"], item.start(), item.end()))
    if not items:
        return [citation]

    def at(item, base: Citation, span: tuple[int, int]) -> Citation:
        kind, value, clause, _start, _end = item
        if kind == "point":
            return replace(base, span=span, text=text[span[0] : span[1]], point=value, clause=clause or base.clause)
        return replace(base, span=span, text=text[span[0] : span[1]], clause=value, point=None)

    if continued:
        points = all(kind == "point" for kind, *_ in items)
        citation = replace(citation, article=before.article, clause=before.clause if points else None)
    if getattr(citation, items[-1][0]) is None:  # "khoản 2, 3 Điều 8": the last item is the citation's own
        last = items.pop()
        citation = at(last, citation, (last[3], citation.span[1]))
    return [at(item, citation, (item[3], item[4])) for item in items] + [citation]


def _listed_articles(text: str, folded: str, citations: list[Citation]) -> list[Citation]:
    """ "Điều 5, 7 và 9 của Quyết định số …": each number after a bare Điều is an article too; the
    last one belongs to the document named right after it."""
    out: list[Citation] = []
    skip = False
    for i, citation in enumerate(citations):
        if skip:
            skip = False
            continue
        out.append(citation)
        if not (citation.article and not citation.doc_type and not citation.clause and not citation.point):
            continue
        following = citations[i + 1] if i + 1 < len(citations) else None
        end = following.span[0] if following else len(folded)
        match = _ARTICLES_AFTER.match(folded, citation.span[1], end)
        if not match:
            continue
        spans = [m.span() for m in re.finditer(r"\d+[a-z]?", folded[: match.end()]) if m.start() >= match.start()]
        merged = (
            following is not None
            and _names_a_document(following)
            and not following.article
            and _TO_DOCUMENT.fullmatch(folded, match.end(), following.span[0]) is not None
        )
        for span in spans[:-1] if merged else spans:
            out.append(replace(citation, span=span, text=text[span[0] : span[1]], article=text[span[0] : span[1]]))
        if merged:
            span = (spans[-1][0], following.span[1])
            article = text[spans[-1][0] : spans[-1][1]]
            out.append(replace(following, span=span, text=text[span[0] : span[1]], article=article))
            skip = True
    return out


def _cited(text: str, known_numbers: Iterable[str] = ()) -> list[Citation]:
    """The citations of `text` with every listed part its own citation and bare articles given
    their document: one relation per cited part, as the sentence names them."""
    folded = fold(text)
    found: list[Citation] = []
    floor = 0
    for citation in find_citations(text, known_numbers):
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(folded, floor, citation.span[0])), default=floor)
        before = found[-1] if found and found[-1].span[1] <= clause_start else None
        found += _listed_parts(text, folded, citation, clause_start, before)
        floor = citation.span[1]
    return _with_articles(folded, _listed_articles(text, folded, found))


def _find_lead(folded: str, lo: int, hi: int) -> tuple[str, int, int, bool] | None:
    """The last relation phrase in folded[lo:hi]: (kind, start, end, passive)."""
    found: list[tuple[int, int, str, bool]] = []
    for match in _PASSIVE.finditer(folded, lo, hi):
        kind = next(k for k, pattern in _LEADS if pattern.fullmatch(match["verb"]))
        found.append((match.end(), match.end() - match.start(), kind, True))
    for kind, pattern in _LEADS:
        found += [(m.end(), m.end() - m.start(), kind, False) for m in pattern.finditer(folded, lo, hi)]
    found += [(m.end(), m.end() - m.start(), DAN_CHIEU, False) for m in _MENTION.finditer(folded, lo, hi)]
    if not found:
        return None
    end, length, kind, passive = max(found)
    return kind, end - length, end, passive


def _clause_relations(folded: str, lo: int, hi: int, citations: list[Citation]) -> list[Found]:
    basis = _BASIS_START.match(folded[lo:hi]) is not None
    results: list[Found] = []
    previous: Citation | None = None
    previous_kind = CAN_CU if basis else DAN_CHIEU
    nested_previous = False
    for citation in citations:
        floor = previous.span[1] if previous else lo
        lead = _find_lead(folded, floor, citation.span[0])
        if lead and len(_gap_words(folded, lead[2], citation.span[0], citations).split()) > _REACH:
            lead = None
        kind, actor, reverse, nested = DAN_CHIEU, None, False, False
        if lead is None:
            joined = previous is not None and _JOINER.search(_gap_words(folded, floor, citation.span[0], citations))
            if previous is None:
                kind = CAN_CU if basis else DAN_CHIEU
            elif joined:
                kind, nested = previous_kind, nested_previous
            else:
                nested = True  # inside the previous citation's trích yếu, with no phrase of its own
        else:
            lead_kind, lead_start, _end, passive = lead
            owned = previous is not None and not _JOINER.search(_gap_words(folded, floor, lead_start, citations))
            if passive:
                actor, reverse = previous, True
            elif owned:
                actor, nested = previous, True
            else:
                kind = lead_kind
            if actor is not None and lead_kind != DAN_CHIEU:
                results.append(Found(lead_kind, citation, actor, reverse))
        if not nested and actor is None and kind == DAN_CHIEU and _ENDS.search(folded, citation.span[1], hi):
            kind = BAI_BO
        if nested or actor is not None:
            kind = DAN_CHIEU
        results.append(Found(kind, citation))
        previous, previous_kind, nested_previous = citation, kind, nested or actor is not None
    return results


def read_relations(text: str, known_numbers: Iterable[str] = ()) -> list[Found]:
    """Every citation of `text` with the relation its clause gives it, in reading order."""
    text = nfc(text)
    folded = fold(text)
    citations = _cited(text, known_numbers)
    found: list[Found] = []
    for lo, hi in _clauses(folded):
        inside = [c for c in citations if lo <= c.span[0] and c.span[1] <= hi]
        if inside:
            found += _clause_relations(folded, lo, hi, inside)
    return found


def passages(doc: Document) -> Iterator[tuple[str, str]]:
    """(where, text) for every part of a document a relation can be read from."""
    if doc.preamble:
        yield "lời mở đầu", doc.preamble
    for owner, prefix in ((doc, ""), *((annex, f"{annex.label} › ") for annex in doc.annexes)):
        if owner is not doc and owner.preamble:
            yield prefix.rstrip(" ›"), owner.preamble
        for labels, section in owner.walk():
            text = "\n".join(filter(None, (section.title, section.text)))
            if text:
                yield prefix + " › ".join(labels), text
    for task in doc.tasks:
        yield f"nhiệm vụ {task.no}".strip(), "\n".join(filter(None, (task.content, task.note)))


def _sentence(text: str, span: tuple[int, int]) -> str:
    folded = fold(text)
    bounds = list(_clauses(folded))
    lo, hi = next(((a, b) for a, b in bounds if a <= span[0] < b), (0, len(text)))
    return " ".join(text[lo:hi].split())


def relations_of(doc: Document, known_numbers: Iterable[str] = ()) -> list[Relation]:
    """The relations a document's own text states (nothing for a record without full text: its
    notes are the library's words, not the document's), its own số hiệu left out."""
    if not doc.full_text:
        return []
    me = doc.number or doc.id
    own = fold(doc.number).replace(" ", "") if doc.number else None
    known = list(known_numbers)
    out: list[Relation] = []
    for where, text in passages(doc):
        text = nfc(text)
        for found in read_relations(text, known):
            target = found.citation
            source = me
            origin = FROM_TEXT
            if found.actor is not None:
                actor, target = (target, found.actor) if found.reverse else (found.actor, target)
                source, origin = target_name(actor), f"trích dẫn trong {me}"
            if own and fold(target_name(target)).replace(" ", "") == own:
                continue
            out.append(
                Relation(
                    kind=found.kind,
                    source=source,
                    target=target_name(target),
                    target_type=target.doc_type,
                    target_date=target.signed_on,
                    article=target.article,
                    clause=target.clause,
                    point=target.point,
                    where=where,
                    sentence=_sentence(text, found.citation.span),
                    origin=origin,
                )
            )
    return out


# --- facts from data/relations.yaml -------------------------------------------------------------

_FACT_KEYS = ("from", "kind", "to", "source", "since", "note")
_EFFECTIVE_KEYS = ("number", "from", "source", "note")
_TEXT_KEYS = ("number", "type", "date", "issuer", "title", "source")


@dataclass(frozen=True)
class Effective:
    """The day a text takes effect, where the library has not its text to read it from."""

    number: str
    on: _dt.date
    source: str


def _fail(section: str, index: int, message: str, origin: str) -> VanbanError:
    return VanbanError(f"dữ liệu quan hệ văn bản — {section}, mục thứ {index}: {message}", origin)


def _date(value, what: str, fail) -> _dt.date:
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise fail(f"«{what}» = «{value}» không phải ngày dạng NĂM-THÁNG-NGÀY.") from None


def _checked(section: str, index: int, raw, keys: tuple[str, ...], required: tuple[str, ...], origin: str):
    def fail(message: str) -> VanbanError:
        return _fail(section, index, message, origin)

    if not isinstance(raw, dict):
        raise fail(f"phải là một bảng có các khóa {', '.join(required)}.")
    unknown = sorted(set(raw) - set(keys))
    if unknown:
        raise fail(f"không có khóa «{unknown[0]}». Các khóa hợp lệ: {', '.join(keys)}.")
    missing = [key for key in required if raw.get(key) in (None, "")]
    if missing:
        raise fail(f"thiếu khóa «{missing[0]}».")
    return fail


def _fact(index: int, raw, origin: str) -> Relation:
    fail = _checked("relations", index, raw, _FACT_KEYS, ("from", "kind", "to", "source"), origin)
    if raw["kind"] not in KINDS:
        raise fail(f"«kind» phải là một trong: {', '.join(KINDS)}.")
    cited = [c for c in _cited(nfc(str(raw["to"]))) if _names_a_document(c)]
    if len(cited) != 1:
        raise fail(f"«to» = «{raw['to']}» phải nêu đúng một văn bản (số hiệu, hoặc tên luật).")
    target = cited[0]
    return Relation(
        kind=raw["kind"],
        source=nfc(str(raw["from"])).strip(),
        target=target_name(target),
        target_type=target.doc_type,
        target_date=target.signed_on,
        article=target.article,
        clause=target.clause,
        point=target.point,
        sentence=" ".join(nfc(str(raw.get("note") or "")).split()),
        origin=" ".join(nfc(str(raw["source"])).split()),
        on=_date(raw["since"], "since", fail) if raw.get("since") else None,
    )


def _effective(index: int, raw, origin: str) -> Effective:
    fail = _checked("effective", index, raw, _EFFECTIVE_KEYS, ("number", "from", "source"), origin)
    return Effective(
        nfc(str(raw["number"])).strip(), _date(raw["from"], "from", fail), " ".join(str(raw["source"]).split())
    )


def _text_record(index: int, raw, origin: str) -> Document:
    """A text the library does not hold, as a record without full text: enough to check a căn cứ
    that cites it and to write the căn cứ line of a text that replaced another."""
    fail = _checked("texts", index, raw, _TEXT_KEYS, _TEXT_KEYS, origin)
    number = nfc(str(raw["number"])).strip()
    return Document(
        id=f"du-lieu:{number}",
        number=number,
        doc_type=nfc(str(raw["type"])).strip(),
        issuer=nfc(str(raw["issuer"])).strip(),
        signed_on=_date(raw["date"], "date", fail),
        title=" ".join(nfc(str(raw["title"])).split()),
        full_text=False,
        source=" ".join(nfc(str(raw["source"])).split()),
    )


Facts = tuple[tuple[Relation, ...], tuple[Effective, ...], tuple[Document, ...]]


def parse_facts(text: str, origin: str = DATA_NAME) -> Facts:
    """Read and check the data (relations, effective days, records of texts the library lacks); a
    malformed entry stops everything, named by its section and place."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise VanbanError(f"dữ liệu quan hệ văn bản sai cú pháp YAML: {error}", origin) from None
    if not isinstance(data, dict) or set(data) - {"relations", "effective", "texts"}:
        raise VanbanError("dữ liệu quan hệ văn bản phải là một bảng có các khóa: relations, effective, texts.", origin)
    facts = tuple(_fact(i, raw, origin) for i, raw in enumerate(data.get("relations") or [], 1))
    effective = tuple(_effective(i, raw, origin) for i, raw in enumerate(data.get("effective") or [], 1))
    texts = tuple(_text_record(i, raw, origin) for i, raw in enumerate(data.get("texts") or [], 1))
    return facts, effective, texts


@functools.cache
def shipped_facts() -> Facts:
    """The shipped data, read once per process."""
    resource = resources.files("vanban.library").joinpath("data", DATA_NAME)
    return parse_facts(resource.read_text(encoding="utf-8"), f"vanban/library/data/{DATA_NAME}")


# --- the graph of a library -----------------------------------------------------------------------


@dataclass(frozen=True)
class Edge:
    """A relation between two nodes: a library document's id, or "?" + the name of a text the
    library does not hold."""

    relation: Relation
    source: str
    target: str


def _folded_key(reference: str) -> str:
    return re.sub(r"\s+", " ", fold(nfc(reference))).strip()


class RelationGraph:
    """Who refers to whom, and how, across a library: the texts' own relations and the data facts.

    A plain mention is dropped where the same text states a stronger relation to the same part
    (NĐ 30's Điều 37 both names NĐ 110/2004 in NĐ 09/2010's trích yếu and ends it)."""

    def __init__(self, documents: Iterable[Document], facts: Iterable[Relation] = (), records: Iterable[Document] = ()):
        from vanban.library.store import number_key

        self.documents = {doc.id: doc for doc in documents}
        self._number_key = number_key
        self._aliases = self._names(self.documents.values())
        #: Texts known only from the data (`texts:`): not nodes of the graph, but what `known` finds.
        self.records = {doc.id: doc for doc in records}
        self._record_aliases = self._names(self.records.values())
        known = [d.number for d in self.documents.values() if d.number]
        relations = [r for doc in self.documents.values() for r in relations_of(doc, known)] + list(facts)
        edges: dict[tuple, Edge] = {}
        for relation in relations:
            edge = Edge(relation, self.node(relation.source), self.node(relation.target))
            if edge.source != edge.target:
                edges.setdefault((edge.source, edge.target, relation.kind, relation.part), edge)
        strong = {(e.source, e.target, e.relation.part) for e in edges.values() if e.relation.kind != DAN_CHIEU}
        self.edges = [
            e
            for e in edges.values()
            if e.relation.kind != DAN_CHIEU or (e.source, e.target, e.relation.part) not in strong
        ]

    def _names(self, documents: Iterable[Document]) -> dict[str, str]:
        """Every way a text is named in a citation (số hiệu; a law's name, with its year), to its id."""
        aliases: dict[str, str] = {}
        for doc in documents:
            if doc.number:
                aliases[self._number_key(doc.number)] = doc.id
            if doc.doc_type == "Luật" and doc.title:
                name = _folded_key(doc.title if fold(doc.title).startswith("luat") else f"Luật {doc.title}")
                aliases.setdefault(name, doc.id)
                if doc.signed_on:
                    aliases[f"{name} {doc.signed_on.year}"] = doc.id
        return aliases

    def _lookup(self, reference: str, aliases: dict[str, str]) -> str | None:
        for key in (
            self._number_key(reference),
            _folded_key(reference),
            re.sub(r"\s+\d{4}$", "", _folded_key(reference)),
        ):
            if key in aliases:
                return aliases[key]
        return None

    def node(self, reference: str) -> str:
        """The node of a số hiệu, a law's name ("Luật Bảo vệ môi trường 2020") or a document id."""
        if reference in self.documents:
            return reference
        return self._lookup(reference, self._aliases) or "?" + nfc(reference).strip()

    def known(self, reference: str) -> Document | None:
        """The library's document named so, else the data's record of that text, else None."""
        found = self.document(self.node(reference))
        if found is None and (key := self._lookup(reference, self._record_aliases)):
            found = self.records[key]
        return found

    def document(self, node: str) -> Document | None:
        return self.documents.get(node)

    def label(self, node: str) -> str:
        doc = self.documents.get(node)
        return (doc.number or doc.title or doc.id) if doc else node[1:]

    def outgoing(self, node: str) -> list[Edge]:
        return [e for e in self.edges if e.source == node]

    def incoming(self, node: str) -> list[Edge]:
        return [e for e in self.edges if e.target == node]

    def around(self, node: str, depth: int = 1) -> list[tuple[int, Edge]]:
        """Edges within `depth` steps of `node`, both directions, each once, nearest first."""
        seen_nodes, frontier, found, seen_edges = {node}, [node], [], set()
        for distance in range(1, depth + 1):
            following = []
            for current in frontier:
                for edge in self.outgoing(current) + self.incoming(current):
                    if id(edge) in seen_edges:
                        continue
                    seen_edges.add(id(edge))
                    found.append((distance, edge))
                    for other in (edge.source, edge.target):
                        if other not in seen_nodes:
                            seen_nodes.add(other)
                            following.append(other)
            frontier = following
        return found


def library_graph(documents: Iterable[Document]) -> RelationGraph:
    """The graph of these documents with the shipped facts and records."""
    facts, _effective, records = shipped_facts()
    return RelationGraph(documents, facts, records)
