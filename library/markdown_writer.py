"""`Document` → Markdown with YAML front matter: the shipped corpus's source and an export format.

The body is the document as it reads (header lines, outline, Nơi nhận, signature), written so that
the Markdown reader and the structure parser give the same outline back; the front matter holds
the metadata explicitly, so a record stays right even where the text is incomplete.  A task table
goes to its own YAML file next to the Markdown, named in the front matter (`tasks:`), so that
`library add` on the exported file brings the whole document back.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from vanban.library.metadata import dump_task_file
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


def _item_marker(section: Section) -> str:
    """ "- " for an item, "+ " / "* " for the sub-items so labelled (escaped, so the Markdown reader
    hands them to the parser as typed rather than as one more "- " list), "" for a paragraph."""
    if section.kind != SectionKind.ITEM:
        return ""
    return f"\\{section.label} " if section.label in ("+", "*") else "- "


def _section_lines(section: Section, depth: int) -> list[str]:
    lines: list[str] = []
    if section.kind in PARAGRAPH_KINDS:
        lines += [_item_marker(section) + escape(section.text), ""]
        for child in section.children:
            lines += _section_lines(child, depth + 1)
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


def document_metadata(doc: Document, tasks_file: str | None = None) -> dict:
    """Everything `apply_metadata` reads back, in front-matter order; empty fields are left out."""
    meta: dict = {}
    for name in ("id", "number", "doc_type", "issuer", "parent_issuer", "place"):
        if getattr(doc, name):
            meta[name] = getattr(doc, name)
    if doc.signed_on:
        meta["signed_on"] = doc.signed_on
    if doc.title:
        meta["title"] = doc.title
    meta["status"] = doc.status
    if doc.signature.authority or doc.signature.title or doc.signature.name:
        meta["signature"] = doc.signature.to_dict()
    if doc.recipients:
        meta["recipients"] = list(doc.recipients)
    meta["category"] = doc.category
    meta["full_text"] = doc.full_text
    for name in ("source", "notes", "appendix_title", "appendix_ref"):
        if getattr(doc, name):
            meta[name] = getattr(doc, name)
    if tasks_file:
        meta["tasks"] = tasks_file
    return meta


def export_markdown(doc: Document, output: Path) -> dict[Path, str]:
    """{file: content} for `library export --format md`: the Markdown and, with tasks, their YAML."""
    files: dict[Path, str] = {}
    tasks_file = f"{output.stem}.tasks.yaml" if doc.tasks else None
    if tasks_file:
        files[output.with_name(tasks_file)] = dump_task_file(doc)
    files[output] = document_to_markdown(doc, document_metadata(doc, tasks_file))
    return files
