"""A generated document reaches the user only checked, through its token, under the name given."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import ADMIN, add_user, log_in
from vanban.app.web.config import WebConfig
from vanban.app.web.offers import offer
from vanban.app.web.server import create_app
from vanban.generator.jobs.draft import DraftRequest, draft, write_drafted
from vanban.library.errors import VanbanError
from vanban.library.store import Library

EXAMPLE = Path(__file__).parents[2] / "examples" / "draft" / "cong-van.yaml"


def _writer(data: Path):
    drafted = draft(DraftRequest("cong-van", source=EXAMPLE), Library(data))
    return lambda path: write_drafted(drafted, path)


@pytest.fixture
def fresh_data(anonymous_client: TestClient) -> Path:
    return anonymous_client.app.state.workbench.library.data_dir


@pytest.fixture
def made(fresh_data: Path):
    return offer(fresh_data, _writer(fresh_data), "Công văn phối hợp", owner=ADMIN)


def test_checked_offer_downloads_under_its_name(made, fresh_client: TestClient):
    assert made.passed, made.report["findings"]
    response = fresh_client.get(made.docx_url)
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert "C%C3%B4ng%20v%C4%83n%20ph%E1%BB%91i%20h%E1%BB%A3p.docx" in response.headers["content-disposition"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="cần LibreOffice để dựng PDF và hình xem trước")
def test_preview_has_pdf_and_first_page(made, fresh_client: TestClient):
    assert made.has_pdf and made.pictures[0] == "trang-1.png"
    picture = fresh_client.get(made.picture_urls[0])
    assert picture.headers["content-type"] == "image/png" and picture.content[:4] == b"\x89PNG"


def test_other_addresses_are_not_served(made, fresh_client: TestClient):
    assert fresh_client.get(f"/tai-ve/{made.token}/offer.json").status_code == 404
    assert fresh_client.get(f"/tai-ve/{made.token}/..%2Foffer.json").status_code == 404
    assert fresh_client.get("/tai-ve/" + "A" * 22 + "/van-ban.docx").status_code == 404


def test_failed_writer_leaves_nothing(fresh_data: Path):
    def broken(path: Path):
        raise VanbanError("dữ liệu sai.")

    with pytest.raises(VanbanError):
        offer(fresh_data, broken, "x", owner=ADMIN)
    assert not any((fresh_data / "cache" / "tai-ve").iterdir())


def test_anonymous_visitor_is_sent_to_log_in(made, anonymous_client: TestClient):
    response = anonymous_client.get(made.docx_url, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/dang-nhap?")


@pytest.mark.parametrize("role", ["van-thu", "chuyen-vien", "quan-tri"])
def test_an_offer_is_served_to_its_owner_only_whatever_the_roles(fresh_data: Path, role: str):
    """The văn thư may download what they made though they may not draft; another account, even
    an admin, is told there is no such file."""
    add_user(fresh_data, "nguoi.tao", role)
    add_user(fresh_data, "nguoi.khac", "quan-tri")
    made = offer(fresh_data, _writer(fresh_data), "Công văn 01/SCT-QLCN - phối hợp", owner="nguoi.tao")
    owner, other = (TestClient(create_app(WebConfig(data_dir=fresh_data))) for _ in range(2))
    assert log_in(owner, "nguoi.tao").status_code == 303 and log_in(other, "nguoi.khac").status_code == 303
    assert owner.get(made.docx_url).content[:2] == b"PK"
    assert other.get(made.docx_url).status_code == 404
    assert made.heading == "Công văn 01/SCT-QLCN - phối hợp"
    assert made.download_name == "Công văn 01-SCT-QLCN - phối hợp"
