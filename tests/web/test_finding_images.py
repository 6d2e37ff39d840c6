"""Findings on the rendered page: pictures in a per-check folder of the cache, served only from
there, the box drawn as SVG over the picture, the reason shown when LibreOffice is missing."""

from __future__ import annotations

import docx
import pytest
from PIL import Image

from tests.web.conftest import csrf_token
from tests.web.test_check_page import docx_bytes
from vanban.app.web import finding_images
from vanban.generator.checker.locate import Box, LocatedFinding, LocatedPages, Mark, Page


def bare_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Một đoạn văn không có thể thức.")
    return docx_bytes(document)


def check(client):
    files = [("tep", ("trơn.docx", bare_docx(), "application/octet-stream"))]
    return client.post("/kiem-tra", data={"csrf_token": csrf_token(client, "/kiem-tra")}, files=files)


@pytest.fixture
def fake_locate(monkeypatch):
    """locate_findings without LibreOffice: one 400×600 page, the first finding boxed on it."""

    def locate(docx_path, report, out_dir):
        image = out_dir / "van-ban-1.png"
        Image.new("RGB", (400, 600), "white").save(image)
        (out_dir / "van-ban.pdf").write_bytes(b"%PDF")
        located = [LocatedFinding(f) for f in report.findings]
        located[0].marks.append(Mark(1, Box(40, 300, 240, 320)))
        return LocatedPages(located, [Page(1, image, 400, 600)])

    monkeypatch.setattr(finding_images, "locate_findings", locate)


def picture_links(text: str) -> list[str]:
    return sorted({part.split('"')[0] for part in text.split('href="/kiem-tra/hinh/')[1:]})


def test_a_finding_is_boxed_over_its_page(fresh_client, fake_locate):
    text = check(fresh_client).text
    assert '<svg viewBox="0 190 400 240"' in text  # the band around the box, not the whole page
    assert '<rect class="finding-box" x="36" y="296" width="208" height="28"/>' in text
    (link,) = picture_links(text)
    token, name = link.split("/")
    assert name == "van-ban-1.png" and len(token) == 22
    picture = fresh_client.get(f"/kiem-tra/hinh/{link}")
    assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"
    folder = fresh_client.app.state.workbench.library.data_dir / "cache" / "kiem-tra" / token
    assert sorted(p.name for p in folder.iterdir()) == ["van-ban-1.png"]  # the upload and the PDF are gone


@pytest.mark.parametrize(
    "address",
    [
        "/kiem-tra/hinh/{token}/..%2F..%2Fso-dang-ky.sqlite",
        "/kiem-tra/hinh/..%2F..%2F..%2Fetc/passwd",
        "/kiem-tra/hinh/{token}/van-ban.docx",
        "/kiem-tra/hinh/{token}/van-ban-1.png%00.txt",
        "/kiem-tra/hinh/AAAAAAAAAAAAAAAAAAAAAA/van-ban-1.png",
        "/kiem-tra/hinh/..%2F{token}/van-ban-1.png",
    ],
)
def test_the_picture_route_serves_nothing_else(fresh_client, fake_locate, address):
    token = picture_links(check(fresh_client).text)[0].split("/")[0]
    response = fresh_client.get(address.format(token=token))
    assert response.status_code == 404 and "image/png" not in response.headers["content-type"]


def test_pictures_need_a_signed_in_checker(fresh_client, fake_locate):
    (link,) = picture_links(check(fresh_client).text)
    stranger = type(fresh_client)(fresh_client.app)
    assert stranger.get(f"/kiem-tra/hinh/{link}", follow_redirects=False).status_code == 303


def test_old_check_folders_are_deleted(fresh_client, fake_locate, monkeypatch):
    first = picture_links(check(fresh_client).text)[0].split("/")[0]
    monkeypatch.setattr(finding_images, "KEEP_SECONDS", -1)
    second = picture_links(check(fresh_client).text)[0].split("/")[0]
    root = fresh_client.app.state.workbench.library.data_dir / "cache" / "kiem-tra"
    assert sorted(p.name for p in root.iterdir()) == [second] and first != second


def test_without_libreoffice_findings_show_with_the_reason(fresh_client, monkeypatch):
    monkeypatch.setattr("vanban.generator.checker.locate.readers.libreoffice", lambda: None)
    text = check(fresh_client).text
    assert "Máy chưa cài LibreOffice nên không dựng được hình các trang" in text
    assert "<svg" not in text and '<li class="finding finding-' in text
    root = fresh_client.app.state.workbench.library.data_dir / "cache" / "kiem-tra"
    assert list(root.iterdir()) == []


def test_the_form_has_a_progress_indicator(fresh_client):
    page = fresh_client.get("/kiem-tra").text
    assert 'data-progress="busy"' in page and '<p id="busy" class="busy" role="status" hidden>' in page
