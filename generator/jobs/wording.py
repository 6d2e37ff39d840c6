"""How the yearly jobs name documents, agencies and proposals in running text.

Kept in one place because the annual plan and the report open the same way ("Thực hiện Kế hoạch
số … về …") and a reviewing chuyên viên sends back a text that names its own issuer twice or
mentions a document without saying what it is about.
"""

from __future__ import annotations

import re

from vanban.library.model import Document
from vanban.library.vietnamese import fold

#: Short forms of body names that officials write interchangeably with the full form.
_SHORT_FORMS = {"ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan"}


def same_body(a: str, b: str) -> bool:
    """ "UBND tỉnh Hà Tĩnh" and "Ủy ban nhân dân tỉnh Hà Tĩnh" are one body."""

    def key(name: str) -> str:
        words = fold(name).lower().split()
        return " ".join(_SHORT_FORMS.get(w, w) for w in words)

    return bool(a and b) and key(a) == key(b)


def subject_of(doc: Document) -> str:
    """The trích yếu as it follows a document's number in a sentence: "về thực hiện Chương trình…"."""
    title = doc.title.strip().rstrip(".")
    if not title:
        return ""
    lowered = title[:1].lower() + title[1:]
    return lowered if fold(lowered).startswith("ve ") else f"về {lowered}"


def mention(doc: Document, speaker: str) -> str:
    """The first mention of a document in `speaker`'s text: type, number, date, issuer (unless it
    is the speaker itself) and trích yếu — "Kế hoạch số 484/KH-UBND ngày 15/12/2020 về thực hiện…"."""
    parts = [f"{doc.doc_type} số {doc.number}"]
    if doc.signed_on:
        parts.append(f"ngày {doc.signed_on:%d/%m/%Y}")
    if doc.issuer and not same_body(doc.issuer, speaker):
        parts.append(f"của {doc.issuer}")
    if subject := subject_of(doc):
        parts.append(subject)
    return " ".join(parts)


def sentence(text: str) -> str:
    """A cell's phrase as a sentence: capital first letter, one final period."""
    text = " ".join(text.split()).rstrip(" .;,")
    return f"{text[:1].upper()}{text[1:]}." if text else ""


_ASKING = re.compile(r"^(?:đề nghị|kiến nghị|đề xuất)\s+", re.IGNORECASE)
#: A proposal may also open with the body it asks ("Bộ Công Thương tiếp tục hỗ trợ …").
_BODY_OPENERS = ("Bộ ", "Sở ", "UBND ", "Ủy ban ", "Chính phủ ", "Thủ tướng ", "HĐND ", "Hội đồng ")
#: Lower-case words that belong inside a body's name ("Ủy ban nhân dân tỉnh", "Sở Tài chính").
_NAME_WORDS = {
    "ban",
    "nhân",
    "dân",
    "tỉnh",
    "huyện",
    "xã",
    "và",
    "các",
    "thành",
    "phố",
    "chính",
    "phủ",
    "trung",
    "ương",
}


def addressee(proposal: str) -> tuple[str, str]:
    """ "Đề nghị Bộ Công Thương hỗ trợ kinh phí" → ("Bộ Công Thương", "hỗ trợ kinh phí"); a
    proposal that names no body → ("", the proposal)."""
    text = " ".join(proposal.split())
    asking = _ASKING.match(text)
    if not asking and not text.startswith(_BODY_OPENERS):
        return "", text
    words = text[asking.end() if asking else 0 :].split(" ")
    taken = 0
    for word in words:
        bare = word.strip(",;:")
        if not bare or not (bare[:1].isupper() or (taken and bare in _NAME_WORDS)):
            break
        taken += 1
        if word != bare:  # a comma closes the first body named; the proposal is grouped under it
            break
    if not taken:
        return "", text
    body = " ".join(words[:taken]).strip(",;:")
    rest = " ".join(words[taken:]).strip(" ,;:")
    return body, rest
