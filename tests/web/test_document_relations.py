"""The document page's hiệu lực, typed relations and lược đồ, and the search page's hiệu lực:
the same answers as `vanban related` and `vanban search --in-force-on`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from vanban.app.related import graphviz_installed
from vanban.app.web.config import WebConfig
from vanban.app.web.server import create_app
from vanban.library.store import Library

OLD = """---
number: 3/2020/QĐ-UBND
doc_type: Quyết định
title: Ban hành quy định về tiết kiệm điện trong cơ quan nhà nước
issuer: UBND tỉnh Hà Tĩnh
signed_on: 2020-02-01
---

Điều 1. Phạm vi

Quy định này áp dụng cho cơ quan nhà nước trên địa bàn tỉnh.

Điều 2. Giờ tắt điều hòa

Tắt điều hòa nhiệt độ trước giờ nghỉ trưa mười lăm phút.

Điều 3. Chiếu sáng

Tắt đèn hành lang sau giờ làm việc.
"""

AMENDING = """---
number: 5/2022/QĐ-UBND
doc_type: Quyết định
title: Sửa đổi, bổ sung và bãi bỏ một số điều của Quyết định số 3/2020/QĐ-UBND
issuer: UBND tỉnh Hà Tĩnh
signed_on: 2022-03-01
---

Điều 1. Sửa đổi, bổ sung khoản 1, khoản 2 Điều 3 của Quyết định số 3/2020/QĐ-UBND.

Điều 2. Bãi bỏ Điều 2 của Quyết định số 3/2020/QĐ-UBND.

Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
"""

REPLACING = """---
number: 9/2024/QĐ-UBND
doc_type: Quyết định
title: Ban hành quy định mới về tiết kiệm điện trong cơ quan nhà nước
issuer: UBND tỉnh Hà Tĩnh
signed_on: 2024-05-10
---

Điều 1. Ban hành kèm theo Quyết định này Quy định về tiết kiệm điện.

Điều 2. Quyết định này có hiệu lực kể từ ngày 01 tháng 6 năm 2024 và thay thế Quyết định số 3/2020/QĐ-UBND.
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("relations-data")
    sources = tmp_path_factory.mktemp("relations-src")
    paths = []
    for name, text in (("cu.md", OLD), ("sua.md", AMENDING), ("moi.md", REPLACING)):
        (sources / name).write_text(text, encoding="utf-8")
        paths.append(sources / name)
    Library(folder).add(paths)
    return folder


@pytest.fixture(scope="module")
def web(data: Path) -> TestClient:
    return TestClient(create_app(WebConfig(data_dir=data)))


def _id(data: Path, number: str) -> str:
    return Library(data).get(number).id


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_replaced_text_is_out_of_force_with_its_successor(web, data):
    page = web.get(f"/van-ban/{_id(data, '3/2020/QĐ-UBND')}")
    assert page.status_code == 200
    shown = _text(page.text)
    assert "Hết hiệu lực toàn bộ vào ngày" in shown
    assert "bị thay thế từ 01/06/2024 bởi Quyết định 9/2024/QĐ-UBND" in shown
    assert "Điều 2 bị bãi bỏ từ 01/03/2022 bởi Quyết định 5/2022/QĐ-UBND" in shown
    assert f'href="/van-ban/{_id(data, "9/2024/QĐ-UBND")}"' in page.text
    assert 'class="validity validity-ended"' in page.text


def test_relations_both_ways_with_cited_parts_and_links(web, data):
    old = _text(web.get(f"/van-ban/{_id(data, '3/2020/QĐ-UBND')}").text)
    assert "Văn bản này bị thay thế bởi Quyết định 9/2024/QĐ-UBND" in old
    assert "Văn bản này được sửa đổi, bổ sung bởi Quyết định 5/2022/QĐ-UBND — ở khoản 1 Điều 3 của văn bản này" in old
    assert "ở khoản 2 Điều 3 của văn bản này" in old, "both khoản of one sentence are kept"
    assert "Văn bản này bị bãi bỏ bởi Quyết định 5/2022/QĐ-UBND — ở Điều 2 của văn bản này" in old
    amending = web.get(f"/van-ban/{_id(data, '5/2022/QĐ-UBND')}").text
    shown = _text(amending)
    assert "Văn bản này sửa đổi, bổ sung khoản 1 Điều 3 của Quyết định 3/2020/QĐ-UBND" in shown
    assert "Văn bản này bãi bỏ Điều 2 của Quyết định 3/2020/QĐ-UBND" in shown
    assert f'<a href="/van-ban/{_id(data, "3/2020/QĐ-UBND")}">Quyết định 3/2020/QĐ-UBND</a>' in amending
    assert "Còn hiệu lực" in shown


def test_a_text_outside_the_library_is_named_not_linked(client):
    page = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020").text
    shown = _text(page)
    assert "Văn bản này thực hiện Quyết định 889/QĐ-TTg" in shown
    assert "Luật Sử dụng năng lượng tiết kiệm và hiệu quả (chưa có trong thư viện)" in shown
    assert '<a href="/van-ban/quyet-dinh-889-qd-ttg-2020">' in page


@pytest.mark.skipif(not graphviz_installed(), reason="Graphviz chưa cài: lược đồ không vẽ được")
def test_diagram_is_an_svg_image_of_its_own_route(client):
    page = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020", params={"bac": "2"}).text
    img = re.search(r'<img src="(/van-ban/ke-hoach-484-kh-ubnd-2020/luoc-do\.svg\?bac=2)"', page)
    assert img, "the diagram is an <img>, not inline SVG"
    assert "<svg" not in page
    assert '<option value="2" selected>' in page
    svg = client.get(img.group(1))
    assert svg.status_code == 200
    assert svg.headers["content-type"] == "image/svg+xml"
    assert svg.text.lstrip().startswith("<?xml") and "<svg" in svg.text
    assert "thực hiện" in svg.text and "889/QĐ&#45;TTg" in svg.text
    assert "<script" not in svg.text
    one = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020/luoc-do.svg").text
    assert len(one) < len(svg.text), "depth 2 draws more than depth 1"


def test_bad_depth_and_unknown_document(client):
    assert client.get("/van-ban/ke-hoach-484-kh-ubnd-2020", params={"bac": "7"}).status_code == 400
    bad = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020/luoc-do.svg", params={"bac": "x"})
    assert bad.status_code == 400 and "số bậc quan hệ" in bad.text
    assert client.get("/van-ban/khong-co/luoc-do.svg").status_code == 404


def test_without_graphviz_the_list_shows_and_the_page_says_how_to_install(client, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` anywhere
    assert not graphviz_installed()
    page = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020")
    assert page.status_code == 200
    shown = _text(page.text)
    assert "Văn bản này thực hiện Quyết định 889/QĐ-TTg" in shown
    assert "chưa cài Graphviz" in shown and "hãy báo người quản trị máy chủ" in shown
    assert "apt-get" not in shown, "a văn thư cannot run an install command"
    assert "luoc-do.svg" not in page.text
    svg = client.get("/van-ban/ke-hoach-484-kh-ubnd-2020/luoc-do.svg")
    assert svg.status_code == 503 and "chưa cài Graphviz" in svg.text


def test_search_hits_say_their_status_and_a_repealed_article(web):
    found = web.get("/tim-kiem", params={"q": "tắt điều hòa trước giờ nghỉ trưa", "ngay-hieu-luc": "2023-01-01"})
    assert found.status_code == 200
    shown = _text(found.text)
    assert "Hết hiệu lực một phần (ngày 01/01/2023)" in shown
    assert "Lưu ý: Điều 2 bị bãi bỏ từ 01/03/2022 bởi Quyết định 5/2022/QĐ-UBND" in shown
    assert 'value="01/01/2023"' in found.text
    data = web.get("/tim-kiem", params={"q": "tắt điều hòa", "dinh-dang": "json"}).json()
    old = [h for h in data["hits"] if h["number"] == "3/2020/QĐ-UBND"]
    assert old and {h["hieu_luc"] for h in old} == {"hết hiệu lực toàn bộ"}


def test_search_filter_in_force_on_a_day(web):
    def numbers(query: str, day: str) -> set[str]:
        asked = {"q": query, "loai": "Quyết định", "ngay-hieu-luc": day, "dinh-dang": "json"}
        data = web.get("/tim-kiem", params=asked).json()
        shown = dt.date.fromisoformat(day).strftime("%d/%m/%Y")
        assert f"chỉ gồm văn bản còn hiệu lực (toàn bộ hoặc một phần) ngày {shown}" in data["notes"]
        return {h["number"] for h in data["hits"]}

    assert "3/2020/QĐ-UBND" in numbers("tắt đèn hành lang", "2021-06-01")
    assert "3/2020/QĐ-UBND" not in numbers("tắt đèn hành lang", "2025-01-01"), "replaced on 01/06/2024"
    assert "9/2024/QĐ-UBND" not in numbers("quy định về tiết kiệm điện", "2021-06-01"), "not signed yet"
    assert "9/2024/QĐ-UBND" in numbers("quy định về tiết kiệm điện", dt.date(2025, 1, 1).isoformat())


def test_a_wrong_day_is_named_next_to_its_field(web):
    page = web.get("/tim-kiem", params={"q": "tiết kiệm", "ngay-hieu-luc": "2024-02-30"})
    assert page.status_code == 400
    field = re.search(
        r'<input type="text" id="ngay-hieu-luc"[^>]*>.*?<p class="field-error"[^>]*>([^<]+)</p>', page.text, re.S
    )
    assert field and field.group(1) == "Ngày 30/02/2024 không có thật; hãy chọn lại ngày."
    assert 'aria-invalid="true"' in page.text
