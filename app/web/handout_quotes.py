"""«Chèn trích dẫn»: find a document of the library and one of its Điều/mục, so that a chuyên viên
picks the quotation instead of typing `{{trich 484/KH-UBND II.4}}`.

Only documents whose full text the library holds are offered (nothing else can be quoted), each
with the sections `handout.quotable_sections` names — the same paths the handout resolves, so a
quotation chosen here always resolves. The page gets an HTML fragment rendered by Jinja2 with
autoescape: a title or a typed query comes back as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.generator.jobs.handout import quotable_sections
from vanban.library.model import Document, SectionKind
from vanban.library.store import Library, number_key
from vanban.library.vietnamese import fold

#: A short list to pick from, not a search page.
DOCUMENTS = 8
SECTIONS = 60
MAX_QUERY = 100
SHOWN_CHARS = 110


@dataclass
class Choice:
    """One line of the list: what is shown, and the quotation inserted when it is chosen."""

    path: str
    text: str
    depth: int
    quotation: str


def reference(doc: Document) -> str:
    """What a quotation names the document by: its số hiệu, or its id when it has none."""
    return doc.number or doc.id


def name(doc: Document) -> str:
    """ "Kế hoạch 484/KH-UBND", or the title of a document without a number."""
    return f"{doc.doc_type} {doc.number}" if doc.number else doc.title


def _words(query: str) -> list[str]:
    return fold(" ".join(query.split())[:MAX_QUERY]).lower().split()


def documents(library: Library, query: str) -> list[Document]:
    """The quotable documents matching every word typed (in số hiệu, type, title, issuer), or all
    of them when nothing is typed; the newest first."""
    words, key = _words(query), number_key(query)
    found = []
    for doc in library.documents():
        if not (doc.full_text and doc.sections):
            continue
        haystack = fold(f"{doc.doc_type} {doc.number} {doc.title} {doc.issuer}").lower()
        if not words or (key and key in number_key(doc.number or "")) or all(w in haystack for w in words):
            found.append(doc)
    found.sort(key=lambda d: -(d.signed_on.toordinal() if d.signed_on else 0))
    return found[:DOCUMENTS]


def _shortened(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1].rsplit(" ", 1)[0] + "…"


def sections(doc: Document, query: str) -> list[Choice]:
    """The sections of `doc` to choose from: with words typed, those whose label or text holds them
    all; without, the outline's upper levels (the articles of a legal text)."""
    words = _words(query)
    choices = []
    for path, node in quotable_sections(doc):
        depth = path.count(".")
        text = node.title or node.text
        if words:
            if not all(w in fold(f"{path} {text}").lower() for w in words):
                continue
        elif (node.kind != SectionKind.ARTICLE) if doc.style == "legal" else depth > 1:
            continue
        choices.append(Choice(path, _shortened(text), depth, f"{{{{trich {reference(doc)} {path}}}}}"))
    return choices[:SECTIONS]
