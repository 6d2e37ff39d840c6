"""CC-01: each căn cứ line checked against the library. A căn cứ that names the wrong date, the
wrong issuer, a misspelt trích yếu, a text out of force, or that puts a provincial text before a
law, is the kind of slip a reviewer catches late; the library holds the facts to catch it early.

What is compared: the cited text exists; type, số hiệu, date, issuer and trích yếu as written
match the record (the right form is given in NĐ 30's citation style, PL I Phần I Mục II.6.b: full
type, số hiệu, date, issuer, trích yếu; a Luật by name and date); it is in force on the
document's date (`library/validity.py`); amendments in force are named; the lines follow the
hierarchy of legal force. A text the library does not hold is a warning, never an error.

A text replaced or repealed gets the line to write instead (the successor's full căn cứ line,
followed through later replacements), because "out of force" alone sends the drafter searching; a
text only partly repealed stays citable, and citing one of its ended parts is the error.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable, Iterator

from vanban.generator.checker.anatomy import DOCUMENT, Anatomy
from vanban.generator.checker.rules.currency import document_date
from vanban.generator.checker.rules.registry import ERROR, WARNING, Issue, rule
from vanban.library.citations import Citation
from vanban.library.model import Document
from vanban.library.relations import CAN_CU, RelationGraph, library_graph, part_words, read_relations, target_name
from vanban.library.store import Library, number_key
from vanban.library.validity import ENDED, NOT_YET, PARTLY, Successor, Validity, validity_on
from vanban.library.vietnamese import fold

_EXPANSIONS = (("ubnd", "uy ban nhan dan"), ("hdnd", "hoi dong nhan dan"), ("ttg", "thu tuong chinh phu"))
#: Legal force, highest first (Luật Ban hành văn bản quy phạm pháp luật): the căn cứ lines follow it.
_FORCE = (
    ("Hiến pháp", lambda t, i: t == "Hiến pháp"),
    ("luật, nghị quyết của Quốc hội", lambda t, i: t in ("Bộ luật", "Luật") or "quoc hoi" in i or "/qh" in i),
    ("pháp lệnh", lambda t, i: t == "Pháp lệnh" or "thuong vu quoc hoi" in i),
    ("văn bản của Chủ tịch nước", lambda t, i: "chu tich nuoc" in i),
    ("nghị định", lambda t, i: t == "Nghị định"),
    ("quyết định của Thủ tướng Chính phủ", lambda t, i: "thu tuong" in i),
    ("thông tư", lambda t, i: t in ("Thông tư", "Thông tư liên tịch")),
    ("nghị quyết của HĐND tỉnh", lambda t, i: "hoi dong nhan dan" in i),
    ("văn bản của UBND tỉnh", lambda t, i: "uy ban nhan dan" in i),
)


_PART_FIRST = re.compile(r"^(?:(?:điểm|khoản|Điều|điều)\s+\w+\s+)+(?:của\s+)?")


def _norm(text: str) -> str:
    words = re.sub(r"[^\w/]+", " ", fold(text)).split()
    expanded = " ".join(dict(_EXPANSIONS).get(w, w) for w in words)
    return expanded


def _rank(doc_type: str | None, issuer: str) -> tuple[int, str]:
    hint = _norm(issuer)
    for position, (name, matches) in enumerate(_FORCE):
        if matches(doc_type or "", hint):
            return position, name
    return len(_FORCE), "văn bản khác"


def _date_words(day: _dt.date) -> str:
    """NĐ 30's date: day < 10 and months 1, 2 with a leading 0 ("ngày 05 tháng 3 năm 2020")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _issuer_words(issuer: str) -> str:
    return re.sub(r"\bHĐND\b", "Hội đồng nhân dân", re.sub(r"\bUBND\b", "Ủy ban nhân dân", issuer))


def citation_form(doc: Document) -> str:
    """How a căn cứ names `doc` in full (a Luật by name and date, without số hiệu or issuer)."""
    date = f" {_date_words(doc.signed_on)}" if doc.signed_on else ""
    if doc.doc_type == "Luật":
        name = doc.title if fold(doc.title).startswith("luat") else f"Luật {doc.title}"
        return f"{name}{date}"
    title = doc.title[:1].lower() + doc.title[1:] if doc.title else ""
    return f"{doc.doc_type} số {doc.number}{date} của {_issuer_words(doc.issuer)} {title}".strip()


def _summary(text: str) -> str:
    words = _norm(text).split()
    while words and words[0] in ("ve", "viec"):
        words.pop(0)
    return " ".join(words)


def _facts(citation: Citation, rest: str, doc: Document) -> Iterator[tuple[str, str, str]]:
    """(severity, what is wrong, as written) for each fact that differs from the record."""
    if citation.number and doc.number and number_key(citation.number) != number_key(doc.number):
        yield ERROR, f"số hiệu {doc.number}", citation.number
    named = _PART_FIRST.sub("", citation.text)  # "Điều 5 Quyết định số …": the type follows the part
    if not fold(named).startswith(fold(doc.doc_type)):
        yield ERROR, f"loại văn bản «{doc.doc_type}»", named.split(" số ")[0]
    if doc.signed_on and citation.signed_on and citation.signed_on != doc.signed_on:
        yield ERROR, f"ban hành {_date_words(doc.signed_on)}", f"{_date_words(citation.signed_on)}"
    elif doc.signed_on and not citation.signed_on:
        yield WARNING, f"ghi ngày ban hành: {_date_words(doc.signed_on)}", "thiếu ngày ban hành"
    elif re.search(r"ngay \d{1,2}[/.-]", fold(citation.text)):
        yield WARNING, f"ngày viết đủ: {_date_words(citation.signed_on)}", "ngày viết tắt"
    if doc.doc_type == "Luật":
        return
    written = _norm(rest)
    if not written.startswith("cua "):
        yield WARNING, f"ghi cơ quan ban hành: {_issuer_words(doc.issuer)}", "thiếu cơ quan ban hành"
        return
    written = written[4:]
    issuer = _norm(doc.issuer)
    body = re.sub(r"\b(tinh|thanh pho)\b.*$", r"\1", issuer)
    taken = next((i for i in (issuer, body) if written == i or written.startswith(i + " ")), None)
    if taken is None:
        yield ERROR, f"cơ quan ban hành: {_issuer_words(doc.issuer)}", rest.strip(" ;.")[:60]
        return
    summary, expected = _summary(written[len(taken) :]), _summary(doc.title)
    if not summary:
        yield WARNING, f"ghi trích yếu: {doc.title}", "thiếu trích yếu"
    elif summary != expected and not expected.startswith(summary):
        similar = difflib.SequenceMatcher(None, summary, expected).ratio() >= 0.8
        yield (ERROR if similar else WARNING), f"trích yếu: {doc.title}", rest.strip(" ;.")[-80:]
    elif _accented_summary_differs(rest, doc.title):
        yield ERROR, f"trích yếu: {doc.title}", "sai dấu trong trích yếu"


def _accented_summary_differs(rest: str, title: str) -> bool:
    """The same letters with other diacritics ("hành dộng" for "hành động"): fold hides it."""
    plain = re.sub(r"\s*[-–]\s*", "-", " ".join(title.lower().split()))
    written = re.sub(r"\s*[-–]\s*", "-", " ".join(rest.lower().split()))
    return plain not in written


def _near(citation: Citation, documents: list[Document]) -> Document | None:
    """A cited number the library lacks but one record fits by serial and date: a mistyped số hiệu."""
    if citation.serial is None or citation.signed_on is None:
        return None
    fits = [
        d for d in documents if d.number.split("/")[0] == str(citation.serial) and d.signed_on == citation.signed_on
    ]
    return fits[0] if len(fits) == 1 else None


def basis_line(doc: Document) -> str:
    """The whole căn cứ line for `doc`, ready to paste: "Căn cứ Nghị định số … về công tác văn thư;"."""
    return f"Căn cứ {citation_form(doc)};"


def _complete(doc: Document) -> bool:
    """Whether the record says enough to write its căn cứ line (a Luật needs its name and date)."""
    if doc.doc_type == "Luật":
        return bool(doc.title and doc.signed_on)
    return bool(doc.number and doc.signed_on and doc.issuer and doc.title)


_MAX_CHAIN = 5


def _current(successor: Successor, on: _dt.date, graph: RelationGraph) -> Successor:
    """The successor in force on `on`: a successor since replaced in turn is followed (a few steps)."""
    for _ in range(_MAX_CHAIN):
        if successor.document is None:
            break
        later = validity_on(successor.document, on, graph)
        if later.status != ENDED or not later.successors:
            break
        successor = later.successors[0]
    return successor


def _successor_advice(validity: Validity, on: _dt.date, graph: RelationGraph) -> str:
    """What to cite instead of a text ended on `on`: the successor's full căn cứ line when its
    record is complete, else what is known of it and that the drafter must check it. A text only
    repealed (not replaced) names the repealing text, which the drafter confirms governs the matter."""
    advice = []
    for successor in validity.successors:
        current = _current(successor, on, graph)
        doc = current.document
        repealed = successor.how == "bị bãi bỏ" and current is successor
        named = f"{doc.doc_type} {doc.number}".strip() if doc is not None and doc.number else current.name
        lead = (
            f"văn bản bãi bỏ nó là {named}; nếu văn bản này quy định nội dung cần căn cứ, viết"
            if repealed
            else "căn cứ văn bản thay thế"
        )
        if doc is not None and _complete(doc):
            amended = validity_on(doc, on, graph).amended_by
            also = f" (văn bản này {'; '.join(amended)}: xem có cần nêu cả văn bản sửa đổi)" if amended else ""
            advice.append(f"{lead}: «{basis_line(doc)}»{also}")
        else:
            dated = f" {_date_words(doc.signed_on)}" if doc is not None and doc.signed_on else ""
            advice.append(
                f"{lead}: {named}{dated} — thư viện chưa có đủ số hiệu, ngày, cơ quan ban hành, trích yếu của văn "
                "bản này: kiểm tra văn bản gốc rồi viết dòng căn cứ"
            )
    return "; ".join(dict.fromkeys(advice))


def _partly(where: dict, label: str, cited_part: str, validity: Validity) -> Issue:
    """A text partly repealed stays citable; citing one of its ended parts is an error."""
    ended = "; ".join(validity.ended_articles)
    if cited_part and any(cited_part == p or cited_part.endswith(f" {p}") for p in validity.ended_parts):
        return Issue(where, f"không căn cứ «{cited_part}»: phần này đã hết hiệu lực", f"«{label}»: {ended}")
    return Issue(
        where,
        "vẫn căn cứ được (văn bản chỉ hết hiệu lực một phần); không dựa vào các phần đã hết hiệu lực",
        f"«{label}»: {ended}",
        WARNING,
    )


def basis_issues(lines: Iterable[tuple[dict, str]], on: _dt.date, library: Library) -> Iterator[Issue]:
    """Findings for the căn cứ lines ((where, text) pairs) of a document dated `on`."""
    documents = library.documents()
    graph: RelationGraph = library_graph(documents)
    known = [d.number for d in documents if d.number]
    cited: list[tuple[dict, str, int, str]] = []
    for where, text in lines:
        if not fold(text).lstrip(" -").startswith("can cu"):
            continue
        for found in (f for f in read_relations(text, known) if f.kind == CAN_CU):
            citation = found.citation
            doc = graph.known(target_name(citation)) or _near(citation, documents)
            label = citation.text
            if doc is None:
                issuer_hint = citation.number or citation.name or ""
                cited.append((where, label, *_rank(citation.doc_type, issuer_hint)))
                yield Issue(
                    where, "văn bản có trong thư viện để đối chiếu", f"«{label}» chưa có trong thư viện", WARNING
                )
                continue
            for severity, expected, found_text in _facts(citation, text[citation.span[1] :], doc):
                yield Issue(where, f"{expected} — viết đủ: «{citation_form(doc)}»", found_text, severity)
            validity = validity_on(doc, on, graph)
            if validity.status == ENDED and validity.successors:
                yield Issue(where, _successor_advice(validity, on, graph), f"«{label}»: {validity.summary()}")
            elif validity.status in (ENDED, NOT_YET):
                yield Issue(where, f"văn bản còn hiệu lực ngày {on:%d/%m/%Y}", f"«{label}»: {validity.summary()}")
            elif validity.status == PARTLY:
                yield _partly(where, label, part_words(citation), validity)
            for amendment in validity.amended_by if validity.status != ENDED else ():
                yield Issue(where, "nêu cả văn bản sửa đổi, bổ sung", f"«{label}» {amendment}", WARNING)
            cited.append((where, label, *_rank(doc.doc_type, f"{doc.issuer} {doc.number}")))
    pairs = zip(cited, cited[1:], strict=False)
    for (_w, before, rank_before, kind_before), (where, after, rank_after, kind_after) in pairs:
        if rank_after < rank_before:
            expected = f"«{after}» ({kind_after}) đứng trước «{before}» ({kind_before}): thứ bậc hiệu lực pháp lý"
            yield Issue(where, expected, "thứ tự căn cứ ngược", WARNING)


@rule("CC-01", "PL I, Phần I, Mục II.6.b; thứ bậc hiệu lực pháp lý", "Căn cứ ban hành đối chiếu thư viện")
def basis_against_library(anatomy: Anatomy) -> Iterable[Issue]:
    if anatomy.kind != DOCUMENT or not anatomy.basis:
        return
    yield from basis_issues([(b.where(), b.clean) for b in anatomy.basis], document_date(anatomy), Library())


def basis_notes(document, on: _dt.date, library: Library) -> list[str]:
    """CC-01's findings on a drafted document, as `vanban draft` notes naming the line."""
    from vanban.generator.checker.parts import Inspected

    anatomy = Anatomy(Inspected(document))
    return [basis_note(issue) for issue in basis_issues([(b.where(), b.clean) for b in anatomy.basis], on, library)]


def basis_note(issue: Issue) -> str:
    """One finding as `vanban draft` prints it: the words of `vanban check` ("cần: …; thấy: …")."""
    label = "Lỗi" if issue.severity == ERROR else "Cảnh báo"
    return f"{label} CC-01 ở căn cứ «{issue.where['text']}» — cần: {issue.expected}; thấy: {issue.found}"
