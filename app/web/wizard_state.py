"""Where a yearly wizard keeps its work between steps: a folder of the server's, per user and per run.

The wizards (kế hoạch năm, báo cáo kết quả, tài liệu tập huấn) span several requests: tasks edited
in the page, workbooks uploaded by the departments, a Markdown source typed in the editor. None of
it travels in hidden fields (a form can be replayed or altered); it lives in
`<data>/cache/viec-hang-nam/<user>/<token>/` with a `state.json`. The user's part of the path is a
hash of the account name, so one official's address is nothing in another's session: a token
looked up under someone else's folder does not exist (404). A run not touched for a day is removed
when anyone starts a new one.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from starlette.requests import Request

from vanban.app.web.accounts import visitor
from vanban.app.web.errors import PageError
from vanban.app.web.offers import Offer
from vanban.library.atomic import atomic_write_text

ROOT = Path("cache") / "viec-hang-nam"
#: A run is kept a day after its last change: time to wait for a department's workbook.
KEEP_SECONDS = 24 * 3600
STATE = "state.json"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


@dataclass
class WizardState:
    """One run of one wizard: its folder and what the steps have decided so far."""

    token: str
    folder: Path
    data: dict

    def file(self, name: str) -> Path:
        """A file of this run (our name, never the user's: see `uploads.save_uploads` for theirs)."""
        return self.folder / name

    def save(self) -> None:
        """Written whole and atomically: a failed step leaves the previous state as it was."""
        atomic_write_text(self.folder / STATE, json.dumps(self.data, ensure_ascii=False, indent=1))


def _user_root(request: Request) -> Path:
    user = visitor(request).user
    if user is None:  # the routes are guarded; this is the last line, not the first
        raise PageError("cần đăng nhập.", status=401)
    data_dir = request.app.state.workbench.library.data_dir
    owner = hashlib.sha256(user.name.encode("utf-8")).hexdigest()[:24]
    return Path(data_dir) / ROOT / owner


def clean(data_dir: Path, now: float | None = None) -> None:
    """Forget every user's runs untouched for KEEP_SECONDS."""
    root = Path(data_dir) / ROOT
    if not root.is_dir():
        return
    limit = (now if now is not None else time.time()) - KEEP_SECONDS
    for owner in root.iterdir():
        for run in owner.iterdir() if owner.is_dir() else ():
            state = run / STATE
            touched = state.stat().st_mtime if state.exists() else run.stat().st_mtime
            if touched < limit:
                shutil.rmtree(run, ignore_errors=True)


def start(request: Request, kind: str, data: dict) -> WizardState:
    """A new run of wizard `kind` for the signed-in user."""
    clean(request.app.state.workbench.library.data_dir)
    token = secrets.token_urlsafe(16)
    folder = _user_root(request) / token
    folder.mkdir(parents=True)
    state = WizardState(token, folder, {**data, "kind": kind})
    state.save()
    return state


def load(request: Request, kind: str) -> WizardState:
    """The run named by the address's `token`, if it is this user's and this wizard's."""
    token = request.path_params["token"]
    gone = PageError(
        "không có phiên làm việc này: địa chỉ sai, phiên của người khác, hoặc đã quá một ngày không dùng "
        "nên đã được xóa. Hãy bắt đầu lại từ bước 1.",
        status=404,
    )
    if not _TOKEN.fullmatch(token):
        raise gone
    folder = _user_root(request) / token
    try:
        data = json.loads((folder / STATE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        raise gone from None
    if data.get("kind") != kind:
        raise gone
    return WizardState(token, folder, data)


def remember_offer(state: WizardState, made: Offer) -> None:
    """Keep the last generated document with the run, so the page shows it again after a reload."""
    state.data["offer"] = asdict(made)
    state.save()


def offer_of(state: WizardState) -> Offer | None:
    """The run's last generated document; None once anything it was made from has changed."""
    made = state.data.get("offer")
    return Offer(**made) if made else None
