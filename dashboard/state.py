"""The view lives in the URL: plain query parameters, validated on read.

Each page seeds its widgets from st.query_params before drawing them (an unknown value gets
a short warning and the default, never a traceback) and writes its current view back with
`publish`, so the address bar is always a link that reopens the same view.  Values in the
URL are stable ids (region_id, indicator_id, category), never display labels, so a link
works in both languages.

We do not use the widgets' own bind="query-params": it writes the *formatted label* into
the URL (which changes with the language) and drops unknown values silently.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard.i18n import t
from dashboard.safe_text import md

GLOBAL_KEYS = ("lang", "present")  # kept on every page
TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}
MAX_SHOWN = 40  # how much of a bad value a warning repeats


# --- pure parsing (tested without Streamlit) -------------------------------------------------

def parse_choice(raw: str | None, options: Sequence[str], default: str) -> tuple[str, bool]:
    """(value, ok): the raw value if it is one of options, else the default; ok=False if raw was bad."""
    if raw is None:
        return default, True
    if raw in options:
        return raw, True
    return default, False


def parse_multi(raw: str | list[str] | None, options: Sequence[str], default: Sequence[str]) -> tuple[list[str], list[str]]:
    """(values, rejected) from 'a,b' or ['a','b']; unknown items are dropped and reported."""
    if raw is None:
        return list(default), []
    items = raw if isinstance(raw, list) else str(raw).split(",")
    items = [i.strip() for i in items if i.strip()]
    good = [i for i in items if i in options]
    bad = [i for i in items if i not in options]
    if not good:
        return list(default), bad
    return list(dict.fromkeys(good)), bad


def parse_flag(raw: str | None, default: bool = False) -> tuple[bool, bool]:
    if raw is None:
        return default, True
    value = str(raw).strip().lower()
    if value in TRUE_VALUES:
        return True, True
    if value in FALSE_VALUES:
        return False, True
    return default, False


def encode(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


# --- Streamlit glue ----------------------------------------------------------------------------

def warn(key: str, raw, lang: str, message: str = "unknown_value") -> None:
    # The value is whatever the link says: shown as text (cut first, so no escape is cut in half).
    shown = md(encode(raw)[:MAX_SHOWN])
    st.warning(t(message, lang, key=key, value=shown), icon="⚠️")


def _raw(key: str):
    if key not in st.query_params:
        return None
    values = st.query_params.get_all(key)
    return values if len(values) > 1 else values[0]


def seed_choice(key: str, options: Sequence[str], default: str, lang: str) -> None:
    """Before `st.selectbox/radio(..., key=key)`: the URL's value (validated) becomes its state."""
    options = list(options)
    if key in st.session_state and st.session_state[key] in options:
        return
    raw = _raw(key)
    if isinstance(raw, list):
        raw = raw[-1]
    value, ok = parse_choice(raw, options, default)
    if not ok:
        warn(key, raw, lang)
    st.session_state[key] = value


def seed_multi(key: str, options: Sequence[str], default: Sequence[str], lang: str) -> None:
    options = list(options)
    current = st.session_state.get(key)
    if isinstance(current, list) and all(v in options for v in current) and current:
        return
    values, rejected = parse_multi(_raw(key), options, default)
    if rejected:
        warn(key, rejected, lang, "unknown_items" if values != list(default) or len(rejected) == 0 else "unknown_value")
    st.session_state[key] = values


def seed_flag(key: str, lang: str, default: bool = False) -> None:
    if key in st.session_state and isinstance(st.session_state[key], bool):
        return
    raw = _raw(key)
    if isinstance(raw, list):
        raw = raw[-1]
    value, ok = parse_flag(raw, default)
    if not ok:
        warn(key, raw, lang)
    st.session_state[key] = value


def publish(view: dict) -> None:
    """Make the URL exactly the global keys plus this page's view (only writes on change)."""
    wanted = {k: encode(st.session_state[k]) for k in GLOBAL_KEYS if k in st.session_state}
    wanted.update({k: encode(v) for k, v in view.items() if v is not None and encode(v) != ""})
    if wanted.get("present") == "0":
        wanted.pop("present")
    if wanted.get("lang") == "zh":
        wanted.pop("lang")
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def keep_choices_across_languages() -> None:
    """on_change of the language switch: every choice a widget holds is handed to it again.

    Widget values are language-neutral codes shown through format_func, but Streamlit's browser
    side remembers a radio's or multiselect's choice by its *shown label*: after a switch no
    label matches, so the radio showed nothing selected and chips stayed in the old language.
    Writing each value back makes Streamlit send it again, labelled in the new language.  Only
    plain values (a code or a list of codes) are written: buttons, uploads and tables cannot be
    set, and their values are never text."""
    for key in list(st.session_state.keys()):
        if str(key).startswith("_"):
            continue
        value = st.session_state[key]
        if isinstance(value, str) or (isinstance(value, list) and value and all(isinstance(v, str) for v in value)):
            st.session_state[key] = value


def seed_text(key: str, max_length: int = 100) -> None:
    """Free text from the URL (a search box), cut to a sane length."""
    if key in st.session_state and isinstance(st.session_state[key], str):
        return
    raw = _raw(key)
    if isinstance(raw, list):
        raw = raw[-1]
    st.session_state[key] = (raw or "")[:max_length]


def parse_population_overrides(raw: str, region_ids: Sequence[str]) -> dict[str, float]:
    """"320282:130,341181:61.2" → {region_id: 万人}; unknown regions and bad numbers are dropped."""
    out: dict[str, float] = {}
    for part in (raw or "").split(","):
        region_id, _, value = part.partition(":")
        try:
            number = float(value)
        except ValueError:
            continue
        if region_id in region_ids and 0 < number < 1e6:
            out[region_id] = number
    return out


def read_population_overrides(region_ids: Sequence[str]) -> dict[str, float]:
    return parse_population_overrides(st.query_params.get("pop", ""), region_ids)


def store_population_overrides(region_ids: Sequence[str]) -> None:
    """on_change of the denominator inputs: 0 means "use the ETL's figure"."""
    pairs = []
    for region_id in region_ids:
        value = st.session_state.get(f"pop_{region_id}") or 0.0
        if value > 0:
            pairs.append(f"{region_id}:{value:g}")
    if pairs:
        st.query_params["pop"] = ",".join(pairs)
    elif "pop" in st.query_params:
        del st.query_params["pop"]
