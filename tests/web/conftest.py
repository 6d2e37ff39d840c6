"""Web fixtures: the app over a data folder of its own, driven in-process by the ASGI client.

`fresh_client` is signed in as a quản trị (who may do everything); `anonymous_client` is nobody.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from vanban.app.web.config import WebConfig
from vanban.app.web.server import create_app
from vanban.library.store import Library
from vanban.office.users import Users

PASSWORD = "mật khẩu thử nghiệm"
ADMIN = "quan.tri"

LEGAL_TEXT = """---
number: 99/2021/NĐ-CP
doc_type: Nghị định
title: Quy định thử về công tác văn thư
issuer: Chính phủ
signed_on: 2021-03-05
---

Chương I

QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

Nghị định này quy định về công tác văn thư và trích dẫn Kế hoạch số 484/KH-UBND.

Điều 8. Thể thức văn bản

1. Thể thức văn bản là tập hợp các thành phần cấu thành văn bản.

2. Thành phần thể thức chính gồm:

a) Quốc hiệu và Tiêu ngữ.

b) Tên cơ quan, tổ chức ban hành văn bản.
"""


def write_legal(folder: Path) -> Path:
    path = folder / "nghi-dinh-thu.md"
    path.write_text(LEGAL_TEXT, encoding="utf-8")
    return path


def csrf_token(client: TestClient, url: str = "/thu-vien") -> str:
    """The token a browser gets with a page, as the form's hidden field carries it."""
    page = client.get(url)
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


@pytest.fixture(scope="session")
def shared_data(tmp_path_factory) -> Path:
    """One data folder for the read-only tests: the shipped corpus plus a small legal text."""
    data = tmp_path_factory.mktemp("web-data")
    Library(data).add([write_legal(tmp_path_factory.mktemp("src"))])
    return data


@pytest.fixture(scope="session")
def client(shared_data: Path) -> TestClient:
    return TestClient(create_app(WebConfig(data_dir=shared_data)))


def add_user(data: Path, name: str, role: str) -> None:
    Users(data).add(name, role, PASSWORD, actor="kiểm thử")


def log_in(client: TestClient, name: str, password: str = PASSWORD, follow_redirects: bool = False):
    """The login form sent as a browser sends it (the token of the form page first)."""
    form = {"csrf_token": csrf_token(client, "/dang-nhap"), "ten": name, "mat-khau": password}
    return client.post("/dang-nhap", data=form, follow_redirects=follow_redirects)


@pytest.fixture
def anonymous_client(tmp_path: Path) -> TestClient:
    """An app over its own data folder with one admin account, nobody signed in."""
    data = tmp_path / "data"
    add_user(data, ADMIN, "quan-tri")
    return TestClient(create_app(WebConfig(data_dir=data, max_upload_mb=1)))


@pytest.fixture
def fresh_client(anonymous_client: TestClient) -> TestClient:
    """The same, signed in as its admin: for tests that add and remove documents."""
    assert log_in(anonymous_client, ADMIN).status_code == 303
    return anonymous_client
