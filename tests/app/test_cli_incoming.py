"""`vanban number den add|list|fill|history`: the sổ văn bản đến from the command line, on both databases.

`add` takes the web page's path (`IncomingRegister.receive`): the file into the library as nội bộ and
its entry, both or neither; a bad value names its option, exits 2 and writes nothing."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from tests.conftest import Cli
from vanban.library.model import INTERNAL
from vanban.library.store import Library
from vanban.office.audit import AuditLog
from vanban.office.database import DATABASE_URL
from vanban.office.incoming import IncomingRegister

#: A year surely past, with the next one past too (ngày đến may not be in the future).
YEAR = _dt.date.today().year - 2
LETTER = f"""---
number: 120/BCT-TKNL
doc_type: Công văn
title: V/v báo cáo tình hình sử dụng năng lượng
issuer: Bộ Công Thương
signed_on: {YEAR}-03-01
---

Kính gửi: Ủy ban nhân dân tỉnh.

Đề nghị báo cáo tình hình sử dụng năng lượng năm {YEAR - 1}.
"""


@pytest.fixture
def run(cli: Cli, office, monkeypatch):
    """The CLI on the test's office database (the SQLite file in the data folder, or PostgreSQL)."""
    monkeypatch.setenv(DATABASE_URL, office.database)
    cli.register = lambda: IncomingRegister(cli.data_dir, database=office.database)
    cli.audit = lambda: AuditLog(cli.data_dir, database=office.database)
    return cli


@pytest.fixture
def letter(tmp_path) -> Path:
    path = tmp_path / "cong-van-den.md"
    path.write_text(LETTER, encoding="utf-8")
    return path


def _nothing_written(run) -> None:
    assert Library(run.data_dir).added() == [] and run.register().entries() == []


def test_add_records_the_file_as_internal_with_the_next_number_and_the_parsed_columns(run, letter):
    added = run.json("number", "den", "add", str(letter), "--ngay-den", f"05/03/{YEAR}", "--noi-nhan", "Phòng Kinh tế")
    assert (added["serial"], added["year"], added["received_on"]) == ("01", YEAR, f"{YEAR}-03-05")
    assert (added["sender"], added["symbol"], added["signed_on"]) == ("Bộ Công Thương", "120/BCT-TKNL", f"{YEAR}-03-01")
    assert added["title"] == "Công văn V/v báo cáo tình hình sử dụng năng lượng" and added["handler"] == "Phòng Kinh tế"
    doc = Library(run.data_dir).get(added["document"])
    assert doc.access == INTERNAL and added["doc_id"] == doc.id
    second = run("number", "den", "add", str(letter), "--ngay-den", f"{YEAR}-03-06", "--so-ky-hieu", "121/BCT-TKNL")
    assert second.returncode == 0, second.stderr
    assert f"Đã vào sổ văn bản đến: số đến 02 năm {YEAR}" in second.stdout and "(nội bộ)" in second.stdout
    listed = run.json("number", "den", "list", "--year", str(YEAR))
    assert [(e["serial"], e["symbol"]) for e in listed] == [("01", "120/BCT-TKNL"), ("02", "121/BCT-TKNL")]
    assert run.json("number", "den", "list", "--year", str(YEAR - 1)) == []
    assert "vào sổ văn bản đến" in [e.action for e in run.audit().entries()]


def test_fill_and_history(run, letter):
    run.json("number", "den", "add", str(letter), "--ngay-den", f"05/03/{YEAR}")
    filled = run.json(
        "number", "den", "fill", "1", "--year", str(YEAR), "--noi-nhan", "Phòng Kinh tế", "--ky-nhan", "Lê Chi"
    )
    assert (filled["handler"], filled["receipt"], filled["sender"]) == ("Phòng Kinh tế", "Lê Chi", "Bộ Công Thương")
    history = run.json("number", "den", "history", "1", "--year", str(YEAR))
    assert [line["action"] for line in history] == ["vào sổ", "bổ sung"]
    assert history[1]["detail"] == "đơn vị hoặc người nhận: «» → «Phòng Kinh tế»; ký nhận: «» → «Lê Chi»"
    shown = run("number", "den", "history", "1", "--year", str(YEAR))
    assert f"Lịch sử số đến 01 năm {YEAR}" in shown.stdout and "dòng lệnh" in shown.stdout
    moved = run("number", "den", "fill", "1", "--year", str(YEAR), "--ngay-den", f"02/01/{YEAR + 1}")
    assert moved.returncode == 2 and f"thuộc sổ năm {YEAR}" in moved.stderr and "--ngay-den" in moved.stderr
    assert run.register().find(YEAR, 1).received_on == f"{YEAR}-03-05"
    missing = run("number", "den", "fill", "7", "--year", str(YEAR), "--ghi-chu", "x")
    assert missing.returncode == 2 and "không có số đến 07" in missing.stderr


@pytest.mark.parametrize(
    ("options", "option", "message"),
    [
        (["--ngay-den", f"35/03/{YEAR}"], "--ngay-den", "không có thật"),
        (["--ngay", f"31/02/{YEAR}"], "--ngay", "không có thật"),
    ],
)
def test_a_bad_date_names_its_option_exits_2_and_writes_nothing(run, letter, options, option, message):
    result = run("number", "den", "add", str(letter), *options)
    assert result.returncode == 2 and message in result.stderr and f"(tùy chọn {option})" in result.stderr
    assert "Traceback" not in result.stderr
    _nothing_written(run)


def test_an_entry_refused_after_the_file_was_read_leaves_the_library_as_it_was(run, letter):
    """The ngày tháng (given, or read from the file) after the ngày đến is refused inside the library's
    write: the document it had just stored is taken back."""
    result = run("number", "den", "add", str(letter), "--ngay-den", f"28/02/{YEAR}", "--so-ky-hieu", "99/X")
    assert result.returncode == 2 and "sau ngày đến" in result.stderr and "(tùy chọn --ngay)" in result.stderr
    _nothing_written(run)
    assert run.audit().entries() == []


def test_a_missing_file_or_a_bad_year_is_said(run, tmp_path):
    missing = run("number", "den", "add", str(tmp_path / "khong-co.pdf"))
    assert missing.returncode == 2 and "không tìm thấy tệp" in missing.stderr
    _nothing_written(run)
    year = run("number", "den", "list", "--year", "1800")
    assert year.returncode == 2 and "năm 1800 không hợp lệ" in year.stderr and "--year" in year.stderr


def test_the_help_is_vietnamese(run):
    shown = run("number", "den", "--help").stdout
    assert "Vào sổ văn bản đến" in shown and "Bổ sung các cột của sổ văn bản đến" in shown
