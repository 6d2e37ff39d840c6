"""Search speed on a synthetic Vietnamese administrative corpus, for both engines and the floor.

    python bench/search_speed.py [--sizes 10000 100000] [--engines tantivy whoosh] [--repeat 3] [--json]

The corpus recombines the sentences of the shipped plan and guidance notes, with a long tail of
made-up syllables (Zipf-distributed) so rare words exist as in real libraries. Measured: build
rate (sections/s), index size, and query latency p50/p95 over 60 queries — selective (rare words)
and unselective (common words), with and without diacritics — for:
- raw tantivy: the same tokens in one whitespace-tokenised field, a plain boolean AND query (the floor);
- the tantivy engine and the Whoosh engine (engine.search: our query, filters, stored payload);
- the full search path (citations, AND→OR, snippets, facets) over the tantivy engine.
Latency is the median over `--repeat` passes of each pass's p50/p95.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import random
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

import tantivy  # noqa: E402

from vanban.index.analysis import analyse  # noqa: E402
from vanban.index.engine import Record  # noqa: E402
from vanban.index.entries import Entry, index_entries  # noqa: E402
from vanban.index.manager import engine_class  # noqa: E402
from vanban.index.query import Filters, parse_query  # noqa: E402
from vanban.index.search import search  # noqa: E402
from vanban.index.section_path import SectionPath  # noqa: E402
from vanban.library.store import Library  # noqa: E402
from vanban.library.vietnamese import fold  # noqa: E402

INITIALS = "b c ch d đ g gh h k kh l m n ng nh p ph qu r s t th tr v x".split()
RHYMES = (
    "a ai am an ang anh ao au ay e em en eo ê ênh i ia im in inh iu o oa oai oan oc oi om on ong ô ôi ôm ôn "
    "ông ơ ơi ơm ơn u ua uân uy ưa ưng ươi ươn ương".split()
)
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
TYPES = ["Kế hoạch", "Quyết định", "Báo cáo", "Công văn", "Hướng dẫn"]
ISSUERS = ["UBND tỉnh Hà Tĩnh", "Sở Công Thương", "Sở Tài chính", "Sở Tài nguyên và Môi trường"]


def _syllable(rng: random.Random) -> str:
    import unicodedata

    rhyme = rng.choice(RHYMES)
    tone = rng.choice(TONES)
    vowel = next(i for i, c in enumerate(rhyme) if c in "aăâeêioôơuưy")
    marked = rhyme[: vowel + 1] + tone + rhyme[vowel + 1 :]
    return unicodedata.normalize("NFC", rng.choice(INITIALS) + marked)


def corpus(size: int, seed: int = 7) -> tuple[list[Record], list[str]]:
    """`size` sections in documents of 50, and the long-tail vocabulary (rarest last)."""
    rng = random.Random(seed)
    sentences = []
    for doc in Library(Path(tempfile.mkdtemp())).documents():
        for entry in index_entries(doc):
            sentences += [s.strip() for s in re.split(r"(?<=[.;:])\s+", entry.text) if len(s.split()) > 4]
    vocabulary = list(dict.fromkeys(_syllable(rng) for _ in range(12000)))
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    records = []
    for ordinal in range(size):
        words = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 4))).split()
        for word in rng.choices(vocabulary, cum_weights=cumulative, k=max(1, len(words) // 8)):
            words[rng.randrange(len(words))] = word
        doc = ordinal // 50
        entry = Entry(
            doc_id=f"vb-{doc}",
            number=f"{doc % 900 + 1}/KH-UBND",
            doc_type=TYPES[doc % len(TYPES)],
            doc_title=f"Văn bản thử {doc}",
            issuer=ISSUERS[doc % len(ISSUERS)],
            year=2015 + doc % 10,
            signed_on=f"{2015 + doc % 10}-0{doc % 9 + 1}-15",
            status="còn hiệu lực",
            path=SectionPath.of(["IV"[doc % 2], str(ordinal % 50 + 1)]),
            heading="",
            text=" ".join(words),
        )
        records.append(Record.of(entry, ordinal % 50))
    return records, vocabulary


def queries(vocabulary: list[str], rng: random.Random) -> list[tuple[str, str]]:
    common = [
        "sản xuất",
        "tiêu dùng bền vững",
        "doanh nghiệp",
        "môi trường",
        "các sở ngành",
        "kế hoạch",
        "tuyên truyền phổ biến",
        "năng lượng",
        "thực hiện",
        "ủy ban nhân dân",
    ]
    rare = vocabulary[2000:]
    found = []
    for index in range(15):
        found.append(("selective, có dấu", f"{rng.choice(rare)} {rng.choice(common[index % 10].split())}"))
        found.append(("selective, không dấu", fold(found[-1][1])))
        found.append(("unselective, có dấu", common[index % 10]))
        found.append(("unselective, không dấu", fold(common[index % 10])))
    return found


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _latency(run, texts: list[str], repeat: int) -> dict[str, float]:
    p50s, p95s = [], []
    for _ in range(repeat):
        samples = []
        for text in texts:
            started = time.perf_counter()
            run(text)
            samples.append((time.perf_counter() - started) * 1000)
        p50, p95 = _percentiles(samples)
        p50s.append(p50)
        p95s.append(p95)
    return {"p50_ms": statistics.median(p50s), "p95_ms": statistics.median(p95s)}


class RawTantivy:
    """The floor: one field with our tokens, whitespace-tokenised, nothing stored, AND of terms."""

    def __init__(self, path: Path, records: list[Record]):
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("body", stored=False, tokenizer_name="ws")
        self.schema = builder.build()
        path.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(path))
        self.index.register_tokenizer("ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        writer = self.index.writer(heap_size=64_000_000, num_threads=1)
        for record in records:
            fields = analyse(record.entry.text)
            writer.add_document(tantivy.Document(body=f"{fields['exact']} {fields['folded']}"))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    def search(self, text: str) -> None:
        """Each word must match, spelled exactly or folded: the same boolean work, nothing else."""
        words = [
            tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "body", t))
                    for t in {word.exact, word.folded}
                ]
            )
            for word in parse_query(text).words()
        ]
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, w) for w in words])
        self.index.searcher().search(query, 10)


def run(size: int, engines: list[str], repeat: int) -> dict:
    records, vocabulary = corpus(size)
    texts = [text for _kind, text in queries(vocabulary, random.Random(size))]
    folder = Path(tempfile.mkdtemp(prefix=f"speed-{size}-"))
    result: dict = {"sections": size, "queries": len(texts)}
    started = time.perf_counter()
    floor = RawTantivy(folder / "raw", records)
    seconds = time.perf_counter() - started
    result["raw tantivy"] = {
        "build_s": seconds,
        "sections_per_s": size / seconds,
        "size_mb": _size_mb(folder / "raw"),
        **_latency(floor.search, texts, repeat),
    }
    for name in engines:
        started = time.perf_counter()
        engine = engine_class(name).create(folder / name)
        engine.add(records)
        seconds = time.perf_counter() - started
        measured = {"build_s": seconds, "sections_per_s": size / seconds, "size_mb": _size_mb(folder / name)}
        measured.update(_latency(lambda t, e=engine: e.search(parse_query(t), "and", Filters(), 10), texts, repeat))
        result[f"{name} engine"] = measured
        if name == "tantivy":
            result["full search (tantivy)"] = _latency(lambda t, e=engine: search(e, {}, t, limit=10), texts, repeat)
    shutil.rmtree(folder, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Tốc độ tìm kiếm trên kho văn bản tổng hợp.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--engines", nargs="+", default=["tantivy", "whoosh"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "runs": [run(size, args.engines, args.repeat) for size in args.sizes],
    }
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    for measured in report["runs"]:
        print(f"\n{measured['sections']:,} mục, {measured['queries']} câu tìm")
        print(f"{'':24} {'mục/giây':>10} {'MB':>8} {'p50 ms':>8} {'p95 ms':>8}")
        for name, values in measured.items():
            if isinstance(values, dict):
                rate = f"{values['sections_per_s']:10,.0f}" if "sections_per_s" in values else f"{'':>10}"
                size = f"{values['size_mb']:8.1f}" if "size_mb" in values else f"{'':>8}"
                print(f"{name:24} {rate} {size} {values['p50_ms']:8.2f} {values['p95_ms']:8.2f}")


if __name__ == "__main__":
    main()
