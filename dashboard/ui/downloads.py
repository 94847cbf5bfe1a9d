"""Download buttons: CSV (with BOM), CSV + data dictionary (zip), Excel (with a dictionary sheet)
and Parquet, each citing the plans it draws on.  Files are built only when clicked (deferred
callables), so a rerun costs nothing."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import export
from dashboard.i18n import t
from dashboard.services import warehouse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_buttons(frame: pd.DataFrame, name: str, lang: str, key: str, heading: str | None = None) -> None:
    """The four files of `frame` as it is now (a copy: the page may change its frame afterwards)."""
    snapshot = frame.copy()
    lazy_download_buttons(lambda: snapshot, name, lang, key, heading)


def lazy_download_buttons(build: Callable[[], pd.DataFrame], name: str, lang: str, key: str,
                          heading: str | None = None) -> None:
    """download_buttons for a frame too large to fetch on every rerun: `build` runs on click only."""
    if heading:
        st.markdown(f"**{heading}**")
    specs = [
        ("CSV", f"{name}.csv", "text/csv", lambda: export.to_csv_bytes(build(), documents=warehouse.documents_meta())),
        (t("dl_csv", lang), f"{name}_csv.zip", "application/zip",
         lambda: export.csv_zip_bytes(build(), name, documents=warehouse.documents_meta())),
        (t("dl_xlsx", lang), f"{name}.xlsx", XLSX,
         lambda: export.to_xlsx_bytes(build(), documents=warehouse.documents_meta())),
        (t("dl_parquet", lang), f"{name}.parquet", "application/vnd.apache.parquet",
         lambda: export.to_parquet_bytes(build(), documents=warehouse.documents_meta())),
    ]
    st.caption(t("dl_help", lang))
    for column, (label, file_name, mime, make) in zip(st.columns(4), specs):
        with column:
            st.download_button(label, data=make, file_name=file_name, mime=mime, key=f"{key}-{file_name}",
                               on_click="ignore", icon=":material/download:", width="stretch")


def csv_button(label: str, build: Callable[[], pd.DataFrame], name: str, key: str) -> None:
    """One CSV of `build()` (built on click), with the plans' citation."""
    st.download_button(label, file_name=f"{name}.csv", mime="text/csv",
                       data=lambda: export.to_csv_bytes(build(), documents=warehouse.documents_meta()),
                       key=key, on_click="ignore", icon=":material/download:", width="stretch")
