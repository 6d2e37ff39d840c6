"""The user's jobs behind `vanban draft`: one request in, one finished document written.

Keeps the command line thin: it parses options into a `DraftRequest`, and `write_drafted` writes
what comes back. A number is taken from the register only when everything else has worked: the
document is built and the output checked first, the number allocated, the document built again
with it and written atomically; if writing still fails, the number is cancelled in the register
with the reason (NĐ 30 Điều 15 forbids giving it out again, so the register must say why it
has no document).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml.ns import qn

from vanban.generator.checker.rules.basis import basis_notes
from vanban.generator.compose.document import compose, writable_target, write_docx, write_pdf
from vanban.generator.compose.model import KINDS, Draft
from vanban.generator.compose.shell import noi_nhan_lines
from vanban.library.errors import VanbanError
from vanban.library.store import Library
from vanban.library.succession import outdated_mentions
from vanban.office.register import CLI_ACTOR, Particulars, Register

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
    period: bool = False
    data_dir: Path | None = None


@dataclass
class Drafted:
    """A document ready to write. `draft` is None for a handout (not an administrative document,
    so no number); `companions` are files for the drafter written beside the document."""

    document: object
    name: str
    draft: Draft | None = None
    template: Path | None = None
    register_dir: Path | None = None
    notes: list[str] = field(default_factory=list)
    companions: dict[str, Callable[[Path], Path]] = field(default_factory=dict)

    @property
    def number_line(self) -> str | None:
        return self.draft.number_line if self.draft else None


def draft(request: DraftRequest, library: Library) -> Drafted:
    kind = request.kind
    if kind not in KINDS and kind not in WORKFLOWS:
        raise VanbanError(f"không có loại «{kind}». Chọn một trong: {', '.join([*KINDS, *WORKFLOWS])}.")
    if kind == "annual-plan":
        return _annual_plan(request, library)
    if kind == "report" and request.period:
        from vanban.generator.jobs.period_report import draft_period_report

        result, notes = draft_period_report(
            library, _needed(request.plan, "--plan"), request.results, request.input, request.profile
        )
        return _prepared(request, result, "bao-cao-tong-ket", notes)
    if kind == "report":
        from vanban.generator.jobs.report import draft_report

        result, notes, companions = draft_report(
            library,
            _needed(request.plan, "--plan"),
            _needed(request.year, "--year"),
            request.results,
            request.input,
            request.profile,
        )
        drafted = _prepared(request, result, "bao-cao", notes)
        drafted.companions = companions
        return drafted
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
    return _prepared(request, result, request.kind)


def _annual_plan(request: DraftRequest, library: Library) -> Drafted:
    from vanban.generator.jobs.annual_plan import after_period, build_annual_plan
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
    if ended := after_period(plan, year):
        notes.append(
            f"{plan.number} đã hết giai đoạn {ended[0]}-{ended[1]}: kế hoạch năm {year} được viết là tiếp tục các "
            "nhiệm vụ thường xuyên; mục tiêu không chép lại các chỉ tiêu của giai đoạn cũ. Hãy rà soát."
        )
    return _prepared(request, result, f"ke-hoach-{year}", notes)


def _prepared(request: DraftRequest, result: Draft, name: str, notes: list[str] | None = None) -> Drafted:
    """Build the document now (so a bad input or template fails before any number is taken)."""
    wants_number = request.register or result.wants_register_number
    if wants_number and request.data_dir is None:
        raise VanbanError("cần thư mục dữ liệu để dùng sổ đăng ký.")
    document = compose(result, request.template)
    on = result.signed_on or _dt.date(result.issue_year, 12, 31)
    notes = [*(notes or []), *outdated_notes(document, on), *basis_notes(document, on, Library(request.data_dir))]
    return Drafted(
        document,
        f"{name}-{result.number or ('so-moi' if wants_number else 'du-thao')}.docx",
        draft=result,
        template=request.template,
        register_dir=request.data_dir if wants_number else None,
        notes=notes,
    )


def outdated_notes(document, on: _dt.date) -> list[str]:
    """Warnings for bodies that no longer exist and texts that have been replaced on the date the
    document bears (or, undated, at the end of its year): each once, saying what replaces it."""
    text = "\n".join(t.text or "" for t in document.element.body.iter(qn("w:t")))
    messages = dict.fromkeys(mention.message for mention in outdated_mentions(text, on))
    return [f"Cảnh báo: {message}" for message in messages]


def register_particulars(result: Draft) -> Particulars:
    """The sổ văn bản đi's columns a draft already knows (Phụ lục IV): tên loại và trích yếu, the
    date, người ký, nơi nhận as the document prints it ("Như trên" spelled out as the Kính gửi)
    and its "Lưu:"; the văn thư completes the rest when the document leaves."""
    *sent_to, kept = noi_nhan_lines(result)
    items = [line.removeprefix("- ").rstrip(";.") for line in sent_to]
    if result.recipients_to and "Như trên" in items:
        at = items.index("Như trên")
        items[at : at + 1] = [r.strip().rstrip(";.") for r in result.recipients_to if r.strip()]
    title = result.title.strip()
    if title[1:2].islower():  # "Kế hoạch tổ chức…", never "Kế hoạch uBND…"
        title = title[0].lower() + title[1:]
    return Particulars(
        signed_on=result.signed_on.isoformat() if result.signed_on else "",
        title=f"{result.type_name} {title}".strip(),
        signer=result.signer.name,
        recipients="\n".join(items),
        archive=kept.removeprefix("- Lưu:").strip().rstrip("."),
    )


def write_drafted(drafted: Drafted, target: Path | None, pdf: bool = False, actor: str = CLI_ACTOR) -> list[Path]:
    """Write the document (taking its number from the register now if it asks for one), its PDF
    and its companions; returns the paths written. `actor` is who takes the number, as the
    register's history and the audit log name them (the web passes the signed-in account)."""
    document = drafted.document
    entry = None
    if drafted.register_dir is not None and drafted.draft is not None:
        result = drafted.draft
        writable_target(target or Path(drafted.name))
        entry = Register(drafted.register_dir).next(
            result.type_code,
            result.agency.abbreviation,
            result.issue_year,
            particulars=register_particulars(result),
            actor=actor,
            unit=result.agency.drafting_unit,
        )
        result.number = entry.number
        drafted.name = drafted.name.replace("so-moi", str(entry.number))
    target = writable_target(target or Path(drafted.name))
    if target.exists():
        drafted.notes.append(f"tệp {target} đã có: đã được thay bằng văn bản mới")
    try:
        if entry is not None:
            document = compose(drafted.draft, drafted.template)
        write_docx(document, target)
    except BaseException as error:
        if entry is not None:
            reason = f"không ghi được văn bản ({type(error).__name__}: {error})"
            Register(drafted.register_dir).cancel_entry(entry.id, reason, actor)
        raise
    written = [target]
    if pdf:
        written.append(write_pdf(target))
    for suffix, write in drafted.companions.items():
        written.append(write(target.with_name(f"{target.stem}{suffix}")))
    return written
