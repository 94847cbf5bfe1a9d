"""The policy-instrument matrix (pages/instruments.py): instruments × regions, grouped by the five
links, each cell a mark linking to the sentence.  Data shaping and the HTML/CSV builders only;
no Streamlit here, so every piece is tested as a plain function.

Rows come from `dashboard.queries.instrument_commitments()` (table `instruments`, one row per
plan × instrument × sentence, with `source_url`).  Department names are the ETL's canonical
ones (市场监督管理局 …), which are also what the URL carries.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from dashboard.glossary import in_lang
from dashboard.i18n import category_label, t
from dashboard.safe_text import html_text
from etl.api import CATEGORIES
from etl.api import DEPARTMENT_SEPARATOR as SEPARATOR
from etl.api import instrument_dictionary as dictionary  # noqa: I001

ALL = "all"
ROLE_ANY, ROLE_LEAD = "any", "lead"
ROLES = [ROLE_ANY, ROLE_LEAD]
MARK = "●"  # a commitment; the number after it counts the plan's sentences naming it
UNIQUE_MARK = "★"  # an instrument only one region adopts


@lru_cache(maxsize=1)
def instrument_order() -> dict[str, int]:
    """Dictionary order (grouped by link in instruments.yaml): the matrix's row order."""
    return {instrument.id: i for i, instrument in enumerate(dictionary().instruments)}


def definitions(lang: str) -> dict[str, str]:
    return {i.id: (i.definition if lang == "en" else i.definition_zh) for i in dictionary().instruments}


def _names(value) -> list[str]:
    return [n for n in str(value).split(SEPARATOR) if n] if isinstance(value, str) else []


def departments(rows: pd.DataFrame) -> list[str]:
    """Every canonical department named in the rows, lead or responsible, most often named first."""
    counts: dict[str, int] = {}
    for column in ("lead_departments", "responsible_departments"):
        for value in rows.get(column, []):
            for name in _names(value):
                counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda name: (-counts[name], name))


def department_label(name: str, lang: str) -> str:
    """市场监督管理局 · Market regulation in English; the name alone in Chinese."""
    if name == ALL:
        return t("instr_dept_all", lang)
    english = dictionary().department_en(name)
    return f"{name} · {english}" if lang == "en" and english != name else name


def departments_label(value, lang: str) -> str | None:
    """A cell of canonical departments (joined by SEPARATOR) as the reader's table shows it: each
    name with its English on an English page, the names alone in Chinese; empty stays empty."""
    names = _names(value)
    if not names:
        return None
    return ("; " if lang == "en" else "、").join(department_label(n, lang) for n in names)


def filter_rows(rows: pd.DataFrame, category: str = ALL, department: str = ALL, role: str = ROLE_ANY) -> pd.DataFrame:
    """Rows of one link and/or one department; role lead keeps only rows the department leads, and
    without a department the rows whose plan names any lead department (who leads what)."""
    out = rows
    if category != ALL:
        out = out[out["category"] == category]
    if department == ALL and role == ROLE_LEAD:
        out = out[out["lead_departments"].map(lambda v: bool(_names(v)))]
    elif department != ALL:
        lead = out["lead_departments"].map(lambda v: department in _names(v))
        responsible = out["responsible_departments"].map(lambda v: department in _names(v))
        out = out[lead if role == ROLE_LEAD else (lead | responsible)]
    return out.reset_index(drop=True)


def adoption(rows: pd.DataFrame) -> pd.DataFrame:
    """Per instrument: how many regions commit to it, and whether only one does (an innovation
    among these plans).  Computed on all rows, whatever the filters.  `rows` may also be that
    answer already counted in SQL over the whole warehouse (queries.instrument_adoption): a page
    showing four regions of 1,000 then marks ★ without fetching every region's commitments."""
    if "n_regions" in rows.columns:
        return rows
    per = rows.groupby("instrument_id")["region_id"].agg(lambda r: sorted(set(r))).rename("regions").reset_index()
    per["n_regions"] = per["regions"].map(len)
    per["unique"] = per["n_regions"] == 1
    return per


CELL_COLUMNS = ["instrument_id", "region_id", "n", "source_url", "quote", "lead"]


def cell_map(rows: pd.DataFrame) -> dict[tuple[str, str], dict]:
    """(instrument, region) → its cell: sentences counted, the first one's link and quote, and
    the departments leading it there.  Plain dicts: a rerun builds it in a few milliseconds."""
    out: dict[tuple[str, str], dict] = {}
    columns = ["instrument_id", "region_id", "quote_start", "source_url", "quote", "lead_departments"]
    for r in rows.sort_values("quote_start")[columns].to_dict("records"):
        cell = out.setdefault((r["instrument_id"], r["region_id"]), {
            "instrument_id": r["instrument_id"], "region_id": r["region_id"], "n": 0,
            "source_url": r["source_url"], "quote": r["quote"], "lead": []})
        cell["n"] += 1
        cell["lead"] += [n for n in _names(r["lead_departments"]) if n not in cell["lead"]]
    for cell in out.values():
        cell["lead"] = SEPARATOR.join(cell["lead"])
    return out


def cells(rows: pd.DataFrame) -> pd.DataFrame:
    """cell_map as a table (one row per instrument × region that has a commitment)."""
    return pd.DataFrame(list(cell_map(rows).values()), columns=CELL_COLUMNS)


def instruments_shown(rows: pd.DataFrame) -> pd.DataFrame:
    """The instruments in the rows with names and category, in dictionary order."""
    meta = rows.drop_duplicates("instrument_id")[["instrument_id", "instrument_zh", "instrument_en", "category"]]
    order = instrument_order()
    return meta.assign(_o=meta["instrument_id"].map(lambda i: order.get(i, len(order)))).sort_values("_o").drop(
        columns="_o").reset_index(drop=True)


def instrument_name(row, lang: str) -> str:
    english = row.get("instrument_en") if hasattr(row, "get") else None
    return english if lang == "en" and isinstance(english, str) and english else row["instrument_zh"]


def _with_lang(url, lang: str) -> str:
    return f"{url}&lang=en" if lang == "en" and isinstance(url, str) and url else (url or "")


def matrix_frame(rows: pd.DataFrame, all_rows: pd.DataFrame, region_ids: list[str],
                 region_labels: dict[str, str], lang: str) -> pd.DataFrame:
    """The matrix as a table (what the matrix download writes): link, instrument, one column per
    region holding ●n (n sentences) or nothing, how many regions adopt it, and whether only one does."""
    grid = cell_map(rows)
    adopted = adoption(all_rows).set_index("instrument_id")
    out = []
    for meta in instruments_shown(rows).to_dict("records"):
        ident = meta["instrument_id"]
        record = {"category": category_label(meta["category"], lang), "instrument": instrument_name(meta, lang),
                  "instrument_id": ident}
        for region_id in region_ids:
            cell = grid.get((ident, region_id))
            record[region_labels.get(region_id, region_id)] = f"{MARK}{cell['n']}" if cell else ""
        record["n_regions"] = int(adopted.at[ident, "n_regions"]) if ident in adopted.index else 0
        record["unique"] = bool(adopted.at[ident, "unique"]) if ident in adopted.index else False
        out.append(record)
    columns = ["category", "instrument", "instrument_id", *[region_labels.get(r, r) for r in region_ids],
               "n_regions", "unique"]
    return pd.DataFrame(out, columns=columns)


_CSS = """<style>
  .imx {{ border-collapse: collapse; width: 100%; font-size: {size}; }}
  .imx th, .imx td {{ border-bottom: 1px solid #e6e6e6; padding: 3px 8px; text-align: left; }}
  .imx td.c {{ text-align: center; white-space: nowrap; }}
  .imx thead th {{ position: sticky; top: 0; background: #fff; }}
  .imx tr.cat th {{ background: #f4f4f6; font-weight: 600; }}
  .imx tr.uniq th.name {{ background: #FFF1A8; }}
  .imx a {{ text-decoration: none; color: #0B5FA5; }}
  .imx .none {{ color: #bbb; }}
  .imx .lead {{ display: block; font-size: 0.78em; color: #555; white-space: normal; line-height: 1.2; }}
</style>"""


def _cell_html(cell, lang: str) -> str:
    if cell is None:
        return "<td class='c none'>·</td>"
    tip = cell["quote"] + (f" — {t('instr_lead', lang)}: {cell['lead']}" if cell["lead"] else "")
    # Who leads is what researchers come for: written in the cell, not only in its hover.
    lead = ", ".join(in_lang(name, lang) for name in _names(cell["lead"])) if cell["lead"] else ""
    lead_html = f"<span class='lead'>{html_text(t('instr_lead', lang))}: {html_text(lead)}</span>" if lead else ""
    return (f"<td class='c'><a href='{html_text(_with_lang(cell['source_url'], lang))}' target='_self' "
            f"title='{html_text(tip)}'>{MARK}{int(cell['n'])}</a>{lead_html}</td>")


def matrix_html(rows: pd.DataFrame, all_rows: pd.DataFrame, region_ids: list[str],
                region_labels: dict[str, str], lang: str, present: bool = False) -> str:
    """The matrix as one HTML table, grouped by link; every text escaped (quotes and names are
    plan text).  A cell's mark links to the Sources page at its first sentence; hovering shows
    that sentence and the lead departments."""
    grid = cell_map(rows)
    adopted = adoption(all_rows).set_index("instrument_id")["unique"].to_dict()
    defs = definitions(lang)
    shown = instruments_shown(rows)
    head = "".join(f"<th class='c'>{html_text(region_labels.get(r, r))}</th>" for r in region_ids)
    body = []
    for category in CATEGORIES:
        group = shown[shown["category"] == category]
        if group.empty:
            continue
        body.append(f"<tr class='cat'><th colspan='{len(region_ids) + 1}'>{html_text(category_label(category, lang))}</th></tr>")
        for meta in group.to_dict("records"):
            ident = meta["instrument_id"]
            unique = adopted.get(ident, False)
            badge = f" {UNIQUE_MARK}" if unique else ""
            row_class = " class='uniq'" if unique else ""
            body.append(f"<tr{row_class}><th class='name' title='{html_text(defs.get(ident, ''))}'>"
                        f"{html_text(instrument_name(meta, lang))}{badge}</th>"
                        + "".join(_cell_html(grid.get((ident, r)), lang) for r in region_ids) + "</tr>")
    return (_CSS.format(size="1.05rem" if present else "0.9rem")
            + f"<table class='imx'><thead><tr><th>{html_text(t('instr_instrument', lang))}</th>{head}</tr></thead>"
            + f"<tbody>{''.join(body)}</tbody></table>")


def innovations(all_rows: pd.DataFrame, region_labels: dict[str, str], lang: str,
                region_ids: list[str] | None = None) -> dict[str, list[str]]:
    """Region label → the instruments only that region adopts (in dictionary order); with
    region_ids, only those regions' (a peer group's, the uniqueness still over all rows)."""
    unique = adoption(all_rows)
    unique = unique[unique["unique"].astype(bool)]
    if region_ids is not None:
        wanted = set(region_ids)
        unique = unique[[regions[0] in wanted for regions in unique["regions"]]]
    names = {m["instrument_id"]: instrument_name(m, lang) for m in instruments_shown(all_rows).to_dict("records")}
    order = instrument_order()
    out: dict[str, list[str]] = {}
    for ident, regions in sorted(zip(unique["instrument_id"], unique["regions"]), key=lambda p: order.get(p[0], 0)):
        out.setdefault(region_labels.get(regions[0], regions[0]), []).append(names.get(ident, ident))
    return out


ROWS_COLUMNS = ["region", "instrument", "category", "lead_departments", "responsible_departments", "year",
                "quote", "source_url", "target_id", "departments_as_written"]


def rows_table(rows: pd.DataFrame, region_labels: dict[str, str], lang: str) -> pd.DataFrame:
    """The reader's table of commitments: region and instrument names in the current language,
    departments, year, the sentence and its link."""
    out = pd.DataFrame({
        "region": [region_labels.get(r, r) for r in rows["region_id"]],
        "instrument": [instrument_name(r, lang) for r in rows.to_dict("records")],
        "category": [category_label(c, lang) for c in rows["category"]],
        "lead_departments": [departments_label(v, lang) for v in rows["lead_departments"]],
        "responsible_departments": [departments_label(v, lang) for v in rows["responsible_departments"]],
        "year": rows["year"], "quote": rows["quote"],
        "source_url": [_with_lang(u, lang) for u in rows["source_url"]],
        "target_id": rows["target_id"],
        # The plan's own words: an English page marks them as a quote.
        "departments_as_written": [f"“{v}”" if lang == "en" and isinstance(v, str) and v else v
                                   for v in rows["departments_as_written"]],
    }, columns=ROWS_COLUMNS)
    return out.reset_index(drop=True)
