"""Index life: built on first use, swapped atomically, updated by library add/remove, one writer
at a time across processes, and a killed build leaves the previous index working."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.library.test_readers import make_plan_docx
from vanban.index.manager import ANALYZER_VERSION, IndexManager
from vanban.index.search import search
from vanban.library.store import Library


def _run(code: str, data: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), str(data), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


SLOW_BUILD = """
    import sys, time
    from pathlib import Path
    import vanban.index.manager as manager
    from vanban.library.store import Library
    original = manager.records_of
    def slow(documents):
        Path(sys.argv[1], "started").write_text("1")
        time.sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 3)
        return original(documents)
    manager.records_of = slow
    manager.IndexManager(Path(sys.argv[1]), "tantivy", lambda m: print(m, file=sys.stderr)).build(
        Library(Path(sys.argv[1])))
    print("done")
"""


def _wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while not path.exists():
        assert time.time() < deadline, f"{path} never appeared"
        time.sleep(0.05)


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
def test_first_use_builds_and_later_uses_reuse(tmp_path, engine):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, engine)
    assert manager.current() is None
    manager.open(library)
    first = manager.current()
    assert first is not None and manager.meta()["entries"] == 132
    manager.open(library)
    assert manager.current() == first


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
def test_add_and_remove_update_the_index_in_place(tmp_path, engine):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, engine)
    searcher, meta = manager.open(library)
    generation = manager.current()
    added = library.add([make_plan_docx(tmp_path / "kh.docx")], {"number": "12/KH-UBND"})
    manager.update(library, [d.id for d in added])
    assert manager.current() == generation and manager.is_fresh(library)
    searcher, meta = manager.open(library)
    assert search(searcher, meta, "12/KH-UBND").hits[0].number == "12/KH-UBND"
    library.remove("12/KH-UBND")
    manager.update(library, [added[0].id])
    searcher, meta = manager.open(library)
    assert all(h.number != "12/KH-UBND" for h in search(searcher, meta, "12/KH-UBND").hits)


def test_library_changed_elsewhere_is_noticed_on_search(tmp_path):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, "tantivy")
    manager.open(library)
    before = manager.current()
    library.add([make_plan_docx(tmp_path / "kh.docx")], {"number": "13/KH-UBND"})
    assert not manager.is_fresh(library)
    searcher, meta = manager.open(library)
    assert manager.current() != before
    assert search(searcher, meta, "13/KH-UBND").hits[0].number == "13/KH-UBND"


def test_killed_build_leaves_the_previous_index_working(tmp_path):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, "tantivy")
    manager.open(library)
    generation = manager.current()
    process = _run(SLOW_BUILD, tmp_path)
    _wait_for(tmp_path / "started")
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert manager.current() == generation
    assert any(manager.root.glob(".building-*"))
    searcher, meta = manager.open(library)
    assert search(searcher, meta, "san xuat sach hon").total > 0
    manager.build(library)
    assert manager.current() != generation and not any(manager.root.glob(".building-*"))


def test_second_writer_waits_and_says_so(tmp_path):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, "tantivy")
    manager.open(library)
    first = _run(SLOW_BUILD, tmp_path)
    _wait_for(tmp_path / "started")
    (tmp_path / "started").unlink()
    second = _run(SLOW_BUILD.replace('"started"', '"started-2"'), tmp_path)
    out_first, err_first = first.communicate(timeout=60)
    out_second, err_second = second.communicate(timeout=60)
    assert first.returncode == 0 and second.returncode == 0, err_first + err_second
    assert out_first.strip() == "done" and out_second.strip() == "done"
    assert "đang chờ" in err_second and "Traceback" not in err_second
    searcher, meta = manager.open(library)
    assert search(searcher, meta, "san xuat sach hon").total > 0
    assert len(list(manager.root.glob("gen-*"))) == 1


def test_readers_do_not_wait_for_a_writer(tmp_path):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, "tantivy")
    manager.open(library)
    library.add([make_plan_docx(tmp_path / "kh.docx")], {"number": "14/KH-UBND"})
    writer = _run(SLOW_BUILD, tmp_path, "60")
    _wait_for(tmp_path / "started")
    try:
        searcher, meta = manager.open(library)
        result = search(searcher, meta, "mua sắm công xanh")
        assert writer.poll() is None, "the reader only got its answer after the writer finished"
    finally:
        writer.kill()
        writer.communicate()
    assert result.total > 0


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
def test_damaged_index_is_rebuilt_not_fatal(tmp_path, engine):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, engine)
    manager.open(library)
    for path in (manager.current() / "engine").iterdir():
        path.unlink()
    searcher, meta = manager.open(library)
    assert search(searcher, meta, "san xuat sach hon").total > 0


def test_damaged_meta_triggers_a_rebuild(tmp_path):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, "tantivy")
    manager.open(library)
    before = manager.current()
    (before / "meta.json").write_text("{ hỏng", encoding="utf-8")
    searcher, meta = manager.open(library)
    assert manager.current() != before and meta["entries"] == 132


def test_an_index_of_an_older_form_is_rebuilt(tmp_path):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, "tantivy")
    manager.open(library)
    before = manager.current()
    meta = json.loads((before / "meta.json").read_text(encoding="utf-8"))
    (before / "meta.json").write_text(json.dumps({**meta, "analyzer": "1"}), encoding="utf-8")
    searcher, meta = manager.open(library)
    assert manager.current() != before and meta["analyzer"] == ANALYZER_VERSION
    assert search(searcher, meta, "484/KH-UBND").hits[0].section.labels == ("Mở đầu",)


def _stored(library: Library) -> dict[str, tuple[bytes, int, int]]:
    """Every stored record with its bytes, inode and time: what "left as it was" compares."""
    return {
        p.name: (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns) for p in library.documents_dir.glob("*.json")
    }


def _failing(*_args, **_kwargs):
    raise RuntimeError("chỉ mục hỏng giữa chừng (phép thử)")


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
def test_a_failed_index_update_leaves_library_and_index_as_they_were(tmp_path, engine, monkeypatch):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, engine)
    library.add([make_plan_docx(tmp_path / "kh.docx")], {"number": "15/KH-UBND"})
    manager.open(library)
    before, generation = _stored(library), manager.current()
    monkeypatch.setattr("vanban.index.manager.records_of", _failing)
    with pytest.raises(RuntimeError):
        library.add(
            [make_plan_docx(tmp_path / "moi.docx")],
            {"number": "16/KH-UBND"},
            then=lambda docs: manager.update(library, [d.id for d in docs]),
        )
    monkeypatch.undo()
    assert _stored(library) == before and not list(library.documents_dir.glob(".*"))
    assert manager.current() == generation and manager.is_fresh(library)
    searcher, meta = manager.open(library)
    assert search(searcher, meta, "15/KH-UBND").hits[0].number == "15/KH-UBND"
    assert all(h.number != "16/KH-UBND" for h in search(searcher, meta, "16/KH-UBND").hits)


def test_an_engine_failure_while_replacing_a_document_restores_it_and_search_rebuilds(tmp_path, monkeypatch):
    library = Library(tmp_path)
    manager = IndexManager(tmp_path, "tantivy")
    plan = make_plan_docx(tmp_path / "kh.docx")
    library.add([plan], {"number": "17/KH-UBND"})
    manager.open(library)
    before = _stored(library)
    monkeypatch.setattr(manager.engine_cls, "add", _failing)  # after the old entries were deleted
    with pytest.raises(RuntimeError):
        library.add(
            [plan],
            {"number": "17/KH-UBND"},
            then=lambda docs: manager.update(library, [d.id for d in docs]),
            replace=True,
        )
    monkeypatch.undo()
    assert _stored(library) == before
    assert not manager.is_fresh(library)  # the engine was touched: the next search rebuilds it
    searcher, meta = manager.open(library)
    assert search(searcher, meta, "17/KH-UBND").hits[0].number == "17/KH-UBND"


def test_library_add_command_is_atomic_end_to_end(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from vanban.app.cli import app

    data = tmp_path / "data"
    runner = CliRunner()
    plan = make_plan_docx(tmp_path / "kh.docx")
    added = runner.invoke(app, ["library", "add", str(plan), "--number", "18/KH-UBND", "--data", str(data)])
    assert added.exit_code == 0
    assert runner.invoke(app, ["search", "18/KH-UBND", "--data", str(data), "--json"]).exit_code == 0
    library = Library(data)
    before = _stored(library)
    monkeypatch.setattr("vanban.index.manager.document_facts", _failing)
    result = runner.invoke(app, ["library", "add", str(plan), "--number", "130-12/PT-NC", "--data", str(data)])
    monkeypatch.undo()
    assert result.exit_code != 0 and _stored(library) == before
    found = runner.invoke(app, ["search", "18/KH-UBND", "--data", str(data), "--json"])
    assert found.exit_code == 0 and "18/KH-UBND" in found.stdout
