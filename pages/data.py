"""Data: the filtered targets table with quote and source, and downloads of what is shown
or of everything, each with a data dictionary."""

import streamlit as st

from dashboard import queries, state, ui
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

# Each multiselect gets half the width or more, so every chip (five regions with an upload,
# the five links and the unmapped group) shows whole; the search box goes beside the categories.
chosen_regions = st.multiselect(t("regions", lang), region_ids, key="regions",
                                format_func=lambda r: view.region_labels.get(r, r)) or region_ids
controls = st.columns([3, 2])
chosen_categories = controls[0].multiselect(t("category", lang), CATEGORY_VALUES, key="categories",
                                            format_func=lambda c: category_label(c, lang)) or CATEGORY_VALUES
search = controls[1].text_input(t("search", lang), key="q").strip()

everything = queries.with_uploaded(queries.targets(), ui.uploaded_targets())
frame = everything[everything["region_id"].isin(chosen_regions) & everything["category"].isin(chosen_categories)]
if search:
    haystack = (frame["indicator_zh"].fillna("") + " " + frame["indicator_en"].fillna("") + " "
                + frame["raw_name"].fillna("") + " " + frame["quote"].fillna(""))
    frame = frame[haystack.str.contains(search, case=False, regex=False)]

uploaded = ui.uploaded_targets()
if uploaded is not None:
    st.caption(t("uploaded_included", lang, n=len(uploaded)))
st.caption(t("rows_shown", lang, n=len(frame), total=len(everything)))
table = ui.display_table(frame, lang)
ui.show_table(table, lang, key="data_table", height=480)

ui.download_buttons(table, "targets_view", lang, key="dl_view", heading=t("download_view", lang))
full = everything[[c for c in queries.targets_columns() if c in everything.columns] + ["region_en", "family_zh", "family_en", "source_url"]]
ui.download_buttons(full, "targets_all", lang, key="dl_all", heading=t("download_all", lang))

state.publish({
    "regions": chosen_regions if set(chosen_regions) != set(region_ids) else None,
    "categories": chosen_categories if set(chosen_categories) != set(CATEGORY_VALUES) else None,
    "q": search or None,
})
