"""The yearly wizards driven as a browser sends them: each step, each error path, and one
official's work out of another's reach."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

from tests.web.conftest import ADMIN, add_user, csrf_token, log_in, write_legal
from vanban.app.web import handout_cover
from vanban.app.web.config import WebConfig
from vanban.app.web.server import create_app
from vanban.app.web.wizard_state import KEEP_SECONDS, ROOT, clean
from vanban.generator.jobs.handout import quotation
from vanban.library.store import Library

PLAN_ID = "ke-hoach-484-kh-ubnd-2020"
OFFICER, OTHER = "tran.binh", "le.chi"
ROOT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    for name, role in ((ADMIN, "quan-tri"), (OFFICER, "chuyen-vien"), (OTHER, "chuyen-vien"), ("van.thu", "van-thu")):
        add_user(folder, name, role)
    return folder


def _client(data: Path, name: str | None) -> TestClient:
    client = TestClient(create_app(WebConfig(data_dir=data, max_upload_mb=1)))
    if name:
        assert log_in(client, name).status_code == 303
    return client


@pytest.fixture
def officer(data: Path) -> TestClient:
    return _client(data, OFFICER)


def _post(client: TestClient, url: str, data: dict | None = None, files=None, page: str | None = None):
    form = {"csrf_token": csrf_token(client, page or "/viec-hang-nam"), **(data or {})}
    return client.post(url, data=form, files=files, follow_redirects=False)


def _start(client: TestClient, wizard: str, year: int) -> str:
    response = _post(client, f"/viec-hang-nam/{wizard}", {"ke-hoach": PLAN_ID, "nam": str(year)})
    assert response.status_code == 303, response.text
    return response.headers["location"]


def _table_form(page: str) -> dict:
    """Every field of the task table as the browser would send it unchanged."""
    form = {"phien-ban": re.search(r'name="phien-ban" value="(\d+)"', page)[1]}
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', page):
        form[name] = value
    for name, value in re.findall(r'<input name="([^"]+)" value="([^"]*)"', page):
        form[name] = value
    for name in re.findall(r'type="checkbox" name="(giu-\d+)" value="1" id="[^"]+" checked', page):
        form[name] = "1"
    return {k: v.replace("&amp;", "&").replace("&#34;", '"').replace("&#39;", "'") for k, v in form.items()}


# ---- the hub and who may use it ------------------------------------------------------------------


def test_hub_lists_the_three_wizards_and_the_nav_links_it(officer):
    page = officer.get("/viec-hang-nam")
    assert page.status_code == 200
    for href in ("/viec-hang-nam/ke-hoach", "/viec-hang-nam/bao-cao", "/viec-hang-nam/tai-lieu"):
        assert f'href="{href}"' in page.text
    assert 'href="/viec-hang-nam" aria-current="page">Việc hằng năm' in page.text


def test_nobody_is_sent_to_login_and_a_van_thu_is_refused(data):
    assert _client(data, None).get("/viec-hang-nam/ke-hoach", follow_redirects=False).status_code == 303
    refused = _client(data, "van.thu").get("/viec-hang-nam/ke-hoach")
    assert refused.status_code == 403 and "soạn thảo văn bản" in refused.text


def test_a_post_without_the_form_token_is_refused(officer):
    response = officer.post("/viec-hang-nam/ke-hoach", data={"ke-hoach": PLAN_ID, "nam": "2026"})
    assert response.status_code == 403 and "biểu mẫu đã hết hạn" in response.text


# ---- Kế hoạch năm ------------------------------------------------------------------------------------


def test_plan_step_one_errors_are_next_to_their_fields(officer):
    response = _post(officer, "/viec-hang-nam/ke-hoach", {"ke-hoach": "khong-co", "nam": "20266"})
    assert response.status_code == 400
    assert 'id="loi-ke-hoach"' in response.text and 'id="loi-nam"' in response.text
    assert 'aria-describedby="loi-nam"' in response.text and 'value="20266"' in response.text


def test_plan_year_past_the_period_shows_the_note_and_only_recurring_tasks(officer):
    page = officer.get(_start(officer, "ke-hoach", 2026)).text
    assert "năm 2026 nằm ngoài giai đoạn 2021-2025" in page
    assert "Nhiệm vụ năm 2026: giữ 15/15" in page


def test_plan_edit_in_the_page_then_download_the_workbook_and_preview(officer, data):
    step = _start(officer, "ke-hoach", 2025)
    page = officer.get(step).text
    form = _table_form(page)
    assert len([k for k in form if k.startswith("giu-")]) == 29
    del form["giu-1"]  # drop the second task
    form["noi-dung-0"] = "Tổ chức 04 lớp tập huấn về sản xuất và tiêu dùng bền vững"
    form["chu-tri-0"] = "Sở Công Thương"
    form["noi-dung-moi"], form["chu-tri-moi"] = "Nhiệm vụ mới thêm trên trang", "Sở Tài chính"
    saved = _post(officer, f"{step}/nhiem-vu", form, page=step)
    assert saved.status_code == 303 and "da-luu=1" in saved.headers["location"]
    page = officer.get(saved.headers["location"]).text
    assert "Đã lưu bảng nhiệm vụ" in page and "giữ 29/30" in page
    assert 'class="dropped"' in page
    workbook = officer.get(f"{step}/nhiem-vu.xlsx")
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(workbook.content))["Nhiệm vụ 2025"]
    contents = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(contents) == 29 and contents[0].startswith("Tổ chức 04 lớp")
    assert contents[-1] == "Nhiệm vụ mới thêm trên trang"
    made = _post(officer, f"{step}/xem-truoc", page=step)
    assert made.status_code == 303
    page = officer.get(made.headers["location"]).text
    assert "Văn bản đã tạo: Kế hoạch năm 2025 - 484/KH-UBND" in page
    assert "29 nhiệm vụ lấy từ bảng nhiệm vụ đã rà soát" in page and str(data) not in page
    link = re.search(r'href="(/tai-ve/[^"]+/van-ban\.docx)"', page)
    assert link, "the plan passed the check and is offered"
    docx = officer.get(link[1])
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_plan_kept_task_without_content_is_refused_at_its_field_and_nothing_is_saved(officer):
    step = _start(officer, "ke-hoach", 2025)
    form = _table_form(officer.get(step).text)
    form["noi-dung-3"] = "   "
    refused = _post(officer, f"{step}/nhiem-vu", form, page=step)
    assert refused.status_code == 400
    assert 'aria-describedby="loi-noi-dung-3"' in refused.text and "không được để trống" in refused.text
    assert "Bảng chưa được lưu" in refused.text
    assert "Đã lưu" not in officer.get(step).text and "giữ 29/29" in officer.get(step).text


def test_plan_stale_table_form_is_refused(officer):
    step = _start(officer, "ke-hoach", 2025)
    old = _table_form(officer.get(step).text)
    assert _post(officer, f"{step}/nhiem-vu", dict(old), page=step).status_code == 303
    stale = _post(officer, f"{step}/nhiem-vu", old, page=step)
    assert stale.status_code == 409 and "đã thay đổi" in stale.text


def test_plan_workbook_round_trip_and_its_errors_name_file_sheet_row_column(officer, tmp_path):
    step = _start(officer, "ke-hoach", 2025)
    workbook = load_workbook(io.BytesIO(officer.get(f"{step}/nhiem-vu.xlsx").content))
    sheet = workbook["Nhiệm vụ 2025"]
    sheet.delete_rows(3, 27)  # keep two tasks
    sheet.cell(row=2, column=2, value="Nhiệm vụ sửa trong Excel")
    good = tmp_path / "nhiem-vu-sua.xlsx"
    workbook.save(good)
    sheet["B3"].value = None
    sheet.cell(row=3, column=3, value="Sở Công Thương")
    sheet.append([None, None, "Sở Tài chính"])
    bad = tmp_path / "nhiem-vu-thieu.xlsx"
    workbook.save(bad)
    refused = _post(officer, f"{step}/bang-tinh", files={"tep": (bad.name, bad.read_bytes())}, page=step)
    assert refused.status_code == 400
    assert [r[:4] for r in _error_rows(refused.text)] == [
        ["nhiem-vu-thieu.xlsx", "Nhiệm vụ 2025", "3", "Nội dung công việc"],
        ["nhiem-vu-thieu.xlsx", "Nhiệm vụ 2025", "4", "Nội dung công việc"],
    ]
    assert "giữ 29/29" in refused.text, "a refused workbook changes nothing"
    taken = _post(officer, f"{step}/bang-tinh", files={"tep": (good.name, good.read_bytes())}, page=step)
    assert taken.status_code == 303
    page = officer.get(taken.headers["location"]).text
    assert "giữ 2/2" in page and "Nhiệm vụ sửa trong Excel" in page and "bảng tính «nhiem-vu-sua.xlsx»" in page
    wrong_type = _post(officer, f"{step}/bang-tinh", files={"tep": ("a.docx", b"PK")}, page=step)
    assert wrong_type.status_code == 400 and "không phải tệp Excel .xlsx" in wrong_type.text


def test_plan_with_every_task_dropped_is_not_made(officer):
    step = _start(officer, "ke-hoach", 2026)
    form = {k: v for k, v in _table_form(officer.get(step).text).items() if not k.startswith("giu-")}
    refused = _post(officer, f"{step}/xem-truoc", form, page=step)
    assert refused.status_code == 400 and "Chưa giữ nhiệm vụ nào" in refused.text


# ---- Báo cáo kết quả ---------------------------------------------------------------------------------


def _filled(client: TestClient, step: str, folder: Path, name: str, answers: dict[int, tuple], target=None) -> Path:
    """A department's copy of the results workbook: row of task N → (status, result, difficulty, proposal)."""
    workbook = load_workbook(io.BytesIO(client.get(f"{step}/bieu-mau.xlsx").content))
    for number, values in answers.items():
        for column, value in enumerate(values, 4):
            workbook["Nhiệm vụ"].cell(row=number + 1, column=column, value=value)
    if target:
        workbook["Chỉ tiêu"].cell(row=target[0] + 1, column=3, value=target[1])
    path = folder / name
    workbook.save(path)
    return path


def _upload(client: TestClient, step: str, *paths: Path):
    files = [("tep", (p.name, p.read_bytes())) for p in paths]
    return _post(client, f"{step}/tai-len", files=files, page=step)


def test_report_step_one_offers_a_year_or_the_whole_period(officer):
    page = officer.get("/viec-hang-nam/bao-cao")
    assert page.status_code == 200
    assert 'name="loai" value="nam" checked' in page.text and 'name="loai" value="giai-doan"' in page.text
    refused = _post(officer, "/viec-hang-nam/bao-cao", {"ke-hoach": PLAN_ID, "nam": "", "loai": "nam"})
    assert refused.status_code == 400 and 'id="loi-nam"' in refused.text


def test_report_merges_uploads_and_shows_tables_chart_then_the_report(officer, tmp_path):
    step = _start(officer, "bao-cao", 2025)
    page = officer.get(step).text
    assert "Tải biểu mẫu kết quả năm 2025" in page and 'aria-current="step"' in page
    a = _filled(officer, step, tmp_path, "so-cong-thuong.xlsx", {1: ("Hoàn thành", "Ba lớp")}, target=(1, 90))
    b = _filled(officer, step, tmp_path, "so-nong-nghiep.xlsx", {13: ("Đang thực hiện", "", "Thiếu kinh phí.", "")})
    taken = _upload(officer, step, a, b)
    assert taken.status_code == 303
    page = officer.get(step).text
    assert "2/29 nhiệm vụ có báo cáo từ 2 bảng tính" in page
    assert "so-cong-thuong.xlsx" in page and "so-nong-nghiep.xlsx" in page
    totals = re.search(r"<tfoot>(.*?)</tfoot>", page, re.S)[1]
    assert [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', totals)] == [1, 1, 0, 27, 29]
    targets = page.split('class="targets-table"')[1]
    assert '<td class="nowrap">90%</td>' in targets and ">Đạt<" in targets and "Chưa có số liệu" in targets
    chart = officer.get(re.search(r'<img src="([^"]+bieu-do\.png[^"]*)"', page)[1])
    assert chart.status_code == 200 and chart.content[:4] == b"\x89PNG"
    made = _post(officer, f"{step}/xem-truoc", page=step)
    assert made.status_code == 303
    page = officer.get(step).text
    assert "Văn bản đã tạo: Báo cáo kết quả năm 2025 - 484/KH-UBND" in page
    assert re.search(r'href="/tai-ve/[^"]+/van-ban\.docx"', page), "the report passed the check"
    assert "(lập ở trang này: chọn «Báo cáo tổng kết cả giai đoạn» ở bước 1)" in page and "--results <" not in page
    link = re.search(r'href="([^"]+/tep-kem/[^"]+)"[^>]*>Tải danh sách 27 nhiệm vụ chưa có báo cáo', page)
    assert link, "the tasks to chase are offered beside the report"
    chase = officer.get(link[1])
    assert chase.status_code == 200
    assert "Báo cáo kết quả năm 2025 - 484-KH-UBND-chua-bao-cao.xlsx" in unquote(chase.headers["content-disposition"])
    sheet = load_workbook(io.BytesIO(chase.content))["Chưa báo cáo"]
    assert sheet.max_row == 1 + 27 and sheet["A2"].value == 2, "the CLI's own companion: tasks 2…12, 14…29"
    assert officer.get(f"{step}/tep-kem/../state.json").status_code == 404
    _upload(officer, step, _filled(officer, step, tmp_path, "them.xlsx", {2: ("Hoàn thành", "")}))
    page = officer.get(step).text
    assert "/tep-kem/" not in page and officer.get(link[1]).status_code == 404, "a new upload forgets the old list"


def test_report_every_task_reported_offers_no_list_to_chase(officer, tmp_path):
    step = _start(officer, "bao-cao", 2026)
    workbook = load_workbook(io.BytesIO(officer.get(f"{step}/bieu-mau.xlsx").content))
    tasks = workbook["Nhiệm vụ"].max_row - 1
    assert tasks > 0
    path = _filled(officer, step, tmp_path, "tat-ca.xlsx", {n: ("Hoàn thành", "") for n in range(1, tasks + 1)})
    assert _upload(officer, step, path).status_code == 303
    assert _post(officer, f"{step}/xem-truoc", page=step).status_code == 303
    page = officer.get(step).text
    assert f"{tasks}/{tasks} nhiệm vụ có báo cáo" in page and "/tep-kem/" not in page


def test_report_bad_status_is_located_and_makes_no_report(officer, tmp_path):
    step = _start(officer, "bao-cao", 2025)
    bad = _filled(officer, step, tmp_path, "so-xay-dung.xlsx", {2: ("Xong rồi", "Đã làm")})
    refused = _upload(officer, step, bad)
    assert refused.status_code == 400
    row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", refused.text.split('class="workbook-errors"')[1], re.S)[1]
    cells = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[:4] == ["so-xay-dung.xlsx", "Nhiệm vụ", "3", "Trạng thái"]
    assert "«Xong rồi» không có trong danh sách" in cells[4]
    page = officer.get(step).text
    assert "Bảng tính đã nhận" not in page and "tao-bao-cao" not in page, "nothing kept, no report offered"
    assert _post(officer, f"{step}/xem-truoc", page=step).status_code == 400


def _error_rows(page: str) -> list[list[str]]:
    table = page.split('class="workbook-errors"')[1].split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    return [[c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def test_report_every_problem_of_a_batch_is_listed_at_its_cell_and_nothing_is_kept(officer, tmp_path):
    step = _start(officer, "bao-cao", 2025)
    a = _filled(officer, step, tmp_path, "so-a.xlsx", {3: ("Hoàn thành", "")})
    answers = {2: ("Xong rồi", ""), 3: ("Đang thực hiện", "")}
    b = _filled(officer, step, tmp_path, "so-b.xlsx", answers, target=(2, "khoảng 6"))
    refused = _upload(officer, step, a, b)
    assert refused.status_code == 400
    assert "có 3 lỗi trong bảng tính" in refused.text
    rows = _error_rows(refused.text)
    assert [r[:4] for r in rows] == [
        ["so-b.xlsx", "Nhiệm vụ", "3", "Trạng thái"],
        ["so-b.xlsx", "Nhiệm vụ", "4", "TT"],
        ["so-b.xlsx", "Chỉ tiêu", "3", "Đạt được"],
    ]
    assert "«Xong rồi» không có trong danh sách" in rows[0][4]
    assert "nhiệm vụ số 3 đã được báo cáo ở «so-a.xlsx» (hàng 4)" in rows[1][4]
    assert rows[2][4] == "«khoảng 6» không phải là số."
    assert "Bảng tính đã nhận" not in officer.get(step).text, "nothing kept, not even the right file"


def test_report_a_long_list_of_problems_is_cut_after_fifty(officer, tmp_path):
    step = _start(officer, "bao-cao", 2025)
    wrong = _filled(officer, step, tmp_path, "sai-het.xlsx", {n: ("Xong", "") for n in range(1, 30)})
    also = _filled(officer, step, tmp_path, "sai-nua.xlsx", {n: ("Gần xong", "") for n in range(1, 30)})
    refused = _upload(officer, step, wrong, also)
    rows = _error_rows(refused.text)
    assert len(rows) == 51 and rows[-1] == ["… và 8 lỗi khác (sửa các lỗi trên rồi tải lên lại để xem tiếp)."]
    assert "có 58 lỗi trong bảng tính" in refused.text


def test_report_batch_with_one_bad_file_keeps_none_and_a_task_twice_names_both_files(officer, tmp_path):
    step = _start(officer, "bao-cao", 2025)
    good = _filled(officer, step, tmp_path, "a.xlsx", {3: ("Hoàn thành", "")})
    bad = _filled(officer, step, tmp_path, "b.xlsx", {4: ("", "Có kết quả mà chưa chọn trạng thái")})
    refused = _upload(officer, step, good, bad)
    assert refused.status_code == 400 and "chưa chọn trạng thái" in refused.text
    assert "Bảng tính đã nhận" not in officer.get(step).text
    assert _upload(officer, step, good).status_code == 303
    twice = _filled(officer, step, tmp_path, "c.xlsx", {3: ("Đang thực hiện", "")})
    refused = _upload(officer, step, twice)
    assert refused.status_code == 400
    assert "nhiệm vụ số 3 đã được báo cáo ở «a.xlsx» (hàng 4)" in refused.text
    assert str(tmp_path) not in refused.text and "cache" not in refused.text, "no server path shown"


def _year_workbook(client: TestClient, step: str, year: int, folder: Path, answers: dict[int, tuple]) -> Path:
    """A filled results workbook of `year`, downloaded from a period run's step 2."""
    workbook = load_workbook(io.BytesIO(client.get(f"{step}/bieu-mau.xlsx?nam={year}").content))
    assert f"năm {year}" in workbook["Hướng dẫn"]["A1"].value
    for number, values in answers.items():
        for column, value in enumerate(values, 4):
            workbook["Nhiệm vụ"].cell(row=number + 1, column=column, value=value)
    path = folder / f"ket-qua-{year}.xlsx"
    workbook.save(path)
    return path


def test_period_report_from_the_yearly_workbooks(officer, tmp_path):
    started = _post(officer, "/viec-hang-nam/bao-cao", {"ke-hoach": PLAN_ID, "nam": "", "loai": "giai-doan"})
    assert started.status_code == 303, started.text
    step = started.headers["location"]
    page = officer.get(step).text
    assert "Báo cáo tổng kết giai đoạn <strong>2021-2025</strong>" in page
    assert all(f"bieu-mau.xlsx?nam={y}" in page for y in range(2021, 2026))
    assert officer.get(f"{step}/bieu-mau.xlsx?nam=2026").status_code == 404
    first = _year_workbook(officer, step, 2023, tmp_path, {1: ("Đang thực hiện", "", "Thiếu kinh phí", "")})
    last = _year_workbook(officer, step, 2025, tmp_path, {1: ("Hoàn thành", "Xong")})
    assert _upload(officer, step, first, last).status_code == 303
    page = officer.get(step).text
    assert "bảng tính của năm 2023, 2025 (2 tệp)" in page and "Chưa có bảng tính của năm 2021, 2022, 2024" in page
    years = page.split('class="years-table"')[1].split("</table>")[0]
    assert [y for y in re.findall(r'<th scope="row">([^<]+)</th>', years)] == ["2023", "2025", "Cả giai đoạn"]
    assert "bieu-do.png" not in page, "the closing report has no chart"
    made = _post(officer, f"{step}/xem-truoc", page=step)
    assert made.status_code == 303
    page = officer.get(step).text
    assert "Văn bản đã tạo: Báo cáo tổng kết giai đoạn 2021-2025 - 484/KH-UBND" in page
    assert re.search(r'href="/tai-ve/[^"]+/van-ban\.docx"', page), "the closing report passed the check"
    assert "tổng kết" in page and "từ báo cáo các năm 2023, 2025" in page


def test_period_report_refuses_a_workbook_of_another_year_at_its_cell(officer, tmp_path):
    yearly = _start(officer, "bao-cao", 2026)
    outside = _filled(officer, yearly, tmp_path, "ket-qua-2026.xlsx", {1: ("Hoàn thành", "")})
    started = _post(officer, "/viec-hang-nam/bao-cao", {"ke-hoach": PLAN_ID, "nam": "2026", "loai": "giai-doan"})
    step = started.headers["location"]
    inside = _year_workbook(officer, step, 2024, tmp_path, {1: ("Xong", "")})
    refused = _upload(officer, step, outside, inside)
    assert refused.status_code == 400
    assert [r[:4] for r in _error_rows(refused.text)] == [
        ["ket-qua-2026.xlsx", "Hướng dẫn", "1", ""],
        ["ket-qua-2024.xlsx", "Nhiệm vụ", "2", "Trạng thái"],
    ]
    assert "bảng tính báo cáo năm 2026, ngoài giai đoạn 2021-2025" in refused.text


def test_report_remove_an_upload(officer, tmp_path):
    step = _start(officer, "bao-cao", 2025)
    _upload(officer, step, _filled(officer, step, tmp_path, "a.xlsx", {3: ("Hoàn thành", "")}))
    page = officer.get(step).text
    kept = re.search(r'name="tep" value="([^"]+)"', page)[1]
    assert _post(officer, f"{step}/xoa", {"tep": kept}, page=step).status_code == 303
    assert "Bảng tính đã nhận" not in officer.get(step).text
    assert _post(officer, f"{step}/xoa", {"tep": "../../state.json"}, page=step).status_code == 404


# ---- Tài liệu tập huấn -------------------------------------------------------------------------------


COVER = {"tieu-de": "Thử", "khoa-hoc": "", "co-quan": "Sở Công Thương", "dia-danh": "", "ngay": ""}


def _new_handout(client: TestClient) -> str:
    started = _post(client, "/viec-hang-nam/tai-lieu", page="/viec-hang-nam/tai-lieu")
    assert started.status_code == 303
    return started.headers["location"]


def _editor_form(client: TestClient, step: str) -> dict:
    """The cover fields and the body as the editor page holds them, as a browser would send them back."""
    source = handout_cover.read(client.get(f"{step}/tai-lieu.md").text)
    return {**source.cover.values, "noi-dung": source.body}


def test_handout_page_is_a_form_not_markdown_front_matter(officer):
    step = _new_handout(officer)
    page = officer.get(step).text
    assert "Kế hoạch số 484/KH-UBND, mục II.4" in page, "the saved source is previewed with the page"
    for label in ("Tên tài liệu", "Khóa học, lớp tập huấn hoặc cuộc thi", "Cơ quan biên soạn", "Địa danh", "Ngày"):
        assert f">{label}" in page, label
    assert 'id="bia-ngay" name="ngay" value="10/06/2026"' in page, "the date as a Vietnamese office writes it"
    textarea = re.search(r'<textarea id="nguon"[^>]*>(.*?)</textarea>', page, re.S)[1]
    assert textarea.startswith("# Phần thứ nhất") and "tieu_de" not in textarea and "---" not in textarea
    for programmer in ("tieu_de", "co_quan", "examples/handouts", "2026-06-10"):
        assert programmer not in page, programmer
    assert "Cách viết" in page and "Đề mục lớn" in page and "Bảng" in page and "Chèn trích dẫn" in page


def test_handout_live_preview_from_the_cover_fields_and_the_body(officer):
    step = _new_handout(officer)
    body = "# Mở đầu\n\n{{trich 484/KH-UBND II.4}}\n"
    form = {**COVER, "dia-danh": "Nghệ An", "ngay": "5/9/2026", "noi-dung": body}
    fragment = _post(officer, f"{step}/xem-nhanh", form, page=step)
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert '<figure class="quote">' in fragment.text and "(Kế hoạch số 484/KH-UBND, mục II.4)" in fragment.text
    assert '<p class="cover-date">Nghệ An, tháng 9 năm 2026</p>' in fragment.text
    saved = officer.get(f"{step}/tai-lieu.md").text
    assert saved == (
        "---\ntieu_de: Thử\nco_quan: Sở Công Thương\ndia_danh: Nghệ An\nngay: 2026-09-05\n---\n\n" + body
    ), "the front matter the command line reads, written by the server"


def test_handout_cover_errors_are_worded_and_shown_at_their_field(officer):
    step = _new_handout(officer)
    form = {**_editor_form(officer, step), "tieu-de": "  ", "ngay": "31/02/2026"}
    fragment = _post(officer, f"{step}/xem-nhanh", form, page=step).text
    wrong_day = "Ngày trên bìa «31/02/2026» không có thật; ghi ngày/tháng/năm, ví dụ 29/11/2026."
    assert f'<li data-field="bia-ngay"><a href="#bia-ngay">{wrong_day}</a></li>' in fragment
    assert '<li data-field="bia-tieu-de"><a href="#bia-tieu-de">Hãy ghi tên tài liệu.</a></li>' in fragment
    assert "ngay: 31/02/2026" in officer.get(f"{step}/tai-lieu.md").text, "what was typed is kept, not lost"
    page = officer.get(step).text
    assert re.search(r'id="bia-ngay" name="ngay" value="31/02/2026"[^>]*aria-invalid="true"', page, re.S)
    assert f'<p class="field-error" id="bia-ngay-loi" role="alert">{wrong_day}</p>' in page
    assert '<p class="field-error" id="bia-tieu-de-loi" role="alert">Hãy ghi tên tài liệu.</p>' in page
    refused = _post(officer, f"{step}/tao", form, page=step)
    assert refused.status_code == 400 and "còn 2 chỗ cần sửa" in refused.text
    assert f'id="bia-ngay-loi" role="alert">{wrong_day}</p>' in refused.text
    assert 'section class="offer"' not in refused.text
    unreadable = _post(officer, f"{step}/xem-nhanh", {**form, "tieu-de": "T", "ngay": "mười tháng sáu"}, page=step)
    assert "Ngày trên bìa «mười tháng sáu» không đọc được" in unreadable.text


def test_handout_preview_names_the_editor_line_says_what_to_do_and_injects_nothing(officer):
    step = _new_handout(officer)
    body = (
        "<script>alert(1)</script>\n\n"
        '<img src=x onerror="alert(2)">\n\n{{trich 999/KH-XX I.1}}\n\n[bấm](javascript:alert(3))\n\n'
        "{{trich 484/KH-UBND II.99}}\n\n{{trich 484/KH-UBND}}\n\n{{trich 72/2020/QH14 Điều 1}}\n"
    )
    fragment = _post(officer, f"{step}/xem-nhanh", {**COVER, "noi-dung": body}, page=step).text
    assert "Dòng 5: không có văn bản «999/KH-XX» trong thư viện; hãy chọn lại bằng «Chèn trích dẫn»." in fragment
    assert (
        "Dòng 9: không tìm thấy mục II.99 trong Kế hoạch 484/KH-UBND; hãy chọn lại bằng «Chèn trích dẫn»." in fragment
    )
    assert "Dòng 11: chưa ghi mục cần trích của Kế hoạch 484/KH-UBND" in fragment
    assert "Dòng 13: thư viện chưa có toàn văn Luật 72/2020/QH14" in fragment
    assert "<script" not in fragment and "<img" not in fragment and 'href="javascript' not in fragment
    assert "&lt;script&gt;" in fragment


def test_handout_unknown_front_matter_keys_are_kept_and_a_broken_one_is_said(officer):
    start = "/viec-hang-nam/tai-lieu"
    source = "---\ntieu_de: Thử\nco_quan: Sở\nghi_chu: giữ lại\n---\n\n# Một\n"
    step = _post(officer, start, files={"tep": ("a.md", source.encode())}, page=start).headers["location"]
    _post(officer, f"{step}/luu", {**_editor_form(officer, step), "khoa-hoc": "Lớp A"}, page=step)
    saved = officer.get(f"{step}/tai-lieu.md").text
    assert "ghi_chu: giữ lại" in saved and "khoa_hoc: Lớp A" in saved
    broken = "---\ntieu_de: [Thử\n---\n\n# Một\n"
    step = _post(officer, start, files={"tep": ("b.md", broken.encode())}, page=start).headers["location"]
    page = officer.get(step).text
    assert "Không đọc được phần bìa ở đầu tệp" in page and "hãy điền lại các ô bìa" in page


def test_handout_cover_fields_give_the_markdown_the_cli_reads_and_the_same_document(officer, data, tmp_path):
    """The web and `vanban draft handout` are interchangeable: the source saved from the form,
    given to the command line, makes the document the web offers."""
    from docx import Document as WordDocument

    from tests.conftest import Cli

    step = _new_handout(officer)
    form = {
        "tieu-de": "Sản xuất sạch hơn: bắt đầu từ đâu",
        "khoa-hoc": "Lớp tập huấn cho doanh nghiệp năm 2026",
        "co-quan": "Sở Công Thương tỉnh Hà Tĩnh",
        "dia-danh": "Hà Tĩnh",
        "ngay": "10/06/2026",
        "noi-dung": "# Nhiệm vụ của tỉnh\n\n{{trich 484/KH-UBND II.4}}\n\n"
        "| Việc | Ai làm |\n|---|---|\n| Tập huấn | Sở |\n\n## Ghi nhớ\n\n- Một ý.\n",
    }
    assert _post(officer, f"{step}/tao", form, page=step).status_code == 303
    web_url = re.search(r'href="(/tai-ve/[^"]+/van-ban\.docx)"', officer.get(step).text)[1]
    web_docx = tmp_path / "web.docx"
    web_docx.write_bytes(officer.get(web_url).content)
    saved = tmp_path / "tai-lieu.md"
    saved.write_text(officer.get(f"{step}/tai-lieu.md").text, encoding="utf-8")
    assert saved.read_text(encoding="utf-8").startswith(
        "---\ntieu_de: 'Sản xuất sạch hơn: bắt đầu từ đâu'\nkhoa_hoc: Lớp tập huấn cho doanh nghiệp năm 2026\n"
    )
    cli_docx = tmp_path / "cli.docx"
    made = Cli(data)("draft", "handout", str(saved), "-o", str(cli_docx))
    assert made.returncode == 0, made.stderr

    def text(path: Path) -> list[str]:
        document = WordDocument(str(path))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return [p.text for p in document.paragraphs] + cells

    web, cli = text(web_docx), text(cli_docx)
    assert web == cli
    assert "SỞ CÔNG THƯƠNG TỈNH HÀ TĨNH" in web and "Hà Tĩnh, tháng 6 năm 2026" in web
    assert "(Kế hoạch số 484/KH-UBND, mục II.4)" in web and "Tập huấn" in web


# ---- «Chèn trích dẫn» ------------------------------------------------------------------------------------


def test_insert_quotation_lists_documents_then_sections_that_resolve(officer, data):
    Library(data).add([write_legal(data.parent)])
    step = _new_handout(officer)
    listed = officer.get(f"{step}/trich-dan", params={"q": ""}).text
    assert 'data-document="484/KH-UBND"' in listed and 'data-document="huong-dan-san-xuat-sach-hon"' in listed
    assert "72/2020/QH14" not in listed, "a document without its full text cannot be quoted"
    assert 'data-document="484/KH-UBND"' in officer.get(f"{step}/trich-dan", params={"q": "484"}).text
    sections = officer.get(f"{step}/trich-dan", params={"van-ban": "484/KH-UBND"}).text
    quotations = re.findall(r'data-quotation="\{\{trich ([^ ]+) ([^}]+)\}\}"', sections)
    assert ("484/KH-UBND", "II.4") in quotations and len(quotations) > 10
    library = Library(data)
    for reference, path in quotations:
        quotation(library, reference, path)  # raises if the listed path does not resolve
    legal = officer.get(f"{step}/trich-dan", params={"van-ban": "99/2021/NĐ-CP", "q": "quốc hiệu"}).text
    assert re.findall(r'data-quotation="([^"]+)"', legal) == ["{{trich 99/2021/NĐ-CP Điều 8.2.a}}"]
    articles = officer.get(f"{step}/trich-dan", params={"van-ban": "99/2021/NĐ-CP"}).text
    assert re.findall(r'data-quotation="\{\{trich 99/2021/NĐ-CP ([^}]+)\}\}"', articles) == ["Điều 1", "Điều 8"]
    for path in ("Điều 1", "Điều 8", "Điều 8.2.a"):
        quotation(library, "99/2021/NĐ-CP", path)


def test_insert_quotation_escapes_what_it_shows_and_needs_the_signed_in_author(officer, data):
    hostile = data.parent / "ke-hoach-doc-hai.txt"  # a plain text keeps its markup as text, as a scan's OCR may
    hostile.write_text(
        "UBND TỈNH X\nSố: 7/KH-XYZ\n\nKẾ HOẠCH\nTên <script>alert(1)</script>\n\n"
        "I. MỤC <b>TIÊU</b>\n\n1. Nội dung <img src=x onerror=alert(2)>.\n",
        encoding="utf-8",
    )
    Library(data).add([hostile])
    step = _new_handout(officer)
    found = officer.get(f"{step}/trich-dan", params={"q": "<script>alert(9)</script> 7/KH"}).text
    listed = officer.get(f"{step}/trich-dan", params={"q": "7/KH-XYZ"}).text
    sections = officer.get(f"{step}/trich-dan", params={"van-ban": "7/KH-XYZ", "q": "nội dung"}).text
    for fragment in (found, listed, sections):
        assert "<script" not in fragment and "<img" not in fragment and "<b>" not in fragment
    assert "&lt;script&gt;alert(9)&lt;/script&gt;" in found
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listed
    assert "&lt;img src=x onerror=alert(2)&gt;" in sections
    anonymous = _client(data, None).get(f"{step}/trich-dan", params={"q": "484"}, follow_redirects=False)
    assert anonymous.status_code in (302, 303) and "/dang-nhap" in anonymous.headers["location"]
    assert _client(data, OTHER).get(f"{step}/trich-dan", params={"q": "484"}).status_code == 404


def test_handout_upload_then_make_and_a_bad_quotation_stops_it_with_its_line(officer):
    example = ROOT_DIR / "examples" / "handouts" / "san-xuat-sach-hon.md"
    files = {"tep": (example.name, example.read_bytes())}
    started = _post(officer, "/viec-hang-nam/tai-lieu", files=files, page="/viec-hang-nam/tai-lieu")
    step = started.headers["location"]
    assert officer.get(f"{step}/tai-lieu.md").text.startswith('---\ntieu_de: "Sản xuất sạch hơn')
    form = _editor_form(officer, step)
    assert form["tieu-de"] == "Sản xuất sạch hơn trong công nghiệp" and form["ngay"] == "10/06/2026"
    broken = {**form, "noi-dung": form["noi-dung"].replace("{{trich 484/KH-UBND II.4}}", "{{trich 484/KH-UBND II.99}}")}
    refused = _post(officer, f"{step}/tao", broken, page=step)
    assert refused.status_code == 400
    line = broken["noi-dung"].splitlines().index("{{trich 484/KH-UBND II.99}}") + 1
    assert f"Dòng {line}: không tìm thấy mục II.99 trong Kế hoạch 484/KH-UBND" in refused.text
    made = _post(officer, f"{step}/tao", form, page=step)
    assert made.status_code == 303
    page = officer.get(step).text
    assert "Văn bản đã tạo: Tài liệu tập huấn - Sản xuất sạch hơn trong công nghiệp" in page
    assert "Loại: Tài liệu tập huấn" in page
    assert re.search(r'href="/tai-ve/[^"]+/van-ban\.docx"', page)


def test_handout_upload_that_is_not_markdown_or_not_utf8(officer):
    start = "/viec-hang-nam/tai-lieu"
    word = _post(officer, start, files={"tep": ("a.docx", b"PK\x03\x04")}, page=start)
    assert word.status_code == 400 and "không phải tệp Markdown" in word.text
    latin = _post(officer, start, files={"tep": ("a.md", "tiêu đề".encode("utf-16"))}, page=start)
    assert latin.status_code == 400 and "không phải văn bản UTF-8" in latin.text


# ---- the state: per user, cleaned after a day ----------------------------------------------------------


def test_another_official_cannot_reach_a_wizard_run(officer, data):
    plan_step = _start(officer, "ke-hoach", 2025)
    report_step = _start(officer, "bao-cao", 2025)
    handout_step = _new_handout(officer)
    other = _client(data, OTHER)
    for url in (plan_step, f"{plan_step}/nhiem-vu.xlsx", report_step, f"{report_step}/bieu-mau.xlsx", handout_step):
        assert other.get(url).status_code == 404, url
    assert "không có phiên làm việc này" in other.get(plan_step).text
    stolen = _post(other, f"{handout_step}/xem-nhanh", {**COVER, "noi-dung": "ghi đè"})
    assert stolen.status_code == 404
    assert "ghi đè" not in officer.get(f"{handout_step}/tai-lieu.md").text
    admin = _client(data, ADMIN)
    assert admin.get(plan_step).status_code == 404, "not even an admin: the run is its author's"


def test_a_run_of_another_wizard_or_a_made_up_token_is_not_found(officer):
    step = _start(officer, "ke-hoach", 2025)
    token = step.rsplit("/", 1)[1]
    assert officer.get(f"/viec-hang-nam/bao-cao/{token}").status_code == 404
    assert officer.get("/viec-hang-nam/ke-hoach/..%2F..%2Fso-dang-ky").status_code == 404
    assert officer.get("/viec-hang-nam/ke-hoach/" + "A" * 22).status_code == 404


def test_runs_untouched_for_a_day_are_cleaned(officer, data):
    step = _start(officer, "ke-hoach", 2025)
    clean(data, now=time.time() + KEEP_SECONDS - 60)
    assert officer.get(step).status_code == 200
    clean(data, now=time.time() + KEEP_SECONDS + 60)
    assert officer.get(step).status_code == 404
    assert not any((data / ROOT).glob("*/*"))
