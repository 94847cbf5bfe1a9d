"""Every page rendered in English: no Chinese left outside quotes and the proper names the
glossary covers — on every page of the menu, in the data dictionary and in the exports' labels."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import export
from dashboard.glossary import en, untranslated
from tests.test_apptest_pages import open_page

# Every page of app.py's menu (tests/test_routing.py checks the menu against pages/).
PAGES = ["overview", "compare", "indicator", "profile", "towns", "sources", "instruments", "standing", "progress", "data",
         "review", "upload"]


def _texts(at) -> list[str]:
    """What a reader sees: titles, headings, captions, Markdown, labels and table headers."""
    out = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning"):
        out += [getattr(e, "value", "") or "" for e in getattr(at, kind)]
    for kind in ("selectbox", "multiselect", "radio", "text_input", "toggle", "checkbox", "button"):
        for widget in getattr(at, kind):
            if "Language" in (widget.label or ""):
                continue  # the language switch names 中文 on purpose
            out.append(widget.label or "")
            if kind in ("selectbox", "radio"):
                out += [str(o) for o in getattr(widget, "options", [])]  # as shown: already formatted
    return out


def leftovers(page: str) -> list[str]:
    at = open_page(page, {"lang": "en"})
    assert not at.exception, [e.value for e in at.exception]
    return sorted({run for text in _texts(at) for run in untranslated(str(text))})


@pytest.mark.usefixtures("warehouse")
@pytest.mark.parametrize("page", PAGES)
def test_english_pages_leave_no_untranslated_chinese(page):
    assert leftovers(page) == []


def test_the_data_dictionary_and_download_labels_are_english_or_bilingual():
    frame = pd.DataFrame({"comparator": ["="], "scope": ["new"], "category": ["use"], "unit_std": ["件"]})
    dictionary = export.data_dictionary(export.for_download(frame))
    for text in dictionary["label_en"].tolist() + dictionary["meaning"].tolist():
        assert untranslated(text) == [], text
    assert all(dictionary["meaning_zh"].str.len() > 0)  # and a Chinese meaning beside each
    shaped = export.for_download(frame, lang="en")
    assert shaped.at[0, "scope_label"] == "new (added over the plan period)"
    assert en("件") == "items"


def test_every_menu_page_is_in_the_english_run():
    import re

    from tests.conftest import ROOT

    menu = set(re.findall(r'st\.Page\("pages/(\w+)\.py"', (ROOT / "app.py").read_text(encoding="utf-8")))
    assert menu == set(PAGES)
