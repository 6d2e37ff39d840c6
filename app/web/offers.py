"""A document the web made for a user, offered for download only after it has been checked.

Every page that produces a .docx (a drafted document, a yearly plan, a report, a handout) hands
its writer to `offer()`: the file is written into a folder of its own under the data folder's cache,
judged by `vanban check` (issue 14: "every generated file passes check before it is offered"),
converted to PDF when LibreOffice is installed, and its first pages rasterised for "Xem trước".
The browser reaches the files only through `/tai-ve/<token>/<our name>`: the token is random, the
names are ours (never the user's), so an address cannot climb out of the folder; the name the user
saves the file under travels separately, in `offer.json`.

An offer belongs to the account that made it (`owner` in `offer.json`) and is served to that account
only, whatever its role: the văn thư who numbered a chuyên viên's draft downloads the numbered
document without being given the right to draft, and a token seen over a shoulder or in a log is
useless to anyone else (another account gets the same 404 as for a token that never existed).
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from vanban.app.web.accounts import visitor
from vanban.app.web.cache_folders import forget_older
from vanban.app.web.errors import PageError
from vanban.app.web.guard import signed_in_page
from vanban.app.web.reports import shown
from vanban.generator.checker import check_file
from vanban.library.errors import VanbanError
from vanban.library.readers.office import convert_with_libreoffice, libreoffice

CACHE = Path("cache") / "tai-ve"
#: How long an offered file stays: a working day, so a preview can be downloaded after lunch.
KEEP_SECONDS = 10 * 3600
#: Resolution of the preview pictures: a whole A4 page readable beside a form.
PREVIEW_DPI = 70
DOCX, PDF = "van-ban.docx", "van-ban.pdf"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")
_NAME = re.compile(r"van-ban\.(?:docx|pdf)|trang-\d{1,2}\.png")
_MEDIA = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".png": "image/png",
}


@dataclass
class Offer:
    """What a page shows of a generated document: its checker report, previews and download links."""

    token: str
    download_name: str
    report: dict
    pictures: list[str] = field(default_factory=list)
    has_pdf: bool = False
    #: Why there is no preview or PDF (LibreOffice or poppler missing, conversion failed), in Vietnamese.
    no_preview: str = ""
    #: How the page names the document ("Kế hoạch năm 2026 - 484/KH-UBND"): the download's file name
    #: cannot hold a "/", the heading must (empty in offers kept before it existed: the file name is shown).
    title: str = ""

    @property
    def heading(self) -> str:
        return self.title or self.download_name

    @property
    def passed(self) -> bool:
        return self.report["ok"]

    def url(self, name: str) -> str:
        return f"/tai-ve/{self.token}/{name}"

    @property
    def docx_url(self) -> str:
        return self.url(DOCX)

    @property
    def pdf_url(self) -> str:
        return self.url(PDF) if self.has_pdf else ""

    @property
    def picture_urls(self) -> list[str]:
        return [self.url(name) for name in self.pictures]


def _root(data_dir: Path) -> Path:
    return Path(data_dir) / CACHE


def _safe_download_name(name: str) -> str:
    """The name the browser saves as: the user's words kept, path separators and controls dropped."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", name).strip(" .-") or "van-ban"
    return stem[:120]


def _preview(folder: Path, pages: int) -> tuple[bool, list[str], str]:
    """PDF and the first `pages` pictures, or why not (the .docx is offered either way)."""
    if libreoffice() is None:
        return (
            False,
            [],
            "máy chủ chưa cài LibreOffice nên chưa xem trước và chưa xuất PDF được (tệp .docx vẫn tải được).",
        )
    try:
        convert_with_libreoffice(folder / DOCX, "pdf", folder)
    except VanbanError as error:
        return False, [], f"không dựng được bản PDF để xem trước: {error}"
    if shutil.which("pdftoppm") is None:
        return True, [], "máy chủ chưa cài poppler-utils (pdftoppm) nên chưa xem trước được; bản PDF vẫn tải được."
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(PREVIEW_DPI), "-f", "1", "-l", str(pages), str(folder / PDF), str(folder / "p")],
        capture_output=True,
        timeout=120,
        check=False,
    )
    pictures = []
    for picture in sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        number = int(picture.stem.rsplit("-", 1)[1])
        picture.rename(folder / f"trang-{number}.png")
        pictures.append(f"trang-{number}.png")
    return True, pictures, "" if pictures else "pdftoppm không dựng được hình trang."


def offer(
    data_dir: Path,
    write: Callable[[Path], object],
    download_name: str | Callable[[], str],
    pages: int = 2,
    *,
    owner: str,
) -> Offer:
    """Write with `write(path_of_docx)`, check, preview: the one way a generated file reaches a user.

    `download_name` is the document's name as the page shows it (a function is asked once written:
    a number taken while writing belongs in the name); the saved file's name is the same with "/"
    (a ký hiệu's) made "-". `owner` is the signed-in account, the only one it is served to.
    Runs LibreOffice: call it from a worker thread (a `state_changing` handler is one). A VanbanError
    from `write` propagates and leaves nothing behind."""
    root = _root(data_dir)
    forget_older(root, KEEP_SECONDS)
    token = secrets.token_urlsafe(16)
    folder = root / token
    folder.mkdir(parents=True)
    try:
        write(folder / DOCX)
        report = shown(check_file(folder / DOCX).to_dict())
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    has_pdf, pictures, reason = _preview(folder, pages)
    title = (download_name() if callable(download_name) else download_name).strip()
    name = _safe_download_name(title)
    record = {"name": name, "owner": owner}
    (folder / "offer.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return Offer(token, name, report, pictures, has_pdf, reason, title=title)


def _record(folder: Path) -> dict:
    try:
        return json.loads((folder / "offer.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


@signed_in_page
def offered_file(request: Request) -> Response:
    """One file of a recent offer, to the account that made it; anything else is 404 whatever the
    address holds (another account's offer too, so a token's existence is not told either)."""
    token, name = request.path_params["token"], request.path_params["name"]
    if not (_TOKEN.fullmatch(token) and _NAME.fullmatch(name)):
        raise PageError("không có tệp này.", status=404)
    folder = _root(request.app.state.workbench.library.data_dir) / token
    record = _record(folder)
    if folder.is_dir() and record.get("owner") != visitor(request).user.name:
        raise PageError("không có tệp này (hoặc tệp không phải do bạn tạo).", status=404)
    path = folder / name
    if not path.is_file():
        raise PageError("tệp này đã được xóa (chỉ giữ trong ngày). Hãy bấm «Xem trước» hoặc «Tải về» lại.", 404)
    headers = {"cache-control": "private, max-age=3600"}
    if path.suffix != ".png":
        filename = f"{record['name']}{path.suffix}"
        headers["content-disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return FileResponse(path, media_type=_MEDIA[path.suffix], headers=headers)
