"""The review page's lists: the queue of rows most worth a person's look (dashboard.review), each
with a link to its sentence and, where corrections may be saved, to its correction form; and the
counts per plan.  Plain Python: the page caches the answer per warehouse version (st.cache_data),
since at 1,000 plans the pandas work took about as long as the reference page."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from dashboard import queries
from dashboard import review as rv
from dashboard.glossary import region_name
from dashboard.i18n import t
from dashboard.services import decisions
from etl.api import harmonizer, normalize_name

REVIEW_PAGE = "review"  # url_path of pages/review.py (app.py)


def review_url(doc_id: str, target_id) -> str | None:
    """The correction form of one target (None for a queue row that names no target)."""
    return f"{REVIEW_PAGE}?doc={doc_id}&target={target_id}" if isinstance(target_id, str) else None


def review_lists(editable: bool, lang: str = "zh") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(queue with source_url and correct_url, counts per plan) of the warehouse as it is now, its
    `what` worded in `lang`."""
    queue = rv.review_queue(queries.review_candidates(), queries.quality_notes(), queries.corrections_log(),
                            region_names(lang), lang=lang)
    queue = queue.assign(source_url=[queries.source_url(d, tg if isinstance(tg, str) else None)
                                     for d, tg in zip(queue["doc_id"], queue["target_id"])],
                         correct_url=[review_url(d, tg) if editable else None
                                      for d, tg in zip(queue["doc_id"], queue["target_id"])])
    return queue, rv.queue_counts(queue)


def region_names(lang: str) -> pd.Series:
    """region_id → the region's name in `lang` (English: the manifest's, else composed in pinyin), as the
    other pages label regions: the queue's region_zh column holds it (an English page showed 宜兴市)."""
    regions = queries.regions().drop_duplicates("region_id")
    return pd.Series([region_name(zh, en, lang) for zh, en in zip(regions["region_zh"], regions["region_en"])],
                     index=regions["region_id"], dtype=object)


# --- issue 20: the names no dictionary entry names, grouped so a combination is named once ---------

GROUP_COLUMNS = ["group_id", "kind", "group", "facets_text", "targets", "regions", "reason", "names", "entry",
                 "target_ids"]


def decision_groups(lang: str = "zh", undecided: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per group of targets the dictionary does not name: derived targets by their facet
    combination (indicator_id d__…), unmapped ones by their normalised raw name.  Columns: group_id
    (stable: the kind and the combination or name), kind (derived | unmapped), group (the
    combination's label, or the name in 「」), facets_text, targets, regions, reason (the page's
    language), names (the plan wordings, in 「」), entry (the YAML naming a derived combination;
    empty for unmapped) and target_ids.  Most targets first."""
    frame = queries.undecided_targets() if undecided is None else undecided
    if frame.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    frame = frame.assign(group_key=[
        ind if kind == "derived" and isinstance(ind, str) else normalize_name(raw if isinstance(raw, str) else "")
        for kind, ind, raw in zip(frame["indicator_decided_by"], frame["indicator_id"], frame["raw_name"])])
    avoid = region_words(queries.region_names()) if undecided is None else region_words(frame["region_zh"])
    rows = [_group_row(kind, key, members, lang, avoid)
            for (kind, key), members in frame.groupby(["indicator_decided_by", "group_key"], sort=False)]
    out = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    return out.sort_values(["targets", "regions", "kind", "group_id"], ascending=[False, False, True, True],
                           kind="stable").reset_index(drop=True)


def region_words(names) -> tuple[str, ...]:
    """Region names and their stems (宜兴市 → 宜兴): words no dictionary alias may hold."""
    words = set()
    for name in names:
        if isinstance(name, str) and name:
            words.add(name)
            stem = name[:-1] if name[-1] in "市县区" else name
            if len(stem) >= 2:
                words.add(stem)
    return tuple(sorted(words, key=len, reverse=True))


def _group_row(kind: str, key: str, members: pd.DataFrame, lang: str, avoid: tuple[str, ...]) -> dict:
    first = members.iloc[0].to_dict()
    names = [n for n in dict.fromkeys(members["raw_name"]) if isinstance(n, str) and n]
    n_targets, n_regions = len(members), members["region_id"].nunique()
    if kind == "derived":
        found = harmonizer().find(key)
        group = (found.en if lang == "en" else found.zh) if found else key
        reason = t("review_group_reason_derived", lang)
        entry = decisions.dictionary_entry(key, list(zip(members["raw_name"], members["unit"])), avoid)
    else:
        group = f"「{names[0]}」" if names else "—"
        reasons = [r for r in members["indicator_reason"] if isinstance(r, str) and r]
        reason = decisions.reason_text(Counter(reasons).most_common(1)[0][0], lang) if reasons else ""
        entry = ""
    return {"group_id": f"{kind}:{key}", "kind": kind, "group": group,
            "facets_text": decisions.facets_text(first.get("facets"), lang), "targets": n_targets,
            "regions": n_regions, "reason": reason, "names": "、".join(f"「{n}」" for n in names) if lang == "zh"
            else ", ".join(f"「{n}」" for n in names), "entry": entry, "target_ids": list(members["target_id"])}


def group_targets(group: dict, lang: str, editable: bool) -> pd.DataFrame:
    """The targets of one group (region_id and region_zh, target_id, raw_name as a page shows it, how its
    indicator was decided, quote), each with its sentence and, where corrections may be saved, its form."""
    frame = queries.undecided_targets()
    frame = frame[frame["target_id"].isin(group["target_ids"])]
    return pd.DataFrame({
        "region_id": frame["region_id"], "region_zh": frame["region_zh"], "target_id": frame["target_id"],
        "raw_name": [decisions.plan_wording(name, lang) for name in frame["raw_name"]],
        "decision": [decisions.decision_line(r, lang) for r in frame.to_dict("records")],
        "quote": frame["quote"],
        "source_url": [queries.source_url(d, tg) for d, tg in zip(frame["doc_id"], frame["target_id"])],
        "correct_url": [review_url(d, tg) if editable else None for d, tg in zip(frame["doc_id"], frame["target_id"])],
    }).reset_index(drop=True)
