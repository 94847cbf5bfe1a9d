"""The view a page draws in: language, presentation mode, image format, the warehouse's regions
with their names and colours (one colour per region on every chart), and this session's uploads.
app.py's sidebar sets it once a run (sidebar_controls); pages read it with get_view()."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.colors import region_colors
from dashboard.glossary import region_name
from dashboard.i18n import LANGS, t
from dashboard.services import warehouse
from dashboard.state import keep_choices_across_languages, seed_choice, seed_flag

IMAGE_FORMATS = ["png", "svg"]


@dataclass(frozen=True)
class View:
    lang: str
    present: bool
    image_format: str
    regions: pd.DataFrame                 # the warehouse's regions, sorted by region_id
    region_labels: dict[str, str]         # region_id → name in the current language
    colors: dict[str, str]                # region_id → colour (same on every chart)

    @property
    def source(self) -> str:
        return t("source_line", self.lang)

    def source_for(self, region_ids=None, doc_ids=None) -> str:
        """A chart's source line, and so its exported image's: the plans drawn (of these regions, or
        these documents) by issuer and year, a draft marked; the generic line when none is known
        (a session's upload only)."""
        from dashboard.citation import short_citation

        docs = warehouse.documents_meta(tuple(region_ids) if region_ids is not None else None,
                                      tuple(doc_ids) if doc_ids is not None else None)
        return short_citation(docs.to_dict("records"), self.lang) if len(docs) else self.source


def uploaded_targets() -> pd.DataFrame | None:
    """Targets a user uploaded this session (pages/upload.py), or None."""
    frame = st.session_state.get("uploaded_targets")
    return frame if isinstance(frame, pd.DataFrame) and not frame.empty else None


def region_label(row, lang: str) -> str:
    if lang == "en" and isinstance(row.get("region_en"), str) and row.get("region_en"):
        return row["region_en"]
    return row["region_zh"]


def sidebar_controls() -> View:
    """Language, presentation mode and image format; seeded from and written to the URL."""
    lang_guess = st.query_params.get("lang", "zh")
    lang = lang_guess if lang_guess in LANGS else "zh"
    seed_choice("lang", LANGS, "zh", lang)
    seed_flag("present", lang)
    with st.sidebar:
        lang = st.radio(t("language", lang), LANGS, key="lang", horizontal=True,
                        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
                        on_change=keep_choices_across_languages)
        present = st.toggle(t("present", lang), key="present")
        image_format = st.radio(t("image_format", lang), IMAGE_FORMATS, key="image_format",
                                horizontal=True, format_func=str.upper)
    return current_view(lang, present, image_format)


def current_view(lang: str, present: bool, image_format: str = "png") -> View:
    regions = warehouse.regions()
    # Vectorised, not iterrows: at 1,000 regions a row loop cost ~70 ms on every rerun of every page.
    english = regions["region_en"].where(regions["region_en"].fillna("").astype(str) != "",
                                         regions["region_zh"].map(lambda zh: region_name(zh, None, "en"))) \
        if lang == "en" else regions["region_zh"]
    labels = dict(zip(regions["region_id"], english))
    uploaded = uploaded_targets()
    extra_ids: list[str] = []
    if uploaded is not None and "region_id" in uploaded:
        for _, row in uploaded.drop_duplicates("region_id").iterrows():
            rid = str(row["region_id"])
            if rid not in labels:
                extra_ids.append(rid)
                labels[rid] = region_name(row.get("region_zh"), None, lang) or rid
    colors = region_colors(regions["region_id"], extra_ids)
    return View(lang=lang, present=present, image_format=image_format, regions=regions,
                region_labels=labels, colors=colors)


def get_view() -> View:
    """The view for a page: what app.py's sidebar set this run."""
    view = st.session_state.get("_view")
    if isinstance(view, View):
        return view
    return current_view(st.session_state.get("lang", "zh"), bool(st.session_state.get("present", False)))



def uploaded_key() -> str:
    """A short fingerprint of this session's uploaded targets, for cache keys."""
    frame = uploaded_targets()
    if frame is None:
        return ""
    return str(int(pd.util.hash_pandas_object(frame.astype(str), index=False).sum()))

