"""/thu-vien and /van-ban/<id>: the list, the document view, adding and removing like the CLI."""

from __future__ import annotations

import re

from tests.web.conftest import LEGAL_TEXT, csrf_token
from vanban.app.library_commands import listing
from vanban.library.store import Library


def test_list_is_library_list_json(client, shared_data):
    shown = client.get("/thu-vien", params={"dinh-dang": "json"}).json()
    expected = listing(Library(shared_data).documents())
    assert sorted(shown, key=lambda d: d["id"]) == sorted(expected, key=lambda d: d["id"])


def test_list_sorts_and_filters(client):
    by_date = client.get("/thu-vien", params={"dinh-dang": "json"}).json()
    dates = [d["signed_on"] or "" for d in by_date]
    assert dates == sorted(dates, reverse=True)
    plans = client.get("/thu-vien", params={"loai": "Kế hoạch", "sap-xep": "so", "dinh-dang": "json"}).json()
    assert {d["doc_type"] for d in plans} == {"Kế hoạch"}
    assert [d["number"] for d in plans] == sorted(d["number"] for d in plans)
    in_force = client.get("/thu-vien", params={"hieu-luc": "còn hiệu lực", "dinh-dang": "json"}).json()
    assert in_force and {d["status"] for d in in_force} == {"còn hiệu lực"}
    page = client.get("/thu-vien", params={"loai": "Kế hoạch"}).text
    assert '<option value="Kế hoạch" selected>' in page
    assert client.get("/thu-vien", params={"sap-xep": "x"}).status_code == 400


def test_document_page_card_outline_anchors_and_citations(client):
    response = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020")
    assert response.status_code == 200
    text = response.text
    for words in ("Thông tin văn bản", "484/KH-UBND", "UBND tỉnh Hà Tĩnh", "15/12/2020", "Nguyễn Hồng Lĩnh"):
        assert words in text, words
    assert "<details open><summary>" in text and "mục con</summary>" in text
    assert '<span class="sec-label">–</span> Thực hiện việc kiểm toán năng lượng' in text
    assert 'id="II.4"' in text
    assert 'data-cite="Kế hoạch số 484/KH-UBND, mục II.4"' in text
    assert 'href="#II.4"' in text


def test_document_json_is_library_show_json(client, cli):
    shown = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020", params={"dinh-dang": "json"}).json()
    assert shown == cli.json("library", "show", "484/KH-UBND")


def test_legal_citation_as_nd30_writes_it(client):
    text = client.get("/van-ban/99-2021-nd-cp").text
    assert 'id="Chương-I.Điều-8.Khoản-2.Điểm-a"' in text
    assert 'data-cite="điểm a khoản 2 Điều 8 Nghị định số 99/2021/NĐ-CP"' in text


def test_related_documents_both_ways(client):
    cited = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020").text
    assert "Hiệu lực và văn bản liên quan" in cited and "Văn bản này được dẫn chiếu bởi" in cited
    assert 'href="/van-ban/99-2021-nd-cp"' in cited


def test_task_table_filters_by_group_and_lead(client):
    everything = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020").text
    all_rows = len(re.findall(r'<tr id="Phụ-lục\.', everything))
    assert all_rows == 53
    group = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020", params={"nhom": "2021"}).text
    assert 0 < len(re.findall(r'<tr id="Phụ-lục\.II\.', group)) < all_rows
    assert not re.findall(r'<tr id="Phụ-lục\.I\.', group)
    lead = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020", params={"chu-tri": "Sở Công Thương"}).text
    rows = re.findall(r'<tr id="Phụ-lục\.[^"]+"><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>', lead)
    assert rows and set(rows) == {"Sở Công Thương"}


def test_record_without_number_or_text(client):
    text = client.get("/van-ban/quyet-dinh-1244-qd-ubnd-2013").text
    assert "<dt>Nội dung</dt><dd>chưa có toàn văn</dd>" in text
    assert text.count("chưa có toàn văn") == 2, "one notice, and the field that says so"
    assert "Thư viện › Thêm văn bản</a>, ghi số, ký hiệu 1244/QĐ-UBND" in text


def test_unknown_document_is_404_in_vietnamese(client):
    response = client.get("/van-ban/khong-co-van-ban-nay")
    assert response.status_code == 404
    assert "Không có văn bản này trong thư viện." in response.text
    assert 'Xem danh sách văn bản ở trang <a href="/thu-vien">Thư viện</a>' in response.text


def test_unknown_page_and_method(client):
    assert "không có trang này" in client.get("/khong-co").text
    response = client.post("/tim-kiem")
    assert response.status_code == 405 and "không nhận cách gửi" in response.text


def test_security_headers(client):
    headers = client.get("/thu-vien").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_add_then_search_then_remove(fresh_client):
    token = csrf_token(fresh_client)
    files = {"tep": ("nghị định thử.md", LEGAL_TEXT.encode(), "text/markdown")}
    added = fresh_client.post("/thu-vien/them", data={"csrf_token": token}, files=files, follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == "/van-ban/99-2021-nd-cp?da-them=1"
    page = fresh_client.get(added.headers["location"]).text
    assert "Đã thêm vào thư viện" in page and "Xóa văn bản này" in page
    found = fresh_client.get("/tim-kiem", params={"q": "Quốc hiệu và Tiêu ngữ", "dinh-dang": "json"}).json()
    assert found["hits"][0]["doc_id"] == "99-2021-nd-cp"
    removed = fresh_client.post("/van-ban/99-2021-nd-cp/xoa", data={"csrf_token": token}, follow_redirects=False)
    assert removed.status_code == 303
    assert "Đã xóa: Nghị định 99/2021/NĐ-CP" in fresh_client.get(removed.headers["location"]).text
    assert fresh_client.get("/van-ban/99-2021-nd-cp").status_code == 404
    gone = fresh_client.get("/tim-kiem", params={"q": "Quốc hiệu và Tiêu ngữ", "dinh-dang": "json"}).json()
    assert all(h["doc_id"] != "99-2021-nd-cp" for h in gone["hits"])


def test_overrides_are_the_cli_options(fresh_client):
    token = csrf_token(fresh_client)
    files = {"tep": ("ghi-chu.txt", "Nội dung ghi chú về sản xuất sạch hơn.".encode(), "text/plain")}
    form = {"csrf_token": token, "so-hieu": "12/TB-STNMT", "loai": "Thông báo", "ngay-ky": "2024-05-02"}
    added = fresh_client.post("/thu-vien/them", data=form, files=files, follow_redirects=False)
    assert added.status_code == 303
    shown = fresh_client.get(added.headers["location"].split("?")[0], params={"dinh-dang": "json"}).json()
    assert (shown["number"], shown["doc_type"], shown["signed_on"]) == ("12/TB-STNMT", "Thông báo", "2024-05-02")


def test_post_without_token_is_refused(fresh_client):
    files = {"tep": ("a.md", LEGAL_TEXT.encode(), "text/markdown")}
    response = fresh_client.post("/thu-vien/them", files=files, data={"csrf_token": "x" * 43})
    assert response.status_code == 403 and "biểu mẫu đã hết hạn" in response.text
    assert fresh_client.get("/van-ban/99-2021-nd-cp").status_code == 404


def test_bad_file_shows_the_library_message_and_changes_nothing(fresh_client):
    token = csrf_token(fresh_client)
    files = {"tep": ("hỏng.docx", b"not a zip", "application/octet-stream")}
    response = fresh_client.post("/thu-vien/them", data={"csrf_token": token}, files=files)
    assert response.status_code == 400
    assert "hỏng.docx:" in response.text and "/tmp" not in response.text
    assert len(fresh_client.get("/thu-vien", params={"dinh-dang": "json"}).json()) == 12


def test_no_file_chosen(fresh_client):
    response = fresh_client.post("/thu-vien/them", data={"csrf_token": csrf_token(fresh_client)})
    assert response.status_code == 400 and "chưa chọn tệp" in response.text


def test_file_over_the_limit_is_413(fresh_client):
    token = csrf_token(fresh_client)
    files = {"tep": ("lớn.txt", b"a" * (1024 * 1024 + 10), "text/plain")}
    response = fresh_client.post("/thu-vien/them", data={"csrf_token": token}, files=files)
    assert response.status_code == 413 and "quá giới hạn 1,0 MB" in response.text


def test_shipped_document_cannot_be_removed(fresh_client):
    token = csrf_token(fresh_client)
    response = fresh_client.post("/van-ban/ke-hoach-484-kh-ubnd-2020/xoa", data={"csrf_token": token})
    assert response.status_code == 400 and "văn bản đi kèm phần mềm, không xóa được" in response.text
