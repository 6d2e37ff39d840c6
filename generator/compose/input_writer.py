"""`Draft` → the drafting YAML's data: the inverse of `inputs.new_draft` for an outline document.

A document a job built (the annual plan from the multi-year plan and the year's tasks) becomes a
draft a chuyên viên edits in Soạn thảo and the văn thư numbers: the YAML `vanban draft ke-hoach`
reads, holding the whole document — agency profile, trích yếu, căn cứ, the outline with its
nested headings, the Phụ lục tables, signer, Nơi nhận, year.

Why the whole text and not a reference to the job (a `ke_hoach_nam: {plan, year, tasks}` input):
once the draft exists, its YAML must be the one source of truth of the document. A reference
would rebuild the body from the library at every preview and at numbering, so the document the
văn thư numbers could differ from the one the chuyên viên read (a re-parsed or replaced plan),
the form could not show or edit the body it stands for, and the schema would carry a field only
one type understands. Written out, the draft is edited like any other, and the CLI, the form and
the văn thư all read the same text.

The writing is checked, not trusted: the data must pass the schema and the type's own checks, and
the outline read back (`inputs.outline`) must print the same body lines as the `Draft`'s sections;
a document the YAML cannot hold (a figure, a numbering the outline would renumber) is refused
with the first line that would change, never silently altered.
"""

from __future__ import annotations

from vanban.generator.compose.inputs import (
    REGISTER_NUMBER,
    kind_problems,
    load_profile,
    load_schema,
    outline,
    schema_problems,
)
from vanban.generator.compose.model import Appendix, Draft, TableSpec
from vanban.generator.compose.outline import flatten
from vanban.generator.compose.templating import template_dir
from vanban.library.errors import VanbanError
from vanban.library.model import Section, SectionKind

#: Outline sections written as a heading (numbered by their depth when read back); every other
#: kind is a line of text: "- …" for an item, the text itself for a paragraph.
_HEADINGS = (SectionKind.SECTION, SectionKind.CLAUSE, SectionKind.POINT)


def input_data(draft: Draft) -> dict:
    """The drafting YAML's data for `draft`, in the schema's order of fields; refused (VanbanError)
    when reading it back would not give the same document."""
    data: dict = {"ho_so": _profile_name(draft)}
    if draft.wants_register_number:
        data["so"] = REGISTER_NUMBER
    elif draft.number:
        data["so"] = draft.number
    if draft.signed_on:
        data["ngay"] = draft.signed_on.isoformat()
    if draft.year:
        data["nam"] = draft.year
    data["trich_yeu"] = draft.title
    for key, value in (("kinh_gui", draft.recipients_to), ("can_cu", draft.legal_basis)):
        if value:
            data[key] = list(value)
    data["noi_dung"] = _items(draft.sections)
    if draft.closing:
        data["ket_thuc"] = draft.closing
    data["nguoi_ky"] = _signer(draft)
    if draft.recipients:
        data["noi_nhan"] = list(draft.recipients)
    if draft.archive:
        data["luu"] = draft.archive
    if draft.appendices:
        data["phu_luc"] = [_appendix(appendix) for appendix in draft.appendices]
    _check(draft, data)
    return data


def _profile_name(draft: Draft) -> str:
    """The shipped profile the draft's agency is (the form offers only those)."""
    for path in sorted((template_dir() / "profiles").glob("*.toml")):
        if load_profile(path) == draft.agency:
            return path.stem
    name = draft.agency.full_name
    raise VanbanError(f"cơ quan «{name}» không phải một hồ sơ cơ quan có sẵn nên không mở được dự thảo.")


def _signer(draft: Draft) -> str | dict:
    """The profile's key for the signer, or the signer written out when the profile has no such one."""
    key = next((key for key, signer in draft.agency.signers.items() if signer == draft.signer), None)
    if key:
        return key
    signer = draft.signer
    return {"quyen_han": list(signer.authority), "chuc_vu": signer.title, "ho_ten": signer.name}


def _items(sections: list[Section]) -> list:
    """Sections → outline items: a heading keeps its title, its own paragraph (`van_ban`: a numbered
    clause without a title is one) and its children; an item's or paragraph's children follow it."""
    items: list = []
    for section in sections:
        if section.kind in _HEADINGS:
            item: dict = {}
            if section.title:
                item["tieu_de"] = section.title
            if section.text:
                item["van_ban"] = section.text
            if section.children:
                item["noi_dung"] = _items(section.children)
            items.append(item)
            continue
        if section.text:
            items.append(f"- {section.text}" if section.kind == SectionKind.ITEM else section.text)
        items.extend(_items(section.children))
    return items


def _appendix(appendix: Appendix) -> dict:
    written: dict = {"tieu_de": appendix.title, "ngang": appendix.landscape}
    if appendix.paragraphs:
        written["doan"] = list(appendix.paragraphs)
    if appendix.tables:
        written["bang"] = [_table(table) for table in appendix.tables]
    return written


def _table(table: TableSpec) -> dict:
    return {"cot": list(table.columns), "do_rong": list(table.widths), "dong": [_row(row) for row in table.rows]}


def _row(row: list[str] | str) -> list[str] | str:
    """A group row as its text; a row of cells without its empty cells at the end (read back, a
    short row is filled to the columns, and the form drops them the same way)."""
    if isinstance(row, str):
        return row
    cells = list(row)
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def _check(draft: Draft, data: dict) -> None:
    problems = schema_problems(data, load_schema("draft")) + kind_problems(data, draft.kind)
    if problems:
        where, message = problems[0]
        field = " › ".join(str(step + 1) if isinstance(step, int) else step for step in where)
        raise VanbanError(f"không viết được dự thảo: trường «{field}»: {message}")
    wanted = [(line.kind, line.line) for line in flatten(draft.sections)]
    read_back = [(line.kind, line.line) for line in flatten(outline(data["noi_dung"]))]
    if wanted != read_back:
        shorter = min(len(wanted), len(read_back))
        at = next((i for i in range(shorter) if wanted[i] != read_back[i]), shorter)
        line = wanted[at][1] if at < len(wanted) else read_back[at][1]
        raise VanbanError(f"dự thảo không giữ được nguyên văn bản: dòng «{line[:80]}» sẽ bị đổi khi đọc lại.")
