"""Search fixtures: a data folder per engine with the shipped corpus indexed once per session."""

from __future__ import annotations

import pytest

from vanban.index.manager import IndexManager
from vanban.library.store import Library

ENGINES = ("tantivy", "whoosh")


@pytest.fixture(scope="session", params=ENGINES)
def indexed(request, tmp_path_factory):
    """(engine, meta, library) over the shipped corpus for each engine."""
    folder = tmp_path_factory.mktemp(f"index-{request.param}")
    library = Library(folder)
    engine, meta = IndexManager(folder, request.param).open(library)
    return engine, meta, library
