"""Soạn thảo in the browser, driven in-process: a form per type made from the schema, errors at their
fields, drafts kept per user and interchangeable with `vanban draft`, and the number taken by the văn thư."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from starlette.testclient import TestClient

from tests.web.conftest import add_user, csrf_token, log_in
from vanban.app.web import draft_inputs
from vanban.app.web.config import WebConfig
from vanban.app.web.draft_form import build_form, read_form
from vanban.app.web.server import create_app
from vanban.generator.compose.model import KINDS
from vanban.library.readers.office import libreoffice
from vanban.office.audit import AuditLog
from vanban.office.drafts import Drafts
from vanban.office.register import Register

OFFICER, OTHER, CLERK = "tran.binh", "le.chi", "van.thu"
CONG_VAN = {
    "trich_yeu": "đôn đốc báo cáo kết quả thực hiện Kế hoạch 484/KH-UBND năm 2026",
    "kinh_gui.0": "Các sở, ban, ngành cấp tỉnh",
    "kinh_gui.1": "Ủy ban nhân dân các xã, phường",
    "noi_dung.0._kieu": "0",
    "noi_dung.0": "Để có cơ sở tổng hợp, đề nghị các cơ quan báo cáo kết quả thực hiện trong năm 2026.",
    "noi_dung.1._kieu": "1",
    "noi_dung.1.tieu_de": "Nội dung báo cáo",
    "noi_dung.1.noi_dung.0._kieu": "0",
    "noi_dung.1.noi_dung.0": "- Kết quả thực hiện các nhiệm vụ được giao.",
    "ket_thuc": "Đề nghị các cơ quan, đơn vị khẩn trương thực hiện.",
    "nguoi_ky._kieu": "0",
    "nguoi_ky": "pho-chu-tich",
    "noi_nhan.0": "Sở Công Thương",
}


@pytest.fixture
def app_data(tmp_path) -> Path:
    data = tmp_path / "data"
    add_user(data, OFFICER, "chuyen-vien")
    add_user(data, OTHER, "chuyen-vien")
    add_user(data, CLERK, "van-thu")
    return data


def _client(data: Path, name: str) -> TestClient:
    client = TestClient(create_app(WebConfig(data_dir=data)))
    assert log_in(client, name).status_code == 303
    return client


@pytest.fixture
def officer(app_data) -> TestClient:
    return _client(app_data, OFFICER)


def _post(client: TestClient, url: str, fields: dict, action: str = "luu", **kwargs):
    form = {"csrf_token": csrf_token(client, "/du-thao"), "_hanh_dong": action, **fields}
    return client.post(url, data=form, follow_redirects=False, **kwargs)


def _new(client: TestClient, kind: str = "cong-van", fields: dict | None = None) -> str:
    response = _post(client, f"/soan-thao/{kind}", CONG_VAN if fields is None else fields)
    assert response.status_code == 303, response.text[-500:]
    return response.headers["location"].rsplit("/", 1)[1]


def _field_block(html: str, dom_id: str) -> str:
    start = html.index(f'id="{dom_id}"')
    return html[start : start + 1500]


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_its_form_with_vietnamese_labels(officer, kind):
    page = officer.get(f"/soan-thao/{kind}")
    assert page.status_code == 200
    assert f"Soạn {KINDS[kind].lower()}" in page.text
    labels = re.findall(r"<(?:label|legend|span)[^>]*>([^<]+)", page.text)
    assert "Trích yếu nội dung " in labels and "Nơi nhận" in labels and "Người ký" in labels
    assert not [label for label in labels if "_" in label], "a programmer's field name shown as a label"
    body = "Các điều" if kind == "quyet-dinh" else "Nội dung"
    assert f'<legend class="num">{body}</legend>' in page.text
    assert ('id="f-dieu"' in page.text) == (kind == "quyet-dinh")
    assert 'id="f-so"' not in page.text  # the number is the văn thư's


def test_a_property_added_to_the_schema_appears_in_the_form_and_is_read_back(officer, monkeypatch):
    schema = copy.deepcopy(draft_inputs.schema())
    schema["properties"]["do_khan"] = {"title": "Độ khẩn", "type": "string", "examples": ["Hỏa tốc"]}
    form = build_form(schema, {"do_khan": "Khẩn"})
    widget = next(w for w in form.fields if w.name == "do_khan")
    assert (widget.label, widget.value, widget.hint) == ("Độ khẩn", "Khẩn", "Ví dụ: Hỏa tốc")

    class Sent:
        def multi_items(self):
            return [("do_khan", "Thượng khẩn"), ("trich_yeu", "x")]

    assert read_form(schema, Sent()) == {"trich_yeu": "x", "do_khan": "Thượng khẩn"}
    monkeypatch.setattr(draft_inputs, "schema", lambda: schema)
    page = officer.get("/soan-thao/cong-van")
    assert 'for="i-do_khan"' in page.text and "Độ khẩn" in page.text


def test_save_reopen_and_the_yaml_is_what_the_cli_reads(officer):
    draft_id = _new(officer)
    page = officer.get(f"/du-thao/{draft_id}")
    assert "Đã lưu lúc" in page.text and "Nội dung báo cáo" in page.text
    exported = officer.get(f"/du-thao/{draft_id}/yaml")
    assert exported.headers["content-disposition"].startswith("attachment; filename*=UTF-8''du-thao-cong-van-")
    data = yaml.safe_load(exported.text)
    assert data["kinh_gui"] == ["Các sở, ban, ngành cấp tỉnh", "Ủy ban nhân dân các xã, phường"]
    assert data["noi_dung"][1] == {
        "tieu_de": "Nội dung báo cáo",
        "noi_dung": ["- Kết quả thực hiện các nhiệm vụ được giao."],
    }
    assert data["nguoi_ky"] == "pho-chu-tich"
    assert "vanban draft cong-van" in exported.text.splitlines()[0]


def test_autosave_answers_with_the_time_and_keeps_the_text(officer):
    response = _post(officer, "/soan-thao/bao-cao", {"trich_yeu": "kết quả quý I"}, headers={"x-autosave": "1"})
    saved = response.json()
    assert response.status_code == 200 and saved["url"] == f"/du-thao/{saved['id']}" and saved["saved"]
    again = _post(officer, saved["url"], {"trich_yeu": "kết quả quý I năm 2026"}, headers={"x-autosave": "1"})
    assert again.json()["id"] == saved["id"]
    assert "kết quả quý I năm 2026" in officer.get(f"/du-thao/{saved['id']}/yaml").text


def test_an_autosave_and_a_save_racing_on_a_new_form_make_one_draft(officer, app_data):
    page = officer.get("/soan-thao/bao-cao").text
    new_id = re.search(r'name="_ma_du_thao" value="([^"]+)"', page).group(1)
    early = {"trich_yeu": "kết quả quý I", "_ma_du_thao": new_id}
    autosaved = _post(officer, "/soan-thao/bao-cao", early, headers={"x-autosave": "1"})
    clicked = _post(officer, "/soan-thao/bao-cao", {**early, "trich_yeu": "kết quả quý I năm 2026"})
    assert autosaved.json()["id"] == new_id and clicked.headers["location"] == f"/du-thao/{new_id}"
    [kept] = Drafts(app_data).mine(OFFICER)
    assert kept.id == new_id and kept.title == "kết quả quý I năm 2026"


def test_a_field_error_is_shown_at_its_field_and_in_the_summary(officer):
    fields = {k: v for k, v in CONG_VAN.items() if not k.startswith("kinh_gui")}
    fields["trich_yeu"] = ""
    fields["noi_dung.1.tieu_de"] = ""
    draft_id = _new(officer, fields=fields)
    response = _post(officer, f"/du-thao/{draft_id}", fields, action="xem-truoc")
    assert response.status_code == 400
    html = response.text
    assert "Cần sửa:</strong> bắt buộc phải có nhưng chưa có." in _field_block(html, "f-trich_yeu")
    assert "công văn phải có nơi kính gửi." in _field_block(html, "f-kinh_gui")
    summary = html[html.index("error-summary") : html.index('<div class="draft-layout">')]
    assert 'href="#f-trich_yeu"' in summary and 'href="#f-kinh_gui"' in summary
    assert "chỗ cần sửa" in summary
    # the entered text is still there after the refusal
    assert "Để có cơ sở tổng hợp" in html


def test_list_duplicate_delete(officer):
    first = _new(officer)
    listing = officer.get("/du-thao")
    assert "đôn đốc báo cáo kết quả thực hiện" in listing.text and "Công văn" in listing.text
    copy_url = _post(officer, f"/du-thao/{first}/nhan-ban", {}).headers["location"]
    second = copy_url.rsplit("/", 1)[1]
    assert second != first
    assert officer.get(f"/du-thao/{second}/yaml").text == officer.get(f"/du-thao/{first}/yaml").text
    assert _post(officer, f"/du-thao/{first}/xoa", {}).status_code == 303
    assert officer.get(f"/du-thao/{first}").status_code == 404
    assert officer.get(f"/du-thao/{second}").status_code == 200


def test_another_users_draft_is_404_everywhere(app_data, officer):
    draft_id = _new(officer)
    other = _client(app_data, OTHER)
    assert other.get(f"/du-thao/{draft_id}").status_code == 404
    assert other.get(f"/du-thao/{draft_id}/yaml").status_code == 404
    assert _post(other, f"/du-thao/{draft_id}", {"trich_yeu": "chiếm"}).status_code == 404
    assert _post(other, f"/du-thao/{draft_id}/xoa", {}).status_code == 404
    assert _post(other, f"/du-thao/{draft_id}/nhan-ban", {}).status_code == 404
    assert OTHER not in [e.actor for e in AuditLog(app_data).entries() if e.target == draft_id]
    assert "đôn đốc" not in other.get("/du-thao").text
    assert "chiếm" not in officer.get(f"/du-thao/{draft_id}/yaml").text


def test_a_post_without_the_csrf_token_is_refused(officer):
    draft_id = _new(officer)
    refused = officer.post(f"/du-thao/{draft_id}", data={"trich_yeu": "giả mạo"}, follow_redirects=False)
    assert refused.status_code == 403
    assert "giả mạo" not in officer.get(f"/du-thao/{draft_id}/yaml").text


def test_import_checks_like_the_cli_and_names_the_line(officer, tmp_path):
    good = Path("examples/draft/cong-van.yaml").read_text(encoding="utf-8")
    form = {"csrf_token": csrf_token(officer, "/du-thao"), "loai": "cong-van"}
    made = officer.post(
        "/du-thao/nhap", data=form, files={"tep": ("cong-van.yaml", good.encode())}, follow_redirects=False
    )
    assert made.status_code == 303
    assert officer.get(made.headers["location"] + "/yaml").text == good  # kept as written, comments too
    bad = good.replace("ngay: 2026-11-02", "ngay: 2 tháng 11")
    refused = officer.post("/du-thao/nhap", data=form, files={"tep": ("sai.yaml", bad.encode())})
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if text.startswith("ngay:"))
    assert refused.status_code == 400
    assert f"sai.yaml, dòng {line}: trường «ngay»" in refused.text


def test_basis_suggestions_are_the_checkers_citation_form(officer):
    found = officer.get("/du-thao/goi-y-can-cu", params={"q": "889"}).json()
    assert found[0]["text"].startswith("Quyết định số 889/QĐ-TTg ngày 24 tháng 6 năm 2020 của Thủ tướng Chính phủ")
    assert officer.get("/du-thao/goi-y-can-cu", params={"q": "<script>"}).json() == []
    # chosen, it becomes the whole line, "Căn cứ" once, as the document prints it (items carry their "Căn cứ")
    assert found[0]["line"] == f"Căn cứ {found[0]['text']};"


def test_the_basis_hint_cites_a_text_in_force():
    """The form's example căn cứ must not be one the checker flags as replaced (CC-02)."""
    import datetime

    from vanban.library.succession import outdated_mentions

    (example,) = draft_inputs.schema()["properties"]["can_cu"]["items"]["examples"]
    assert example.startswith("Căn cứ ") and example.count("Căn cứ") == 1
    assert outdated_mentions(example, datetime.date.today()) == []
    replaced = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
    assert outdated_mentions(replaced, datetime.date.today()), "the check itself still finds a replaced text"


def _document_text(content: bytes) -> list[str]:
    """Every paragraph of the body, the header tables' too, in order."""
    body = docx.Document(io.BytesIO(content)).element.body
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]


@pytest.mark.skipif(libreoffice() is None, reason="cần LibreOffice để xem trước")
def test_preview_download_and_the_cli_makes_the_same_document(officer, app_data, tmp_path):
    from typer.testing import CliRunner

    from vanban.app.cli import app as cli

    draft_id = _new(officer)
    preview = _post(officer, f"/du-thao/{draft_id}", CONG_VAN, action="xem-truoc")
    assert preview.status_code == 200
    pictures = re.findall(r'<img src="(/tai-ve/[^"]+/trang-1\.png)"', preview.text)
    assert pictures and officer.get(pictures[0]).headers["content-type"] == "image/png"
    download = _post(officer, f"/du-thao/{draft_id}", CONG_VAN, action="tai-ve")
    assert download.status_code == 303 and download.headers["location"].endswith("/van-ban.docx")
    web = officer.get(download.headers["location"]).content
    assert zipfile.is_zipfile(io.BytesIO(web))
    source = tmp_path / "du-thao.yaml"
    source.write_text(officer.get(f"/du-thao/{draft_id}/yaml").text, encoding="utf-8")
    out = tmp_path / "cli.docx"
    result = CliRunner().invoke(cli, ["draft", "cong-van", str(source), "-o", str(out), "--data", str(app_data)])
    assert result.exit_code == 0, result.output
    assert _document_text(out.read_bytes()) == _document_text(web)


@pytest.mark.skipif(libreoffice() is None, reason="cần LibreOffice để xem trước")
def test_the_clerk_takes_the_number_and_the_officer_downloads_it(app_data, officer):
    draft_id = _new(officer, fields={**CONG_VAN, "ho_so": "so-cong-thuong-ha-tinh", "nguoi_ky": "giam-doc"})
    clerk = _client(app_data, CLERK)
    assert clerk.get("/du-thao/cho-cap-so").text.count("Cấp số</button>") == 0
    sent = {**CONG_VAN, "ho_so": "so-cong-thuong-ha-tinh", "nguoi_ky": "giam-doc"}
    assert _post(officer, f"/du-thao/{draft_id}", sent, action="gui-van-thu").status_code == 303
    assert "chờ văn thư cấp số" in officer.get(f"/du-thao/{draft_id}").text
    assert _post(officer, f"/du-thao/{draft_id}", {"trich_yeu": "sửa lén"}).status_code == 400
    waiting = clerk.get("/du-thao/cho-cap-so")
    assert "đôn đốc báo cáo kết quả thực hiện" in waiting.text and OFFICER in waiting.text
    # least privilege: the văn thư may number it, not open or change it
    assert clerk.get(f"/du-thao/{draft_id}").status_code == 403
    assert _post(clerk, f"/du-thao/{draft_id}", {"trich_yeu": "x"}).status_code == 403
    assert officer.get("/du-thao/cho-cap-so").status_code == 403
    bad_date = _post(clerk, f"/du-thao/cho-cap-so/{draft_id}/cap-so", {"ngay-ban-hanh": "31/02/2026"})
    assert bad_date.status_code == 400 and "31/02/2026 không có thật" in bad_date.text
    assert Register(app_data).entries() == []  # a refused date takes no number
    taken = _post(clerk, f"/du-thao/cho-cap-so/{draft_id}/cap-so", {"ngay-ban-hanh": "05/03/2026"})
    assert taken.status_code == 200 and "Đã cấp <strong>Số: 01/SCT-QLCN</strong>" in taken.text
    # the names say the number, as text with its "/", as a file name with "-"
    assert "Văn bản đã tạo: Công văn 01/SCT-QLCN - đôn đốc báo cáo" in taken.text
    # the văn thư downloads what they numbered (they may not draft); nobody else may
    download = re.search(r'href="(/tai-ve/[^"]+/van-ban\.docx)"', taken.text).group(1)
    mine = clerk.get(download)
    assert mine.status_code == 200 and mine.content[:2] == b"PK"
    assert "C%C3%B4ng%20v%C4%83n%2001-SCT-QLCN%20-%20%C4%91%C3%B4n" in mine.headers["content-disposition"]
    picture = re.search(r'<img src="(/tai-ve/[^"]+\.png)"', taken.text)
    assert picture is None or clerk.get(picture.group(1)).status_code == 200
    assert officer.get(download).status_code == 404
    text = _document_text(mine.content)
    assert "Số: 01/SCT-QLCN" in text and any("ngày 05 tháng 3 năm 2026" in t for t in text)
    # the sổ đi records exactly the document's ký hiệu and date, credited to the văn thư
    (entry,) = Register(app_data).entries(year=2026)
    assert entry.symbol == "01/SCT-QLCN" and entry.signed_on == "2026-03-05"
    assert [(line.actor, line.action) for line in Register(app_data).history(entry.id)] == [(CLERK, "đã cấp")]
    again = _post(clerk, f"/du-thao/cho-cap-so/{draft_id}/cap-so", {"ngay-ban-hanh": "05/03/2026"})
    assert again.status_code == 404  # no longer waiting: never a second number
    stored = yaml.safe_load(officer.get(f"/du-thao/{draft_id}/yaml").text)
    assert stored["so"] == 1 and str(stored["ngay"]) == "2026-03-05"
    page = officer.get(f"/du-thao/{draft_id}")
    assert "đã cấp số" in page.text and "Tải văn bản đã cấp số" in page.text
    document = _post(officer, f"/du-thao/{draft_id}/van-ban", {})
    assert document.status_code == 303
    assert _document_text(officer.get(document.headers["location"]).content) == text
    actions = [(e.actor, e.action) for e in AuditLog(app_data).entries()]
    assert (CLERK, "cấp số cho dự thảo") in actions and (OFFICER, "gửi văn thư lấy số") in actions
    assert (CLERK, "cấp số") in actions and not any(actor == "dòng lệnh" for actor, _ in actions)


def test_an_empty_new_form_stores_no_draft(officer):
    """«Xem trước» or autosave on a form with nothing typed leaves no «(chưa có trích yếu)» behind."""
    empty = {"nguoi_ky._kieu": "0", "nguoi_ky": "", "ho_so": ""}
    shown = _post(officer, "/soan-thao/cong-van", empty, action="xem-truoc")
    assert shown.status_code == 400 and "Dự thảo còn trống nên chưa được lưu" in shown.text
    autosaved = _post(officer, "/soan-thao/cong-van", empty, headers={"x-autosave": "1"})
    assert autosaved.json() == {"empty": True}
    assert "(chưa có trích yếu)" not in officer.get("/du-thao").text


def test_a_locked_draft_is_shown_without_empty_rows_and_new_rows_get_suggestions(officer):
    draft_id = _new(officer)
    editable = officer.get(f"/du-thao/{draft_id}").text
    assert "Kính gửi 3" in editable  # a spare row to type into
    template = editable[editable.index('<template id="mau-') :]
    assert 'data-suggest="/du-thao/goi-y-can-cu"' in template, "a căn cứ row added by the button is suggested too"
    assert _post(officer, f"/du-thao/{draft_id}", CONG_VAN, action="gui-van-thu").status_code == 303
    locked = officer.get(f"/du-thao/{draft_id}").text
    assert "Kính gửi 2" in locked and "Kính gửi 3" not in locked and 'data-spare="1"' not in locked


def test_the_clerk_reads_a_waiting_draft_and_returns_it_with_a_reason(app_data, officer):
    draft_id = _new(officer)
    assert _post(officer, f"/du-thao/{draft_id}", CONG_VAN, action="gui-van-thu").status_code == 303
    clerk = _client(app_data, CLERK)
    assert "Xem dự thảo" in clerk.get("/du-thao/cho-cap-so").text
    review = clerk.get(f"/du-thao/cho-cap-so/{draft_id}")
    assert review.status_code == 200 and "đôn đốc báo cáo kết quả thực hiện" in review.text
    assert '<fieldset class="draft-fields" disabled>' in review.text and "data-autosave" not in review.text
    assert officer.get(f"/du-thao/cho-cap-so/{draft_id}").status_code == 403
    refused = _post(clerk, f"/du-thao/cho-cap-so/{draft_id}/tra-lai", {"ly-do": " "})
    assert refused.status_code == 400 and 'id="ly-do-loi"' in refused.text
    returned = _post(clerk, f"/du-thao/cho-cap-so/{draft_id}/tra-lai", {"ly-do": "Thiếu căn cứ ban hành."})
    assert returned.status_code == 303
    assert clerk.get(f"/du-thao/cho-cap-so/{draft_id}").status_code == 404  # no longer waiting
    assert "Thiếu căn cứ ban hành." in officer.get("/du-thao").text
    page = officer.get(f"/du-thao/{draft_id}").text
    assert "đã <strong>trả lại</strong>" in page and "Thiếu căn cứ ban hành." in page and 'data-autosave="1"' in page
    assert (CLERK, "văn thư trả lại dự thảo") in [(e.actor, e.action) for e in AuditLog(app_data).entries()]
