"""How to cite what the dashboard shows, per document and per chart or download, in Chinese and
English, after Our World in Data's "cite this" text: who issued the plan, its title, 文号, date
and status, then who extracted the numbers and when the reader retrieved them.  No Streamlit here.

    天长市市场监督管理局《天长市…工作方案(2024-2026年)(征求意见稿)》（2024-01-29，征求意见稿）。
    数据由“知识产权强县/强市工作方案对比”项目从原文提取；2026-12-01检索自 http://…/sources?doc=…

Only what the manifest records is written (issuer, doc_number and url as the plan's own text
states them); a missing field is left out or said to be unstated, never filled in.  A document
is any mapping with the documents table's columns (a row of queries.documents_meta(), a dict).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from dashboard.glossary import en, label

PUBLIC_URL_ENV = "IPBENCH_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"  # `streamlit run app.py` on one's own machine
PROJECT = ("“知识产权强县/强市工作方案对比”项目", "the “IP strong-county/city plans compared” project")
UNSTATED_ISSUER = ("发文机关未载明", "issuer not stated")
UPLOADED = ("本次会话上传的方案（未公开发布）", "a plan uploaded in this session (not a published source)")


def public_url() -> str:
    """The dashboard's public address without a trailing slash ($IPBENCH_PUBLIC_URL)."""
    return (os.environ.get(PUBLIC_URL_ENV) or DEFAULT_PUBLIC_URL).rstrip("/")


def absolute_url(relative: str | None) -> str | None:
    """A link the dashboard writes relative to itself (sources?doc=…) made absolute."""
    if not isinstance(relative, str) or not relative:
        return relative
    if "://" in relative:
        return relative
    return f"{public_url()}/{relative.lstrip('/')}"


def sources_url(doc_id: str) -> str:
    """Absolute link to a plan's full text on the Sources page."""
    return absolute_url(f"sources?{urlencode({'doc': doc_id})}")


def _field(doc: Mapping, key: str) -> str:
    value = doc.get(key) if hasattr(doc, "get") else None
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _issuer(doc: Mapping, lang: str) -> str:
    issuer = _field(doc, "issuer")
    if issuer:
        return en(issuer) if lang == "en" else issuer
    region = _field(doc, "region_en") if lang == "en" else ""
    region = region or (en(_field(doc, "region_zh")) if lang == "en" else _field(doc, "region_zh"))
    unstated = UNSTATED_ISSUER[1 if lang == "en" else 0]
    return f"{region} ({unstated})" if lang == "en" else f"{region}（{unstated}）"


def english_title(doc: Mapping) -> str:
    """A descriptive English rendering of the title, from the plan's kind, region and period."""
    region = _field(doc, "region_en") or en(_field(doc, "region_zh"))
    kind = en(_field(doc, "plan_kind")) if _field(doc, "plan_kind") else "IP-strong county/city"
    period = "–".join(p for p in (_field(doc, "period_start"), _field(doc, "period_end")) if p)
    draft = " (draft for comments)" if _field(doc, "status") == "draft" else ""
    return f"{region} work plan: national {kind}{f', {period}' if period else ''}{draft}"


def _details(doc: Mapping, lang: str) -> list[str]:
    """文号, date, status: those the manifest records, in that order."""
    status = label("statuses", _field(doc, "status"), lang) if _field(doc, "status") else ""
    return [part for part in (_field(doc, "doc_number"), _field(doc, "date"), status) if part]


def inline_citation(doc: Mapping, lang: str = "zh") -> str:
    """<issuer>《<title>》（<文号>，<date>，<status>）, the form for a caption or a footnote."""
    details = _details(doc, lang)
    if lang == "en":
        inner = f" ({', '.join(details)})" if details else ""
        return f"{_issuer(doc, lang)}, 《{_field(doc, 'title')}》 [{english_title(doc)}]{inner}"
    inner = f"（{'，'.join(details)}）" if details else ""
    return f"{_issuer(doc, lang)}《{_field(doc, 'title')}》{inner}"


def _retrieval(lang: str, retrieved: dt.date | None, url: str) -> str:
    day = (retrieved or dt.date.today()).isoformat()
    if lang == "en":
        return f"Extracted from the plan's text by {PROJECT[1]}; retrieved {day} from {url}"
    return f"数据由{PROJECT[0]}从原文提取；{day}检索自 {url}"


def document_citation(doc: Mapping, lang: str = "zh", retrieved: dt.date | None = None) -> str:
    """The full citation of one plan: inline form, where it was published (when known), the
    checksum of the text the numbers were read from, and the extraction and retrieval note."""
    parts = [inline_citation(doc, lang)]
    if _field(doc, "url"):
        parts.append(_field(doc, "url"))
    if _field(doc, "sha256"):
        parts.append(f"{'file' if lang == 'en' else '文件'} sha256 {_field(doc, 'sha256')[:12]}")
    end = ". " if lang == "en" else "。"
    sep = ", " if lang == "en" else "，"
    doc_id = _field(doc, "doc_id")
    return sep.join(parts) + end + _retrieval(lang, retrieved, sources_url(doc_id) if doc_id else public_url()) + \
        ("." if lang == "en" else "。")


def chart_citation(docs: Iterable[Mapping], lang: str = "zh", retrieved: dt.date | None = None,
                   uploaded: int = 0) -> str:
    """"Source: …" for a chart or a download drawing on several plans, each in its inline form."""
    cites = [inline_citation(doc, lang) for doc in docs]
    if uploaded:
        cites.append(UPLOADED[1 if lang == "en" else 0])
    head, sep, end = ("Source: ", "; ", ". ") if lang == "en" else ("来源：", "；", "。")
    return head + sep.join(cites) + end + _retrieval(lang, retrieved, public_url()) + ("." if lang == "en" else "。")


SHORT_CITATION_MOST = 6  # plans named one by one in a chart's source line; beyond, a count


def short_citation(docs: Iterable[Mapping], lang: str = "zh", most: int = SHORT_CITATION_MOST) -> str:
    """The one-line form an exported image carries: issuer and year of each plan (the first `most`
    of a long group, then how many more), the project."""
    docs = list(docs)
    names = []
    for doc in docs[:most]:
        year = _field(doc, "date")[:4] or _field(doc, "period_start")
        draft = (" draft" if lang == "en" else "征求意见稿") if _field(doc, "status") == "draft" else ""
        names.append(f"{_issuer(doc, lang)} {year}{draft}".strip() if lang == "en"
                     else f"{_issuer(doc, lang)}{year}{'，' + draft if draft else ''}")
    more = len(docs) - len(names)
    if lang == "en":
        names += [f"and {more} more plans"] if more > 0 else []
        return f"Source: {'; '.join(names)} · extracted by {PROJECT[1]}"
    return f"来源：{'；'.join(names)}{f'等{len(docs)}份方案' if more > 0 else ''} · {PROJECT[0]}提取"


def citation_lines(docs: Iterable[Mapping], retrieved: dt.date | None = None, uploaded: int = 0) -> list[str]:
    """The citation block every download carries, both languages: how to cite the file, then
    each plan's full citation."""
    docs = list(docs)
    lines = ["引用 / How to cite", chart_citation(docs, "zh", retrieved, uploaded),
             chart_citation(docs, "en", retrieved, uploaded), "", "方案 / Plans"]
    for doc in docs:
        lines += [document_citation(doc, "zh", retrieved), document_citation(doc, "en", retrieved)]
        if _field(doc, "date_note"):
            lines.append(f"date: {_field(doc, 'date_note')}")
    return lines
