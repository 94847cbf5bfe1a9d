"""How well the extractor reads plans it was not tuned on: recall and precision per fixture.

    python bench/measure_extraction.py            # table of tests/fixtures/plans/*.txt
    python bench/measure_extraction.py --json     # the same as JSON (also written to bench/out/)
    python bench/measure_extraction.py --real /work/shared/real-plans   # the development set of real texts

Ground truth of the real-plans folder is its `gold.csv` (one row per target, the quote an exact
substring of the body); each text starts with a four-line `# key: value` header and a blank line,
stripped before reading (see that folder's README).  Those eighteen texts, like tests/fixtures/fresh,
have been used to tune the extractor: they guard against regressions, they no longer measure
generalisation.

Ground truth is `NAME.expected.yaml` beside each fixture (format: tests/fixtures/plans/README.md).
Matching, in data-flow order:
  1. an expected target and an extracted row *match* when their value and unit agree
     (qualitative goals: when the expected `name_contains` is in the row's raw_name or quote);
     among several candidates the one whose raw_name holds `name_contains` wins, then the one
     whose quote holds it — so two "100%" rows are told apart by name, not by order;
  2. a match is *correct* when the comparator agrees too;
  3. recall = correct / expected, precision = correct / extracted rows;
  4. field accuracy (scope, target_year, baseline, value_max, category, name) over matched rows.

The scoring functions are imported by tests/test_unseen_plans.py and bench/bench_etl.py, so the
test, the bench and this table can never disagree about what counts as found.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "plans"
OUT = ROOT / "bench" / "out"

# Fields compared on matched rows.  STRICT ones are asserted by the test; the others are reported.
STRICT_FIELDS = ["comparator", "scope", "target_year", "baseline", "value_max"]
REPORTED_FIELDS = STRICT_FIELDS + ["category", "name"]


# --- loading the ground truth ----------------------------------------------------------------

@dataclass
class Fixture:
    name: str
    path: Path
    text: str  # decoded with the encoding the expected file states, line endings untouched
    spec: dict

    @property
    def period(self) -> tuple[int, int] | None:
        p = self.spec.get("period")
        return (int(p[0]), int(p[1])) if p else None

    @property
    def targets(self) -> list[dict]:
        return self.spec.get("targets") or []

    @property
    def not_targets(self) -> list[dict]:
        return self.spec.get("not_targets") or []


def fixture_paths(folder: Path = FIXTURES) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if p.with_suffix(".expected.yaml").exists())


REAL_HEADER = re.compile(r"\A(?:#[^\n]*\n){1,8}\n?")
# Words between a name and its number in a gold quote: removed to get the name a row should hold.
_GOLD_VERBS = re.compile(r"(?:分别)?(?:达到|达|突破|超过|不低于|不少于|在|为|增至|提高到|压减|压缩至|每年达到|每年)$")


def real_plan_paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt")) if (folder / "gold.csv").exists() else []


def _gold_number(x: str):
    return float(x) if x not in (None, "") else None


def _gold_name(quote: str, value: float | None) -> str:
    """The part of a gold quote that names the indicator: before the number (name first) or, when the
    quote opens with the number, after its unit."""
    m = re.search(r"\d", quote)
    if not m:
        return quote
    head = _GOLD_VERBS.sub("", quote[:m.start()])
    if len(head) >= 2:
        return head[-12:]
    tail = re.sub(r"^[\d.%]+(?:以上)?[个家件项名人]?", "", quote[m.start():])
    return tail[:12] or quote


def load_real_plans(folder: Path) -> list[Fixture]:
    """The real-plans folder as fixtures: bodies without their header, gold.csv rows as targets."""
    import csv
    gold: dict[str, list[dict]] = {}
    with open(folder / "gold.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            value = _gold_number(row["value"])
            qualitative = row["qualitative"].strip() == "yes"
            target = {"name_contains": (row["indicator_zh"] if qualitative else _gold_name(row["quote"], value)),
                      "quote": row["quote"], "qualitative": qualitative}
            if not qualitative:
                target.update(value=value, unit=row["unit"], comparator=row["comparator"],
                              value_max=_gold_number(row["value_max"]), baseline=_gold_number(row["baseline"]),
                              scope=row["scope"], target_year=_gold_number(row["target_year"]))
            gold.setdefault(row["file"], []).append(target)
    fixtures = []
    for path in real_plan_paths(folder):
        text = REAL_HEADER.sub("", path.read_text(encoding="utf-8"), count=1)
        fixtures.append(Fixture(path.stem, path, text, {"targets": gold.get(path.name, []), "kind": "real"}))
    return fixtures


def load_fixture(path: Path) -> Fixture:
    spec = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))
    text = path.read_bytes().decode(spec.get("encoding", "utf-8"))
    return Fixture(path.stem, path, text, spec)


# --- comparing one field ---------------------------------------------------------------------

def _missing(x) -> bool:
    if x is None:
        return True
    try:
        return bool(x != x) or (isinstance(x, float) and math.isnan(x))  # NaN, pd.NA-safe enough
    except TypeError:  # pd.NA raises on bool()
        return True


def normal_unit(unit) -> str:
    """Units compare after NFKC (％ → %) and without blanks; a missing unit is ""."""
    if _missing(unit):
        return ""
    return unicodedata.normalize("NFKC", str(unit)).replace(" ", "").strip()


def same_number(a, b) -> bool:
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def accepted(expected_field) -> list:
    """A field of the expected file is one answer or a list of accepted answers."""
    return expected_field if isinstance(expected_field, list) else [expected_field]


def field_ok(name: str, expected: dict, row: dict) -> bool:
    if name == "name":
        return expected["name_contains"] in (row.get("raw_name") or "")
    answers = accepted(expected.get(name))
    got = row.get(name)
    if name in ("baseline", "value_max", "target_year"):
        return any(same_number(a, got) for a in answers)
    if _missing(got):
        return any(a is None for a in answers)
    return str(got) in [str(a) for a in answers if a is not None]


def unit_ok(expected: dict, row: dict) -> bool:
    """The unit as written; a per-year unit (次/年) also matches its count unit on a row whose scope is
    annual, which is how the warehouse stores it (the /年 is the scope)."""
    units = [normal_unit(u) for u in accepted(expected.get("unit"))]
    units += [u.removesuffix("/年") for u in units if u.endswith("/年") and row.get("scope") == "annual"]
    return normal_unit(row.get("unit")) in units


# --- matching a plan's rows ------------------------------------------------------------------

@dataclass
class Match:
    expected: dict
    row: dict

    @property
    def correct(self) -> bool:
        return self.expected.get("qualitative") or field_ok("comparator", self.expected, self.row)

    def wrong_fields(self, fields=STRICT_FIELDS) -> list[str]:
        if self.expected.get("qualitative"):
            return []
        return [f for f in fields if (f in self.expected or f == "name") and not field_ok(f, self.expected, self.row)]


@dataclass
class Score:
    fixture: str
    expected: list[dict]
    rows: list[dict]
    matches: list[Match] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)

    @property
    def correct(self) -> int:
        return sum(m.correct for m in self.matches)

    @property
    def recall(self) -> float:
        return self.correct / len(self.expected) if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / len(self.rows) if self.rows else (1.0 if not self.expected else 0.0)

    def field_accuracy(self, name: str) -> tuple[int, int]:
        """(right, compared) over matched quantitative rows whose expectation states the field."""
        compared = [m for m in self.matches if not m.expected.get("qualitative")
                    and (name in m.expected or name == "name")]
        return sum(field_ok(name, m.expected, m.row) for m in compared), len(compared)


def rows_of(targets) -> list[dict]:
    """An extracted targets DataFrame as plain dicts (NaN → None)."""
    rows = targets.to_dict("records") if hasattr(targets, "to_dict") else list(targets)
    return [{k: (None if _missing(v) else v) for k, v in r.items()} for r in rows]


def _is_qualitative(row: dict) -> bool:
    return bool(row.get("qualitative")) or _missing(row.get("value"))


def _candidates(expected: dict, rows: list[dict], used: set[int]) -> list[int]:
    if expected.get("qualitative"):
        return [i for i, r in enumerate(rows) if i not in used and _is_qualitative(r)]
    return [i for i, r in enumerate(rows) if i not in used and not _is_qualitative(r)
            and same_number(r.get("value"), expected["value"]) and unit_ok(expected, r)]


def match_rows(fixture: str, expected: list[dict], rows: list[dict]) -> Score:
    """Pair expected targets with extracted rows, one to one.

    Three passes of decreasing strictness: name in raw_name, name in quote, then value+unit
    alone (quantitative only), so an early loose pairing never steals a later exact one.
    """
    used: set[int] = set()
    paired: dict[int, int] = {}
    passes = [
        lambda e, r: e["name_contains"] in (r.get("raw_name") or ""),
        lambda e, r: e["name_contains"] in (r.get("quote") or "") or e.get("quote", "\0") in (r.get("quote") or ""),
        lambda e, r: not e.get("qualitative"),
    ]
    for accepts in passes:
        for k, e in enumerate(expected):
            if k in paired:
                continue
            for i in _candidates(e, rows, used):
                if accepts(e, rows[i]):
                    paired[k] = i
                    used.add(i)
                    break
    score = Score(fixture, expected, rows)
    score.matches = [Match(expected[k], rows[i]) for k, i in sorted(paired.items())]
    score.missed = [e for k, e in enumerate(expected) if k not in paired]
    score.extras = [r for i, r in enumerate(rows) if i not in used]
    return score


# --- describing a score so the extractor's author can act on it ------------------------------

def describe_expected(e: dict) -> str:
    if e.get("qualitative"):
        return f"[qualitative] {e['name_contains']}"
    value = f"{e['value']:g}" + (f"-{e['value_max']:g}" if e.get("value_max") is not None else "")
    unit = "|".join(str(u) for u in accepted(e.get("unit")))
    return (f"{e['name_contains']}: {e['comparator']} {value}{unit} scope={e.get('scope')} "
            f"year={e.get('target_year')} baseline={e.get('baseline')}")


def describe_row(r: dict) -> str:
    if _is_qualitative(r):
        head = f"[qualitative] raw_name={r.get('raw_name')!r}"
    else:
        vmax = f"-{r['value_max']:g}" if r.get("value_max") is not None else ""
        head = (f"{r.get('comparator')} {float(r['value']):g}{vmax}{r.get('unit') or ''} raw_name={r.get('raw_name')!r} "
                f"scope={r.get('scope')} year={r.get('target_year')} baseline={r.get('baseline')}")
    quote = (r.get("quote") or "").replace("\n", " ")
    return f"{head}  «{quote[:70]}»"


def describe_field_errors(score: Score, fields=STRICT_FIELDS) -> list[str]:
    lines = []
    for m in score.matches:
        for f in m.wrong_fields(fields):
            want = m.expected.get(f) if f != "name" else f"contains {m.expected['name_contains']!r}"
            got = m.row.get(f) if f != "name" else m.row.get("raw_name")
            lines.append(f"{describe_expected(m.expected)} — {f}: expected {want}, got {got!r}")
    return lines


def describe(score: Score) -> str:
    parts = [f"{score.fixture}: recall {score.recall:.2f} ({score.correct}/{len(score.expected)}), "
             f"precision {score.precision:.2f} ({score.correct}/{len(score.rows)})"]
    if score.missed:
        parts.append("  missed (expected, not extracted):")
        parts += [f"    - {describe_expected(e)}" for e in score.missed]
    wrong_cmp = [m for m in score.matches if not m.correct]
    if wrong_cmp:
        parts.append("  found with the wrong comparator:")
        parts += [f"    - {describe_expected(m.expected)} — got {m.row.get('comparator')!r}" for m in wrong_cmp]
    if score.extras:
        parts.append("  extras (extracted, not expected):")
        parts += [f"    - {describe_row(r)}" for r in score.extras]
    return "\n".join(parts)


def not_target_hits(fixture: Fixture, rows: list[dict]) -> list[str]:
    hits = []
    for nt in fixture.not_targets:
        for r in rows:
            if _is_qualitative(r) or not same_number(r.get("value"), nt["value"]):
                continue
            if "unit" in nt and normal_unit(r.get("unit")) != normal_unit(nt["unit"]):
                continue
            hits.append(f"{nt['value']:g} ({nt.get('text', '')}) came out as: {describe_row(r)}")
    return hits


# --- running the extractor -------------------------------------------------------------------

def extract_fixture(fx: Fixture):
    from etl.warehouse.plan import extract_text  # lazily: the table's loading must not need the ETL
    return extract_text(fx.text, doc_id=fx.name, region_zh=fx.spec.get("region_zh", ""), period=fx.period)


def score_fixture(fx: Fixture, extraction=None) -> Score:
    extraction = extraction if extraction is not None else extract_fixture(fx)
    # a row that restates an earlier one (same commitment stated twice) is counted once, as that one
    return match_rows(fx.name, fx.targets, [r for r in rows_of(extraction.targets) if not r.get("restates")])


def totals(scores: list[Score]) -> dict:
    expected = sum(len(s.expected) for s in scores)
    rows = sum(len(s.rows) for s in scores)
    correct = sum(s.correct for s in scores)
    matched = sum(len(s.matches) for s in scores)
    out = {"expected": expected, "extracted": rows, "matched_value_unit": matched, "correct": correct,
           "recall": correct / expected if expected else 1.0,
           "precision": correct / rows if rows else 0.0,
           "recall_value_unit": matched / expected if expected else 1.0}
    for f in REPORTED_FIELDS:
        right = sum(s.field_accuracy(f)[0] for s in scores)
        compared = sum(s.field_accuracy(f)[1] for s in scores)
        out[f"{f}_accuracy"] = right / compared if compared else None
    return out


# The genre a text belongs to, from the words its file name carries (first hit wins): the figures
# are reported per kind so that a rule helping work plans cannot hide a loss on news reports.
KINDS = [("news", "news"), ("jiedu", "policy explainer"), ("trad", "traditional script"),
         ("trademark", "trademark plan"), ("_gi", "geographical-indication plan"),
         ("protection", "protection zone plan"), ("baohu", "protection zone plan"), ("14th", "14th FYP opening"),
         ("numerals", "Chinese numerals"), ("staged", "staged plan"), ("baselines", "baselines")]


def score_folder(folder: Path) -> tuple[list[Score], dict, str]:
    """Every fixture of a folder scored: the scores, their totals and a line per fixture (for a
    failing test's message)."""
    scores = [score_fixture(load_fixture(p)) for p in fixture_paths(folder)]
    report = "\n".join(f"{s.fixture}: recall {s.recall:.2f} precision {s.precision:.2f}" for s in scores)
    return scores, totals(scores), report


def floors_missed(folder: Path, floors: dict[str, float], slack: float = 0.005) -> tuple[int, dict, str]:
    """A fixture set held to its floors (the blind sets' tests): how many fixtures it has, the
    measures below their floor (measure → (value, floor)) and the per-fixture report."""
    scores, overall, report = score_folder(folder)
    missed = {m: (overall[m], floor) for m, floor in floors.items() if overall[m] < floor - slack}
    return len(scores), missed, report


def kind_of(fixture: str) -> str:
    return next((kind for word, kind in KINDS if word in fixture), "work plan")


def by_kind(scores: list[Score]) -> str:
    """Recall, precision, due-year and scope agreement per kind of text."""
    groups: dict[str, list[Score]] = {}
    for s in scores:
        groups.setdefault(kind_of(s.fixture), []).append(s)
    lines = [f"{'kind':30} {'exp':>4} {'got':>4} {'recall':>6} {'prec':>6} {'year':>6} {'scope':>6}"]
    for kind, group in sorted(groups.items()):
        t = totals(group)
        lines.append(f"{kind:30} {t['expected']:>4} {t['extracted']:>4} {_pct(t['recall']):>6} {_pct(t['precision']):>6} "
                     f"{_pct(t['target_year_accuracy']):>6} {_pct(t['scope_accuracy']):>6}")
    return "\n".join(lines)


def _pct(x) -> str:
    return "  -  " if x is None else f"{100 * x:5.1f}"


def table(scores: list[Score]) -> str:
    head = (f"{'fixture':30} {'exp':>4} {'got':>4} {'recall':>6} {'prec':>6} "
            + " ".join(f"{f[:7]:>7}" for f in REPORTED_FIELDS))
    lines = [head, "-" * len(head)]
    for s in scores + [None]:
        if s is None:
            t = totals(scores)
            lines.append("-" * len(head))
            name, exp, got, rec, prec = "ALL", t["expected"], t["extracted"], t["recall"], t["precision"]
            fields = [t[f"{f}_accuracy"] for f in REPORTED_FIELDS]
        else:
            name, exp, got, rec, prec = s.fixture, len(s.expected), len(s.rows), s.recall, s.precision
            fields = [(lambda r, c: r / c if c else None)(*s.field_accuracy(f)) for f in REPORTED_FIELDS]
        lines.append(f"{name:30} {exp:>4} {got:>4} {_pct(rec):>6} {_pct(prec):>6} "
                     + " ".join(f"{_pct(x):>7}" for x in fields))
    lines.append("recall/precision: value+unit+comparator (%); field columns: % right among value+unit matches")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--details", action="store_true", help="list missed and extra targets per fixture")
    parser.add_argument("--dir", type=Path, default=FIXTURES,
                        help="folder of NAME.txt + NAME.expected.yaml (default tests/fixtures/plans; "
                             "the blind set is tests/fixtures/heldout)")
    parser.add_argument("--real", type=Path, default=None,
                        help="a folder of real plan texts with gold.csv (e.g. /work/shared/real-plans)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    fixtures = load_real_plans(args.real) if args.real else [load_fixture(p) for p in fixture_paths(args.dir)]
    scores = [score_fixture(fx) for fx in fixtures]
    result = {"fixtures": {s.fixture: {"expected": len(s.expected), "extracted": len(s.rows),
                                       "recall": s.recall, "precision": s.precision,
                                       "missed": [describe_expected(e) for e in s.missed],
                                       "extras": [describe_row(r) for r in s.extras],
                                       "field_errors": describe_field_errors(s)} for s in scores},
              "overall": totals(scores)}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "extraction_quality.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(table(scores))
    print()
    print(by_kind(scores))
    if args.details:
        for s in scores:
            print()
            print(describe(s))
            for line in describe_field_errors(s):
                print(f"  field: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
