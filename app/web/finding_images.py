"""Each checker finding drawn on its page as LibreOffice prints it (generator/checker/locate.py).

The pages are rendered once per checked file into a folder of their own under the data folder's
cache (`cache/kiem-tra/<random token>/`), and only the PNGs are kept there; the checker page links
to them through `/kiem-tra/hinh/<token>/<file>`, which serves nothing else (the token and the file
name must have our own shapes, so a path cannot climb out). The box is not painted into the
picture: the page draws it as an SVG rectangle over the image, from the pixel box `locate` gives,
and shows a band of the page around it so the text is readable at screen size. Folders are
deleted after KEEP, when the next file is checked.
"""

from __future__ import annotations

import re
import secrets
import shutil
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from vanban.app.web.cache_folders import forget_older
from vanban.app.web.errors import PageError
from vanban.app.web.guard import page
from vanban.generator.checker import Report
from vanban.generator.checker.locate import LocatedPages, Mark, Page, locate_findings

CACHE = Path("cache") / "kiem-tra"
#: How long the pictures of a check stay: enough to read the page and open a picture again.
KEEP_SECONDS = 2 * 3600
#: Pixels of the page shown above and below a finding's box.
MARGIN = 110
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")
_NAME = re.compile(r"van-ban-\d{1,4}\.png")
_SOURCE = "van-ban.docx"  # our own name: the pictures are named after it, never after the user's file


def cache_root(data_dir: Path) -> Path:
    return Path(data_dir) / CACHE


def _mark_view(token: str, page: Page, mark: Mark) -> dict:
    """What the template needs to draw one mark: the picture, the part of the page shown, the box."""
    box = mark.box
    if mark.whole_page:
        top, height = 0, page.height
    else:
        top = max(0, box.top - MARGIN)
        height = min(page.height, box.bottom + MARGIN) - top
    return {
        "src": f"/kiem-tra/hinh/{token}/{page.image.name}",
        "page": page.number,
        "width": page.width,
        "height": page.height,
        "view": f"0 {top} {page.width} {height}",
        "box": box.to_dict(),
        "whole_page": mark.whole_page,
    }


def page_images(path: Path, report: Report, data_dir: Path) -> tuple[dict[int, list[dict]], str | None]:
    """Finding index → its marks to draw; and why there are no pictures, when there are none.

    Runs LibreOffice and poppler: call it from a worker thread, never on the event loop."""
    root = cache_root(data_dir)
    forget_older(root, KEEP_SECONDS)
    token = secrets.token_urlsafe(16)
    folder = root / token
    folder.mkdir(parents=True)
    source = folder / _SOURCE
    shutil.copyfile(path, source)
    located: LocatedPages = locate_findings(source, report, folder)
    for other in folder.iterdir():
        if not _NAME.fullmatch(other.name):
            other.unlink()
    if located.reason:
        shutil.rmtree(folder, ignore_errors=True)
        return {}, located.reason
    pages = {p.number: p for p in located.pages}
    images = {
        index: [_mark_view(token, pages[m.page], m) for m in found.marks]
        for index, found in enumerate(located.findings)
        if found.marks
    }
    return images, None


@page("check")
def finding_picture(request: Request) -> Response:
    """One rendered page of a recent check; anything else is 404, whatever the address holds."""
    token, name = request.path_params["token"], request.path_params["name"]
    if not (_TOKEN.fullmatch(token) and _NAME.fullmatch(name)):
        raise PageError("không có hình này.", status=404)
    picture = cache_root(request.app.state.workbench.library.data_dir) / token / name
    if not picture.is_file():
        raise PageError("hình trang này đã được xóa (chỉ giữ ít giờ sau khi kiểm tra). Hãy kiểm tra lại tệp.", 404)
    return FileResponse(picture, media_type="image/png", headers={"cache-control": "private, max-age=3600"})
