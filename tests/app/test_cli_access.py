"""`vanban library add --noi-bo`, `library set-access` and the access level in `list`/`show`."""

from __future__ import annotations

from tests.conftest import Cli
from tests.library.test_access import write_letter


def test_add_is_public_by_default_and_internal_with_the_flag(cli: Cli, tmp_path):
    letter = write_letter(tmp_path)
    (public,) = cli.json("library", "add", str(letter))
    assert public["access"] == "cong-khai"
    cli("library", "remove", "215/UBND-VP")
    (internal,) = cli.json("library", "add", str(letter), "--noi-bo")
    assert internal["access"] == "noi-bo"
    shown = cli("library", "add", str(letter), "--noi-bo", "--replace")
    assert shown.returncode == 0 and "— nội bộ" in shown.stdout


def test_list_and_show_say_the_access_level(cli: Cli, tmp_path):
    cli.json("library", "add", str(write_letter(tmp_path)), "--noi-bo")
    rows = {d["number"]: d["access"] for d in cli.json("library", "list")}
    assert rows["215/UBND-VP"] == "noi-bo" and rows["30/2020/NĐ-CP"] == "cong-khai"
    table = cli("library", "list").stdout
    assert "Truy cập" in table and "nội bộ" in table and "công khai" in table
    shown = cli("library", "show", "215/UBND-VP").stdout
    assert "Truy cập: nội bộ (trên trang web chỉ người đăng nhập xem được)" in shown
    assert cli.json("library", "show", "215/UBND-VP")["access"] == "noi-bo"


def test_set_access_changes_it_and_the_search_index_follows(cli: Cli, tmp_path):
    cli.json("library", "add", str(write_letter(tmp_path)))
    assert cli.json("search", "kamalvinh")["total"] == 1  # builds the index
    changed = cli("library", "set-access", "215/ubnd-vp", "noi-bo")
    assert changed.returncode == 0, changed.stderr
    assert "Đã đổi: Công văn 215/UBND-VP — công khai → nội bộ" in changed.stdout
    assert cli.json("library", "show", "215/UBND-VP")["access"] == "noi-bo"
    again = cli.json("library", "set-access", "215/UBND-VP", "cong-khai")
    assert (again["access"], again["previous_access"]) == ("cong-khai", "noi-bo")
    assert "không có gì thay đổi" in cli("library", "set-access", "215/UBND-VP", "cong-khai").stdout


def test_set_access_refuses_in_vietnamese(cli: Cli, tmp_path):
    cli.json("library", "add", str(write_letter(tmp_path)))
    wrong = cli("library", "set-access", "215/UBND-VP", "bi-mat")
    assert wrong.returncode != 0 and "mức truy cập là «cong-khai» hoặc «noi-bo»" in wrong.stderr
    shipped = cli("library", "set-access", "30/2020/NĐ-CP", "noi-bo")
    assert shipped.returncode != 0 and "luôn công khai" in shipped.stderr
    assert "Traceback" not in wrong.stderr + shipped.stderr
