"""«Mở trong Soạn thảo»: the plan the yearly wizard makes becomes the chuyên viên's draft, is sent
from the drafting form exactly as a browser sends it, numbered by the văn thư, and the exported
YAML makes the same plan on the command line."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web.conftest import add_user, csrf_token, log_in
from tests.web.test_draft_pages import _document_text
from vanban.app.cli import app as cli
from vanban.app.web.config import WebConfig
from vanban.app.web.server import create_app
from vanban.library.readers.office import libreoffice
from vanban.office.audit import AuditLog
from vanban.office.register import Register

PLAN_ID = "ke-hoach-484-kh-ubnd-2020"
OFFICER, CLERK = "tran.binh", "van.thu"
EDITED = "Tổ chức 04 lớp tập huấn về sản xuất và tiêu dùng bền vững năm 2026"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    add_user(folder, OFFICER, "chuyen-vien")
    add_user(folder, CLERK, "van-thu")
    return folder


def _client(data: Path, name: str) -> TestClient:
    client = TestClient(create_app(WebConfig(data_dir=data)))
    assert log_in(client, name).status_code == 303
    return client


def _post(client: TestClient, url: str, fields: dict | None = None, page: str = "/viec-hang-nam"):
    form = {"csrf_token": csrf_token(client, page), **(fields or {})}
    return client.post(url, data=form, follow_redirects=False)


class _FormFields(HTMLParser):
    """The fields one form of a page sends, as a browser sends them: inputs, textareas, the
    selected option of each select; nothing inside a <template> (the script's blank rows)."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.in_template = action, False, 0
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self._chosen = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action") == self.action
        elif tag == "template":
            self.in_template += 1
        if not self.inside or self.in_template:
            return
        if tag == "input" and attrs.get("name") and attrs.get("type") not in ("checkbox", "radio", "submit"):
            self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "textarea" and attrs.get("name"):
            self._textarea, self._text = attrs["name"], ""
        elif tag == "select" and attrs.get("name"):
            self._select, self._first_option, self._chosen = attrs["name"], None, False
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attrs.get("value", "")
            if "selected" in attrs and not self._chosen:
                self.fields.append((self._select, attrs.get("value", "")))
                self._chosen = True

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        elif tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._chosen:
                self.fields.append((self._select, self._first_option or ""))
            self._select = None


def form_fields(html: str, action: str) -> list[tuple[str, str]]:
    parser = _FormFields(action)
    parser.feed(html)
    return parser.fields


def _wizard_plan(officer: TestClient) -> tuple[str, bytes]:
    """Year 2026 of the 484 plan with its first task edited and its second dropped, previewed."""
    step = _post(officer, "/viec-hang-nam/ke-hoach", {"ke-hoach": PLAN_ID, "nam": "2026"}).headers["location"]
    table = dict(form_fields(officer.get(step).text, f"{step}/nhiem-vu"))
    table["noi-dung-0"] = EDITED
    table["giu-0"] = "1"
    table.update({f"giu-{i}": "1" for i in range(2, 15)})
    assert _post(officer, f"{step}/nhiem-vu", table, page=step).status_code == 303
    assert _post(officer, f"{step}/xem-truoc", page=step).status_code == 303
    page = officer.get(step).text
    assert "Mở trong Soạn thảo" in page
    link = re.search(r'href="(/tai-ve/[^"]+/van-ban\.docx)"', page)
    assert link, "the wizard's plan passed the check"
    return step, officer.get(link[1]).content


def _without_number_and_date(text: list[str]) -> list[str]:
    """The document less the lines the văn thư's number and date fill in."""
    return [line for line in text if not line.startswith(("Số:", "Hà Tĩnh, ngày", "(Kèm theo Kế hoạch số"))]


@pytest.mark.skipif(libreoffice() is None, reason="cần LibreOffice để xem trước")
def test_the_wizards_plan_is_opened_as_a_draft_sent_and_numbered(data, tmp_path):
    officer = _client(data, OFFICER)
    step, wizard_docx = _wizard_plan(officer)
    wizard_text = _document_text(wizard_docx)
    assert EDITED in wizard_text

    opened = _post(officer, f"{step}/soan-thao", page=step)
    assert opened.status_code == 303 and opened.headers["location"].startswith("/du-thao/")
    draft_url = opened.headers["location"]
    again = _post(officer, f"{step}/soan-thao", page=step)
    assert again.headers["location"] == draft_url, "a second click opens the same draft"
    assert f'href="{draft_url}"' in officer.get(step).text
    mine = officer.get("/du-thao").text
    assert mine.count("<td>Kế hoạch</td>") == 1 and f'<a href="{draft_url}">Thực hiện Chương trình' in mine

    # the exported YAML is what `vanban draft ke-hoach` reads, and makes the wizard's plan
    exported = officer.get(f"{draft_url}/yaml").text
    assert exported.startswith("# Dự thảo kế hoạch; dùng ở dòng lệnh: vanban draft ke-hoach")
    source = tmp_path / "ke-hoach-2026.yaml"
    source.write_text(exported, encoding="utf-8")
    out = tmp_path / "cli.docx"
    result = CliRunner().invoke(cli, ["draft", "ke-hoach", str(source), "-o", str(out), "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert _document_text(out.read_bytes()) == wizard_text

    # the drafting form holds all of it: sent back as a browser sends it, the draft is unchanged
    page = officer.get(draft_url)
    assert page.status_code == 200 and "KINH PHÍ THỰC HIỆN" in page.text
    fields = form_fields(page.text, draft_url)
    assert len(fields) > 300, "a whole plan, far more than a plain form's fields"
    assert ("csrf_token", csrf_token(officer, draft_url)) in fields
    sent = officer.post(
        draft_url,
        content=urlencode([*fields, ("_hanh_dong", "gui-van-thu")]),
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text[-800:]
    assert "chờ văn thư cấp số" in officer.get(draft_url).text
    assert yaml.safe_load(officer.get(f"{draft_url}/yaml").text) == yaml.safe_load(exported)

    clerk = _client(data, CLERK)
    draft_id = draft_url.rsplit("/", 1)[1]
    queue = "/du-thao/cho-cap-so"
    taken = _post(clerk, f"{queue}/{draft_id}/cap-so", {"ngay-ban-hanh": "05/03/2026"}, queue)
    assert taken.status_code == 200 and "Đã cấp <strong>Số: 01/KH-UBND</strong>" in taken.text
    download = re.search(r'href="(/tai-ve/[^"]+/van-ban\.docx)"', taken.text)
    assert download, "the numbered plan passed the check"
    numbered = _document_text(clerk.get(download[1]).content)
    assert "Số: 01/KH-UBND" in numbered and "Hà Tĩnh, ngày 05 tháng 3 năm 2026" in numbered
    assert "(Kèm theo Kế hoạch số 01/KH-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân tỉnh Hà Tĩnh)" in numbered
    assert _without_number_and_date(numbered) == _without_number_and_date(wizard_text)
    (entry,) = Register(data).entries(year=2026)
    assert entry.symbol == "01/KH-UBND" and entry.signed_on == "2026-03-05"
    assert entry.title.startswith("Kế hoạch thực hiện Chương trình hành động quốc gia") and "năm 2026" in entry.title
    assert entry.signer == "Nguyễn Hồng Lĩnh" and "Bộ Công Thương (b/c)" in entry.recipients
    actions = [(e.actor, e.action) for e in AuditLog(data).entries()]
    assert (OFFICER, "tạo dự thảo") in actions and (CLERK, "cấp số cho dự thảo") in actions


def test_opening_before_the_plan_is_made_is_refused_on_the_page(data):
    officer = _client(data, OFFICER)
    step = _post(officer, "/viec-hang-nam/ke-hoach", {"ke-hoach": PLAN_ID, "nam": "2026"}).headers["location"]
    refused = _post(officer, f"{step}/soan-thao", page=step)
    assert refused.status_code == 400 and "Hãy bấm «Lưu và tạo kế hoạch năm» trước" in refused.text
    assert "<td>Kế hoạch</td>" not in officer.get("/du-thao").text, "no draft was made"
