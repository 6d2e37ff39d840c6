"""The search page's cost over the search itself, on the synthetic corpus of bench/search_speed.py.

    python bench/web_search.py [--sizes 10000 100000] [--repeat 3] [--seconds 10] [--json]

For each size, in one run over one tantivy index:
- `search()` alone (the CLI's path: citations, AND→OR, facets, snippets), 20 hits as a page shows;
- the page `/tim-kiem?q=…` in-process through the ASGI test client: server time (first byte of the
  request to the last of the response, measured inside the app) and the client's round trip. The
  page adds the status facet (one more counted search: the synthetic library has two statuses),
  the template and the response;
- `vanban`'s web app served by uvicorn in a separate process on loopback, 8 clients with keep-alive
  asking the same queries for a bounded time: requests/s, and that server's resident memory.
Target (issue): page p95 ≤ 2 × search p95 + 10 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_speed import _latency, _percentiles, corpus, queries  # noqa: E402

from vanban.app.web.config import WebConfig  # noqa: E402
from vanban.app.web.server import create_app  # noqa: E402
from vanban.app.web.state import Workbench  # noqa: E402
from vanban.index.manager import engine_class  # noqa: E402
from vanban.index.search import search  # noqa: E402

CLIENTS = 8
STATUSES = ("còn hiệu lực", "hết hiệu lực")


class SyntheticWorkbench(Workbench):
    """The app's shared state over an index built outside a Library: the engine and its meta, and
    documents that carry only what the search page reads of them (id and status)."""

    def __init__(self, folder: Path, documents: int):
        self.config = WebConfig(data_dir=folder)
        self._engine = engine_class("tantivy").open(folder / "tantivy")
        self._meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        records = [SimpleNamespace(id=f"vb-{d}", status=STATUSES[d % 3 == 0]) for d in range(documents)]
        self.library = SimpleNamespace(documents=lambda: records)

    def index(self):
        return self._engine, self._meta


def build(folder: Path, size: int) -> tuple[int, list[str]]:
    """The synthetic index in `folder` and the facts search needs (as IndexManager writes them)."""
    records, vocabulary = corpus(size)
    engine = engine_class("tantivy").create(folder / "tantivy")
    engine.add(records)
    engine.close()
    documents = {}
    for record in records:
        entry = record.entry
        documents.setdefault(
            entry.doc_id,
            {
                "number": entry.number,
                "title": entry.doc_title,
                "doc_type": entry.doc_type,
                "issuer": entry.issuer,
                "full_text": True,
                "cites": [],
            },
        )
    (folder / "meta.json").write_text(json.dumps({"documents": documents}, ensure_ascii=False), encoding="utf-8")
    texts = [text for _kind, text in queries(vocabulary, random.Random(size))]
    return len(documents), texts


def app_for(folder: Path, documents: int):
    app = create_app(WebConfig(data_dir=folder))
    app.state.workbench = SyntheticWorkbench(folder, documents)
    return app


class ServerTimer:
    """ASGI wrapper: how long the app takes from receiving a request to sending its last byte."""

    def __init__(self, app):
        self.app = app
        self.samples: list[float] = []

    async def __call__(self, scope, receive, send):
        started = time.perf_counter()

        async def timed(message):
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.samples.append((time.perf_counter() - started) * 1000)

        await self.app(scope, receive, timed)


def page_url(text: str) -> str:
    return "/tim-kiem?" + urlencode({"q": text})


def in_process(folder: Path, documents: int, texts: list[str], repeat: int) -> dict:
    from starlette.testclient import TestClient

    app = app_for(folder, documents)
    workbench = app.state.workbench
    engine, meta = workbench.index()
    measured = {"search": _latency(lambda t: search(engine, meta, t, limit=20), texts, repeat)}
    timer = ServerTimer(app)
    client = TestClient(timer)
    client.get(page_url(texts[0]))  # first request: templates compiled
    timer.samples.clear()
    p50s, p95s = [], []
    for _ in range(repeat):
        timer.samples.clear()
        for text in texts:
            assert client.get(page_url(text)).status_code == 200
        p50, p95 = _percentiles(timer.samples)
        p50s.append(p50)
        p95s.append(p95)
    measured["page (server)"] = {"p50_ms": sorted(p50s)[len(p50s) // 2], "p95_ms": sorted(p95s)[len(p95s) // 2]}
    measured["page (ASGI client round trip)"] = _latency(lambda t: client.get(page_url(t)), texts, repeat)
    return measured


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def loopback(folder: Path, documents: int, texts: list[str], seconds: float) -> dict:
    """requests/s of 8 keep-alive clients against a uvicorn process, and that process's memory."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(folder), str(documents), str(port)])
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        idle_mb = _rss_mb(server.pid)
        counts = [0] * CLIENTS
        errors = [0] * CLIENTS
        stop = time.monotonic() + seconds

        def client(number: int) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            index = number
            while time.monotonic() < stop:
                connection.request("GET", page_url(texts[index % len(texts)]))
                response = connection.getresponse()
                response.read()
                counts[number] += response.status == 200
                errors[number] += response.status != 200
                index += CLIENTS
            connection.close()

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        return {
            "clients": CLIENTS,
            "seconds": round(elapsed, 1),
            "requests": sum(counts),
            "errors": sum(errors),
            "requests_per_s": sum(counts) / elapsed,
            "server_rss_idle_mb": idle_mb,
            "server_rss_after_mb": _rss_mb(server.pid),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


def serve(folder: Path, documents: int, port: int) -> None:
    import uvicorn

    uvicorn.run(app_for(folder, documents), host="127.0.0.1", port=port, log_level="warning")


def run(size: int, repeat: int, seconds: float) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"web-{size}-"))
    try:
        documents, texts = build(folder, size)
        measured = {"sections": size, "queries": len(texts), **in_process(folder, documents, texts, repeat)}
        measured["target_p95_ms"] = 2 * measured["search"]["p95_ms"] + 10
        measured["met"] = measured["page (server)"]["p95_ms"] <= measured["target_p95_ms"]
        measured["loopback"] = loopback(folder, documents, texts, seconds)
        return measured
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--serve":
        serve(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description="Tốc độ trang tìm kiếm so với hàm search().")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "runs": [run(size, args.repeat, args.seconds) for size in args.sizes],
    }
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    for m in report["runs"]:
        print(f"\n{m['sections']:,} mục, {m['queries']} câu tìm")
        for name in ("search", "page (server)", "page (ASGI client round trip)"):
            print(f"  {name:32} p50 {m[name]['p50_ms']:7.2f} ms   p95 {m[name]['p95_ms']:7.2f} ms")
        verdict = "đạt" if m["met"] else "CHƯA ĐẠT"
        print(f"  mục tiêu p95 trang ≤ {m['target_p95_ms']:.2f} ms: {verdict}")
        lb = m["loopback"]
        print(
            f"  {lb['clients']} máy khách, {lb['seconds']} s: {lb['requests_per_s']:.0f} yêu cầu/giây "
            f"({lb['errors']} lỗi); bộ nhớ máy chủ {lb['server_rss_idle_mb']:.0f} → {lb['server_rss_after_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
