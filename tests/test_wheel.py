"""The built wheel works on its own: package data (corpus, templates, schemas, font widths) is in it
and nothing reads the checkout. The editable install hides such gaps, so the wheel is installed into
a fresh venv and `vanban` runs from a folder outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow
# What a clean clone would not have, and what must not leak into the wheel.
NOT_SOURCE = shutil.ignore_patterns(
    ".venv", ".git", "out", "build", "dist", "tmp", "*.egg-info", "__pycache__", ".*_cache"
)


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(arg) for arg in args], capture_output=True, text=True, cwd=cwd, env=env, check=False)


def _site_packages(python: Path) -> Path:
    result = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=python.parent)
    return Path(result.stdout.strip())


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a fresh venv holding the wheel; the dependencies come from this venv through
    a .pth file (no download), whose own .pth files, the editable install's among them, stay unread."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    built = _run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", work / "dist", source, cwd=work
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("vanban-*.whl")

    target = work / "venv"
    venv.create(target, with_pip=False)
    bin_dir = target / "bin"
    python = bin_dir / "python"
    (_site_packages(python) / "parent-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    added = _run(python, "-m", "pip", "install", "--no-deps", "--no-index", wheel, cwd=work)
    assert added.returncode == 0, added.stderr
    return bin_dir


@pytest.fixture
def vanban(installed: Path, tmp_path: Path):
    env = dict(os.environ, VANBAN_DATA=str(tmp_path / "data"), COLUMNS="200")
    env.pop("PYTHONPATH", None)

    def run(*args: str | Path) -> subprocess.CompletedProcess:
        return _run(installed / "vanban", *args, cwd=tmp_path, env=env)

    return run


def test_the_wheel_not_the_checkout_is_imported(installed: Path, tmp_path: Path):
    python = installed / "python"
    result = _run(python, "-c", "import vanban.library, vanban.templates; print(vanban.library.__file__)", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    imported = Path(result.stdout.strip()).resolve()
    assert imported.is_relative_to(installed.parent.resolve()), imported
    assert not imported.is_relative_to(ROOT)


def test_library_list_shows_the_shipped_corpus(vanban):
    result = vanban("library", "list")
    assert result.returncode == 0, result.stderr
    assert "484/KH-UBND" in result.stdout
    assert "1419/QĐ-TTg" in result.stdout


def test_search_finds_the_passage(vanban):
    result = vanban("search", "sản xuất sạch hơn")
    assert result.returncode == 0, result.stderr
    assert "Sản xuất sạch hơn là cách quản lý" in result.stdout


def test_draft_then_check(vanban, tmp_path: Path):
    shutil.copy(ROOT / "examples" / "draft" / "ke-hoach.yaml", tmp_path / "ke-hoach.yaml")
    drafted = vanban("draft", "ke-hoach", "ke-hoach.yaml", "-o", "out.docx")
    assert drafted.returncode == 0, drafted.stderr
    assert (tmp_path / "out.docx").stat().st_size > 10_000
    checked = vanban("check", "out.docx")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "out.docx (Kế hoạch): ĐẠT" in checked.stdout
