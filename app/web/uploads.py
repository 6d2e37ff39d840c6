"""Files sent from a page: the request's size bounded while it is read, each file kept under its
own name in a temporary folder (readers and the checker judge a file by its suffix), and errors
that name the file as the user knows it, not the temporary path."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from vanban.app.web.errors import PageError
from vanban.library.errors import VanbanError

#: Files one form may send (the checker takes several at once).
MAX_FILES = 10
#: Fields one form may send; a table form (a year's tasks, a few fields a row) names its own bound.
MAX_FIELDS = 50


class _TooLarge(Exception):
    pass


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


async def read_form(request: Request, max_file_bytes: int, max_fields: int = MAX_FIELDS) -> FormData:
    """The form, refusing a body larger than MAX_FILES files of the limit before or while reading."""
    cap = max_file_bytes * MAX_FILES + 1024 * 1024
    too_large = PageError(f"dữ liệu gửi lên quá lớn (tối đa {_megabytes(cap)} MB một lần).", status=413)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_large
    received = 0
    receive = request.receive

    async def bounded():
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > cap:
            raise _TooLarge
        return message

    try:
        return await Request(request.scope, bounded).form(max_files=MAX_FILES, max_fields=max_fields)
    except _TooLarge:
        raise too_large from None
    except MultiPartException as error:
        if "Too many files" in str(error):
            raise PageError(f"mỗi lần gửi tối đa {MAX_FILES} tệp.") from None
        raise PageError("không đọc được biểu mẫu gửi lên; hãy chọn lại tệp rồi gửi.") from None


def safe_name(filename: str) -> str:
    """The file's own name (NFC, no folders, no control characters), kept readable in Vietnamese."""
    name = unicodedata.normalize("NFC", Path(filename.replace("\\", "/")).name)
    name = re.sub(r"[\x00-\x1f/]", "", name).strip(" .")
    return name or "tep"


def save_uploads(form: FormData, field: str, folder: Path, max_file_bytes: int) -> dict[Path, str]:
    """Each chosen file written into `folder`; returns saved path → the name the user chose."""
    files = [f for f in form.getlist(field) if isinstance(f, UploadFile) and f.filename]
    if not files:
        raise PageError("chưa chọn tệp nào. Hãy bấm «Chọn tệp» rồi gửi.")
    saved: dict[Path, str] = {}
    for number, upload in enumerate(files, 1):
        name = safe_name(upload.filename or "")
        if upload.size is not None and upload.size > max_file_bytes:
            raise PageError(
                f"{name}: tệp lớn {_megabytes(upload.size)} MB, quá giới hạn {_megabytes(max_file_bytes)} MB.",
                status=413,
            )
        target = folder / str(number) / name
        target.parent.mkdir(parents=True)
        upload.file.seek(0)
        with target.open("wb") as out:
            while chunk := upload.file.read(1024 * 1024):
                out.write(chunk)
        saved[target] = name
    return saved


def as_user_error(error: VanbanError, names: dict[Path, str]) -> PageError:
    """The library's or checker's message, naming the file as the user chose it."""
    name = names.get(Path(error.path)) if error.path else None
    if error.path and name is None:
        return PageError(error.message)
    where = f"{name}" + (f", dòng {error.line}" if error.line is not None else "") + ": " if name else ""
    return PageError(f"{where}{error.message}")
