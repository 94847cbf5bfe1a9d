"""Harmonise the plans' own indicator names to the canonical dictionary.

Plans word the same indicator many ways (每万人有效发明专利拥有量, 万人发明专利拥有量 …).
`data/reference/indicators.yaml` lists the canonical indicators with their phrasings; this
module maps a raw name (the noun phrase the extractor found before a number) to one of them.

Like OWID's `harmonize_countries`, the mapping file complains: `Harmonizer.report` lists the
raw names that map to nothing and the aliases that matched no raw name, so a new plan's
wording shows up as a warning instead of silently becoming an empty indicator.

Matching, in order (both sides normalised first, see `normalize_name`):
  1. exact alias;
  2. the longest alias (or pattern match) contained in the name, aliases shorter than
     MIN_ALIAS_CHARS never count here; a name ending in 率/比重/占比 only goes to an indicator
     in % or 分, one ending in 周期/时间 only to one in days, and a density wording
     (每千户…, 万人…) only to a per-capita indicator;
  3. context fallback: the name IS one of an indicator's `context_aliases` (年融资金额,
     满意度 …) and the sentence contains one of its `context_keywords`; if several
     indicators qualify, the one whose keyword sits nearest the name wins, a tie maps to
     nothing.
Everything is ordered explicitly, so the result never depends on dict or set order.
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
from etl.base.paths import INDICATORS
from etl.vocab.lexicon import REGION_LEAD
from etl.vocab.units import units_agree

DEFAULT_PATH = INDICATORS

# A contained alias shorter than this says too little on its own (专利, 企业 …).
MIN_ALIAS_CHARS = 3

# Words that change scope (new, cumulative, yearly) but not which indicator is meant; the
# scope itself is read by the extractor from the sentence, not from the name.
_SCOPE_WORDS = ("新增", "累计", "年度", "每年", "年均", "达到", "总数", "数量")
# Trailing quantity words: 授权量 / 授权数量 / 授权数 all name the same count.
_QUANTITY_SUFFIXES = ("总额", "金额", "总量", "件数", "数", "量", "额")
# Trailing verbs an extractor may leave on the name (…企业累计达, …人才超过).
_TRAILING_VERBS = ("不低于", "不少于", "超过", "以上", "达", "超", "为")
# Leading words naming the whole region (全市, 全社会 …) carry no meaning for the match.
_LEADING_REGION = re.compile(rf"^(?:{'|'.join(REGION_LEAD)})")
# List markers an extractor may leave at the start of a name: 1. / 2） / 二） / ② / ● …
_LEADING_ENUMERATOR = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]{1,3}[.、)）．]|[①-⑳●○■□◆◇·•▪\-—])\s*")
# A name whose ending says what it measures may only fall into an indicator with that kind of
# unit: 侵权纠纷行政裁决案件办结率 is a rate, not a count of ruling cases, and 行政裁决平均结案周期
# is a duration.  (ending words, allowed canonical units)
UNIT_ENDINGS = [
    (("率", "比重", "占比", "比例"), {"%", "分"}),
    (("周期", "时间", "时长", "天数", "用时"), {"天"}),
]
# A density wording (每千户…, 万人…) may only fall into a per-capita indicator: otherwise a
# per-thousand figure would be taken for a count and divided by population again.
_DENSITY_NAME = re.compile(r"^(万人|万户|每?千人|每?千户|每?百人|每?百户)")


def normalize_name(text: str) -> str:
    """The comparable form of an indicator name (applied to aliases and raw names alike)."""
    # Enumerators go before and after width folding: NFKC turns ② into 2, and １． into 1.
    text = _LEADING_ENUMERATOR.sub("", text or "")
    text = unicodedata.normalize("NFKC", text).lower()
    text = _LEADING_ENUMERATOR.sub("", text)
    # Drop spaces, quotes, brackets and list commas: “贯标”, 保护（维权）, 试点、示范.
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "Z", "C")))
    for word in _SCOPE_WORDS:
        text = text.replace(word, "")
    # 每万人口 / 每万人 / 万人 are one density wording.
    text = text.replace("每万", "万").replace("万人口", "万人")
    # 每万人拥有的高价值发明专利 / 每万人口高价值发明专利拥有量: one density, 拥有 before or after.
    if text.startswith("万人"):
        text = "万人" + text[2:].removeprefix("拥有的").removeprefix("拥有")
    text = _LEADING_REGION.sub("", text)
    if text.startswith("年") and len(text) > 1:  # 年融资金额, 年专题培训: "per year" is scope
        text = text[1:]
    changed = True
    while changed:
        changed = False
        for verb in _TRAILING_VERBS:
            if text.endswith(verb) and len(text) > len(verb):
                text, changed = text[: -len(verb)], True
    for suffix in _QUANTITY_SUFFIXES:
        if text.endswith(suffix):
            # Keep at least MIN_ALIAS_CHARS: 质押金额 must not shrink to the meaningless 质押.
            if len(text) - len(suffix) >= MIN_ALIAS_CHARS:
                text = text[: -len(suffix)]
            break
    if text.startswith("万人") and text.endswith("拥有") and len(text) > 4:
        text = text[:-2]
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


@dataclass(frozen=True)
class Match:
    """How a raw name was matched: method is exact, contained, pattern or context."""

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
            out.append("Unmapped (add an alias to data/reference/indicators.yaml or fix the extractor):")
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


@dataclass(frozen=True)
class _Alias:
    normalized: str
    written: str
    indicator_id: str


class Harmonizer:
    def __init__(self, indicators: list[Indicator], aliases: list[_Alias],
                 patterns: list[tuple[re.Pattern, str, str]],
                 context_rules: list[tuple[str, str, str, tuple[str, ...]]], path: Path,
                 written_aliases: list[tuple[str, str, tuple]] | None = None):
        self._indicators = {ind.id: ind for ind in indicators}
        # Every alias as written, with the key of the entry it resolves to (for the report).
        self._written = written_aliases or [(a.indicator_id, a.written, ("alias", a.normalized)) for a in aliases]
        self._order = [ind.id for ind in indicators]
        self._exact = {a.normalized: a for a in aliases}
        # Longest first, then alphabetical: the contained-match winner is deterministic.
        self._by_length = sorted(aliases, key=lambda a: (-len(a.normalized), a.normalized))
        # alias positions in that order by their first character: a name is only tried against the
        # aliases that can occur in it (most of a name's look-up was the loop over every alias)
        self._by_first: dict[str, list[int]] = {}
        for position, alias in enumerate(self._by_length):
            if alias.normalized:
                self._by_first.setdefault(alias.normalized[0], []).append(position)
        self._patterns = patterns  # (compiled, written, indicator_id)
        self._context_rules = context_rules  # (normalized alias, written, indicator_id, keywords)
        self.path = path
        self._explained: dict[tuple, Match | None] = {}

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
        aliases: dict[str, _Alias] = {}
        patterns: list[tuple[re.Pattern, str, str]] = []
        context_rules: list[tuple[str, str, str, tuple[str, ...]]] = []
        written_aliases: list[tuple[str, str, tuple]] = []
        for entry in doc.get("indicators") or []:
            ind = cls._indicator_from_entry(path, entry, families, units)
            if any(ind.id == other.id for other in indicators):
                raise DictionaryError(path, f"indicator {ind.id!r} defined twice")
            indicators.append(ind)
            for written in [ind.zh, *(entry.get("aliases") or [])]:
                norm = normalize_name(written)
                if len(norm) < MIN_ALIAS_CHARS:
                    raise DictionaryError(
                        path, f"{ind.id}: alias {written!r} is too short to match alone; "
                        "put it under context_aliases")
                known = aliases.get(norm)
                if known and known.indicator_id != ind.id:
                    raise DictionaryError(
                        path, f"alias {written!r} of {ind.id} is the same as {known.written!r} "
                        f"of {known.indicator_id} once normalised ({norm!r})")
                if not known:
                    aliases[norm] = _Alias(norm, written, ind.id)
                if (ind.id, written, ("alias", norm)) not in written_aliases:
                    written_aliases.append((ind.id, written, ("alias", norm)))
            for written in entry.get("patterns") or []:
                patterns.append((re.compile(written), written, ind.id))
                written_aliases.append((ind.id, written, ("pattern", written)))
            keywords = tuple(entry.get("context_keywords") or [])
            if entry.get("context_aliases") and not keywords:
                raise DictionaryError(path, f"{ind.id}: context_aliases need context_keywords")
            for written in entry.get("context_aliases") or []:
                context_rules.append((normalize_name(written), written, ind.id, keywords))
                written_aliases.append((ind.id, written, ("context", ind.id, normalize_name(written))))
        if not indicators:
            raise DictionaryError(path, "no indicators")
        return cls(indicators, list(aliases.values()), patterns, context_rules, path, written_aliases)

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
        measure = _measure_of(path, ident, entry)
        fam = families[entry["family"]]
        return Indicator(
            id=ident, zh=entry["zh"], en=entry["en"], category=entry["category"],
            family=entry["family"], family_zh=fam["zh"], family_en=fam["en"],
            unit=entry["unit"], per_capita=entry["per_capita"], description=entry["description"],
            nature=measure["nature"], counts=measure["counts"], numerator=measure["numerator"],
            denominator=measure.get("denominator"),
        )

    # ── lookups ──────────────────────────────────────────────────────────────────────────
    @property
    def indicators(self) -> list[Indicator]:
        return [self._indicators[i] for i in self._order]

    def get(self, indicator_id: str) -> Indicator:
        return self._indicators[indicator_id]

    def aliases(self, indicator_id: str | None = None) -> list[tuple[str, str]]:
        """(indicator_id, alias as written) pairs in dictionary order: the zh name, aliases,
        patterns, then context aliases."""
        rows = [(ind, written) for ind, written, _key in self._written]
        if indicator_id is not None:
            rows = [r for r in rows if r[0] == indicator_id]
        return rows

    def match(self, raw_name: str, context: str = "", unit: str | None = None) -> Indicator | None:
        found = self.explain(raw_name, context, unit)
        return found.indicator if found else None

    def unit_conflict(self, raw_name: str, context: str, unit: str | None) -> Indicator | None:
        """The indicator the name would map to if its value's unit did not forbid it (for the report:
        "高价值发明专利拥有量年均增长12%" names a count but states a rate)."""
        if not unit or self.match(raw_name, context, unit):
            return None
        return self.match(raw_name, context)

    def explain(self, raw_name: str, context: str = "", unit: str | None = None) -> Match | None:
        """Like match(), but says which rule and which alias decided.  With `unit` (the value's unit as
        written), an indicator counted in another kind of unit is never chosen (etl.vocab.units.units_agree):
        a growth rate in % is not a count in 件, a share in % is not a score in 分.  Remembered: the
        build asks again for its report, and plans repeat their wordings."""
        key = (raw_name, context, unit)
        if key not in self._explained:
            if len(self._explained) > 100_000:
                self._explained.clear()
            self._explained[key] = self._explain(raw_name, context, unit)
        return self._explained[key]

    def _explain(self, raw_name: str, context: str = "", unit: str | None = None) -> Match | None:
        name = normalize_name(raw_name)
        if not name:
            return None
        exact = self._exact.get(name)
        if exact and not units_agree(unit, self._indicators[exact.indicator_id].unit):
            exact = None
        if exact:
            return Match(self._indicators[exact.indicator_id], "exact", exact.written, ("alias", name))

        # Longest alias or pattern span inside the name; ties go to the alias list order above.
        best: tuple[int, int, str, str, str, tuple] | None = None  # (-length, kind, text, ind, method, key)
        for position in sorted(p for c in set(name) for p in self._by_first.get(c, ())):
            alias = self._by_length[position]
            if len(alias.normalized) < MIN_ALIAS_CHARS or len(alias.normalized) >= len(name) + 1:
                continue
            # the cheap substring test first: _fits is only asked about aliases that occur
            if alias.normalized in name and self._fits(name, alias.indicator_id, unit):
                best = (-len(alias.normalized), 0, alias.written, alias.indicator_id, "contained",
                        ("alias", alias.normalized))
                break
        for compiled, written, ind in self._patterns:
            if not self._fits(name, ind, unit):
                continue
            hit = compiled.search(name)
            if hit and len(hit.group(0)) >= MIN_ALIAS_CHARS:
                candidate = (-len(hit.group(0)), 1, written, ind, "pattern", ("pattern", written))
                if best is None or candidate < best:
                    best = candidate
        if best:
            return Match(self._indicators[best[3]], best[4], best[2], best[5])
        found = self._match_by_context(raw_name, name, context)
        return found if found and units_agree(unit, found.indicator.unit) else None

    def _fits(self, name: str, indicator_id: str, unit: str | None = None) -> bool:
        """Whether a name that only contains an alias may map to this indicator (see UNIT_ENDINGS), and
        whether the value's unit is of the indicator's kind."""
        indicator = self._indicators[indicator_id]
        if not units_agree(unit, indicator.unit):
            return False
        for endings, units in UNIT_ENDINGS:
            if name.endswith(endings) and indicator.unit not in units:
                return False
        if _DENSITY_NAME.match(name) and not indicator.per_capita:
            return False
        return True

    def _match_by_context(self, raw_name: str, name: str, context: str) -> Match | None:
        if not context:
            return None
        squeezed_context = "".join(context.split())
        squeezed_raw = "".join((raw_name or "").split())
        anchor = squeezed_context.find(squeezed_raw) if squeezed_raw else -1
        candidates: list[tuple[int, str, str]] = []  # (distance, indicator_id, alias)
        for alias_norm, written, ind, keywords in self._context_rules:
            if alias_norm != name:
                continue
            distances = [
                abs(pos - anchor) if anchor >= 0 else 0
                for kw in keywords
                for pos in _positions(squeezed_context, kw)
            ]
            if distances:
                candidates.append((min(distances), ind, written))
        if not candidates:
            return None
        candidates.sort()
        if len(candidates) > 1 and candidates[0][0] == candidates[1][0] and candidates[0][1] != candidates[1][1]:
            return None  # two indicators equally plausible: say nothing rather than guess
        distance, ind, written = candidates[0]
        return Match(self._indicators[ind], "context", written, ("context", ind, name))

    # ── outputs ──────────────────────────────────────────────────────────────────────────
    def indicators_frame(self) -> pd.DataFrame:
        rows = [
            {
                "indicator_id": ind.id, "indicator_zh": ind.zh, "indicator_en": ind.en,
                "category": ind.category, "family": ind.family, "family_zh": ind.family_zh,
                "family_en": ind.family_en, "unit": ind.unit, "per_capita": ind.per_capita,
                "description": ind.description, "numerator": ind.numerator, "denominator": ind.denominator,
                "nature": ind.nature, "counts": ind.counts,
            }
            for ind in self.indicators
        ]
        frame = pd.DataFrame(rows, columns=schema.columns("indicators"))
        frame["per_capita"] = frame["per_capita"].astype(bool)
        return frame

    def report(self, raw_names: Iterable[str | tuple[str, str]]) -> HarmonizeReport:
        """Map a batch of raw names (or (raw_name, context) pairs) and list what did not fit."""
        return self.report_from_counts(self.count_names(raw_names))

    def count_names(self, raw_names: Iterable[str | tuple[str, str]]) -> NameCounts:
        """The report's counts for one batch of names; batches counted apart (one per build
        worker) add up with NameCounts.update, so the names need not be matched twice."""
        counts = NameCounts()
        for item in raw_names:
            raw, ctx = (item, "") if isinstance(item, str) else (item[0], item[1] or "")
            unit = item[2] if not isinstance(item, str) and len(item) > 2 else None  # as the rows were matched
            unit = None if isinstance(unit, float) else unit
            if raw is None or (isinstance(raw, float) and raw != raw):
                continue  # a row without a name (a correction's added row may have none)
            found = self.explain(raw, ctx, unit)
            if found is None:
                counts.unmapped[raw] += 1
            else:
                counts.mapped[(raw, found.indicator.id)] += 1
                counts.used.add(found.key)
        return counts

    def report_from_counts(self, counts: NameCounts) -> HarmonizeReport:
        return HarmonizeReport(
            mapped=sorted((raw, ind, c) for (raw, ind), c in counts.mapped.items()),
            unmapped=sorted(counts.unmapped.items()),
            unused_aliases=sorted({(ind, written) for ind, written, key in self._written if key not in counts.used}),
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


def _positions(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)]


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


@lru_cache(maxsize=1)
def per_capita_ids() -> frozenset[str]:
    """Indicators already counted per head (每万人…): never divided by population again."""
    return frozenset(i.id for i in harmonizer().indicators if i.per_capita)
