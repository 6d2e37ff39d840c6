"""The annual plan (Kế hoạch năm Y) drawn from a multi-year plan and its task table.

Every part has a Vietnamese default taken from the multi-year plan — purpose from its goals,
tasks and solutions, funding, organisation — and each can be replaced in the YAML input
(muc_dich_yeu_cau, nhiem_vu, kinh_phi, to_chuc_thuc_hien, mo_dau …).
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
from pathlib import Path

from vanban.generator.compose.inputs import DraftInput, input_agency, load_schema, new_draft, outline
from vanban.generator.compose.model import Agency, Appendix, Draft
from vanban.generator.jobs.plan_tasks import plan_years, task_table
from vanban.generator.jobs.wording import mention
from vanban.library.model import Document, Section, SectionKind, Task
from vanban.library.vietnamese import fold, roman

PARTS = (
    ("muc_dich_yeu_cau", "MỤC ĐÍCH, YÊU CẦU", ("muc dich",)),
    ("muc_tieu", "MỤC TIÊU NĂM {year}", ("muc tieu",)),
    ("nhiem_vu", "NHIỆM VỤ VÀ GIẢI PHÁP", ("nhiem vu",)),
    ("kinh_phi", "KINH PHÍ THỰC HIỆN", ("kinh phi",)),
    ("to_chuc_thuc_hien", "TỔ CHỨC THỰC HIỆN", ("to chuc thuc hien",)),
)
_SHARED_FIELDS = ("ho_so", "so", "ngay", "trich_yeu", "can_cu", "ket_thuc", "nguoi_ky", "noi_nhan", "luu")


def annual_plan_schema() -> dict:
    """The draft schema's fields that make sense here, plus one outline per part of the plan."""
    schema = copy.deepcopy(load_schema("draft"))
    properties = {name: schema["properties"][name] for name in _SHARED_FIELDS}
    properties["mo_dau"] = {"type": "string", "minLength": 1}
    properties["tieu_de_phu_luc"] = {"type": "string", "minLength": 1}
    for name, _title, _words in PARTS:
        properties[name] = {"$ref": "#/$defs/outline"}
    schema["title"] = "Dữ liệu kế hoạch năm (vanban draft annual-plan)"
    schema["properties"] = properties
    schema["required"] = []
    return schema


def _short_date(day: _dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _plan_part(plan: Document, words: tuple[str, ...]) -> Section | None:
    return next((s for s in plan.sections if any(w in fold(s.title).lower() for w in words)), None)


def _without_appendix_pointer(sections: list[Section]) -> list[Section]:
    kept = []
    for section in sections:
        if section.text.startswith("(Nhiệm vụ cụ thể"):
            continue
        clone = copy.copy(section)
        clone.children = _without_appendix_pointer(section.children)
        kept.append(clone)
    return kept


def after_period(plan: Document, year: int) -> tuple[int, int] | None:
    """The plan's period when `year` comes after it (the plan has ended), else None."""
    span = plan_years(plan)
    return span if span and year > span[1] else None


def _default_parts(plan: Document, year: int) -> dict[str, list[Section]]:
    reference = f"Kế hoạch số {plan.number} ngày {_short_date(plan.signed_on)}"
    goals = _plan_part(plan, ("muc tieu",))
    general = goals.children[0].children if goals and goals.children else []
    ended = after_period(plan, year)
    opening = (
        f"Tiếp tục thực hiện các nhiệm vụ thường xuyên và duy trì kết quả của {reference} "
        f"(giai đoạn {ended[0]}-{ended[1]}) trong năm {year}, góp phần thực hiện các mục tiêu:"
        if ended
        else f"Triển khai có hiệu quả các nhiệm vụ năm {year} của {reference}, góp phần thực hiện các mục tiêu:"
    )
    purpose = [Section("", SectionKind.PARAGRAPH, text=opening)]
    purpose += [Section("-", SectionKind.ITEM, text=s.text) for s in general if s.text]
    requirements = [
        Section(
            "-",
            SectionKind.ITEM,
            text="Nhiệm vụ giao cụ thể cho từng cơ quan, đơn vị, có sản phẩm và thời gian hoàn thành; "
            "phù hợp với điều kiện thực tế của địa phương.",
        ),
        Section(
            "-",
            SectionKind.ITEM,
            text="Các cơ quan, đơn vị chủ động bố trí nguồn lực, phối hợp chặt chẽ, báo cáo kết quả đúng thời hạn.",
        ),
    ]
    parts = {
        "muc_dich_yeu_cau": [
            Section("1", SectionKind.CLAUSE, title="Mục đích", children=purpose),
            Section("2", SectionKind.CLAUSE, title="Yêu cầu", children=requirements),
        ],
        "muc_tieu": _targets(plan, year, reference),
    }
    for name, _title, words in PARTS[2:]:
        found = _plan_part(plan, words)
        parts[name] = _without_appendix_pointer(found.children) if found else []
    parts["nhiem_vu"].append(
        Section(
            "",
            SectionKind.PARAGRAPH,
            text=f"(Nhiệm vụ cụ thể của các cơ quan, đơn vị năm {year} theo Phụ lục kèm theo.)",
        )
    )
    return parts


def _targets(plan: Document, year: int, reference: str) -> list[Section]:
    """The plan's specific targets (its "Mục tiêu cụ thể"), framed for the year: to reach them inside
    the plan's period, to keep them up after it."""
    goals = _plan_part(plan, ("muc tieu",))
    specific = next((c for c in goals.children if "cu the" in fold(c.title).lower()), None) if goals else None
    items = [Section("-", SectionKind.ITEM, text=s.text) for s in (specific.children if specific else []) if s.text]
    if not items:
        return [Section("", SectionKind.PARAGRAPH, text=f"Hoàn thành các nhiệm vụ năm {year} theo Phụ lục kèm theo.")]
    ended = after_period(plan, year)
    if ended:
        # The period's targets are not this year's: say what is kept up, without restating them.
        return [
            Section(
                "",
                SectionKind.PARAGRAPH,
                text=f"Duy trì, phát huy kết quả đã đạt được đối với {len(items)} chỉ tiêu cụ thể của {reference} "
                f"giai đoạn {ended[0]}-{ended[1]}; chỉ tiêu cho giai đoạn tiếp theo thực hiện theo kế hoạch "
                "của giai đoạn mới khi được ban hành.",
            )
        ]
    lead = f"Phấn đấu đạt các chỉ tiêu của {reference} trong năm {year}:"
    return [Section("", SectionKind.PARAGRAPH, text=lead), *items]


def _annual_title(plan: Document, year: int) -> str:
    title, count = re.subn(r"giai đoạn\s+\d{4}\s*[-–]\s*\d{4}", f"năm {year}", plan.title)
    return title if count else f"{plan.title} năm {year}"


def _preamble(plan: Document, year: int, agency: Agency) -> str:
    """ "Thực hiện <what the plan itself implements> và Kế hoạch số …, <agency> ban hành …" — the
    opening seen in real annual plans (one sentence, no Căn cứ list)."""
    basis = re.match(r"^Thực hiện (.+?)(?: \(|, )", plan.preamble or "")
    grounds = f"{basis.group(1)} và " if basis else ""
    return (
        f"Thực hiện {grounds}{mention(plan, agency.full_name)}, {agency.full_name} ban hành Kế hoạch thực hiện "
        f"năm {year} như sau:"
    )


def build_annual_plan(
    plan: Document, year: int, tasks: list[Task], input_path: Path | None = None, profile: Path | None = None
) -> Draft:
    source = DraftInput.read(input_path, annual_plan_schema())
    data = source.data
    agency = input_agency(data, input_path, source.line_of, profile)
    parts = _default_parts(plan, year)
    sections = []
    for index, (name, title, _words) in enumerate(PARTS, 1):
        children = outline(data[name], depth=2) if name in data else parts[name]
        sections.append(Section(roman(index), SectionKind.SECTION, title=title.format(year=year), children=children))
    preamble = data.get("mo_dau") or _preamble(plan, year, agency)
    span = plan_years(plan)
    continued = (
        "nhiệm vụ thường xuyên năm {year} tiếp tục thực hiện"
        if after_period(plan, year)
        else "nhiệm vụ năm {year} thực hiện"
    )
    table_title = data.get("tieu_de_phu_luc") or (
        f"Danh mục {continued.format(year=year)} Kế hoạch số {plan.number}"
        + (f" giai đoạn {span[0]}-{span[1]}" if span else "")
    )
    return new_draft(
        "ke-hoach",
        source,
        profile,
        title=_annual_title(plan, year),
        year=year,
        sections=[Section("", SectionKind.PARAGRAPH, text=preamble), *sections],
        closing=plan.closing,
        recipients=[r for r in plan.recipients if not r.lower().startswith("lưu")],
        appendices=[Appendix(title=table_title, tables=[task_table(tasks)])],
    )
