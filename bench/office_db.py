"""Numbers per second from the register (`Register.next`) on SQLite and on PostgreSQL, same machine.

    python bench/office_db.py [--runs 5] [--numbers 200] [--json]

Two figures per engine, each the median over `--runs` runs on a fresh database:
"one process" takes `--numbers` numbers one after another (the latency a văn thư sees, connection
and migration check included, as each call opens its own connection); "8 processes" has 8
processes take `--numbers` numbers each on one series at once (the write lock's throughput). The
PostgreSQL server is a throw-away cluster (tests/postgres.py) on loopback TCP with fsync on, as a
real server runs; SQLite is the default file in WAL mode. Needs Debian's postgresql package.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.postgres import ThrowawayCluster, postgres_bin  # noqa: E402
from vanban.office.register import Register  # noqa: E402

WORKERS = 8


def _take(folder: str, database: str, count: int) -> int:
    register = Register(Path(folder), database=database)
    for _ in range(count):
        register.next("KH", "UBND", 2026)
    return count


def _fresh(cluster: ThrowawayCluster | None, folder: Path) -> str:
    """An empty office database: a new SQLite file, or a new schema on the server."""
    if cluster is None:
        return f"sqlite:///{folder / f'{uuid.uuid4().hex}.sqlite'}"
    import psycopg

    schema = f"b{uuid.uuid4().hex[:12]}"
    with psycopg.connect(cluster.bench_url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    return f"{cluster.bench_url}?options=-csearch_path%3D{schema}"


def measure(cluster: ThrowawayCluster | None, folder: Path, runs: int, numbers: int) -> dict[str, float]:
    single, parallel = [], []
    for _ in range(runs):
        database = _fresh(cluster, folder)
        Register(folder, database=database).entries()  # tables made before the clock starts
        started = time.perf_counter()
        _take(str(folder), database, numbers)
        single.append(numbers / (time.perf_counter() - started))
        database = _fresh(cluster, folder)
        Register(folder, database=database).entries()
        with multiprocessing.get_context("spawn").Pool(WORKERS) as pool:
            pool.apply(time.sleep, (0,))  # the workers are up before the clock starts
            started = time.perf_counter()
            taken = sum(pool.starmap(_take, [(str(folder), database, numbers)] * WORKERS))
            parallel.append(taken / (time.perf_counter() - started))
        entries = Register(folder, database=database).entries()
        assert [e.number for e in entries] == list(range(1, WORKERS * numbers + 1)), "a duplicate or a gap"
    return {"one process": statistics.median(single), f"{WORKERS} processes": statistics.median(parallel)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--numbers", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    bin_dir = postgres_bin()
    if bin_dir is None:
        sys.exit("PostgreSQL chưa cài (gói Debian postgresql): không đo được.")
    with tempfile.TemporaryDirectory() as folder, ThrowawayCluster(bin_dir, durable=True) as cluster:
        cluster.bench_url = cluster.create_database("vanban_bench")
        results = {
            "sqlite": measure(None, Path(folder), args.runs, args.numbers),
            "postgresql": measure(cluster, Path(folder), args.runs, args.numbers),
        }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"Python {platform.python_version()}, {args.runs} runs, {args.numbers} numbers per process")
    print("| | SQLite | PostgreSQL | PostgreSQL / SQLite |")
    print("|---|---|---|---|")
    for figure in results["sqlite"]:
        lite, server = results["sqlite"][figure], results["postgresql"][figure]
        print(f"| {figure} | {lite:,.0f} numbers/s | {server:,.0f} numbers/s | {server / lite:.2f}× |")


if __name__ == "__main__":
    main()
