"""The peer-group picker every page shares (issue 13), and the "show all" of a large group.

The region selection flows once: the URL's group is validated into the widgets' state (seed, first
run of a session) → the widgets → `Peers` (ids, anchor, and `url`, the parameters that reopen the
same group) → `drawn_regions` (services.groups: which regions a chart draws) → one filter of their
rows (services.comparisons.group_targets) → the page publishes `peers.url` back to the URL."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import peers
from dashboard.i18n import admin_level_label, t
from dashboard.services import groups
from dashboard.state import warn
from dashboard.ui.context import View


@dataclass(frozen=True)
class Peers:
    """What peer_picker returns: the group's region ids (this session's uploads last), the
    highlighted region, and the URL parameters that reopen the same group (for state.publish)."""
    ids: tuple[str, ...]
    anchor: str | None
    preset: str
    url: dict


def _peer_seed(key: str, url_key: str, regions: pd.DataFrame, anchor: str | None, lang: str) -> None:
    """First run of a session: the picker's widgets take the URL's (validated) peer group."""
    if f"{key}_preset" in st.session_state:
        return
    ids = list(regions["region_id"].astype(str))
    choice, rejected = peers.parse(st.query_params.get(url_key), ids)
    filters, bad_filters = peers.parse_filters({k: st.query_params.get(k) for k in peers.FILTERS}, regions)
    if rejected or bad_filters:
        warn(url_key, rejected + bad_filters, lang)
    st.session_state[f"{key}_preset"] = choice.preset
    st.session_state[f"{key}_anchor"] = anchor or choice.anchor
    st.session_state[f"{key}_ids"] = list(choice.ids)
    for filter_key, value in filters:
        st.session_state[f"{key}_{filter_key}"] = value


def _to_custom(key: str) -> None:
    """on_change of the preset: switching to "hand-picked" starts from the group shown."""
    if st.session_state.get(f"{key}_preset") == "custom" and not st.session_state.get(f"{key}_ids"):
        st.session_state[f"{key}_ids"] = list(st.session_state.get(f"{key}_last", ()))


def peer_picker(view: View, anchor: str | None = None, key: str = "peers", url_key: str = "peers") -> Peers:
    """The peer-group picker (dashboard/peers.py explains the URL form), in a collapsed expander.

    anchor: the page's own region (profile, standing); without one the picker offers a
    searchable "current region" box.  url_key: the URL parameter holding the group."""
    lang, regions = view.lang, view.regions
    _peer_seed(key, url_key, regions, anchor, lang)
    presets = list(peers.PRESETS)
    preset = st.session_state.get(f"{key}_preset", "seed")
    summary_slot = st.empty()
    with st.expander(t("peers", lang), expanded=False):
        line = st.columns([2, 3])
        preset = line[0].selectbox(t("peers_preset", lang), presets, key=f"{key}_preset", on_change=_to_custom,
                                   args=(key,), format_func=lambda p: t(f"peers_preset_{p}", lang))
        if anchor is None:
            labels = peers.labels(regions, lang)
            anchor = line[1].selectbox(t("peers_anchor", lang), list(labels), key=f"{key}_anchor", index=None,
                                       format_func=labels.get, help=t("peers_anchor_help", lang),
                                       placeholder=t("choose_one", lang))
        filters = _peer_filters(key, regions, lang)
        if preset == "custom":
            options = peers.apply_filters(regions, filters)
            labels = peers.labels(options, lang)
            chosen = [i for i in st.session_state.get(f"{key}_ids", []) if i in labels]
            st.session_state[f"{key}_ids"] = chosen
            st.multiselect(t("peers_pick", lang), list(labels), key=f"{key}_ids", format_func=labels.get,
                           max_selections=peers.MAX_CUSTOM)
        st.caption(t("peers_link", lang))
    if preset in peers.ANCHORED and not anchor:
        anchor = str(regions["region_id"].iloc[0]) if len(regions) else None
    choice = peers.PeerChoice(preset, anchor, tuple(st.session_state.get(f"{key}_ids", [])),
                              tuple(sorted(filters.items())))
    known = set(regions["region_id"])
    ids = peers.resolve(choice, regions) + tuple(r for r in view.region_labels if r not in known)
    st.session_state[f"{key}_last"] = ids
    summary_slot.caption(t("peers_summary", lang, n=len(ids), preset=t(f"peers_preset_{preset}", lang)))
    return Peers(ids=ids, anchor=anchor, preset=preset, url={url_key: peers.encode(choice), **filters})


def drawn_regions(view: View, group: Peers, ranking: groups.Ranking) -> groups.Drawn:
    """At most what a person reads (issue 13): of a group larger than peers.READABLE, the anchor,
    the uploads and the regions `ranking` puts first, with a note and a "show all" (key `all`)."""
    in_warehouse = set(view.regions["region_id"])
    show_all = groups.is_large(group.ids) and st.toggle(t("peers_show_all", view.lang, n=len(group.ids)), key="all")
    drawn = groups.drawn_regions(group.ids, group.anchor, in_warehouse, show_all, ranking)
    if len(drawn.ids) < len(group.ids):
        st.caption(t("peers_top_note", view.lang, shown=len(drawn.ids), n=len(group.ids)))
    return drawn


def _peer_filters(key: str, regions: pd.DataFrame, lang: str) -> dict[str, str]:
    """The five filter boxes (province, parent city, level, kind, period); empty means any."""
    options = peers.filter_options(regions)
    chosen = {}
    for column, filter_key in zip(st.columns(len(peers.FILTERS)), peers.FILTERS):
        state_key = f"{key}_{filter_key}"
        if st.session_state.get(state_key) not in options[filter_key]:
            st.session_state[state_key] = None
        fmt = (lambda v: admin_level_label(v, lang)) if filter_key == "pf_level" else str
        value = column.selectbox(t(filter_key, lang), options[filter_key], key=state_key, index=None,
                                 format_func=fmt, placeholder=t("peers_filter_any", lang))
        if value:
            chosen[filter_key] = value
    return chosen

