"""Data: the filtered targets table with quote, source and provenance (origin, the correction's
reason, the extractor's reading), downloads of what is shown or of everything, each with a data
dictionary; a filter to the low-confidence rows and a way into a row's correction form.

Filtering and paging happen in SQL (warehouse.targets_filtered with LIMIT/OFFSET), so a warehouse of
1,000 plans costs one page of rows per rerun; the downloads fetch their rows only when clicked and
are complete (every filtered row, or every target)."""

import pandas as pd
import streamlit as st

from dashboard import export, state
from dashboard import review as rv
from dashboard.i18n import category_label, t
from dashboard.services import comparisons, warehouse
from dashboard.services.vocabulary import CATEGORY_VALUES
from dashboard.ui import context, downloads, layout, region_picker, tables

layout.ensure_shell()
view = context.get_view()
lang = view.lang
st.title(t("data_title", lang))

PAGE_SIZE = 500  # rows on one page: a filtered slice of a few plans fits whole, so the CSV is what is on screen
peers = region_picker.peer_picker(view, key="regions", url_key="regions")  # `regions`: links made before peer groups
chosen_regions = list(peers.ids)
state.seed_multi("categories", CATEGORY_VALUES, CATEGORY_VALUES, lang)  # the five links, then unmapped
state.seed_text("q")
state.seed_flag("low", lang)

controls = st.columns([3, 2])
chosen_categories = controls[0].multiselect(t("category", lang), CATEGORY_VALUES, key="categories",
                                            format_func=lambda c: category_label(c, lang)) or CATEGORY_VALUES
search = controls[1].text_input(t("search", lang), key="q").strip()
low_only = st.toggle(t("data_low_only", lang), key="low", help=t("data_low_help", lang))

# This session's uploads (a few dozen rows at most) are filtered in pandas and lead the first page.
filters = (tuple(chosen_regions), tuple(chosen_categories), search, low_only)
uploaded = context.uploaded_targets()
extra = comparisons.with_uploaded(warehouse.targets_filtered(*filters, limit=0), uploaded)
extra = extra[extra["region_id"].isin(chosen_regions) & extra["category"].isin(chosen_categories)]
if search:
    haystack = (extra["indicator_zh"].fillna("") + " " + extra["indicator_en"].fillna("") + " "
                + extra["raw_name"].fillna("") + " " + extra["quote"].fillna(""))
    extra = extra[haystack.str.contains(search, case=False, regex=False)]
if low_only:
    extra = rv.low_confidence(extra)
n_rows = warehouse.targets_count(*filters) + len(extra)
n_pages = max(1, -(-n_rows // PAGE_SIZE))
if not isinstance(st.session_state.get("page"), int):  # first run: the URL's page, if it is a number
    raw_page = st.query_params.get("page", "1")
    st.session_state["page"] = int(raw_page) if raw_page.isdigit() else 1
st.session_state["page"] = min(max(st.session_state["page"], 1), n_pages)  # a narrower filter has fewer pages
page = st.number_input(t("data_page", lang), min_value=1, max_value=n_pages, step=1, key="page") \
    if n_pages > 1 else 1
offset = (page - 1) * PAGE_SIZE
frame = warehouse.targets_filtered(*filters, limit=PAGE_SIZE, offset=offset)
if page == 1 and len(extra):
    frame = pd.concat([extra, frame], ignore_index=True)

if uploaded is not None:
    st.caption(t("uploaded_included", lang, n=len(uploaded)))
st.caption(t("rows_shown", lang, n=n_rows, total=warehouse.targets_count(tuple(view.region_labels), tuple(CATEGORY_VALUES))
             + (0 if uploaded is None else len(uploaded))) + " · "
           + t("data_page_of", lang, page=page, pages=n_pages, size=PAGE_SIZE))
table = export.with_provenance(tables.display_table(frame, lang), frame)
tables.show_table(table, lang, key="data_table", height=480)


def offer_correction() -> None:
    """Pick one of the rows shown (the warehouse's, not this session's uploads) to correct it."""
    if not rv.editing_allowed():
        return
    ours = frame[~frame["region_id"].astype(str).str.startswith("upload-")]
    if ours.empty:
        return
    labels = {row["target_id"]: tables.target_option(row, lang) for row in ours.to_dict("records")}
    line = st.columns([3, 2], vertical_alignment="bottom")
    chosen = line[0].selectbox(t("data_correct_pick", lang), list(labels), format_func=labels.get,
                               key="data_correct", index=None, placeholder=t("choose_one", lang))
    if chosen:
        doc_id = ours.set_index("target_id").at[chosen, "doc_id"]
        line[1].page_link("pages/review.py", label=t("data_correct_link", lang), icon=":material/edit:",
                          query_params={"doc": doc_id, "target": chosen})


offer_correction()



def view_rows():
    """Every row the filter selects (all pages), as the table shows them: built on click."""
    rows = pd.concat([extra, warehouse.targets_filtered(*filters)], ignore_index=True) if len(extra) \
        else warehouse.targets_filtered(*filters)
    return export.with_provenance(tables.display_table(rows, lang), rows)


def all_rows():
    """Every target in the warehouse plus this session's uploads, every contract column (restatements
    too: the download is the table as stored, its `restates` column saying which)."""
    everything = comparisons.with_uploaded(warehouse.targets(restatements=True), uploaded)
    return everything[[c for c in warehouse.targets_columns() if c in everything.columns]
                      + ["region_en", "family_zh", "family_en", "source_url"]]


downloads.lazy_download_buttons(view_rows, "targets_view", lang, key="dl_view", heading=t("download_view", lang))
downloads.lazy_download_buttons(all_rows, "targets_all", lang, key="dl_all", heading=t("download_all", lang))

state.publish({
    **peers.url,
    "page": page if page > 1 else None,
    "categories": chosen_categories if set(chosen_categories) != set(CATEGORY_VALUES) else None,
    "q": search or None,
    "low": True if low_only else None,
})
