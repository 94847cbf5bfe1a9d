"""Harmonise the plans' own indicator names: indicators are combinations of facets.

A raw name is read as subject × measure × normaliser × qualifiers × tier (etl.harmonize.facets,
with the words of etl.vocab.facets).  `data/reference/indicators.yaml` *names* some combinations:
each canonical indicator states its `facets:`, and every alias must read as exactly those facets
(checked on load: the file fails loudly instead of guessing).  A target is filed under a named
indicator only when its facets equal that indicator's; an unseen combination gets a derived, stable
id (`d__` + the facets' key) and a bilingual label composed from its facets, so it still compares
with the same combination in any other plan; only a name whose kind cannot be read stays unmapped,
with the reason.  A derived combination sharing subject and measure with a named one joins that
one's family (related, drawn apart), as the like-with-like rules already do.

Like OWID's `harmonize_countries`, the mapping file complains: `Harmonizer.report` lists the raw
names that map to nothing and the named indicators that no name reached.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from etl.base import schema, yaml_io
from etl.base.memo import CACHE_SIZE, LONGEST_REMEMBERED
from etl.base.paths import INDICATORS
from etl.harmonize.facets import MEASURE_INFO, Facets, category_of, parse, parse_name
from etl.vocab import names
from etl.vocab.facets import RELATED_KINDS
from etl.vocab.lexicon import REGION_LEAD
from etl.vocab.units import units_agree

DEFAULT_PATH = INDICATORS

# A contained alias shorter than this says too little on its own (专利, 企业 …).
MIN_ALIAS_CHARS = 3

# Leading words naming the whole region (全市, 全社会 …) carry no meaning for the match.
_LEADING_REGION = re.compile(rf"^(?:{'|'.join(REGION_LEAD)})")


def normalize_name(text: str) -> str:
    """The comparable form of an indicator name (applied to aliases and raw names alike); its words are
    etl.vocab.names'."""
    # Enumerators go before and after width folding: NFKC turns ② into 2, and １． into 1.
    text = names.LEADING_ENUMERATOR.sub("", text or "")
    text = unicodedata.normalize("NFKC", text).lower()
    text = names.LEADING_ENUMERATOR.sub("", text)
    # Drop spaces, quotes, brackets and list commas (“贯标”, 保护（维权）, 试点、示范).
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "Z", "C")))
    for word in names.SCOPE_WORDS:
        text = text.replace(word, "")
    for wording, folded in names.DENSITY_FOLDS:
        text = text.replace(wording, folded)
    if text.startswith(names.DENSITY):
        rest = text[len(names.DENSITY):]
        for held in names.HELD_AFTER_DENSITY:
            rest = rest.removeprefix(held)
        text = names.DENSITY + rest
    text = _LEADING_REGION.sub("", text)
    if text.startswith(names.PER_YEAR) and len(text) > 1:
        text = text[1:]
    return _without_trailing_words(text)


def _without_trailing_words(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for verb in names.TRAILING_VERBS:
            if text.endswith(verb) and len(text) > len(verb):
                text, changed = text[: -len(verb)], True
    for suffix in names.QUANTITY_SUFFIXES:
        if text.endswith(suffix):
            # Keep at least MIN_ALIAS_CHARS: 质押金额 must not shrink to the meaningless 质押.
            if len(text) - len(suffix) >= MIN_ALIAS_CHARS:
                text = text[: -len(suffix)]
            break
    if text.startswith(names.DENSITY) and text.endswith(names.HELD) and len(text) > 4:
        text = text[:-len(names.HELD)]
    return text


@dataclass(frozen=True)
class Indicator:
    id: str
    zh: str
    en: str
    category: str
    family: str
    family_zh: str
    family_en: str
    unit: str
    per_capita: bool
    description: str
    # What it measures precisely (indicators.yaml `measure:`): comparability is decided from these.
    nature: str | None = None  # stock | flow | rate
    counts: str | None = None  # people | firms | money | ip_rights | bodies | …
    numerator: str = ""
    denominator: str | None = None
    facets: str = ""  # the key of the facet combination it names (etl.harmonize.facets.Facets.key)


# How a target's indicator was decided (targets.indicator_decided_by).
NAMED, DERIVED, UNMAPPED = "named", "derived", "unmapped"
DECIDED_BY = (NAMED, DERIVED, UNMAPPED)
DERIVED_PREFIX = "d__"
PER_CAPITA_NORMALISERS = ("per_10k_residents", "per_million_residents", "per_10k_entities", "per_10k_firms",
                          "per_1k_entities", "per_1k_firms")


# What a derived combination counts (indicators' `counts`), when no named sibling says it: per-10k
# figures are computed for people, firms and money only (etl.normalize.comparable).
MEASURE_COUNTS = {"amount": "money", "attendance": "people", "workers": "people", "firms": "firms", "users": "firms",
                  "applications": "ip_rights", "grants": "ip_rights", "registrations": "ip_rights",
                  "filings": "ip_rights", "contracts": "contracts", "deals": "contracts", "times": "events",
                  "sessions": "events", "settled": "bodies", "rank": "rank", "duration": "duration"}


def _derived_counts(facets: Facets, sibling: Indicator | None) -> str:
    if facets.growth or facets.nature == "rate":
        return "rate" if facets.measure != "duration" or facets.growth else "duration"
    if sibling is not None and sibling.counts and not sibling.denominator:
        return sibling.counts  # a tier or qualifier of a named kind counts what that kind counts
    if facets.measure == "count":  # a count of a kind no entry names: firms, rights, or bodies and designations
        if facets.subjects[-1].endswith("_firm"):
            return "firms"
        return "ip_rights" if facets.category == "creation" else "bodies"
    return MEASURE_COUNTS.get(facets.measure, "rate")


def measure_unit(measure: str) -> str:
    return MEASURE_INFO[measure][3]


@dataclass(frozen=True)
class Decision:
    """A target's indicator and how it was decided; `reason` says why none (or what the sentence added)."""

    indicator: Indicator | None
    facets: Facets | None
    decided_by: str
    reason: str = ""
    conflict: Indicator | None = None  # the named indicator its facets state, when the unit forbade it
    kind_category: str | None = None  # unmapped: the category of the kind its name mentions, if any


@dataclass(frozen=True)
class Match:
    """How a raw name was matched: method is named or derived; alias holds the facets' key."""

    indicator: Indicator
    method: str
    alias: str  # the alias (or pattern / context alias) as written in the dictionary
    key: tuple = ()  # identifies the dictionary entry used (aliases equal once normalised share one)


class DictionaryError(ValueError):
    """indicators.yaml is inconsistent; str() names the file and the entry."""

    def __init__(self, path: Path, message: str):
        super().__init__(f"{path}: {message}")


@dataclass
class NameCounts:
    """How often each raw name mapped to each indicator, or to none, and which aliases were used."""
    mapped: Counter = field(default_factory=Counter)    # (raw name, indicator id) → count
    unmapped: Counter = field(default_factory=Counter)  # raw name → count
    used: set = field(default_factory=set)              # alias keys that matched

    def update(self, other: NameCounts) -> None:
        self.mapped.update(other.mapped)
        self.unmapped.update(other.unmapped)
        self.used |= other.used


@dataclass
class HarmonizeReport:
    """Outcome of mapping a batch of raw names (the mapping file's complaints)."""

    mapped: list[tuple[str, str, int]] = field(default_factory=list)  # (raw_name, indicator_id, count)
    unmapped: list[tuple[str, int]] = field(default_factory=list)  # (raw_name, count)
    unused_aliases: list[tuple[str, str]] = field(default_factory=list)  # (indicator_id, alias)

    def warnings(self) -> list[str]:
        lines = [f"unmapped indicator name: {name!r} (x{count})" for name, count in self.unmapped]
        lines += [f"unused alias of {ind}: {alias!r}" for ind, alias in self.unused_aliases]
        return lines

    def __str__(self) -> str:
        total = sum(c for _, _, c in self.mapped) + sum(c for _, c in self.unmapped)
        out = [
            f"Indicator names: {total} occurrences, {len(self.mapped)} distinct names mapped, "
            f"{len(self.unmapped)} distinct names unmapped."
        ]
        if self.unmapped:
            out.append("Unmapped (teach etl/vocab/facets.py the word, name the combination in data/reference/indicators.yaml, or fix the extractor):")
            out += [f"  {count:>3} × {name}" for name, count in self.unmapped]
        if self.unused_aliases:
            out.append(
                f"Aliases that matched none of these names ({len(self.unused_aliases)}; "
                "wordings of other plans are expected here):"
            )
            by_indicator: dict[str, list[str]] = {}
            for ind, alias in self.unused_aliases:
                by_indicator.setdefault(ind, []).append(alias)
            out += [f"  {ind}: {', '.join(aliases)}" for ind, aliases in by_indicator.items()]
        return "\n".join(out)


class Harmonizer:
    """The dictionary of named facet combinations, and the decision for each target (see module doc)."""

    def __init__(self, indicators: list[Indicator], path: Path, aliases: list[tuple[str, str]] | None = None):
        self._indicators = {ind.id: ind for ind in indicators}
        self._order = [ind.id for ind in indicators]
        self._by_key = {ind.facets: ind for ind in indicators if ind.facets}
        self._written = aliases or [(ind.id, ind.zh) for ind in indicators]
        self.path = path
        # subject+measure → the first named indicator's family: a derived combination joins it (related)
        self._families: dict[tuple[str, str], Indicator] = {}
        for ind in indicators:
            if ind.facets:
                f = Facets.from_key(ind.facets)
                self._families.setdefault((f.subject, f.measure), ind)
        self._derived: dict[str, Indicator] = {}
        self._decided: dict[tuple, Decision] = {}  # decide's answers by their inputs (see there)

    # ── loading ──────────────────────────────────────────────────────────────────────────
    @classmethod
    def load(cls, path: str | Path = DEFAULT_PATH) -> Harmonizer:
        path = Path(path)
        with open(path, encoding="utf-8") as fh:
            doc = yaml_io.safe_load(fh)
        units = set((doc.get("units") or {}).keys())
        families = {}
        for fam in doc.get("families") or []:
            if fam["id"] in families:
                raise DictionaryError(path, f"family {fam['id']!r} defined twice")
            families[fam["id"]] = fam
        indicators: list[Indicator] = []
        aliases: list[tuple[str, str]] = []
        named: dict[str, str] = {}
        for entry in doc.get("indicators") or []:
            ind = cls._indicator_from_entry(path, entry, families, units)
            if any(ind.id == other.id for other in indicators):
                raise DictionaryError(path, f"indicator {ind.id!r} defined twice")
            if ind.facets in named:
                raise DictionaryError(path, f"{ind.id} and {named[ind.facets]} name the same facets ({ind.facets})")
            named[ind.facets] = ind.id
            indicators.append(ind)
            for written in entry.get("aliases") or []:
                found = parse_name(written, ind.unit).facets
                if found is None or found.key != ind.facets:
                    raise DictionaryError(
                        path, f"{ind.id}: alias {written!r} reads as {found.key if found else 'nothing'}, "
                        f"not as the indicator's facets {ind.facets}")
                aliases.append((ind.id, written))
        if not indicators:
            raise DictionaryError(path, "no indicators")
        return cls(indicators, path, [(i.id, i.zh) for i in indicators] + aliases)

    @staticmethod
    def _indicator_from_entry(path: Path, entry: dict, families: dict, units: set) -> Indicator:
        ident = entry.get("id", "?")
        for key in ("id", "zh", "en", "category", "family", "unit", "per_capita", "description"):
            if entry.get(key) in (None, ""):
                raise DictionaryError(path, f"indicator {ident!r} has no {key}")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
            raise DictionaryError(path, f"indicator id {ident!r} is not snake_case")
        if entry["category"] not in schema.CATEGORIES:
            raise DictionaryError(path, f"{ident}: category {entry['category']!r} not one of {schema.CATEGORIES}")
        if entry["family"] not in families:
            raise DictionaryError(path, f"{ident}: family {entry['family']!r} is not in families:")
        if entry["unit"] not in units:
            raise DictionaryError(path, f"{ident}: unit {entry['unit']!r} is not in units:")
        if not isinstance(entry["per_capita"], bool):
            raise DictionaryError(path, f"{ident}: per_capita must be true or false")
        facets = entry.get("facets")
        if facets is None:  # a small test dictionary may leave it out: the name's own reading
            read = parse_name(entry["zh"], entry["unit"]).facets
            if read is None:
                raise DictionaryError(path, f"{ident}: no facets, and its name {entry['zh']!r} reads as none")
            facets = read.key
        measure = _measure_of(path, ident, entry)
        fam = families[entry["family"]]
        return Indicator(
            id=ident, zh=entry["zh"], en=entry["en"], category=entry["category"],
            family=entry["family"], family_zh=fam["zh"], family_en=fam["en"],
            unit=entry["unit"], per_capita=entry["per_capita"], description=entry["description"],
            nature=measure["nature"], counts=measure["counts"], numerator=measure["numerator"],
            denominator=measure.get("denominator"), facets=str(facets),
        )

    # ── lookups ──────────────────────────────────────────────────────────────────────────
    @property
    def indicators(self) -> list[Indicator]:
        return [self._indicators[i] for i in self._order]

    def get(self, indicator_id: str) -> Indicator:
        return self._indicators[indicator_id]

    def find(self, indicator_id) -> Indicator | None:
        """A named indicator, or a derived one rebuilt from its id; None for anything else."""
        if not isinstance(indicator_id, str):
            return None
        if indicator_id in self._indicators:
            return self._indicators[indicator_id]
        if indicator_id.startswith(DERIVED_PREFIX):
            try:
                return self.derived(Facets.from_key(indicator_id[len(DERIVED_PREFIX):]))
            except (KeyError, ValueError, IndexError):
                return None
        return None

    def aliases(self, indicator_id: str | None = None) -> list[tuple[str, str]]:
        """(indicator_id, wording) pairs in dictionary order: each zh name, then the aliases."""
        rows = list(self._written)
        if indicator_id is not None:
            rows = [r for r in rows if r[0] == indicator_id]
        return rows

    def named(self, facets: Facets) -> Indicator | None:
        return self._by_key.get(facets.key)

    def derived(self, facets: Facets) -> Indicator:
        """The indicator of a combination no entry names: a stable id and a label from its facets."""
        key = facets.key
        if key not in self._derived:
            sibling = self._families.get((facets.subject, facets.measure)) or self._families.get(
                (RELATED_KINDS.get(facets.subject, ""), facets.measure))
            family = (sibling.family, sibling.family_zh, sibling.family_en) if sibling else (
                f"{DERIVED_PREFIX}{facets.subject}__{facets.measure}",
                Facets(facets.subject, facets.measure).label_zh(), Facets(facets.subject, facets.measure).label_en())
            unit = sibling.unit if sibling and sibling.facets and Facets.from_key(sibling.facets).growth == facets.growth \
                else ("%" if facets.growth else measure_unit(facets.measure))
            self._derived[key] = Indicator(
                id=DERIVED_PREFIX + key, zh=facets.label_zh(), en=facets.label_en(),
                category=sibling.category if sibling else facets.category,
                family=family[0], family_zh=family[1], family_en=family[2], unit=unit,
                per_capita=facets.normaliser in PER_CAPITA_NORMALISERS,
                description="Derived from its facets: " + facets.describe(), nature=facets.nature,
                counts=_derived_counts(facets, sibling),
                numerator="", denominator=None, facets=key)
        return self._derived[key]

    def decide(self, raw_name, context: str = "", unit: str | None = None, value=None) -> Decision:
        """Which indicator a target's name states, and how that was decided (named | derived | unmapped).
        Remembered by its inputs (the answer is frozen, the dictionary never changes): the build asks it of
        each target twice, for the target's row and for the name counts.  A sentence longer than
        etl.base.memo.LONGEST_REMEMBERED is read afresh, and a full memory starts again empty."""
        if not isinstance(context, str) or len(context) > LONGEST_REMEMBERED:
            return self._decide(raw_name, context, unit, value)
        key = (raw_name, type(raw_name), context, unit, value, type(value))  # (1 and 1.0 are one key without the type)
        decision = self._decided.get(key)
        if decision is None:
            if len(self._decided) >= CACHE_SIZE:
                self._decided.clear()
            decision = self._decided[key] = self._decide(raw_name, context, unit, value)
        return decision

    def _decide(self, raw_name, context: str, unit: str | None, value) -> Decision:
        if not isinstance(raw_name, str) or not raw_name.strip():
            if not context or value is None:
                return Decision(None, None, UNMAPPED, "no name")
            raw_name = ""  # a staged statement's second value may still be read from its sentence
        parsed = parse(raw_name, context or "", value, unit)
        if parsed.facets is None:
            return Decision(None, None, UNMAPPED, parsed.reason, kind_category=category_of(raw_name))
        named = self.named(parsed.facets)
        if named is not None:
            if not units_agree(unit, named.unit):
                return Decision(None, parsed.facets, UNMAPPED, f"unit {unit} does not fit {named.id} ({named.unit})",
                                conflict=named)
            return Decision(named, parsed.facets, NAMED, "; ".join(parsed.notes))
        return Decision(self.derived(parsed.facets), parsed.facets, DERIVED, "; ".join(parsed.notes))

    def match(self, raw_name: str, context: str = "", unit: str | None = None, value=None) -> Indicator | None:
        return self.decide(raw_name, context, unit, value).indicator

    def unit_conflict(self, raw_name: str, context: str, unit: str | None, value=None) -> Indicator | None:
        """The named indicator a name's facets state when its value's unit forbids it."""
        return self.decide(raw_name, context, unit, value).conflict

    def explain(self, raw_name: str, context: str = "", unit: str | None = None, value=None) -> Match | None:
        decision = self.decide(raw_name, context, unit, value)
        if decision.indicator is None:
            return None
        return Match(decision.indicator, decision.decided_by, decision.facets.key, (decision.decided_by,
                                                                                      decision.indicator.id))

    # ── outputs ──────────────────────────────────────────────────────────────────────────
    def indicators_frame(self, targets: pd.DataFrame | None = None) -> pd.DataFrame:
        """The named indicators, and the derived ones the given targets carry."""
        found = self.indicators
        if targets is not None and len(targets):
            ids = sorted({i for i in targets["indicator_id"].dropna().unique() if i not in self._indicators})
            found = found + [d for d in (self.find(i) for i in ids) if d is not None]
        rows = [
            {
                "indicator_id": ind.id, "indicator_zh": ind.zh, "indicator_en": ind.en,
                "category": ind.category, "family": ind.family, "family_zh": ind.family_zh,
                "family_en": ind.family_en, "unit": ind.unit, "per_capita": ind.per_capita,
                "description": ind.description, "numerator": ind.numerator, "denominator": ind.denominator,
                "nature": ind.nature, "counts": ind.counts, "facets": ind.facets,
                "decided_by": NAMED if ind.id in self._indicators else DERIVED,
            }
            for ind in found
        ]
        frame = pd.DataFrame(rows, columns=schema.columns("indicators"))
        frame["per_capita"] = frame["per_capita"].astype(bool)
        return frame

    def report(self, raw_names: Iterable[str | tuple[str, str]]) -> HarmonizeReport:
        """Map a batch of raw names (or (raw_name, context[, unit]) tuples) and list what did not fit."""
        return self.report_from_counts(self.count_names(raw_names))

    def count_names(self, raw_names: Iterable[str | tuple[str, str]]) -> NameCounts:
        """The report's counts for one batch of names; batches counted apart (one per build
        worker) add up with NameCounts.update, so the names need not be matched twice."""
        counts = NameCounts()
        for item in raw_names:
            raw, ctx = (item, "") if isinstance(item, str) else (item[0], item[1] or "")
            unit = item[2] if not isinstance(item, str) and len(item) > 2 else None  # as the rows were matched
            unit = None if isinstance(unit, float) else unit
            value = item[3] if not isinstance(item, str) and len(item) > 3 else None
            value = None if isinstance(value, float) and value != value else value
            if raw is None or (isinstance(raw, float) and raw != raw):
                continue  # a row without a name (a correction's added row may have none)
            found = self.decide(raw, ctx, unit, value)
            if found.indicator is None:
                counts.unmapped[raw] += 1
            else:
                counts.mapped[(raw, found.indicator.id)] += 1
                counts.used.add(found.indicator.id)
        return counts

    def report_from_counts(self, counts: NameCounts) -> HarmonizeReport:
        return HarmonizeReport(
            mapped=sorted((raw, ind, c) for (raw, ind), c in counts.mapped.items()),
            unmapped=sorted(counts.unmapped.items()),
            unused_aliases=sorted({(ind, written) for ind, written in self._written if ind not in counts.used}),
        )


NATURES = ("stock", "flow", "rate")
COUNTS = ("people", "firms", "money", "ip_rights", "bodies", "places", "products", "brands", "projects",
          "contracts", "cases", "events", "awards", "rate", "rank", "duration", "commitment")


def _measure_of(path: Path, ident: str, entry: dict) -> dict:
    """An indicator's `measure:` (numerator, denominator, nature, counts), checked."""
    measure = entry.get("measure")
    if measure is None:  # a small test dictionary may leave it out; the shipped one states it for every indicator
        return {"numerator": "", "nature": None, "counts": None}
    if not isinstance(measure, dict) or not measure.get("numerator"):
        raise DictionaryError(path, f"{ident}: measure needs numerator, denominator, nature and counts")
    if measure.get("nature") not in NATURES:
        raise DictionaryError(path, f"{ident}: measure nature {measure.get('nature')!r} not one of {NATURES}")
    if measure.get("counts") not in COUNTS:
        raise DictionaryError(path, f"{ident}: measure counts {measure.get('counts')!r} not one of {COUNTS}")
    if entry.get("per_capita") and not measure.get("denominator"):
        raise DictionaryError(path, f"{ident}: a per-capita indicator names its denominator")
    return measure


def harmonize_report_cli(raw_names: Iterable[str | tuple[str, str]] | None = None,
                         path: str | Path = DEFAULT_PATH, out=None) -> int:
    """Print the harmonisation report; 0 if every name mapped, 1 otherwise.

    With raw_names None, names are read one per line from standard input, so
    `python -m etl harmonize < names.txt` works as well as the lead's call with the
    extractor's names.
    """
    out = out or sys.stdout
    harmonizer = Harmonizer.load(path)
    if raw_names is None:
        raw_names = [line.strip() for line in sys.stdin if line.strip()]
    report = harmonizer.report(raw_names)
    print(report, file=out)
    return 1 if report.unmapped else 0


def main(argv: list[str] | None = None) -> int:
    """`python -c "from etl.harmonize.dictionary import main; main()" NAME …` (names from argv or stdin)."""
    argv = sys.argv[1:] if argv is None else argv
    return harmonize_report_cli(argv or None)


if __name__ == "__main__":
    raise SystemExit(main())


# --- the dictionary every step shares ------------------------------------------------------------

@lru_cache(maxsize=1)
def harmonizer() -> Harmonizer:
    """The canonical dictionary, loaded once per process (forked build workers inherit it)."""
    return Harmonizer.load()


class _PerCapitaIds(frozenset):
    """The named per-capita ids, and any derived id whose facets carry a per-head normaliser."""

    def __contains__(self, indicator_id) -> bool:
        if frozenset.__contains__(self, indicator_id):
            return True
        return isinstance(indicator_id, str) and indicator_id.startswith(DERIVED_PREFIX) and any(
            f"__n_{n}" in indicator_id for n in PER_CAPITA_NORMALISERS)


@lru_cache(maxsize=1)
def per_capita_ids() -> frozenset[str]:
    """Indicators already counted per head (每万人…): never divided by population again."""
    return _PerCapitaIds(i.id for i in harmonizer().indicators if i.per_capita)
