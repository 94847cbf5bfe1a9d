"""Does extraction stay linear in the length of a line?  Time per character from 10 KB to 8 MB.

    python bench/bench_long_lines.py               # every series up to 8 MB, median of 3 runs
    python bench/bench_long_lines.py --max-mb 1    # a quicker look (no 8 MB gate then)

Series, each the UTF-8 size given (the reader accepts files up to 20 MB):
  one line     宜兴's plan (data/raw/, 39 targets, no annex) with its line breaks removed, repeated
  many lines   宜兴's plan as it is, repeated
  达 run       the character 达 repeated on one line (no number anywhere)
  达到350件 run 「达到350件」 repeated on one line (a target every six characters)
  … no cap     the first two again with etl.extract.clauses.MAX_NUMBERS lifted: past 2000 numbers a text is
               not one plan and the rest is skipped cheaply, which would hide a slow target path
and, apart, .docx reading (etl.read.readers.read_bytes) of documents that unpack to 2 and 20 MB.

Every figure is `etl.warehouse.plan.extract_text` on the text, imports and the indicator dictionary
loaded before timing.  Exits 1 when a one-line input of 8 MB takes more than 10 s, or when any
series costs more than 3 times as much per character at 8 MB as at 10 KB (quadratic behaviour
shows as a ratio that grows with the size).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import etl.extract.clauses  # noqa: E402
from etl.base.errors import PlanError  # noqa: E402
from etl.read.readers import read_bytes  # noqa: E402
from etl.warehouse.plan import extract_text  # noqa: E402

KB, MB = 1024, 1024 * 1024
SIZES = [10 * KB, 100 * KB, 1 * MB, 8 * MB]
ONE_LINE_BUDGET_S = 10.0
MAX_RATIO = 3.0


def seed_text() -> str:
    return (ROOT / "data" / "raw" / "yixing_2024-2026.txt").read_text(encoding="utf-8")


def series() -> dict[str, tuple[str, bool, bool]]:
    """name → (unit repeated to size, whether it is all one line, whether the number cap applies)."""
    plan = seed_text()
    return {"one line": (plan.replace("\n", ""), True, True), "many lines": (plan + "\n", False, True),
            "达 run": ("达", True, True), "达到350件 run": ("达到350件", True, True),
            "one line, no cap": (plan.replace("\n", ""), True, False),
            "many lines, no cap": (plan + "\n", False, False)}


@contextlib.contextmanager
def number_cap(applies: bool):
    saved = etl.extract.clauses.MAX_NUMBERS
    etl.extract.clauses.MAX_NUMBERS = saved if applies else sys.maxsize
    try:
        yield
    finally:
        etl.extract.clauses.MAX_NUMBERS = saved


def of_size(unit: str, size: int) -> str:
    """`unit` repeated to `size` bytes of UTF-8 (cut at a character)."""
    per_char = len(unit.encode("utf-8")) / len(unit)
    chars = int(size / per_char)
    return (unit * (chars // len(unit) + 1))[:chars]


def median_seconds(run, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_extraction(sizes: list[int], runs: int) -> list[dict]:
    rows = []
    for name, (unit, one_line, capped) in series().items():
        base = None
        for size in sizes:
            text = of_size(unit, size)
            with number_cap(capped):
                seconds = median_seconds(lambda text=text: extract_text(text), runs)
            per_char = seconds / len(text)
            base = base or per_char
            rows.append({"series": name, "one_line": one_line, "size": size, "chars": len(text),
                         "seconds": seconds, "us_per_char": per_char * 1e6, "ratio": per_char / base})
            print(_row(rows[-1]), flush=True)
    return rows


DOCX_SENTENCE = "到2026年，全县发明专利拥有量达到350件，商标有效注册量达到9000件。"
DOCX_PARAGRAPH = f"<w:p><w:r><w:t>{DOCX_SENTENCE}</w:t></w:r></w:p>"


def docx_paragraphs(unpacked: int) -> int:
    return unpacked // len(DOCX_PARAGRAPH.encode("utf-8"))


def docx_of(unpacked: int) -> bytes:
    """A .docx of plain paragraphs whose document.xml is about `unpacked` bytes."""
    import docx

    body = DOCX_PARAGRAPH * docx_paragraphs(unpacked)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
           f'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    template = io.BytesIO()
    docx.Document().save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = xml.encode("utf-8") if info.filename == "word/document.xml" else source.read(info.filename)
            target.writestr(info.filename, data)
    return out.getvalue()


def bench_docx(sizes: list[int], runs: int) -> list[dict]:
    rows, base = [], None
    for size in sizes:
        data = docx_of(size)
        # Both sizes are above the text bound (etl.read.readers.MAX_TEXT_CHARS): the reader unpacks and
        # reads the whole text, then refuses it with its count, so the time is still the read's.
        chars = docx_paragraphs(size) * len(DOCX_SENTENCE)
        seconds = median_seconds(lambda data=data: _read_or_refuse(data), runs)
        base = base or seconds / chars
        rows.append({"series": ".docx read", "one_line": False, "size": size, "chars": chars, "seconds": seconds,
                     "us_per_char": seconds / chars * 1e6, "ratio": seconds / chars / base})
        print(_row(rows[-1]), flush=True)
    return rows


def _read_or_refuse(data: bytes) -> str:
    try:
        read_bytes(data, "plan.docx")
        return "read"
    except PlanError:
        return "refused"


def _row(r: dict) -> str:
    size = f"{r['size'] / MB:.0f} MB" if r["size"] >= MB else f"{r['size'] / KB:.0f} KB"
    return (f"{r['series']:18} {size:>7} {r['chars']:>10,} {r['seconds']:10.3f} {r['us_per_char']:10.3f} "
            f"{r['ratio']:7.2f}")


def failures(rows: list[dict], top: int) -> list[str]:
    problems = []
    for r in rows:
        if r["size"] != top or r["series"] == ".docx read":
            continue
        if r["one_line"] and r["seconds"] > ONE_LINE_BUDGET_S:
            problems.append(f"{r['series']}: {r['seconds']:.1f} s for 8 MB on one line "
                            f"(budget {ONE_LINE_BUDGET_S:.0f} s)")
        if r["ratio"] > MAX_RATIO:
            problems.append(f"{r['series']}: {r['ratio']:.1f}x the per-character cost of 10 KB "
                            f"(allowed {MAX_RATIO:.0f}x)")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the median is reported")
    parser.add_argument("--max-mb", type=float, default=8, help="largest size (the gates apply at 8 MB only)")
    args = parser.parse_args()
    sizes = [s for s in SIZES if s <= args.max_mb * MB]
    extract_text("到2026年，发明专利拥有量达到350件。")  # imports and the indicator dictionary, untimed
    print(f"{'series':18} {'size':>7} {'chars':>10} {'median s':>10} {'µs/char':>10} {'ratio':>7}")
    rows = bench_extraction(sizes, args.runs)
    rows += bench_docx([2 * MB, 20 * MB] if args.max_mb >= 8 else [2 * MB], args.runs)
    problems = failures(rows, 8 * MB) if 8 * MB in sizes else []
    for problem in problems:
        print("FAIL", problem)
    print("ratio: per-character cost relative to the series' smallest size")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
