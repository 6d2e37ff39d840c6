"""Shared fixtures: the ../shared folder (third-party data, read in place) and a CLI runner."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(relative: str) -> Path:
    """A file under ../shared; the test is skipped (with the reason) when it is not there."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"../shared/{relative} không có trên máy này")
    return path


class Cli:
    """Runs the real `vanban` entry point in a subprocess with its own data folder."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir

    def __call__(self, *args: str) -> subprocess.CompletedProcess:
        env = dict(os.environ, VANBAN_DATA=str(self.data_dir), COLUMNS="200")
        return subprocess.run(
            [sys.executable, "-m", "vanban.app", *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False
        )

    def json(self, *args: str):
        result = self(*args, "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data")


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throw-away PostgreSQL server for the session (tests/postgres.py); skipped, saying why, when
    PostgreSQL is not installed. CI installs it (scripts/install-system-deps.sh)."""
    from tests.postgres import NOT_INSTALLED, ThrowawayCluster, postgres_bin

    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.skip(NOT_INSTALLED)
    with ThrowawayCluster(bin_dir) as cluster:
        cluster.test_url = cluster.create_database("vanban_test")
        yield cluster


@contextlib.contextmanager
def _empty_schema(cluster):
    """The URL of an empty schema of its own on the session's server, dropped afterwards."""
    import uuid

    import psycopg

    schema = f"t{uuid.uuid4().hex[:16]}"
    with psycopg.connect(cluster.test_url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    yield f"{cluster.test_url}?options=-csearch_path%3D{schema}"
    with psycopg.connect(cluster.test_url, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def office_database(request) -> str:
    """The office database a test runs on, as the `database` argument of a store (OfficeStore): ""
    is the default SQLite file in the store's data folder, whatever the environment says; on
    PostgreSQL each test gets an empty schema of its own on the session's server."""
    if request.param == "sqlite":
        yield ""
        return
    with _empty_schema(request.getfixturevalue("postgres_cluster")) as url:
        yield url


def pytest_addoption(parser):
    parser.addoption(
        "--office-db",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="postgresql: every test runs with VANBAN_DATABASE_URL on an empty PostgreSQL schema of its own "
        "(the web, CLI and drafting tests on PostgreSQL); default: as the environment says",
    )


@pytest.fixture(scope="module", autouse=True)
def _office_database_option_module(request):
    """The same for what a module starts once (a live `vanban serve` and its accounts): made before
    the module's own fixtures, an empty schema the module's tests share."""
    if request.config.getoption("--office-db") != "postgresql":
        yield
        return
    with _empty_schema(request.getfixturevalue("postgres_cluster")) as url, pytest.MonkeyPatch.context() as patch:
        patch.setenv("VANBAN_DATABASE_URL", url)
        yield


@pytest.fixture(autouse=True)
def _office_database_option(request, monkeypatch):
    # A test driving the module's live server reads and writes the server's database, the module's.
    if request.config.getoption("--office-db") == "postgresql" and "server" not in request.fixturenames:
        with _empty_schema(request.getfixturevalue("postgres_cluster")) as url:
            monkeypatch.setenv("VANBAN_DATABASE_URL", url)
            yield
    else:
        yield


@pytest.fixture
def office(office_database, tmp_path):
    """Makes a store on the test's office database: `office(Register)`, `office(Users, clock=…)`."""

    def make(store, folder: Path = tmp_path, **options):
        return store(folder, database=office_database, **options)

    make.database = office_database
    make.data_dir = tmp_path
    return make
