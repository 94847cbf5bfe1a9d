"""User-supplied text is shown as text on every page (the upload page has its own tests).

Two ways hostile text reaches a page: a crafted link (every query parameter a page reads),
and a stored plan (the manifest's names and title, and the plan's own sentences, town names
and annex headings).  Each page is run under AppTest with both, and every string the page
hands to a renderer is checked for markup made from the hostile text:

* Markdown (bodies, alerts, captions, widget and expander labels): no link, image,
  autolink or HTML tag;
* HTML blocks (st.html): no tag;
* plotly figures, which draw `<a href>`, `<b>`, `<span style>` …: no tag, and the hostile
  text present in escaped form (&lt;…), so the check is not passing on a figure without it.

Every hostile value carries the marker "evil" inside each construct it could become (the
link's address, the tag's attribute), so "made from the hostile value" is "contains the
marker", and our own markup (the overview's colour swatch, plotly's <b> titles) is not
mistaken for it.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import string
from pathlib import Path

import duckdb
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")
RAW = ROOT / "data" / "raw"
MARKER = "evil"

LINK = "[请重新登录 login](https://evil.example/)"
HOSTILE = [
    LINK,
    "![x](http://evil.example/x.png)",
    "<a href='https://evil.example/'>evil</a>",
    "<img src=x onerror=alert('evil')>",
    "<script src=//evil.example/x.js></script>",
    "https://evil.example/ www.evil.example",
    "mail evil@evil.example :evil: $evil$",
    "evil\x00<b title=evil>\x00x</b>",
    "evil" * 3000,
]

# The query parameters each page reads (lang and present on all of them).
PARAMS = {
    "overview": [],
    "compare": ["category", "measure", "regions", "pop", "more"],
    "indicator": ["indicator", "measure"],
    "profile": ["region"],
    "towns": ["annex"],
    "sources": ["doc", "target"],
    "data": ["regions", "categories", "q"],
}


# --- what counts as markup ---------------------------------------------------------------

_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.DOTALL)
_MD_LINKS = [
    re.compile(r"!?\[[^\]]*\]\([^)]*\)"),                         # [text](url), ![alt](src)
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+", re.MULTILINE),            # [ref]: url
    re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>"),              # <https://…>
    _TAG,
]
# GitHub autolinks are found after escapes are resolved, so they are matched on the decoded text.
_AUTOLINKS = [re.compile(r"(?i)(?:https?://|www\.)[^\s<]*"), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]


def _resolve_escapes(text: str) -> tuple[str, str]:
    """(decoded, active): `active` has each backslash-escaped character blanked out, since
    CommonMark makes it a literal character that can start no construct."""
    decoded, active, i = [], [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in string.punctuation:
            decoded.append(text[i + 1])
            active.append("\x01")
            i += 2
            continue
        decoded.append(text[i])
        active.append(text[i])
        i += 1
    return "".join(decoded), "".join(active)


def markdown_constructs(body: str) -> list[str]:
    """Links, images, autolinks and HTML tags that Markdown would make of `body`."""
    decoded, active = _resolve_escapes(body)
    found = [m.group(0) for pattern in _MD_LINKS for m in pattern.finditer(active)]
    return found + [m.group(0) for pattern in _AUTOLINKS for m in pattern.finditer(decoded)]


def hostile(constructs: list[str]) -> list[str]:
    return [c for c in constructs if MARKER in c.lower()]


# --- what a page hands to the renderers ----------------------------------------------------

def _walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def _markdown_fields(proto) -> list[str]:
    """Strings of a proto that Streamlit renders as Markdown."""
    fields = proto.DESCRIPTOR.fields_by_name
    texts = [getattr(proto, name) for name in ("body", "label", "help")
             if name in fields and isinstance(getattr(proto, name), str)]
    for nested in ("expandable", "tab", "popover"):
        if nested in fields and proto.HasField(nested):
            texts += _markdown_fields(getattr(proto, nested))
    if type(proto).__name__ == "Radio":  # radio options are Markdown (selectbox options are plain text)
        texts += list(proto.options)
    return texts


def rendered(at: AppTest) -> dict[str, list[str]]:
    """{"markdown": [...], "html": [...], "plotly": [figure JSON, ...]} for the whole page."""
    out: dict[str, list[str]] = {"markdown": [], "html": [], "plotly": []}
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        kind = type(proto).__name__
        if proto is None or kind.startswith("Arrow"):
            continue
        if kind == "Html":
            out["html"].append(proto.body)
        elif kind == "PlotlyChart":
            out["plotly"].append(proto.spec)
        elif hasattr(proto, "DESCRIPTOR"):
            out["markdown"] += _markdown_fields(proto)
    return out


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def figure_strings(spec: str) -> list[str]:
    return list(_strings(json.loads(spec)))


def assert_no_markup_from_hostile_text(at: AppTest) -> dict[str, list[str]]:
    assert not at.exception, [e.value for e in at.exception]
    page = rendered(at)
    bad = {body[:120]: hostile(markdown_constructs(body)) for body in page["markdown"]}
    assert not {k: v for k, v in bad.items() if v}, "Markdown made links/tags of hostile text"
    bad = {body[:120]: hostile(_TAG.findall(body)) for body in page["html"]}
    assert not {k: v for k, v in bad.items() if v}, "HTML block holds a hostile tag"
    for spec in page["plotly"]:
        tags = [tag for text in figure_strings(spec) for tag in hostile(_TAG.findall(text))]
        assert not tags, f"plotly would draw hostile markup: {tags[:3]}"
    return page


def open_page(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(f"pages/{page}.py")
    at.query_params.update(params)
    return at.run()


# --- the checker itself ------------------------------------------------------------------

def test_the_checker_sees_markup_and_not_escaped_text():
    assert LINK in hostile(markdown_constructs(f"说明 {LINK}"))
    assert hostile(markdown_constructs("x <img src=x onerror=alert('evil')>"))
    assert hostile(markdown_constructs("see https://evil.example/ now"))
    assert hostile(markdown_constructs("see https\\:\\/\\/evil\\.example"))  # escapes do not stop autolinks
    assert not hostile(markdown_constructs("\\[login\\]\\(https\\:\u2060\\/\\/evil\\.example\\/\\)"))
    assert not hostile(markdown_constructs("\\<img src\\=x onerror\\=alert\\(\\'evil\\'\\)\\>"))
    assert not hostile(markdown_constructs("&lt;img src=x onerror=alert('evil')&gt;"))


# --- (a) hostile links -----------------------------------------------------------------------

def _rotation(page: str, turn: int) -> dict:
    """Turn `turn` of a page: each parameter it reads gets a different hostile value, and over
    len(HOSTILE) turns every parameter gets every value."""
    keys = ["lang", "present"] + PARAMS[page]
    return {key: HOSTILE[(turn + i) % len(HOSTILE)] for i, key in enumerate(keys)}


@pytest.mark.usefixtures("warehouse")
@pytest.mark.parametrize("page", list(PARAMS))
def test_hostile_query_parameters_are_echoed_as_text(page):
    for turn in range(len(HOSTILE)):
        params = _rotation(page, turn)
        at = open_page(page, params)
        assert_no_markup_from_hostile_text(at)
        assert len(at.title) == 1, params  # the page was drawn, not cut short


@pytest.mark.usefixtures("warehouse")
def test_a_hostile_link_still_says_what_was_wrong():
    at = open_page("compare", {"category": LINK})
    warning = " ".join(w.value for w in at.warning)
    assert "category=" in warning and "请重新登录 login" in warning


# --- (b) a hostile plan in the warehouse ---------------------------------------------------------

HTML_NAME = "<a href='https://evil.example/'>evil</a><img src=x onerror=alert('evil')>"
# Plan text goes through the ETL's cleaning (which unwraps Markdown links and widens ASCII
# brackets after Chinese) and its table reader (which drops spaces): these survive both.
PLAN_HTML = "<a/href=//evil.example/>登录</a><img/src=//evil.example/x.png>https://evil.example/"
HOSTILE_MEASURE = "新增有效发明专利数量<b/title=evil>"
HOSTILE_REGION = "999999"
HOSTILE_DOC = "hx-2024"


def _hostile_plan(text: str) -> str:
    edits = [("发明专利拥有量达到600件", f"发明专利拥有量{PLAN_HTML}达到600件"),
             ("一、新增有效发明专利数量（个）", f"一、{HOSTILE_MEASURE}（个）"),
             ("税郭镇", "税郭镇<i/title=evil>")]
    for old, new in edits:
        assert old in text, f"the seed plan changed: {old!r} is gone"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def hostile_warehouse(tmp_path_factory) -> Path:
    """The four seed plans and a fifth, hostile one (市中区's text with hostile names, title,
    sentences, annex heading and town), built by the ETL from a temporary manifest."""
    from etl.warehouse.steps import build

    folder = tmp_path_factory.mktemp("hostile")
    entries = yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    for entry in entries:
        shutil.copy(RAW / entry["file"], folder / entry["file"])
    seed = next(e for e in entries if e["doc_id"].startswith("shizhong"))
    name = "evil_[x](evil.example).txt"
    (folder / name).write_text(_hostile_plan((RAW / seed["file"]).read_text(encoding="utf-8")), encoding="utf-8")
    entries.append({**seed, "doc_id": HOSTILE_DOC, "region_id": HOSTILE_REGION, "file": name, "parent": None,
                    "sha256": hashlib.sha256((folder / name).read_bytes()).hexdigest(),
                    "region_zh": "市中区" + LINK + HTML_NAME, "region_en": "Shizhong " + LINK + HTML_NAME,
                    "title": "方案" + LINK + HTML_NAME, "plan_kind": "强县" + LINK, "province": HTML_NAME,
                    "date_note": LINK})
    (folder / "sources.yaml").write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
    path = folder / "warehouse.duckdb"
    build(path, manifest=folder / "sources.yaml")
    return path


@pytest.fixture()
def hostile_db(hostile_warehouse, monkeypatch) -> Path:
    from dashboard.db import DB_ENV

    monkeypatch.setenv(DB_ENV, str(hostile_warehouse))
    return hostile_warehouse


def test_the_hostile_plan_reaches_the_warehouse(hostile_warehouse):
    """Otherwise the page tests below would prove nothing."""
    with duckdb.connect(str(hostile_warehouse), read_only=True) as con:
        def count(sql: str) -> int:
            return con.execute(sql, [HOSTILE_REGION]).fetchone()[0]
        assert count("SELECT count(*) FROM regions WHERE region_id = ? AND region_zh LIKE '%<img%'") == 1
        assert count("SELECT count(*) FROM targets WHERE region_id = ? AND quote LIKE '%<a/href%'") > 0
        assert count("SELECT count(*) FROM town_targets WHERE region_id = ? AND town LIKE '%<i/%'") > 0
        assert count("SELECT count(*) FROM town_targets WHERE region_id = ? AND measure LIKE '%<b/%'") > 0


# Views that draw the hostile plan on each page; charts that must show it escaped.
STORED_VIEWS = {
    "overview": ({}, True),
    "compare": ({"more": "1"}, True),
    "indicator": ({"indicator": "family:invention_patents"}, True),
    "profile": ({"region": HOSTILE_REGION}, True),
    "towns": ({"annex": HOSTILE_MEASURE}, True),
    "sources": ({"doc": HOSTILE_DOC, "target": f"{HOSTILE_DOC}-001"}, False),
    "data": ({"q": "evil"}, False),
}
ESCAPED = ("&lt;a href=", "&lt;img src=", "&lt;b/title=evil&gt;", "&lt;i/title=evil&gt;")


@pytest.mark.usefixtures("hostile_db")
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", list(STORED_VIEWS))
def test_a_stored_hostile_plan_is_shown_as_text(page, lang):
    params, charted = STORED_VIEWS[page]
    at = open_page(page, {**params, **({"lang": "en"} if lang == "en" else {})})
    shown = assert_no_markup_from_hostile_text(at)
    assert not at.warning, [w.value for w in at.warning]  # the view above exists: nothing fell back
    tables = [frame.value.to_string() for frame in at.dataframe]  # cells are plain text: no markup to check
    everything = " ".join(shown["markdown"] + shown["html"] + shown["plotly"] + tables)
    assert MARKER in everything  # the hostile plan is on the page
    if charted:
        texts = [text for spec in shown["plotly"] for text in figure_strings(spec)]
        assert any(escaped in text for text in texts for escaped in ESCAPED), "hostile text missing from the charts"


def test_the_sources_page_quotes_the_hostile_sentence_as_text(hostile_db):
    with duckdb.connect(str(hostile_db), read_only=True) as con:  # the target whose sentence holds the tag
        target = con.execute("SELECT min(target_id) FROM targets WHERE doc_id = ? AND quote LIKE '%<a/href%'",
                             [HOSTILE_DOC]).fetchone()[0]
    at = open_page("sources", {"doc": HOSTILE_DOC, "target": target})
    quote = " ".join(i.value for i in at.info)
    assert "\\<a\\/href\\=" in quote  # the tag's characters are there, each one escaped
    plan = "".join(h.proto.body for h in at.get("html"))
    assert "&lt;a/href=//evil.example/&gt;" in plan
