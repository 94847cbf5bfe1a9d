"""The reader's tables: region and indicator names in the current language, key numbers, the quote
and a source link; a click on a row opens its sentence."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from dashboard import numbers
from dashboard.glossary import en
from dashboard.i18n import category_label, column_label, scope_label, t
from dashboard.ui.context import get_view
from dashboard.ui.source_links import row_clicked
from etl.api import CATEGORY_VALUES, COMPARATOR_CODES

# Kept in every download of a reader's table, not drawn as columns on screen (the sources page words them).
DECISION_COLUMNS = ["facets", "indicator_decided_by"]
TABLE_COLUMNS = ["region", "indicator", "value_std", "unit_std", "comparator", "scope", "target_year",
                 "baseline", "value_per_year", "value_per_10k_residents", "quote", "source_url"]


def display_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The reader's table: region and indicator names in the current language, key numbers,
    the quote and a source link.  Also what 'download what is shown' writes."""
    out = pd.DataFrame({
        "region": frame["region_en"].where((lang == "en") & frame["region_en"].notna(), frame["region_zh"])
        if "region_en" in frame else frame["region_zh"],
        "indicator": frame["indicator_en"].where((lang == "en") & frame["indicator_en"].notna() & (frame["indicator_en"] != ""),
                                                 frame["indicator_zh"]),
        # the symbol a reader knows (≥, not ASCII >=), as charts show it; downloads add the code beside it
        "comparator": frame["comparator"].map(lambda c: COMPARATOR_CODES.get(c, (c, c))[1]),
        "value_std": frame["value_std"], "unit_std": frame["unit_std"],
        "scope": [scope_label(s, lang, short=True) if isinstance(s, str) and s else None for s in frame["scope"]],
        "target_year": frame["target_year"], "source_url": frame["source_url"], "quote": frame["quote"],
        "raw_name": frame["raw_name"], "baseline": frame["baseline"],
        "value_per_year": frame["value_per_year"], "value_per_10k_residents": frame["value_per_10k_residents"],
        "target_id": frame["target_id"],
    })
    written = numbers.display_columns(frame, lang)  # 30亿元 / ¥3bn as the charts write it, beside the raw number
    for name, column, _unit in numbers.DISPLAY_COLUMNS:
        out.insert(out.columns.get_loc(column), name, written[name].to_numpy())
    for column in DECISION_COLUMNS:  # how the indicator was decided travels with every download (issue 20)
        out[column] = frame[column].to_numpy() if column in frame else None
    return out.reset_index(drop=True)


def table_config(lang: str, present: bool = False) -> dict:
    config = {column: st.column_config.Column(column_label(column, lang)) for column in TABLE_COLUMNS + ["raw_name"]}
    config["target_id"] = st.column_config.TextColumn("ID", width="small")
    # The link column says "open ↗" and is named for what it is, so it is never confused
    # with the quote column beside it (both used to read 原文).
    # Pixel widths: presentation mode's larger type needs wider columns.
    config["source_url"] = st.column_config.LinkColumn(column_label("source_url", lang), display_text=t("open_link", lang),
                                                       width=120 if present else 80)
    config["quote"] = st.column_config.TextColumn(column_label("quote", lang), width="large")
    config["scope"] = st.column_config.TextColumn(column_label("scope", lang),  # 期内累计新增 in full
                                                  width=150 if present else 110)
    for number in ("value_std", "baseline", "value_per_year", "value_per_10k_residents"):
        config[number] = st.column_config.NumberColumn(column_label(number, lang), format="%.4g")
    config["target_year"] = st.column_config.NumberColumn(column_label("target_year", lang), format="%d")
    return config


MISSING_CELL = "—"  # what an empty cell shows on screen; downloads keep the real empty value


def target_option(row: dict, lang: str) -> str:
    """A target as a pick-list option: id · canonical indicator name; the plan's own wording is
    added in 「」 (a quotation mark the wording itself may hold would end a “…” quote; in English it is the only Chinese, and it is the plan's, not ours)."""
    name = row.get("indicator_en") if lang == "en" else row.get("indicator_zh")
    raw = row.get("raw_name") if isinstance(row.get("raw_name"), str) and row.get("raw_name") else "—"
    if not isinstance(name, str) or not name:
        return f"{row['target_id']} · 「{raw}」"
    return f"{row['target_id']} · {name} · 「{raw}」"


def shown_units(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as the screen shows it: units in the reader's language (downloads keep the codes)."""
    if lang != "en" or "unit_std" not in table:
        return table
    return table.assign(unit_std=table["unit_std"].map(lambda u: en(u) if isinstance(u, str) else u))


def show_table(table: pd.DataFrame, lang: str, key: str, height: int | str = "auto") -> None:
    """The reader's table; a click on a row (its target_id) opens the row's sentence."""

    config = table_config(lang, get_view().present)
    if "category" in table:  # the cells keep the code (the download's category), the reader sees its name
        codes = [*CATEGORY_VALUES, *sorted(set(table["category"].dropna()) - set(CATEGORY_VALUES))]
        config["category"] = st.column_config.SelectboxColumn(
            column_label("category", lang), options=codes, format_func=lambda c: category_label(c, lang))
    for column in table.columns:  # the columns a page adds (doc_id, provenance …) named too
        config.setdefault(column, st.column_config.Column(column_label(column, lang)))
    table = shown_units(table, lang)
    config.update({raw: None for raw in numbers.shown_as_text(table)})  # the download keeps them; the screen writes them
    config.update({column: None for column in DECISION_COLUMNS if column in table})
    if "target_id" not in table:
        st.dataframe(table, column_config=config, hide_index=True, key=key, height=height, placeholder=MISSING_CELL)
        return
    st.dataframe(table, column_config=config, hide_index=True, key=key, height=height, placeholder=MISSING_CELL,
                 on_select=partial(row_clicked, key, list(table["target_id"])), selection_mode="single-row")
    st.caption(t("row_click_help", lang))

