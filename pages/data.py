"""Data: the filtered targets table with quote, source and provenance (origin, the correction's
reason, the extractor's reading), downloads of what is shown or of everything, each with a data
dictionary; a filter to the low-confidence rows and a way into a row's correction form."""

import streamlit as st

from dashboard import export, queries, state, ui
from dashboard import review as rv
from dashboard.i18n import category_label, t
from etl.schema import CATEGORY_VALUES

ui.ensure_shell()
view = ui.get_view()
lang = view.lang
st.title(t("data_title", lang))

region_ids = list(view.region_labels)
state.seed_multi("regions", region_ids, region_ids, lang)
state.seed_multi("categories", CATEGORY_VALUES, CATEGORY_VALUES, lang)  # the five links, then unmapped
state.seed_text("q")
state.seed_flag("low", lang)

# Each multiselect gets half the width or more, so every chip (five regions with an upload,
# the five links and the unmapped group) shows whole; the search box goes beside the categories.
chosen_regions = st.multiselect(t("regions", lang), region_ids, key="regions",
                                format_func=lambda r: view.region_labels.get(r, r)) or region_ids
controls = st.columns([3, 2])
chosen_categories = controls[0].multiselect(t("category", lang), CATEGORY_VALUES, key="categories",
                                            format_func=lambda c: category_label(c, lang)) or CATEGORY_VALUES
search = controls[1].text_input(t("search", lang), key="q").strip()
low_only = st.toggle(t("data_low_only", lang), key="low", help=t("data_low_help", lang))

everything = queries.with_uploaded(queries.targets(), ui.uploaded_targets())
frame = everything[everything["region_id"].isin(chosen_regions) & everything["category"].isin(chosen_categories)]
if search:
    haystack = (frame["indicator_zh"].fillna("") + " " + frame["indicator_en"].fillna("") + " "
                + frame["raw_name"].fillna("") + " " + frame["quote"].fillna(""))
    frame = frame[haystack.str.contains(search, case=False, regex=False)]
if low_only:
    frame = rv.low_confidence(frame)

uploaded = ui.uploaded_targets()
if uploaded is not None:
    st.caption(t("uploaded_included", lang, n=len(uploaded)))
st.caption(t("rows_shown", lang, n=len(frame), total=len(everything)))
table = export.with_provenance(ui.display_table(frame, lang), frame)
ui.show_table(table, lang, key="data_table", height=480)


def offer_correction() -> None:
    """Pick one of the rows shown (the warehouse's, not this session's uploads) to correct it."""
    if not rv.editing_allowed():
        return
    ours = frame[~frame["region_id"].astype(str).str.startswith("upload-")]
    if ours.empty:
        return
    labels = dict(zip(ours["target_id"], ours["target_id"] + " · " + ours["raw_name"].fillna("—").astype(str)))
    line = st.columns([3, 2], vertical_alignment="bottom")
    chosen = line[0].selectbox(t("data_correct_pick", lang), list(labels), format_func=labels.get,
                               key="data_correct", index=None)
    if chosen:
        doc_id = ours.set_index("target_id").at[chosen, "doc_id"]
        line[1].page_link("pages/review.py", label=t("data_correct_link", lang), icon=":material/edit:",
                          query_params={"doc": doc_id, "target": chosen})


offer_correction()

ui.download_buttons(table, "targets_view", lang, key="dl_view", heading=t("download_view", lang))
full = everything[[c for c in queries.targets_columns() if c in everything.columns] + ["region_en", "family_zh", "family_en", "source_url"]]
ui.download_buttons(full, "targets_all", lang, key="dl_all", heading=t("download_all", lang))

state.publish({
    "regions": chosen_regions if set(chosen_regions) != set(region_ids) else None,
    "categories": chosen_categories if set(chosen_categories) != set(CATEGORY_VALUES) else None,
    "q": search or None,
    "low": True if low_only else None,
})
