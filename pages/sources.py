"""Sources: each plan's cleaned text with every extracted target highlighted; a link
`?doc=…&target=…` scrolls to the target's sentence, and `?doc=…&quote_start=a&quote_end=b` to any
passage (an instrument's sentence on the Instruments page has no target of its own)."""

import html

import pandas as pd
import streamlit as st

from dashboard import charts, citation, state, text_checks
from dashboard import review as rv
from dashboard import upload as up
from dashboard.glossary import in_lang, label
from dashboard.i18n import column_label, status_label, t
from dashboard.safe_text import js_string, md
from dashboard.services import decisions, warehouse
from dashboard.ui import context, layout, tables
from dashboard.ui.source_links import number_span

layout.ensure_shell()
view = context.get_view()
lang = view.lang
st.title(t("sources_title", lang))

meta = warehouse.documents_meta()
# This session's uploaded plans come after the warehouse's: a click on an uploaded bar lands here.
uploaded, uploaded_texts = context.uploaded_targets(), st.session_state.get("uploaded_texts")
uploads = up.uploaded_documents(uploaded, uploaded_texts)
meta = pd.concat([meta, uploads], ignore_index=True) if len(uploads) else meta
doc_ids = list(meta["doc_id"])
if not doc_ids:
    st.info(t("no_data", lang))
    st.stop()


def doc_label(doc: dict) -> str:
    """Region · title; in English a descriptive title (it names the region) with the plan's own
    in quotation marks."""
    region = view.region_labels.get(doc["region_id"], doc["region_zh"])
    if lang == "en" and doc.get("status") != up.UPLOADED_STATUS:
        return f"{citation.english_title({**doc, 'region_en': region})} 《{doc['title']}》"
    return f"{region} · {doc['title']}" if lang == "zh" else f"{region} · 《{doc['title']}》"


def date_line(document) -> str:
    """The plan's date and what it is, then when the text itself says it was written (its anchor).
    The manifest's note on the date is English prose: the glossary words it in Chinese when it
    lists it; otherwise a Chinese page says only what the warehouse states in fields."""
    parts = []
    if isinstance(document.get("date"), str) and document["date"]:
        parts.append(t("date_line", lang, date=document["date"], status=status_label(document.get("status"), lang)))
    note = document.get("date_note")
    if isinstance(note, str) and note:
        worded = label("date_notes", note, lang)
        if lang == "en" or worded != note:
            parts.append(f"{t('date_note', lang)}{'：' if lang == 'zh' else ': '}{worded}")
    if "anchor_from" in document:
        parts.append(text_checks.anchor_line(document.get("anchor_year"), document.get("anchor_month"),
                                             document.get("anchor_from"), document.get("anchor_text"), lang))
    return " · ".join(parts)


doc_labels = {doc["doc_id"]: doc_label(doc) for doc in meta.to_dict("records")}
state.seed_choice("doc", doc_ids, doc_ids[0], lang)
doc_id = st.selectbox(t("document", lang), doc_ids, key="doc", format_func=doc_labels.get)

is_upload = doc_id in set(uploads["doc_id"])
if is_upload:
    upload_text, found = up.uploaded_text(uploaded, doc_id, uploaded_texts)
else:
    found = warehouse.targets_in_document(doc_id)
target_ids = [""] + list(found["target_id"])
if st.session_state.get("target") not in target_ids:  # a target of another document: forget it
    st.session_state.pop("target", None)
state.seed_choice("target", target_ids, "", lang)


def target_label(target_id: str) -> str:
    if not target_id:
        return t("none_selected", lang)
    row = found.set_index("target_id").loc[target_id]
    unit = in_lang(row["unit"] or "", lang)
    value = charts.format_value(row["value"], (" " + unit if lang == "en" and unit else unit)) \
        if not row["qualitative"] else t("qualitative", lang)
    name = charts.indicator_name(row, lang)
    if name == row["raw_name"] and lang == "en":  # no canonical name: the plan's wording, as a quote
        name = f"「{name}」"
    restates = row.get("restates")
    said_again = f" · {t('restates_mark', lang, target=restates)}" if isinstance(restates, str) and restates else ""
    return f"{target_id} · {name} · {value}{said_again}"


target_id = st.selectbox(t("target_pick", lang), target_ids, key="target", format_func=target_label)

if is_upload:  # a plan uploaded this session: no manifest entry, its text kept in the session
    document = {"clean_text": upload_text}
    st.caption(t("sources_uploaded", lang, title=md(doc_labels[doc_id])))
else:
    document = warehouse.document(doc_id).iloc[0]
    # Every field here comes from the manifest (whatever `etl add` or the upload page stored): text only.
    doc = {**meta.set_index("doc_id").loc[doc_id].to_dict(), "doc_id": doc_id}
    st.caption(" · ".join([md(citation.inline_citation(doc, lang)),
                           f"{t('raw_file', lang)}{'：' if lang == 'zh' else ': '}"
                           f"{md('data/raw/' + str(document['source_file']))}",
                           f"sha256 {md(str(document['sha256'])[:12])}…"]))
    st.caption(md(date_line(document)))
st.caption(t("highlight_help", lang))
if target_id:
    chosen = found.set_index("target_id").loc[target_id]
    st.info(f"**{md(target_label(target_id))}**  \n“{md(chosen['quote'])}”", icon=":material/format_quote:")
    if decided := decisions.decision_line(chosen, lang):  # how its indicator was decided, and its facets
        st.caption(md(decided))
    detail = warehouse.target_detail(target_id) if not is_upload else pd.DataFrame()
    if len(detail) and detail["origin"].iloc[0] == "manual":  # a person's correction, the machine's reading beside
        row = detail.iloc[0].to_dict()
        st.caption(t("sources_corrected", lang, who=md(rv.shown(row.get("corrected_by"))),
                     when=md(rv.shown(row.get("corrected_at"))), why=md(rv.shown(row.get("correction_reason"))),
                     extracted=md(rv.extracted_text(row))))
    if rv.editing_allowed() and not is_upload:
        st.page_link("pages/review.py", label=t("sources_correct_this", lang), icon=":material/edit:",
                     query_params={"doc": doc_id, "target": target_id})
if "indicator_decided_by" in found:
    with st.expander(t("sources_decisions_title", lang)):
        st.caption(t("sources_decisions_help", lang))
        st.dataframe(decisions.decision_table(found, lang), hide_index=True, key="sources_decisions",
                     placeholder=tables.MISSING_CELL, column_config={
                         "target_id": st.column_config.TextColumn("ID", width=140),
                         "raw_name": t("col_raw_name", lang), "indicator": column_label("indicator", lang),
                         "decided_by": t("col_decided_by", lang),
                         "facets": st.column_config.TextColumn(t("col_facets", lang), width="large"),
                         "reason": t("review_group_col_reason", lang)})


PASSAGE = "passage"  # the id of a passage linked by quote_start/quote_end
MAX_PASSAGE = 2000  # characters: a sentence, not the whole plan


def linked_passage(text: str) -> tuple[int, int] | None:
    """(start, end) from ?quote_start=&quote_end=, when both are integers inside the text."""
    try:
        start, end = int(st.query_params.get("quote_start", "")), int(st.query_params.get("quote_end", ""))
    except ValueError:
        return None
    return (start, end) if 0 <= start < end <= len(text) and end - start <= MAX_PASSAGE else None


def highlighted(text: str, spans, selected: str, number: tuple[int, int] | None = None) -> str:
    """clean_text as HTML, each target's quote in a <mark id="t-<target_id>">; inside the selected
    one, the selected target's `number` (offsets in `text`) in a <span class="num">.

    Two targets can share one sentence (a range, or several numbers in one clause): a quote
    starting inside an earlier mark joins that mark (listed in data-ids, and the mark is
    widened to cover it), so every target id still has a place a link can scroll to."""
    marks: list[dict] = []
    for row in spans.sort_values(["quote_start", "quote_end"]).itertuples():
        start, end = int(row.quote_start), int(row.quote_end)
        if marks and start < marks[-1]["end"]:
            marks[-1]["ids"].append(row.target_id)
            marks[-1]["end"] = max(marks[-1]["end"], end)
        else:
            marks.append({"start": start, "end": end, "ids": [row.target_id]})
    pieces, cursor = [], 0
    for mark in marks:
        pieces.append(html.escape(text[cursor:mark["start"]]))
        css = "tg sel" if selected in mark["ids"] else "tg"
        ids = " ".join(mark["ids"])
        pieces.append(f'<mark id="t-{html.escape(mark["ids"][0])}" data-ids="{html.escape(ids)}" class="{css}" '
                      f'title="{html.escape(ids)}">{marked_number(text, mark, number if "sel" in css else None)}</mark>')
        cursor = mark["end"]
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def marked_number(text: str, mark: dict, number: tuple[int, int] | None) -> str:
    """A mark's text, escaped, with the number in it wrapped when it lies inside the mark."""
    start, end = mark["start"], mark["end"]
    if number is None or not (start <= number[0] < number[1] <= end):
        return html.escape(text[start:end])
    return (html.escape(text[start:number[0]]) + f'<span class="num">{html.escape(text[number[0]:number[1]])}</span>'
            + html.escape(text[number[1]:end]))


def selected_number(target_id: str) -> tuple[int, int] | None:
    """The selected target's number as offsets in the clean text: a click on its bar lands on it."""
    if not target_id:
        return None
    row = found.set_index("target_id").loc[target_id]
    if row["qualitative"] or pd.isna(row["quote_start"]):
        return None
    span = number_span(row["quote"], row["value"], row["unit"])
    return None if span is None else (int(row["quote_start"]) + span[0], int(row["quote_start"]) + span[1])


spans = found.dropna(subset=["quote_start", "quote_end"])[["target_id", "quote_start", "quote_end"]]
# only for the document the link named: after picking another document the passage is forgotten
passage = None if target_id or st.query_params.get("doc") != doc_id else linked_passage(document["clean_text"])
if passage:
    spans = pd.concat([spans, pd.DataFrame([{"target_id": PASSAGE, "quote_start": passage[0],
                                             "quote_end": passage[1]}])], ignore_index=True)
    st.info(f"“{md(document['clean_text'][passage[0]:passage[1]])}”", icon=":material/format_quote:")
scroll_to = target_id or (PASSAGE if passage else "")
body = highlighted(document["clean_text"], spans, scroll_to, selected_number(target_id))
font_size = "1.15rem" if view.present else "1rem"
st.html(f"""
<style>
  .plan-text {{ white-space: pre-wrap; line-height: 1.9; font-size: {font_size};
               font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
               max-height: 70vh; overflow-y: auto; padding: 1rem 1.25rem;
               border: 1px solid #ddd; border-radius: 6px; background: #fff; }}
  .plan-text mark.tg {{ background: #FFF1A8; padding: 0 1px; border-radius: 2px; }}
  .plan-text mark.sel {{ background: #FFE9A0; outline: 1px dashed #D55E00; }}
  .plan-text mark.sel span.num {{ background: #FFB84D; outline: 3px solid #D55E00; border-radius: 2px;
                                 font-weight: 600; }}
  .plan-text mark.sel:not(:has(span.num)) {{ background: #FFD98A; outline: 3px solid #D55E00; }}
</style>
<div class="plan-text" id="plan-text">{body}</div>
""")
if scroll_to:
    # Scroll the text box (not the whole page) so the linked sentence sits in the middle.
    st.html(f"""<script>
      (function () {{
        const go = () => {{
          const id = {js_string(scroll_to)};
          const el = document.getElementById("t-" + id)
            || Array.from(document.querySelectorAll("mark[data-ids]")).find(m => m.dataset.ids.split(" ").includes(id));
          if (!el) return false;
          el.scrollIntoView({{block: "center", behavior: "instant"}});
          return true;
        }};
        if (!go()) {{ let n = 0; const timer = setInterval(() => {{ if (go() || ++n > 40) clearInterval(timer); }}, 100); }}
      }})();
    </script>""", unsafe_allow_javascript=True)

state.publish({"doc": doc_id, "target": target_id or None,
               "quote_start": passage[0] if passage else None, "quote_end": passage[1] if passage else None})
