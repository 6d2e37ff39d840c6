"""OCR of scans, measured: synthetic scans of known documents, and the real scans of `../shared/realdocs`.

    python bench/ocr.py [--dpi 150 200 300] [--pages 3] [--only NAME…] [--keep DIR] [--realdocs DIR]
                        [--real-only] [--json]

(a) Synthetic: the example drafts (`examples/draft/{quyet-dinh,cong-van,ke-hoach}.yaml`) and the
rebuilt KH 484 (`--from-library 484/KH-UBND`) are made with `vanban draft … --pdf` (LibreOffice),
their first pages rasterised with `pdftoppm` at each dpi, every page turned by a random ±1.5° and
given Gaussian and salt-and-pepper noise (seeded), and saved as an image-only PDF (JPEG, as
scanners do).  Each scan goes through `read_file` (the path `library add` takes) and is scored
against `read_file` of the .docx: character error rate (Levenshtein over whitespace-collapsed text;
for a document cut after N pages, the reference is cut where page N ends), the share of heading
lines (Điều N., I., 1.) recovered at a line start, and whether số hiệu, date, issuer and signer
parse as they do from the .docx (the signer only when the last page is in the scan).
(b) Real: the files whose truth `state` is `scan` or `garbled` with `ocr_possible`, through
`Library.add`, scored as `bench/realdocs.py` scores a file: its eleven metadata fields and outline.
`--real-only` runs this part alone.
Seconds are wall time per page on this machine, pages in parallel over its cores.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import editdistance
from PIL import Image, ImageChops, ImageFilter

from vanban.library.readers import read_file
from vanban.library.structure import parse_text
from vanban.library.vietnamese import nfc

ROOT = Path(__file__).resolve().parent.parent
REALDOCS = ROOT.parent / "shared" / "realdocs"
#: (name, `vanban draft` kind, its source): a YAML example or a library document to rebuild.
DRAFTS = [("quyet-dinh", "quyet-dinh", "examples/draft/quyet-dinh.yaml"),
          ("cong-van", "cong-van", "examples/draft/cong-van.yaml"),
          ("ke-hoach", "ke-hoach", "examples/draft/ke-hoach.yaml"),
          ("kh484", "ke-hoach", "--from-library 484/KH-UBND")]  # fmt: skip
HEADING = re.compile(r"^(Điều \d+\.|[IVXLC]+\.|\d+(?:\.\d+)*\.)\s")
FIELDS = ("number", "signed_on", "issuer", "signer")


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract, pdftoppm): unlike wall time,
    it does not grow when other work shares the machine."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def flat(text: str) -> str:
    return " ".join(nfc(text).split())


def draft(name: str, kind: str, source: str, folder: Path) -> tuple[Path, Path]:
    """`vanban draft` → .docx and its PDF (LibreOffice)."""
    args = source.split() if source.startswith("--") else [str(ROOT / source)]
    docx = folder / f"{name}.docx"
    vanban = Path(sys.executable).with_name("vanban")
    env_data = ["--data", str(folder / "data")] if source.startswith("--") else []
    subprocess.run([str(vanban), "draft", kind, *args, "-o", str(docx), "--pdf", *env_data], check=True,
                   capture_output=True)  # fmt: skip
    return docx, docx.with_suffix(".pdf")


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def scan(pdf: Path, pages: int, dpi: int, target: Path, seed: int) -> Path:
    """The first `pages` pages as a noisy, slightly turned image-only PDF at `dpi`."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", "1", "-l", str(pages), str(pdf),
                        f"{folder}/p"], check=True)  # fmt: skip
        images = [_noisy(Image.open(p).convert("L"), rng) for p in sorted(Path(folder).glob("p-*.png"))]
        images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi, quality=85)
    return target


def _noisy(image: Image.Image, rng: random.Random) -> Image.Image:
    """Turned by up to ±1.5°, Gaussian grain (σ 12 grey levels), a slight blur, salt-and-pepper specks."""
    image = image.rotate(rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC, fillcolor=255)
    image = ImageChops.add(image, Image.effect_noise(image.size, 12), offset=-128)
    width, height = image.size
    pixels = image.load()
    for _ in range(width * height // 4000):
        pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 255))
    return image.filter(ImageFilter.GaussianBlur(0.4))


def reference(text: str, pdf: Path, pages: int, total: int) -> str:
    """`read_file` of the .docx, cut where the last scanned page ends (its last line, as the PDF's
    text layer has it) when the scan stops before the document does."""
    if pages >= total:
        return text
    layer = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    last = flat([line for line in layer.splitlines() if line.strip()][-1])
    flat_text = flat(text)
    end = flat_text.find(last)
    return flat_text[: end + len(last)] if end >= 0 else flat_text


def headings(text: str) -> Counter:
    return Counter(m.group(1) for line in text.split("\n") if (m := HEADING.match(line.strip())))


def fields(doc) -> dict[str, str]:
    return {"number": doc.number, "signed_on": str(doc.signed_on or ""), "issuer": doc.issuer, "signer": doc.signer}


def synthetic(dpis: list[int], max_pages: int, only: list[str], keep: Path | None) -> list[dict]:
    """`keep`: a folder where the scans and what OCR read from them stay, to look at a bad score."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="vanban-bench-ocr-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for seed, (name, kind, source) in enumerate(DRAFTS):
            if only and name not in only:
                continue
            docx, pdf = draft(name, kind, source, folder)
            total = page_count(pdf)
            pages = min(total, max_pages)
            source_text = read_file(docx).text
            ref = reference(source_text, pdf, pages, total)
            ref_heads = headings(_cut_lines(source_text, ref))
            truth = fields(parse_text(source_text))
            for dpi in dpis:
                scanned = scan(pdf, pages, dpi, folder / f"{name}-{dpi}.pdf", seed * 1000 + dpi)
                start, cpu = time.perf_counter(), cpu_seconds()
                raw = read_file(scanned)
                seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
                scanned.with_suffix(".txt").write_text(raw.text, encoding="utf-8")
                got = fields(parse_text(raw.text))
                recovered = sum((ref_heads & headings(raw.text)).values())
                judged = [f for f in FIELDS if f != "signer" or pages >= total]
                rows.append({
                    "document": name, "dpi": dpi, "pages": pages, "of": total,
                    "cer": editdistance.eval(flat(raw.text), flat(ref)) / max(1, len(flat(ref))),
                    "headings": [recovered, sum(ref_heads.values())],
                    "fields": {f: got[f] == truth[f] for f in judged},
                    "wrong": {f: [got[f], truth[f]] for f in judged if got[f] != truth[f]},
                    "confidence": [p.confidence for p in raw.scan.pages],
                    "seconds_per_page": seconds / pages,
                    "cpu_per_page": cpu / pages,
                })  # fmt: skip
                print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    return rows


def _cut_lines(text: str, cut: str) -> str:
    """The source lines that fall inside the (whitespace-collapsed) reference, to count its headings."""
    kept, length = [], 0
    for line in text.split("\n"):
        length += len(flat(line)) + (1 if flat(line) else 0)
        if length > len(cut) + 1:
            break
        kept.append(line)
    return "\n".join(kept)


def real(folder: Path, keep: Path | None = None) -> list[dict]:
    """Each scan through `Library.add`, scored by `bench/realdocs.py`'s own rules (the eleven
    metadata fields of the truth, outline counts, phrases), so both benches count a field alike.
    `keep`: a folder where each stored record stays (`real-<id>.json`), to compare two runs' texts."""
    from realdocs import ingest, score_metadata, score_outline, score_phrases

    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    rows = []
    for item in truth:
        if item["state"] not in ("scan", "garbled") or not item.get("ocr_possible"):
            continue
        cpu = cpu_seconds()
        done = ingest(folder / "files" / item["file"])
        cpu = cpu_seconds() - cpu
        if done.outcome != "ingest":
            rows.append({"id": item["id"], "outcome": f"{done.outcome}: {done.message}"})
            continue
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"real-{item['id']}.json").write_text(json.dumps(done.stored, ensure_ascii=False, indent=1))
        fields = score_metadata(done.stored, item["metadata"])
        pages = (done.stored.get("scan") or {}).get("pages") or []
        rows.append({
            "id": item["id"], "state": item["state"], "outcome": "ingest",
            "right": {name: f["ok"] for name, f in fields.items()},
            "got": {name: f["got"] for name, f in fields.items() if not f["ok"]},
            "outline": score_outline(done.stored, item.get("outline") or {})["exact"],
            "phrases": [score_phrases(done.stored, item["phrases"])["kept"], len(item["phrases"])],
            "confidence": [p["confidence"] for p in pages],
            "seconds_per_page": done.seconds / max(1, len(pages)),
            "cpu_per_page": cpu / max(1, len(pages)),
        })  # fmt: skip
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    return rows


def typed(folder: Path) -> list[dict]:
    """(c) The context repair (`ocr_context.repair_marks`) run over the typed documents of the real
    set, whose text has no OCR slips: every change it makes there is a false repair."""
    from vanban.library.readers.ocr_context import repair_marks

    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    rows = []
    for item in truth:
        if item["expected"] != "ingest":
            continue
        lines = read_file(folder / "files" / item["file"]).text.split("\n")
        fixed, count = repair_marks(lines)
        changes = [[a, b] for a, b in zip(lines, fixed, strict=True) if a != b]
        rows.append({"id": item["id"], "words": sum(len(x.split()) for x in lines), "repairs": count,
                     "changes": changes})  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    parser.add_argument("--pages", type=int, default=3, help="first pages of each synthetic document")
    parser.add_argument("--realdocs", type=Path, default=REALDOCS)
    parser.add_argument("--only", nargs="+", default=[], help="synthetic documents to run, by name")
    parser.add_argument("--keep", type=Path, help="keep the scans and their OCR text in this folder")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--real-only", action="store_true", help="only part (b), the real scans")
    parser.add_argument("--typed-only", action="store_true", help="only part (c), false repairs on typed text")
    args = parser.parse_args()
    has_truth = (args.realdocs / "truth.json").exists()
    if args.typed_only:
        rows = typed(args.realdocs) if has_truth else []
        for r in rows:
            print(f"{r['id']}: {r['repairs']} repairs in {r['words']} words")
            for before, after in r["changes"]:
                print(f"    {before!r}\n  → {after!r}")
        print(f"total: {sum(r['repairs'] for r in rows)} repairs in {sum(r['words'] for r in rows)} words")
        return
    rows = [] if args.real_only else synthetic(args.dpi, args.pages, args.only, args.keep)
    reals = real(args.realdocs, args.keep) if has_truth else []
    if args.json:
        print(json.dumps({"synthetic": rows, "real": reals}, ensure_ascii=False, indent=1))
        return
    print("| document | dpi | pages | CER | headings | số hiệu | date | issuer | signer | conf. | s/page | CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    mark = {True: "✓", False: "✗", None: "—"}
    for r in rows:
        f = r["fields"]
        print(f"| {r['document']} | {r['dpi']} | {r['pages']}/{r['of']} | {r['cer']:.2%} | "
              f"{r['headings'][0]}/{r['headings'][1]} | "
              + " | ".join(mark[f.get(k)] for k in FIELDS)
              + f" | {sum(r['confidence']) / len(r['confidence']):.0f} | {r['seconds_per_page']:.1f}"
              f" | {r['cpu_per_page']:.1f} |")  # fmt: skip
    for dpi in args.dpi if rows else []:
        at = [r for r in rows if r["dpi"] == dpi]
        chars = sum(r["cer"] for r in at) / len(at)
        heads = sum(r["headings"][0] for r in at), sum(r["headings"][1] for r in at)
        print(f"\n{dpi} dpi: mean CER {chars:.2%}, headings {heads[0]}/{heads[1]}")
    print("\n| real file | outcome | fields right | wrong or missing | outline | conf. by page | s/page | CPU s/page |")
    print("|---|---|---|---|---|---|---|---|")
    for r in reals:
        if r["outcome"] != "ingest":
            print(f"| {r['id']} | {r['outcome']} | | | | | | |")
            continue
        right = [k for k, ok in r["right"].items() if ok]
        print(f"| {r['id']} | ingest | {len(right)}/{len(r['right'])} | "
              f"{'; '.join(f'{k}: {v!r}' for k, v in r['got'].items())} | {'✓' if r['outline'] else '✗'} | "
              f"{', '.join(f'{c:.0f}' for c in r['confidence'])} | {r['seconds_per_page']:.1f} | "
              f"{r['cpu_per_page']:.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
