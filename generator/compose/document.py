"""Draft → .docx: render the type's body template, wrap it in the NĐ 30 shell, write atomically."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path

from vanban.generator.compose.inputs import plain
from vanban.generator.compose.model import Draft
from vanban.generator.compose.outline import flatten
from vanban.generator.compose.shell import build_shell, ensure_closing_mark, executing_article, punctuate
from vanban.generator.compose.templating import render_template, template_for
from vanban.library.atomic import atomic_write_bytes
from vanban.library.errors import VanbanError
from vanban.library.model import Section, SectionKind
from vanban.library.readers import convert_with_libreoffice, libreoffice
from vanban.library.vietnamese import fold, roman


def template_context(draft: Draft) -> dict:
    """The names a body template may use (all text NFC; Jinja escapes it for XML)."""
    agency = draft.agency
    context = {
        "loai": draft.type_name,
        "co_quan": agency.full_name,
        "dia_danh": agency.place,
        "nam": draft.issue_year,
        "trich_yeu": draft.title,
        "kinh_gui": draft.recipients_to[0].rstrip(";.") if draft.recipients_to else "",
        "can_cu": punctuate(draft.legal_basis),
        "tham_quyen": (agency.competence or "").upper(),
        "noi_dung": [line.context() for line in flatten(draft.sections)],
        "ket_thuc": ensure_closing_mark(draft.closing),
        "hieu_luc": draft.effect,
        "thi_hanh": draft.executors or agency.executors,
        "so_dieu_hieu_luc": executing_article(draft) - 1,
        "so_dieu_thi_hanh": executing_article(draft),
    }
    return plain(context)


def with_appendices_mentioned(draft: Draft) -> Draft:
    """A Phụ lục must be referred to in the body (PL I, A8 of nd30-format.md): when the input's own
    text never names it, the body ends with a sentence that does ("Chi tiết tại Phụ lục kèm theo
    Kế hoạch này."; in a decision, inside its last Điều)."""
    if not draft.appendices:
        return draft
    texts = (f"{s.title} {s.text}" for top in draft.sections for _path, s in top.walk())
    if any("phu luc" in fold(text).lower() for text in texts):
        return draft
    which = (
        "Phụ lục"
        if len(draft.appendices) == 1
        else "các Phụ lục " + ", ".join(roman(i) for i in range(1, len(draft.appendices) + 1))
    )
    sentence = Section("", SectionKind.PARAGRAPH, text=f"Chi tiết tại {which} kèm theo {draft.type_name} này.")
    articles = [s for s in draft.sections if s.kind == SectionKind.ARTICLE]
    if articles:
        last = articles[-1]
        changed = replace(last, children=[*last.children, sentence])
        return replace(draft, sections=[changed if s is last else s for s in draft.sections])
    return replace(draft, sections=[*draft.sections, sentence])


def compose(draft: Draft, template: Path | None = None):
    """The finished python-docx Document for `draft`."""
    draft = with_appendices_mentioned(draft)
    document = render_template(template or template_for(draft.kind), template_context(draft))
    build_shell(document, draft)
    return document


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def writable_target(target: Path) -> Path:
    """Refuse an output the document cannot be written to, before anything is taken or written."""
    if target.suffix.lower() != ".docx":
        raise VanbanError("tệp kết quả phải có đuôi .docx.", target)
    if target.is_dir():
        raise VanbanError("đây là một thư mục, không phải tệp .docx: hãy đặt tên tệp khác.", target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise VanbanError("thư mục để ghi tệp không tồn tại.", folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise VanbanError("không có quyền ghi vào thư mục này; hãy chọn thư mục khác (-o).", folder)
    if lock := open_elsewhere(target):
        raise VanbanError(
            f"tệp đang được mở trong Word hoặc LibreOffice (có tệp khóa «{lock.name}»); hãy đóng tệp rồi chạy lại, "
            "hoặc ghi ra tên khác (-o).",
            target,
        )
    return target


def open_elsewhere(target: Path) -> Path | None:
    """The lock file Word ("~$" + the name, its first two letters dropped when long) or LibreOffice
    (".~lock.<name>#") keeps beside a document it has open."""
    name = target.name
    candidates = [f"~${name}", f"~${name[2:]}", f".~lock.{name}#"]
    return next((target.with_name(c) for c in candidates if target.with_name(c).exists()), None)


def write_docx(document, path: Path) -> Path:
    atomic_write_bytes(writable_target(path), docx_bytes(document))
    return path


def write_pdf(docx_path: Path) -> Path:
    """A PDF beside the .docx, through LibreOffice headless; a clear message when it is missing."""
    if libreoffice() is None:
        raise VanbanError(
            "chưa cài LibreOffice nên không xuất được PDF (tệp .docx vẫn đã được ghi). "
            "Cài bằng: sudo apt-get install libreoffice-writer fonts-liberation2",
            docx_path,
        )
    return convert_with_libreoffice(docx_path, "pdf", docx_path.parent)
