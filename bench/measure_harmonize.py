"""Whether targets that count the same thing land on one indicator, and only those: pair precision,
pair recall and coverage of the harmoniser against a careful reader's measure labels.

    python bench/measure_harmonize.py                          # the development set (shared/real-plans)
    python bench/measure_harmonize.py --dir tests/fixtures/fresh10   # a fixture set whose rows carry `measure:`
    python bench/measure_harmonize.py --details …              # every matched target: label, name, indicator

Ground truth: a *measure label* per target — `measures.csv` beside a real-plans folder's `gold.csv`
(joined on file and quote), or the `measure:` of each row of a fixture's `NAME.expected.yaml`.  Two
targets with one label count the same thing the same way (subject, measure, normaliser, qualifier,
tier); scope and due year are not part of it.

Extracted rows are paired with the expected targets exactly as bench/measure_extraction.py pairs them
(its functions are imported, not copied), so "found" means the same in both tables.  Over every pair
of matched targets of the whole set:
  pair precision = pairs filed under one indicator that share a label / pairs filed under one indicator;
  pair recall    = pairs sharing a label that are filed under one indicator / pairs sharing a label;
  coverage       = matched targets carrying an indicator (named or derived) / matched targets.
A target the extractor missed is in none of these: extraction is scored by measure_extraction.py.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from measure_extraction import (  # noqa: E402  (the one definition of "matched")
    Fixture,
    fixture_paths,
    load_fixture,
    load_real_plans,
    score_fixture,
)

REAL_PLANS = next((p for p in (Path("/work/shared/real-plans"), ROOT.parent / "shared" / "real-plans")
                   if (p / "measures.csv").exists()), Path("/work/shared/real-plans"))
OUT = ROOT / "bench" / "out"


@dataclass(frozen=True)
class Filed:
    """One matched target: the reader's label and what the harmoniser made of it."""
    fixture: str
    label: str
    raw_name: str
    indicator_id: str | None
    decided_by: str | None
    quote: str


def real_plan_labels(folder: Path) -> dict[tuple[str, str], str]:
    """(file stem, quote) → measure label, from measures.csv."""
    with open(folder / "measures.csv", encoding="utf-8", newline="") as fh:
        return {(Path(row["file"]).stem, row["quote"]): row["measure"] for row in csv.DictReader(fh)}


def filed_targets(fixtures: list[Fixture], labels: dict[tuple[str, str], str] | None = None) -> list[Filed]:
    """Every expected target that has a label and was matched by an extracted row."""
    out = []
    for fx in fixtures:
        score = score_fixture(fx)
        for match in score.matches:
            e = match.expected
            label = e.get("measure") or (labels or {}).get((fx.name, e.get("quote")))
            if not label or e.get("qualitative"):
                continue
            row = match.row
            out.append(Filed(fx.name, label, row.get("raw_name") or "", row.get("indicator_id") or None,
                             row.get("indicator_decided_by"), (row.get("quote") or "").replace("\n", " ")))
    return out


def pair_scores(filed: list[Filed]) -> dict:
    same_label = same_indicator = both = 0
    for a, b in combinations(filed, 2):
        label = a.label == b.label
        indicator = a.indicator_id is not None and a.indicator_id == b.indicator_id
        same_label += label
        same_indicator += indicator
        both += label and indicator
    covered = sum(f.indicator_id is not None for f in filed)
    return {"targets": len(filed), "pairs_same_label": same_label, "pairs_same_indicator": same_indicator,
            "pairs_both": both,
            "pair_precision": both / same_indicator if same_indicator else 1.0,
            "pair_recall": both / same_label if same_label else 1.0,
            "coverage": covered / len(filed) if filed else 1.0}


def wrong_pairs(filed: list[Filed]) -> tuple[list[tuple[Filed, Filed]], list[tuple[Filed, Filed]]]:
    """(filed together but labelled apart, labelled together but filed apart)."""
    merged, split = [], []
    for a, b in combinations(filed, 2):
        together = a.indicator_id is not None and a.indicator_id == b.indicator_id
        if together and a.label != b.label:
            merged.append((a, b))
        elif a.label == b.label and not together:
            split.append((a, b))
    return merged, split


def load_set(real: Path | None, folder: Path | None) -> tuple[list[Fixture], dict | None]:
    if folder is not None:
        return [load_fixture(p) for p in fixture_paths(folder)], None
    real = real or REAL_PLANS
    return load_real_plans(real), real_plan_labels(real)


def measure(real: Path | None = None, folder: Path | None = None) -> tuple[dict, list[Filed]]:
    fixtures, labels = load_set(real, folder)
    filed = filed_targets(fixtures, labels)
    return pair_scores(filed), filed


def _line(f: Filed) -> str:
    return f"{f.fixture}: [{f.label}] {f.raw_name!r} → {f.indicator_id} ({f.decided_by})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=None, help=f"a real-plans folder (default {REAL_PLANS})")
    parser.add_argument("--dir", type=Path, default=None, help="a fixture folder whose expected rows carry measure:")
    parser.add_argument("--details", action="store_true", help="list every target and every wrong pair")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    scores, filed = measure(args.real, args.dir)
    name = args.dir.name if args.dir else "real-plans"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"harmonize_{name}.json").write_text(json.dumps(scores, indent=2), encoding="utf-8")
    if args.json:
        print(json.dumps(scores, indent=2))
        return 0
    print(f"{name}: {scores['targets']} matched targets with a label; pair precision {scores['pair_precision']:.3f} "
          f"({scores['pairs_both']}/{scores['pairs_same_indicator']}), pair recall {scores['pair_recall']:.3f} "
          f"({scores['pairs_both']}/{scores['pairs_same_label']}), coverage {scores['coverage']:.3f}")
    if args.details:
        merged, split = wrong_pairs(filed)
        print("\ntargets:")
        for f in sorted(filed, key=lambda f: (f.label, f.fixture)):
            print("  " + _line(f))
        print(f"\nfiled together, labelled apart ({len(merged)}):")
        for a, b in merged:
            print(f"  {_line(a)}\n    ~ {_line(b)}")
        print(f"\nlabelled together, filed apart ({len(split)}):")
        for a, b in split:
            print(f"  {_line(a)}\n    ~ {_line(b)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
