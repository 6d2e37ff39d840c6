"""The user's jobs behind `vanban draft`: one request in, one finished document out.

Keeps the command line thin: it parses options into a `DraftRequest` and writes what comes back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vanban.generator.compose.document import compose
from vanban.generator.compose.model import KINDS, Draft
from vanban.library.errors import VanbanError
from vanban.library.store import Library
from vanban.office.register import Register

WORKFLOWS = ("annual-plan", "report", "handout")


@dataclass
class DraftRequest:
    kind: str
    source: Path | None = None
    profile: Path | None = None
    template: Path | None = None
    from_library: str | None = None
    register: bool = False
    plan: str | None = None
    year: int | None = None
    tasks: Path | None = None
    input: Path | None = None
    results: list[Path] = field(default_factory=list)
    data_dir: Path | None = None


@dataclass
class Drafted:
    document: object
    name: str
    number_line: str | None = None
    notes: list[str] = field(default_factory=list)


def draft(request: DraftRequest, library: Library) -> Drafted:
    kind = request.kind
    if kind not in KINDS and kind not in WORKFLOWS:
        raise VanbanError(f"không có loại «{kind}». Chọn một trong: {', '.join([*KINDS, *WORKFLOWS])}.")
    if kind == "annual-plan":
        return _annual_plan(request, library)
    if kind == "report":
        from vanban.generator.jobs.report import draft_report

        result, notes = draft_report(
            library,
            _needed(request.plan, "--plan"),
            _needed(request.year, "--year"),
            request.results,
            request.input,
            request.profile,
        )
        return _finish(request, result, "bao-cao", notes)
    if kind == "handout":
        from vanban.generator.jobs.handout import build_handout

        source = _needed(request.source, "tệp Markdown nguồn (ví dụ examples/handouts/…md)")
        return Drafted(build_handout(source, library), f"tai-lieu-{source.stem}.docx")
    return _administrative(request, library)


def _needed(value, what: str):
    if value is None:
        raise VanbanError(f"thiếu {what}.")
    return value


def _administrative(request: DraftRequest, library: Library) -> Drafted:
    from vanban.generator.compose.inputs import default_profile, load_draft, load_profile
    from vanban.generator.jobs.rebuild import draft_from_document

    if request.from_library:
        document = library.get(request.from_library)
        result = draft_from_document(document, load_profile(request.profile or default_profile()))
        if result.kind != request.kind:
            raise VanbanError(f"{request.from_library} là {result.type_name}, không phải «{request.kind}».")
    elif request.source is None:
        raise VanbanError("cần tệp dữ liệu (ví dụ examples/draft/ke-hoach.yaml) hoặc --from-library SỐ_HIỆU.")
    else:
        result = load_draft(request.source, request.kind, request.profile)
    return _finish(request, result, request.kind)


def _annual_plan(request: DraftRequest, library: Library) -> Drafted:
    from vanban.generator.jobs.annual_plan import build_annual_plan
    from vanban.generator.jobs.plan_tasks import import_tasks, tasks_for_year

    plan = library.get(_needed(request.plan, "--plan (số hiệu kế hoạch nhiều năm, ví dụ 484/KH-UBND)"))
    year = _needed(request.year, "--year")
    notes = []
    if request.tasks:
        tasks = import_tasks(request.tasks, year)
        notes.append(f"{len(tasks)} nhiệm vụ lấy từ {request.tasks}")
    else:
        tasks, note = tasks_for_year(plan, year)
        notes.append(note)
    result = build_annual_plan(plan, year, tasks, request.input, request.profile)
    return _finish(request, result, f"ke-hoach-{year}", notes)


def _finish(request: DraftRequest, result: Draft, name: str, notes: list[str] | None = None) -> Drafted:
    if request.register or result.wants_register_number:
        if request.data_dir is None:
            raise VanbanError("cần thư mục dữ liệu để dùng sổ đăng ký.")
        entry = Register(request.data_dir).next(
            result.type_code, result.agency.abbreviation, result.issue_year, note=result.title
        )
        result.number = entry.number
    document = compose(result, request.template)
    return Drafted(document, f"{name}-{result.number or 'du-thao'}.docx", result.number_line, notes or [])
