"""`Document` → Markdown with YAML front matter: the library's own storage format.

The body is the document as it reads (header lines, outline, Nơi nhận, signature), written so that
the Markdown reader and the structure parser give the same outline back; the front matter holds
the metadata explicitly, so a record stays right even where the text is incomplete.
"""

from __future__ import annotations

import re

import yaml

from vanban.library.model import Document, Section, SectionKind
from vanban.library.structure import PARAGRAPH_KINDS
from vanban.library.vietnamese import place_date

_SPECIAL = re.compile(r"([\\`*_\[\]<])")
_LIST_START = re.compile(r"^(\d+)([.)])(\s)")


def escape(text: str) -> str:
    """Escape what Markdown would read as markup, including a leading "1." or "- "."""
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LIST_START.sub(r"\1\\\2\3", text)
    if text.startswith(("- ", "+ ", "#", ">")):
        text = "\\" + text
    return text


def front_matter(meta: dict) -> str:
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{dumped}---\n"


def _section_lines(section: Section, depth: int) -> list[str]:
    lines: list[str] = []
    if section.kind in PARAGRAPH_KINDS:
        marker = "- " if section.kind == SectionKind.ITEM else ""
        lines += [marker + escape(section.text), ""]
        return lines
    label = section.label
    heading_text = section.title or section.text
    if section.kind == SectionKind.SECTION:
        lines += [f"## {label}. {escape(heading_text)}", ""]
    elif section.children or section.title:
        lines += [f"{'#' * min(depth + 2, 6)} {label}. {escape(heading_text)}", ""]
    else:
        marker = f"{label}." if section.kind == SectionKind.CLAUSE else f"{label})"
        lines += [f"{marker} {escape(section.text)}", ""]
    if section.title and section.text:
        lines += [escape(section.text), ""]
    for child in section.children:
        lines += _section_lines(child, depth + 1)
    return lines


def document_to_markdown(doc: Document, meta: dict) -> str:
    """Front matter `meta` + a body that reads like the document and parses back to its outline."""
    body: list[str] = []
    if doc.number:
        body += [f"Số: {escape(doc.number)}", ""]
    if doc.signed_on and doc.place:
        body += [place_date(doc.place, doc.signed_on), ""]
    if doc.doc_type:
        body += [f"**{doc.doc_type.upper()}**", ""]
    if doc.title:
        body += [f"**{escape(doc.title)}**", ""]
    for paragraph in doc.preamble.split("\n") if doc.preamble else []:
        body += [escape(paragraph), ""]
    for section in doc.sections:
        body += _section_lines(section, 0)
    if doc.closing:
        body += [escape(doc.closing), ""]
    if doc.recipients:
        body += ["**Nơi nhận:**", ""]
        body += [f"- {escape(r)}" for r in doc.recipients] + [""]
    signature = doc.signature.authority + ([doc.signature.title] if doc.signature.title else [])
    if signature:
        body += ["\\\n".join(f"**{escape(line)}**" for line in signature), ""]
    if doc.signature.name:
        body += [escape(doc.signature.name), ""]
    if doc.appendix_title or doc.tasks:
        body += ["**PHỤ LỤC**", ""]
        if doc.appendix_title:
            body += [f"**{escape(doc.appendix_title)}**", ""]
        if doc.appendix_ref:
            body += [f"*{escape(doc.appendix_ref)}*", ""]
    return front_matter(meta) + "\n" + "\n".join(body).rstrip() + "\n"
