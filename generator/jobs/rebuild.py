"""A library document → `Draft`, to regenerate it in NĐ 30 form (the plan 484 with its Phụ lục)."""

from __future__ import annotations

import re
from dataclasses import replace

from vanban.generator.compose.model import KINDS, Agency, Appendix, Draft
from vanban.generator.jobs.plan_tasks import task_table
from vanban.library.errors import VanbanError
from vanban.library.model import Document, Section, SectionKind


def draft_from_document(doc: Document, agency: Agency) -> Draft:
    kind = next((k for k, name in KINDS.items() if name == doc.doc_type), None)
    if kind is None:
        raise VanbanError(f"chưa soạn lại được loại «{doc.doc_type}» từ thư viện (chỉ: {', '.join(KINDS.values())}).")
    if not doc.full_text:
        raise VanbanError(f"thư viện chưa có toàn văn của {doc.number}; hãy thêm tệp bằng «vanban library add».")
    match = re.match(r"(\d+)/(?:[^-]+)-(.+)$", doc.number or "")
    serial = int(match.group(1)) if match else None
    if match:
        agency = replace(agency, abbreviation=match.group(2))
    if doc.place:
        agency = replace(agency, place=doc.place)
    recipients = [r for r in doc.recipients if not r.lower().startswith("lưu")]
    archive = next((r.split(":", 1)[1].strip() for r in doc.recipients if r.lower().startswith("lưu")), "")
    sections = (
        [Section(label="", kind=SectionKind.PARAGRAPH, text=doc.preamble)] if doc.preamble else []
    ) + doc.sections
    appendices = []
    if doc.tasks:
        appendices.append(
            Appendix(title=doc.appendix_title or "Danh mục nhiệm vụ", tables=[task_table(doc.tasks, doc.task_groups)])
        )
    return Draft(
        kind=kind,
        agency=agency,
        signer=doc.signature,
        title=doc.title,
        number=serial,
        signed_on=doc.signed_on,
        sections=sections,
        closing=doc.closing,
        recipients=recipients,
        archive=archive,
        appendices=appendices,
    )
