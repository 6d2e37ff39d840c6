"""`vanban library add FOLDER`: recursive, one batch of what can be added, refusals named with why."""

from __future__ import annotations

from tests.library.test_readers import make_plan_docx


def _folder(tmp_path):
    folder = tmp_path / "van-ban"
    (folder / "con").mkdir(parents=True)
    make_plan_docx(folder / "kh.docx")
    (folder / "con" / "bao-cao.md").write_text(
        "---\nnumber: 12/BC-UBND\ndoc_type: Báo cáo\ntitle: Kết quả tuyên truyền năm 2025\n---\n\n"
        "I. KẾT QUẢ\n\n1. Đã tổ chức 12 hội nghị tuyên truyền.\n",
        encoding="utf-8",
    )
    (folder / "con" / "so-lieu.xyz").write_bytes(b"\x00\x01")
    (folder / "con" / "trong.txt").write_text("   \n", encoding="utf-8")
    (folder / ".an").mkdir()
    (folder / ".an" / "x.md").write_text("bỏ qua", encoding="utf-8")
    return folder


def test_a_folder_adds_what_it_can_and_lists_the_refusals_with_reasons(cli, tmp_path):
    folder = _folder(tmp_path)
    result = cli.json("library", "add", str(folder))
    assert sorted(d["number"] for d in result["added"]) == ["05/KH-SCT", "12/BC-UBND"]
    assert not any(d["replaced"] for d in result["added"])
    refused = {r["file"].rsplit("/", 1)[-1]: r["reason"] for r in result["refused"]}
    assert set(refused) == {"so-lieu.xyz", "trong.txt"}  # hidden folders are not read at all
    assert refused["so-lieu.xyz"].startswith("không đọc được loại tệp này")
    found = cli.json("search", "hội nghị tuyên truyền")
    assert found["hits"][0]["number"] == "12/BC-UBND"


def test_adding_the_folder_again_refuses_known_numbers_or_replaces_them(cli, tmp_path):
    folder = _folder(tmp_path)
    cli.json("library", "add", str(folder))
    (folder / "moi.md").write_text("---\nnumber: 13/BC-UBND\ndoc_type: Báo cáo\n---\n\nI. MỤC\n", encoding="utf-8")
    again = cli("library", "add", str(folder))
    assert again.returncode == 0, again.stderr
    assert "thư viện đã có văn bản số 12/BC-UBND" in again.stdout
    assert "Tổng cộng: thêm 1, thay 0, không thêm 4 tệp." in again.stdout
    replaced = cli("library", "add", str(folder), "--replace")
    assert "Đã thay: Báo cáo 12/BC-UBND" in replaced.stdout


def test_a_folder_with_nothing_addable_exits_2(cli, tmp_path):
    folder = tmp_path / "rong"
    folder.mkdir()
    (folder / "a.png").write_bytes(b"x")
    result = cli("library", "add", str(folder))
    assert result.returncode == 2 and "a.png" in result.stdout


def test_search_hints_how_to_add_a_folder_until_the_user_adds_something(cli, tmp_path):
    assert "vanban library add THƯ_MỤC" in cli("search", "tuyên truyền", "--limit", "1").stdout
    cli("library", "add", str(make_plan_docx(tmp_path / "kh.docx")), "--number", "15/KH-UBND")
    assert "vanban library add THƯ_MỤC" not in cli("search", "tuyên truyền", "--limit", "1").stdout
