"""`/kiem-tra`: `vanban check` in the browser — one or more .docx in, findings grouped by rule.

Each report is `Report.to_dict()` (the CLI's `--json`), named by the file the user chose; a file
that cannot be read gets its own Vietnamese message and the other files are still checked.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from vanban.app.web.errors import PageError
from vanban.app.web.finding_images import page_images
from vanban.app.web.guard import page, state_changing
from vanban.app.web.render import render
from vanban.app.web.reports import shown
from vanban.app.web.uploads import as_user_error, save_uploads
from vanban.generator.checker import check_file
from vanban.library.errors import VanbanError


def _page(request: Request, reports: list[dict], error: str = "", status: int = 200) -> Response:
    config = request.app.state.workbench.config
    return render(
        request,
        "check.html",
        {"reports": reports, "error": error, "max_upload_mb": config.max_upload_bytes // (1024 * 1024)},
        status,
    )


@page("check")
def check_form(request: Request) -> Response:
    return _page(request, [])


def _checked(path: Path, name: str, names: dict[Path, str], data_dir: Path) -> dict:
    try:
        report = check_file(path)
    except VanbanError as error:
        return {"path": name, "unreadable": str(as_user_error(error, names))}
    data = report.to_dict()
    data["path"] = name
    if report.findings:  # a file that passes needs no picture, and LibreOffice takes seconds
        images, data["no_pictures"] = page_images(path, report, data_dir)
        for index, marks in images.items():
            data["findings"][index]["marks"] = marks
    return shown(data)


@state_changing("check")
def check_files(request: Request, form: FormData) -> Response:
    config = request.app.state.workbench.config
    with tempfile.TemporaryDirectory(prefix="vanban-kiem-tra-") as folder:
        try:
            names = save_uploads(form, "tep", Path(folder), config.max_upload_bytes)
        except PageError as error:
            return _page(request, [], str(error), error.status)
        data_dir = request.app.state.workbench.library.data_dir
        reports = [_checked(path, name, names, data_dir) for path, name in names.items()]
    status = 400 if reports and all("unreadable" in r for r in reports) else 200
    return _page(request, reports, status=status)
