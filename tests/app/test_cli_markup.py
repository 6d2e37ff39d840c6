"""Square brackets in stored text are text: every command shows them exactly (rich would read
"[/]" or "[bold]" as markup and fail or swallow them)."""

from __future__ import annotations

TRICKY = "Kế hoạch [dự thảo lần 2] về [bold]tiết kiệm[/bold] năng lượng [/] [bãi bỏ]"


def _add(cli, tmp_path):
    source = tmp_path / "ke-hoach.md"
    source.write_text(
        f'---\nnumber: 17/KH-SCT\ndoc_type: Kế hoạch\ntitle: "{TRICKY}"\nnotes: "[/] ghi chú [red]"\n---\n\n'
        "I. MỤC ĐÍCH [bắt buộc]\n\n1. Tiết kiệm năng lượng trong cơ quan [/].\n",
        encoding="utf-8",
    )
    added = cli("library", "add", str(source))
    assert added.returncode == 0, added.stderr


def test_library_commands_show_brackets_exactly(cli, tmp_path):
    _add(cli, tmp_path)
    listed = cli("library", "list")
    assert listed.returncode == 0, listed.stderr
    assert "[dự thảo lần 2]" in listed.stdout and "[/]" in listed.stdout and "[bold]" in listed.stdout
    shown = cli("library", "show", "17/KH-SCT")
    assert shown.returncode == 0, shown.stderr
    assert TRICKY in shown.stdout and "[/] ghi chú [red]" in shown.stdout and "[bắt buộc]" in shown.stdout


def test_search_shows_brackets_exactly(cli, tmp_path):
    _add(cli, tmp_path)
    found = cli("search", "tiết kiệm năng lượng", "--limit", "3")
    assert found.returncode == 0, found.stderr
    assert "[/]" in found.stdout


def test_register_shows_brackets_exactly(cli):
    reserved = cli("number", "reserve", "--type", "KH", "--note", "[/] chờ ký [dự thảo lần 2]")
    assert reserved.returncode == 0, reserved.stderr
    listed = cli("number", "list")
    assert listed.returncode == 0, listed.stderr
    assert "[/] chờ ký [dự thảo lần 2]" in " ".join(listed.stdout.split())
