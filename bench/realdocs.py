"""Real documents scored against a hand-made truth: ingest, metadata, outline, phrases, checker.

    python bench/realdocs.py [--set DIR] [--json] [--only ID] [--details]

The set is `../shared/realdocs` by default (a `files/` folder and `truth.json`, described in its
README). Each file goes through the path `vanban library add` takes (`Library.add` into a throw-away
data folder) and the stored JSON record is what gets scored, so the numbers are what a user gets.

How each part is scored:

- ingest: a `VanbanError` is a refusal (its message is kept); any other exception is a crash.
- metadata: NFC + collapsed whitespace; title, signer, signer title and authority ignore case (the
  README and the TCVN3 note say capitals are a matter of font); a null truth value means "must be
  empty". `signed_on` holds the truth's `signed_on`, or its `signed_month` when only the day is
  blank, against the model's `signed_on` or `signed_month`. A refused or crashed must-ingest file
  scores every field wrong.
- outline: section kinds are counted under the truth's `counts` keys (the model's own style picks
  the names: Chương/Mục/Điều/Khoản/Điểm, or I./1./a)/"- "); exact means every key either side is
  equal. A plan's "4.1" clauses count as `arabic_nested`, its "+" and "*" items as `plus` and `star`.
- annexes: the model's `annexes` (texts attached after the signature); right when the count matches
  and the truth's first heading begins with the model's first heading and title, joined.
- phrases: each must occur in all strings of the stored record joined, whitespace-normalised.
- checker (NĐ 30-era .docx with a `checker` truth): warnings are not findings. A finding matches a
  truth item of the same rule whose place fits (see `_place_fits`) and whose topic (rule line or
  font size) does not contradict it; items are tried as true_errors, then not_errors, then the
  neutral ones (possible_errors, borderline, acceptable_warnings), and within a list a finding
  takes an item no earlier finding took, so three margin findings meet three margin errors.
  precision = findings on a true error / (findings − neutral); recall = true errors met / true errors.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from vanban.generator.checker import Finding, check_file  # noqa: E402
from vanban.generator.checker.rules import ERROR  # noqa: E402
from vanban.library.errors import VanbanError  # noqa: E402
from vanban.library.store import Library  # noqa: E402

DEFAULT_SET = ROOT.parent / "shared" / "realdocs"
FIELDS = (
    "number",
    "number_symbol",
    "doc_type",
    "issuer",
    "parent_issuer",
    "place",
    "signed_on",
    "signer",
    "signer_title",
    "authority",
    "title",
)
CASELESS = {"title", "signer", "signer_title", "authority"}
LEGAL_KEYS = {
    "phan": "phan",
    "chuong": "chuong",
    "muc": "muc",
    "tieu_muc": "tieu_muc",
    "dieu": "dieu",
    "khoan": "khoan",
    "diem": "diem",
}
PLAN_KEYS = {"muc": "roman", "khoan": "arabic", "diem": "letter", "y": "dash"}
PLAN_ITEM_KEYS = {"+": "plus", "*": "star"}
TARGETS = {"metadata": 95.0, "outline": 90.0, "phrases": 100.0, "precision": 95.0, "recall": 90.0}


def norm(value: object, caseless: bool = False) -> str:
    """One comparable form: NFC, no-break spaces and runs of whitespace as one space."""
    text = unicodedata.normalize("NFC", str(value or ""))
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    return text.casefold() if caseless else text


# --- ingest ---------------------------------------------------------------------------------


@dataclass
class Ingest:
    """What `library add` did with one file, and the record it stored (None unless accepted)."""

    outcome: str  # "ingest", "refuse" or "crash"
    seconds: float
    message: str = ""
    stored: dict | None = None


def ingest(path: Path) -> Ingest:
    """`Library.add` into a fresh data folder, then the stored JSON read back as the user's record."""
    with tempfile.TemporaryDirectory(prefix="vanban-realdocs-") as data_dir:
        library = Library(Path(data_dir))
        start = time.perf_counter()
        try:
            added = library.add([path])
        except VanbanError as error:
            return Ingest("refuse", time.perf_counter() - start, error.message)
        except Exception as error:  # any other exception is a crash: what this bench counts
            return Ingest("crash", time.perf_counter() - start, f"{type(error).__name__}: {error}")
        seconds = time.perf_counter() - start
        stored_path = library.documents_dir / f"{added[0].id}.json"
        return Ingest("ingest", seconds, stored=json.loads(stored_path.read_text(encoding="utf-8")))


# --- metadata -------------------------------------------------------------------------------


def model_metadata(stored: dict) -> dict[str, object]:
    """The scored fields of a stored record, named as in the truth."""
    number = stored.get("number") or ""
    signature = stored.get("signature") or {}
    return {
        "number": number,
        "number_symbol": stored.get("symbol") or (number[number.index("/") :] if "/" in number else ""),
        "doc_type": stored.get("doc_type"),
        "issuer": stored.get("issuer"),
        "parent_issuer": stored.get("parent_issuer"),
        "place": stored.get("place"),
        "signed_on": stored.get("signed_on") or stored.get("signed_month"),
        "signer": signature.get("name"),
        "signer_title": signature.get("title"),
        "authority": signature.get("authority") or [],
        "title": stored.get("title"),
    }


def truth_metadata(meta: dict) -> dict[str, object]:
    """The truth's fields present in this entry; `signed_month` stands in when the day is blank."""
    wanted = {name: meta[name] for name in FIELDS if name in meta}
    if "signed_on" in meta or "signed_month" in meta:
        wanted["signed_on"] = meta.get("signed_on") or meta.get("signed_month")
    return wanted


def same(name: str, got: object, want: object) -> bool:
    """Field equality after `norm`; the number ignores spaces (a stamp leaves «629 /TTr-SNV»)."""
    caseless = name in CASELESS
    if name == "authority":
        return [norm(a, caseless) for a in got or []] == [norm(a, caseless) for a in want or []]
    if name == "number":
        return re.sub(r"\s", "", norm(got)) == re.sub(r"\s", "", norm(want))
    return norm(got, caseless) == norm(want, caseless)


def score_metadata(stored: dict | None, meta: dict) -> dict[str, dict]:
    """Per field: right or not, with both values for the report."""
    got = model_metadata(stored) if stored else {}
    return {
        name: {"ok": stored is not None and same(name, got.get(name), want), "got": got.get(name), "want": want}
        for name, want in truth_metadata(meta).items()
    }


# --- outline, annexes, phrases --------------------------------------------------------------


def _plan_key(section: dict) -> str | None:
    """A plan's key: "4.1" clauses are `arabic_nested`, "+" and "*" items `plus` and `star`."""
    kind, label = section.get("kind", ""), section.get("label", "")
    if kind == "khoan" and "." in label:
        return "arabic_nested"
    if kind == "y" and label in PLAN_ITEM_KEYS:
        return PLAN_ITEM_KEYS[label]
    return PLAN_KEYS.get(kind)


def outline_counts(stored: dict) -> dict[str, int]:
    """Sections of the main body by kind, under the truth's key names for the model's style."""
    names = LEGAL_KEYS if stored.get("style") == "legal" else PLAN_KEYS
    counts: dict[str, int] = {}

    def visit(section: dict) -> None:
        key = _plan_key(section) if names is PLAN_KEYS else names.get(section.get("kind", ""))
        if key:
            counts[key] = counts.get(key, 0) + 1
        for child in section.get("children", []):
            visit(child)

    for section in stored.get("sections", []):
        visit(section)
    return counts


def score_outline(stored: dict | None, outline: dict) -> dict:
    """Exact when every key of the truth or the model has the same count (a missing key is 0)."""
    want = outline.get("counts") or {}
    got = outline_counts(stored) if stored else {}
    keys = sorted(set(want) | {k for k, v in got.items() if v})
    diffs = {k: [got.get(k, 0), want.get(k, 0)] for k in keys if got.get(k, 0) != want.get(k, 0)}
    return {
        "exact": stored is not None and not diffs,
        "style": [stored.get("style") if stored else None, outline.get("style")],
        "diffs": diffs,
    }


def score_annexes(stored: dict | None, annexes: list[dict]) -> dict:
    """Count and first heading against the model's annexes (see the module docstring)."""
    got = [
        norm(f"{a.get('heading', '')} {a.get('title', '')}", caseless=True) for a in (stored or {}).get("annexes", [])
    ]
    first_ok = not annexes or bool(got and got[0] and norm(annexes[0]["title"], caseless=True).startswith(got[0][:60]))
    return {
        "exact": stored is not None and len(got) == len(annexes) and first_ok,
        "got": len(got),
        "want": len(annexes),
    }


def stored_text(stored: dict) -> str:
    """Every string of the stored record: sections, titles, tasks, tables, preamble, closing…"""
    parts: list[str] = []

    def visit(value: object) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(stored)
    return norm("\n".join(parts))


def score_phrases(stored: dict | None, phrases: list[str]) -> dict:
    text = stored_text(stored) if stored else ""
    missing = [p for p in phrases if norm(p) not in text]
    return {"kept": len(phrases) - len(missing), "total": len(phrases), "missing": missing}


# --- checker --------------------------------------------------------------------------------

_NEUTRAL = ("possible_errors", "borderline", "acceptable_warnings")
_ANYWHERE = {"whole document"}


def _topic(text: str) -> str:
    """Rule line or font size: two findings at one line («TỈNH LÂM ĐỒNG») differ only by this."""
    lowered = text.casefold()
    if "đường kẻ" in lowered or re.search(r"\brule\b", lowered):
        return "rule"
    if "cỡ" in lowered or re.search(r"\d\s*pt\b", lowered):
        return "size"
    return ""


def _places(item: dict) -> list[str]:
    """Where a truth item points: its `where` split at « / », plus the «quoted» lines of its `what`."""
    quoted = [q for q in re.findall(r"«([^»]+)»", item.get("what", "")) if len(q) >= 4]
    places = [p for text in [item.get("where", ""), *quoted] for p in text.split(" / ")]
    return [norm(re.split(r"…|\.\.\.", p)[0], caseless=True).strip(" «»") for p in places]


def _place_fits(finding: Finding, item: dict) -> bool:
    """The finding's line and one of the item's places begin alike ("…" ends an excerpt)."""
    if norm(item.get("where"), caseless=True) in _ANYWHERE:
        return True
    text = norm(str(finding.where.get("text", "")).rstrip("…"), caseless=True)
    return any(len(p) >= 3 and (text.startswith(p) or p.startswith(text)) for p in _places(item) if text)


def _fits(finding: Finding, item: dict) -> bool:
    topics = {_topic(finding.expected), _topic(item.get("what", ""))}
    return finding.rule == item.get("rule") and _place_fits(finding, item) and len(topics - {""}) < 2


@dataclass
class CheckerScore:
    true_found: int = 0
    neutral: int = 0
    false: list[dict] = field(default_factory=list)
    met: int = 0
    true_errors: int = 0
    missed: list[dict] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return self.true_found + len(self.false)


def match_findings(findings: list[Finding], truth: dict) -> CheckerScore:
    """Each error-level finding → true / false / neutral (see the module docstring for the order)."""
    true_items = truth.get("true_errors", [])
    lists = [("true", true_items), ("false", truth.get("not_errors", []))]
    lists += [("neutral", truth.get(name, [])) for name in _NEUTRAL]
    taken: set[int] = set()
    score = CheckerScore(true_errors=len(true_items))
    for finding in (f for f in findings if f.severity == ERROR):
        verdict = "false"
        for kind, items in lists:
            fitting = [item for item in items if _fits(finding, item)]
            if fitting:
                fresh = [item for item in fitting if id(item) not in taken]
                taken.add(id((fresh or fitting)[0]))
                verdict = kind
                break
        if verdict == "true":
            score.true_found += 1
        elif verdict == "neutral":
            score.neutral += 1
        else:
            score.false.append({"rule": finding.rule, "where": finding.where.get("text"), "found": finding.found})
    score.met = sum(1 for item in true_items if id(item) in taken)
    score.missed = [item for item in true_items if id(item) not in taken]
    return score


def run_checker(path: Path, truth: dict) -> dict:
    try:
        score = match_findings(check_file(path).findings, truth)
    except Exception as error:  # any other exception is a crash: what this bench counts
        return {"crash": f"{type(error).__name__}: {error}"}
    result = asdict(score)
    result["counted"] = score.counted
    return result


# --- one file, the set ----------------------------------------------------------------------


def _read_by_ocr(entry: dict, done) -> bool:
    """A scan the truth marks `ocr_possible` (written before vanban had OCR, so `expected: refuse`)
    is handled right when vanban reads it by OCR and says so in the record."""
    stored = done.stored or {}
    return bool(entry.get("ocr_possible")) and done.outcome == "ingest" and bool(stored.get("scan"))


def score_file(entry: dict, files: Path) -> dict:
    path = files / entry["file"]
    done = ingest(path)
    result = {
        "id": entry["id"],
        "format": entry["format"],
        "expected": entry["expected"],
        "outcome": done.outcome,
        "as_expected": done.outcome == entry["expected"] or _read_by_ocr(entry, done),
        "message": done.message,
        "seconds": round(done.seconds, 3),
    }
    if entry["expected"] == "ingest":
        result["metadata"] = score_metadata(done.stored, entry.get("metadata") or {})
        result["outline"] = score_outline(done.stored, entry.get("outline") or {})
        result["annexes"] = score_annexes(done.stored, entry.get("annexes") or [])
        result["phrases"] = score_phrases(done.stored, entry.get("phrases") or [])
    if entry.get("checker") and entry["format"] == "docx" and entry["era"] == "nd30":
        result["checker"] = run_checker(path, entry["checker"])
    return result


def _percent(right: int, total: int) -> dict:
    return {"right": right, "total": total, "percent": round(100 * right / total, 1) if total else None}


def summarise(results: list[dict]) -> dict:
    scored = [r for r in results if "metadata" in r]
    fields = {}
    for name in FIELDS:
        marks = [r["metadata"][name]["ok"] for r in scored if name in r["metadata"]]
        fields[name] = _percent(sum(marks), len(marks))
    checked = [r["checker"] for r in results if "checker" in r and "crash" not in r["checker"]]
    true_found = sum(c["true_found"] for c in checked)
    with_annexes = [r for r in scored if r["annexes"]["want"]]
    return {
        "files": len(results),
        "as_expected": _percent(sum(r["as_expected"] for r in results), len(results)),
        "crashes": sum(r["outcome"] == "crash" or "crash" in r.get("checker", {}) for r in results),
        "metadata": fields,
        "outline_exact": _percent(sum(r["outline"]["exact"] for r in scored), len(scored)),
        "annexes_exact": _percent(sum(r["annexes"]["exact"] for r in with_annexes), len(with_annexes)),
        "phrases_kept": _percent(sum(r["phrases"]["kept"] for r in scored), sum(r["phrases"]["total"] for r in scored)),
        "checker_precision": _percent(true_found, sum(c["counted"] for c in checked)),
        "checker_recall": _percent(sum(c["met"] for c in checked), sum(c["true_errors"] for c in checked)),
        "median_seconds": round(statistics.median(r["seconds"] for r in results), 3) if results else None,
    }


# --- output ---------------------------------------------------------------------------------


def _cell(score: dict) -> str:
    return "—" if score["percent"] is None else f"{score['percent']:.1f} % ({score['right']}/{score['total']})"


def summary_rows(summary: dict) -> list[tuple[str, str, str]]:
    """(measure, value, target) rows, shared by the terminal and RESULTS.md."""
    meta = TARGETS["metadata"]
    rows = [
        ("files", str(summary["files"]), ""),
        ("accepted/refused as expected", _cell(summary["as_expected"]), "all"),
        ("crashes", str(summary["crashes"]), "0"),
    ]
    rows += [(f"metadata: {name}", _cell(score), f"≥ {meta:.0f} %") for name, score in summary["metadata"].items()]
    rows += [
        ("outline exact", _cell(summary["outline_exact"]), f"≥ {TARGETS['outline']:.0f} %"),
        ("annexes (count + first heading)", _cell(summary["annexes_exact"]), ""),
        ("phrases kept", _cell(summary["phrases_kept"]), f"{TARGETS['phrases']:.0f} %"),
        ("checker precision", _cell(summary["checker_precision"]), f"≥ {TARGETS['precision']:.0f} %"),
        ("checker recall", _cell(summary["checker_recall"]), f"≥ {TARGETS['recall']:.0f} %"),
        ("median s/file (library add)", f"{summary['median_seconds']}", ""),
    ]
    return rows


def file_row(r: dict) -> list[str]:
    meta = r.get("metadata", {})
    outline = r.get("outline")
    phrases = r.get("phrases")
    checker = r.get("checker", {})
    if "crash" in checker:
        check = "crash"
    elif checker:
        check = f"{checker['true_found']}/{checker['counted']} P, {checker['met']}/{checker['true_errors']} R"
    else:
        check = ""
    return [
        r["id"],
        r["format"],
        f"{r['outcome']}{'' if r['as_expected'] else ' ✗'}",
        f"{r['seconds']:.2f}",
        f"{sum(m['ok'] for m in meta.values())}/{len(meta)}" if meta else "",
        ("✓" if outline["exact"] else "✗") if outline else "",
        ("✓" if r["annexes"]["exact"] else f"{r['annexes']['got']}/{r['annexes']['want']}") if outline else "",
        f"{phrases['kept']}/{phrases['total']}" if phrases else "",
        check,
    ]


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=False)]
    for row in [headers, ["-" * w for w in widths], *rows]:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=False)).rstrip())


def print_details(r: dict) -> None:
    """What went wrong in one file: the data the failure causes are read from."""
    lines = [f"{r['outcome']}: {r['message']}"] if r["message"] else []
    for name, m in r.get("metadata", {}).items():
        if not m["ok"]:
            lines.append(f"{name}: {m['got']!r} ≠ {m['want']!r}")
    if r.get("outline") and not r["outline"]["exact"]:
        lines.append(f"outline {r['outline']['style'][0]} vs {r['outline']['style'][1]}: {r['outline']['diffs']}")
    for phrase in r.get("phrases", {}).get("missing", []):
        lines.append(f"phrase missing: {phrase}")
    checker = r.get("checker", {})
    lines += [f"checker false: {f['rule']} at «{f['where']}» ({f['found']})" for f in checker.get("false", [])]
    lines += [f"checker missed: {m['rule']} at «{m['where']}»" for m in checker.get("missed", [])]
    if lines:
        print(f"\n{r['id']}")
        for line in lines:
            print(f"  {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="folder with files/ and truth.json")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--only", help="score this one id")
    parser.add_argument("--details", action="store_true", help="list each file's wrong fields and findings")
    args = parser.parse_args(argv)
    truth_path = args.set / "truth.json"
    if not truth_path.exists():
        print(f"No truth file at {truth_path}: nothing to score (the set is not on this machine).")
        return 0
    entries = [e for e in json.loads(truth_path.read_text(encoding="utf-8")) if not e.get("exclude")]
    if args.only:
        entries = [e for e in entries if e["id"] == args.only]
        if not entries:
            print(f"No entry «{args.only}» in {truth_path}.", file=sys.stderr)
            return 2
    results = [score_file(e, args.set / "files") for e in entries]
    summary = summarise(results)
    if args.json:
        print(json.dumps({"set": str(args.set), "files": results, "summary": summary}, ensure_ascii=False, indent=1))
        return 0
    headers = ["id", "fmt", "outcome", "s", "metadata", "outline", "annexes", "phrases", "checker"]
    print_table(headers, [file_row(r) for r in results])
    if args.details:
        for r in results:
            print_details(r)
    print()
    print_table(["measure", "value", "target"], [list(row) for row in summary_rows(summary)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
