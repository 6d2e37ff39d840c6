"""A throw-away PostgreSQL cluster for the tests and the benchmark: Debian's `postgresql` binaries,
a data folder in a temporary directory, a free loopback port, the socket beside the data, removed
at the end.

PostgreSQL refuses to run as root, so when we are root (CI, these machines) initdb and the server
run as the `postgres` user that Debian's package creates. Nothing here touches a system cluster.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

#: Why the PostgreSQL tests are skipped, when they are.
NOT_INSTALLED = (
    "PostgreSQL chưa cài trên máy này (không thấy initdb, pg_ctl): "
    "cài bằng scripts/install-system-deps.sh (gói Debian postgresql) để chạy các phép thử trên PostgreSQL"
)


def postgres_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/*/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl", path=str(Path(found).parent)):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayCluster:
    """`with ThrowawayCluster() as cluster:` a running server; `cluster.url(...)` a database on it."""

    def __init__(self, bin_dir: Path, durable: bool = False):
        """`durable`: fsync on, as a real server runs (the benchmark); the tests do without it."""
        self.bin = bin_dir
        self.durable = durable
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="vanban-pg-"))
        self.data = self.root / "data"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        result = subprocess.run([*prefix, *command], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")

    def __enter__(self) -> ThrowawayCluster:
        try:
            self._run(
                str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--locale=C.UTF-8",
            )  # fmt: skip
            options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
            options += "" if self.durable else " -c fsync=off"
            log = str(self.root / "log")
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", log, "-w", "start")
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database (UTF-8, code-point order as SQLite compares) and its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'")
        return self.url(name)
