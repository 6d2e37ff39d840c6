"""`vanban draft`, `vanban check`, `vanban tasks export`, `vanban report template`: the documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from vanban.app.common import DataOption, JsonOption, data_dir, out, print_json
from vanban.library.store import Library

tasks_app = typer.Typer(help="Bảng nhiệm vụ của kế hoạch: xuất ra Excel để các đơn vị chỉnh sửa.", no_args_is_help=True)
report_app = typer.Typer(help="Báo cáo kết quả thực hiện kế hoạch: biểu mẫu Excel.", no_args_is_help=True)


KindArgument = Annotated[
    str,
    typer.Argument(
        help="Loại: ke-hoach, bao-cao, to-trinh, cong-van, quyet-dinh; hoặc annual-plan (kế hoạch năm), "
        "report (báo cáo kết quả từ bảng tính), handout (tài liệu tập huấn từ Markdown)."
    ),
]


def draft(
    kind: KindArgument,
    source: Annotated[
        Path | None, typer.Argument(help="Tệp dữ liệu .yaml (examples/draft/) hoặc .md (tài liệu tập huấn).")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Tệp .docx sẽ ghi.")] = None,
    profile: Annotated[Path | None, typer.Option("--profile", help="Hồ sơ cơ quan .toml.")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Xuất thêm PDF (cần LibreOffice).")] = False,
    from_library: Annotated[
        str | None, typer.Option("--from-library", help="Soạn lại một văn bản có trong thư viện, ví dụ 484/KH-UBND.")
    ] = None,
    register: Annotated[
        bool, typer.Option("--register", help="Lấy số tiếp theo từ sổ đăng ký văn bản (như «so: tu-dong»).")
    ] = False,
    template: Annotated[Path | None, typer.Option("--template", help="Mẫu nội dung .docx thay cho mẫu có sẵn.")] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="Kế hoạch nhiều năm, ví dụ 484/KH-UBND.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Năm của kế hoạch hoặc báo cáo.")] = None,
    tasks: Annotated[Path | None, typer.Option("--tasks", help="Bảng nhiệm vụ .xlsx đã chỉnh sửa.")] = None,
    input_file: Annotated[Path | None, typer.Option("--input", help="Tệp .yaml ghi đè các phần mặc định.")] = None,
    results: Annotated[
        list[Path] | None, typer.Option("--results", help="Bảng tính kết quả .xlsx (dùng nhiều lần được).")
    ] = None,
    period: Annotated[
        bool, typer.Option("--period", help="Báo cáo tổng kết cả giai đoạn (bảng tính của từng năm qua --results).")
    ] = False,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Soạn văn bản .docx đúng thể thức Nghị định 30/2020/NĐ-CP."""
    from vanban.generator.jobs.draft import DraftRequest, write_drafted
    from vanban.generator.jobs.draft import draft as run_draft

    request = DraftRequest(
        kind=kind,
        source=source,
        profile=profile,
        template=template,
        from_library=from_library,
        register=register,
        plan=plan,
        year=year,
        tasks=tasks,
        input=input_file,
        results=results or [],
        period=period,
        data_dir=data_dir(data),
    )
    drafted = run_draft(request, Library(data))
    written = write_drafted(drafted, output, pdf)
    if as_json:
        print_json(
            {
                "docx": str(written[0]),
                "pdf": str(written[1]) if pdf else None,
                "number": drafted.number_line,
                "notes": drafted.notes,
            }
        )
        return
    for note in drafted.notes:
        out.print(note if note.startswith("Cảnh báo:") else f"Ghi chú: {note}", soft_wrap=True)
    for path in written:
        out.print(f"Đã ghi: {path}")


def check(
    files: Annotated[list[Path], typer.Argument(help="Các tệp .docx, hoặc thư mục (kiểm tra mọi .docx trong đó).")],
    as_json: JsonOption = False,
) -> None:
    """Kiểm tra thể thức .docx theo Nghị định 30/2020/NĐ-CP (mã 0: đạt, 1: có lỗi, 2: không đọc được tệp)."""
    from vanban.generator.checker import check_file, docx_files

    reports = [check_file(path) for path in docx_files(files)]
    if as_json:
        print_json([r.to_dict() for r in reports])
    else:
        for report in reports:
            _print_report(report)
    raise typer.Exit(0 if all(r.ok for r in reports) else 1)


def _print_report(report) -> None:
    verdict = ("ĐẠT", "green") if report.ok else (f"{len(report.errors)} lỗi", "red")
    warnings = len(report.findings) - len(report.errors)
    extra = f", {warnings} cảnh báo" if warnings else ""
    out.print(
        Text.assemble((str(report.path), "bold"), f" ({report.document_type or 'không rõ loại'}): ", verdict, extra)
    )
    if report.scope.startswith("tài liệu"):
        out.print(f"  Phạm vi: {report.scope}", soft_wrap=True)
    for finding in report.findings:
        where = finding.where
        excerpt = f": «{where['text']}»" if where.get("paragraph") is not None and where.get("text") else ""
        label = "Lỗi" if finding.severity == "error" else "Cảnh báo"
        out.print(f"  {label} {finding.rule} ({finding.locator}) — {finding.title}", soft_wrap=True)
        out.print(f"    ở {finding.place}{excerpt}", soft_wrap=True)
        out.print(f"    cần: {finding.expected}; thấy: {finding.found}", soft_wrap=True)


PlanOption = Annotated[str, typer.Option("--plan", help="Kế hoạch nhiều năm, ví dụ 484/KH-UBND.")]
RequiredYear = Annotated[int, typer.Option("--year", help="Năm.")]
OutputXlsx = Annotated[Path, typer.Option("-o", "--output", help="Tệp .xlsx sẽ ghi.")]


@tasks_app.command("export")
def tasks_export(plan: PlanOption, year: RequiredYear, output: OutputXlsx, data: DataOption = None) -> None:
    """Xuất các nhiệm vụ của một năm ra bảng tính (sửa xong dùng lại bằng draft annual-plan --tasks)."""
    from vanban.generator.jobs.plan_tasks import export_tasks, tasks_for_year

    tasks, note = tasks_for_year(Library(data).get(plan), year)
    export_tasks(tasks, year, output)
    out.print(f"Ghi chú: {note}", soft_wrap=True)
    out.print(f"Đã ghi: {output}")


@report_app.command("template")
def report_template(plan: PlanOption, year: RequiredYear, output: OutputXlsx, data: DataOption = None) -> None:
    """Biểu mẫu Excel để các đơn vị điền kết quả thực hiện từng nhiệm vụ và chỉ tiêu."""
    from vanban.generator.jobs.report import write_results_template

    note = write_results_template(Library(data).get(plan), year, output)
    out.print(f"Ghi chú: {note}", soft_wrap=True)
    out.print(f"Đã ghi: {output}")
