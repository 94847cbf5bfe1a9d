"""Every SQL statement the dashboard runs, one function per question a page asks.

Pages call these and get DataFrames; nothing else in the dashboard writes SQL.  Results
are cached by dashboard.db (plain Python).  What a page does with an answer (adding a session's uploads, a
user's denominators, the measure shown, which targets compare) is in dashboard/services/.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd

from dashboard.db import fetch
from etl.api import CATEGORIES, CATEGORY_VALUES, UNMAPPED, columns

SOURCES_PAGE = "sources"  # url_path of pages/sources.py (see app.py)

# Which targets column each compare/indicator measure reads, and how its unit is written.
MEASURE_COLUMNS = {
    "absolute": "value_std",
    "per10k": "value_per_10k_residents",
    "peryear": "value_per_year",
    # how far a target reaches from its region's starting level (etl.normalize.ambition): %/yr for a
    # level, points/yr for a share, a multiple of the observed yearly flow for a flow
    "ambition": "required_annual_change",
}
MEASURES = list(MEASURE_COLUMNS)

# SQL that sorts categories in the plans' order of the five links (创造, 运用, 保护, 管理, 服务),
# then the unmapped group.
_CATEGORY_RANK = ("CASE {column} " + " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(CATEGORY_VALUES))
                  + " ELSE 99 END")

_FAMILY_NAMES = """
    SELECT family, any_value(family_zh) AS family_zh, any_value(family_en) AS family_en
    FROM indicators GROUP BY family
"""

# One row per region: `regions` has a row per plan, and a region with two plans (a pilot plan and a
# later demonstration plan) joined by region_id would list each of its targets twice.
_REGION_NAMES = """
    SELECT region_id, any_value(region_zh) AS region_zh, any_value(region_en) AS region_en
    FROM regions GROUP BY region_id
"""

# A restatement (a headline, summary or second statement repeating a target of the body: targets.restates
# names the target it restates) is drawn and counted once, under that target: every chart, table and
# count reads the targets through this.  The sources, review and data pages still list it, marked.
COUNTED_TARGETS = "(SELECT * FROM targets WHERE restates IS NULL)"

_TARGETS_SELECT = f"""
    SELECT t.*, r.region_en, f.family_zh, f.family_en,
           '{SOURCES_PAGE}?doc=' || t.doc_id || '&target=' || t.target_id AS source_url
    FROM targets t
    LEFT JOIN ({_REGION_NAMES}) r USING (region_id)
    LEFT JOIN ({_FAMILY_NAMES}) f ON f.family = t.family
"""
_COUNTED_SELECT = _TARGETS_SELECT.replace("FROM targets t", f"FROM {COUNTED_TARGETS} t")


def source_url(doc_id: str, target_id: str | None = None) -> str:
    """Relative link to the Sources page scrolled to one target (works from every page)."""
    params = {"doc": doc_id}
    if target_id:
        params["target"] = target_id
    return f"{SOURCES_PAGE}?{urlencode(params)}"


# --- regions and documents ---------------------------------------------------------

def regions() -> pd.DataFrame:
    return fetch("SELECT * FROM regions ORDER BY region_id")


def documents_meta(region_ids: tuple[str, ...] | None = None, doc_ids: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The plans' metadata (no text); only these regions' or these documents' when given."""
    where, params = "", ()
    if doc_ids is not None:
        where, params = "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", (list(doc_ids),)
    elif region_ids is not None:
        where, params = "WHERE region_id IN (SELECT unnest(?::VARCHAR[]))", (list(region_ids),)
    return fetch(f"""
        SELECT doc_id, region_id, region_zh, title, plan_kind, period_start, period_end,
               status, date, date_note, source_file, sha256, encoding, issuer, doc_number, url
        FROM documents {where} ORDER BY region_id
    """, params)


def document(doc_id: str) -> pd.DataFrame:
    return fetch("SELECT * FROM documents WHERE doc_id = ?", (doc_id,))


# --- indicators ----------------------------------------------------------------------

def indicators() -> pd.DataFrame:
    return fetch(f"SELECT * FROM indicators ORDER BY {_CATEGORY_RANK.format(column='category')}, family, indicator_id")


def families() -> pd.DataFrame:
    """One row per indicator family: family, family_zh, family_en, category, and
    n_regions (how many regions set any target, numeric or not, in it)."""
    return fetch(f"""
        SELECT i.family, any_value(i.family_zh) AS family_zh, any_value(i.family_en) AS family_en,
               any_value(i.category) AS category,
               (SELECT count(DISTINCT region_id) FROM {COUNTED_TARGETS} t WHERE t.family = i.family) AS n_regions
        FROM indicators i WHERE i.family IS NOT NULL AND i.family <> ''
        GROUP BY i.family ORDER BY {_CATEGORY_RANK.format(column='any_value(i.category)')}, family
    """)


# --- targets -------------------------------------------------------------------------

def targets(category: str | None = None, family: str | None = None,
            indicator_id: str | None = None, region_ids: tuple[str, ...] | None = None,
            restatements: bool = False) -> pd.DataFrame:
    """Targets with region_en, family names and a source_url, filtered by what is given.

    region_ids: only these regions' targets (an empty tuple: none), filtered in SQL, so a page
    showing a peer group of four fetches four regions' rows from a warehouse of 1,000.
    restatements: also the rows restating another (a download of every row); charts never ask."""
    where, params = [], []
    if category:
        where.append("t.category = ?")
        params.append(category)
    if family:
        where.append("t.family = ?")
        params.append(family)
    if indicator_id:
        where.append("t.indicator_id = ?")
        params.append(indicator_id)
    if region_ids is not None:
        # One list parameter, whatever the group's size: one SQL text, cached per group (dashboard.db).
        where.append(_IN_GROUP.format(column="t.region_id"))
        params.append(list(region_ids))
    sql = (_TARGETS_SELECT if restatements else _COUNTED_SELECT) + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY t.region_id, t.target_id"
    return fetch(sql, tuple(params))


def targets_in_document(doc_id: str) -> pd.DataFrame:
    """Every target of one plan, restatements too (the sources page marks them), in reading order."""
    return fetch("""
        SELECT target_id, indicator_id, indicator_zh, indicator_en, raw_name, value, unit, scope, qualitative,
               quote, quote_start, quote_end, restates, facets, indicator_decided_by, indicator_reason
        FROM targets WHERE doc_id = ? ORDER BY quote_start, target_id
    """, (doc_id,))


def category_counts() -> pd.DataFrame:
    """Per region and category: how many quantitative and qualitative targets."""
    return fetch(f"""
        SELECT region_id, category,
               count(*) FILTER (WHERE NOT coalesce(qualitative, false)) AS quantitative,
               count(*) FILTER (WHERE coalesce(qualitative, false)) AS qualitative
        FROM {COUNTED_TARGETS} AS targets GROUP BY region_id, category ORDER BY region_id, {_CATEGORY_RANK.format(column='category')}
    """)


# Per region (and family): how many numeric and how many wordless targets, and the status word.
_COVERAGE_COUNTS = """
    count(*) FILTER (WHERE NOT coalesce(qualitative, false) AND value IS NOT NULL) AS n_quantitative,
    count(*) FILTER (WHERE coalesce(qualitative, false) OR value IS NULL) AS n_qualitative
"""
_COVERAGE_STATUS = """
    coalesce(per.n_quantitative, 0) AS n_quantitative,
    coalesce(per.n_qualitative, 0) AS n_qualitative,
    CASE WHEN coalesce(per.n_quantitative, 0) > 0 THEN 'quantitative'
         WHEN coalesce(per.n_qualitative, 0) > 0 THEN 'qualitative'
         ELSE 'none' END AS status
"""


def coverage(only_targeted: bool = True) -> pd.DataFrame:
    """Every region × indicator family, with status quantitative / qualitative / none, and,
    when any target is unmapped, one last row group per region for those (family and
    category both "unmapped", no family names).

    only_targeted: keep only families at least one region sets a target for (the indicator
    dictionary also knows families no loaded plan mentions)."""
    targeted = f"WHERE fam.family IN (SELECT family FROM {COUNTED_TARGETS} AS targets)" if only_targeted else ""
    families = fetch(f"""
        WITH fam AS ({_FAMILY_NAMES.replace('FROM indicators', "FROM indicators WHERE family IS NOT NULL AND family <> ''")}),
        fam_cat AS (SELECT family, any_value(category) AS category FROM indicators GROUP BY family),
        per AS (
            SELECT region_id, family, {_COVERAGE_COUNTS}
            FROM {COUNTED_TARGETS} AS targets GROUP BY region_id, family
        )
        SELECT r.region_id, r.region_zh, r.region_en, fam.family, fam.family_zh, fam.family_en, fc.category,
               {_COVERAGE_STATUS}
        FROM regions r CROSS JOIN fam
        JOIN fam_cat fc ON fc.family = fam.family
        LEFT JOIN per ON per.region_id = r.region_id AND per.family = fam.family
        {targeted}
        ORDER BY {_CATEGORY_RANK.format(column='fc.category')}, fam.family, r.region_id
    """)
    unmapped = _unmapped_coverage()
    return pd.concat([families, unmapped], ignore_index=True) if len(unmapped) else families


def _unmapped_coverage() -> pd.DataFrame:
    """coverage()'s rows for unmapped targets: one per region, none at all if no target is unmapped."""
    return fetch(f"""
        WITH per AS (SELECT region_id, {_COVERAGE_COUNTS} FROM {COUNTED_TARGETS} AS targets WHERE category = ? GROUP BY region_id)
        SELECT r.region_id, r.region_zh, r.region_en, ? AS family, NULL::VARCHAR AS family_zh,
               NULL::VARCHAR AS family_en, ? AS category, {_COVERAGE_STATUS}
        FROM regions r LEFT JOIN per ON per.region_id = r.region_id
        WHERE EXISTS (SELECT 1 FROM per)
        ORDER BY r.region_id
    """, (UNMAPPED, UNMAPPED, UNMAPPED))


# --- plan structure --------------------------------------------------------------------

def phases(region_id: str) -> pd.DataFrame:
    return fetch('SELECT * FROM phases WHERE region_id = ? ORDER BY "start", "end"', (region_id,))


def responsibilities(region_id: str) -> pd.DataFrame:
    """Departments named in the plan, how often, and how often as lead."""
    return fetch("""
        SELECT department, count(*) AS times_named,
               count(*) FILTER (WHERE coalesce(lead, false)) AS times_lead,
               string_agg(DISTINCT section, '；') AS sections
        FROM responsibilities WHERE region_id = ?
        GROUP BY department ORDER BY times_lead DESC, times_named DESC, department
    """, (region_id,))


# --- towns annex -------------------------------------------------------------------------

def town_measures() -> pd.DataFrame:
    """One row per annex table: (doc_id, measure) is its key, since two plans may title a table alike."""
    return fetch("""SELECT DISTINCT doc_id, measure, unit, region_id, doc_id || ':' || measure AS annex_key
                    FROM town_targets ORDER BY doc_id, measure""")


def town_targets(doc_id: str, measure: str) -> pd.DataFrame:
    return fetch("SELECT * FROM town_targets WHERE doc_id = ? AND measure = ? ORDER BY town, period",
                 (doc_id, measure))


def town_totals_check(doc_id: str, measure: str) -> pd.DataFrame:
    """Per period: the sum over towns, the annex's own total row (the ETL's is_total flag: 全区,
    全县, 合计 …), and the difference."""
    return fetch("""
        SELECT period,
               sum(value) FILTER (WHERE NOT is_total) AS sum_towns,
               max(value) FILTER (WHERE is_total) AS district_total,
               sum(value) FILTER (WHERE NOT is_total) - max(value) FILTER (WHERE is_total) AS difference
        FROM town_targets WHERE doc_id = ? AND measure = ?
        GROUP BY period ORDER BY period
    """, (doc_id, measure))


def quality_notes(doc_id: str | None = None) -> pd.DataFrame:
    if doc_id:
        return fetch("SELECT * FROM quality_notes WHERE doc_id = ? ORDER BY kind", (doc_id,))
    return fetch("SELECT * FROM quality_notes ORDER BY doc_id, kind")


def targets_columns() -> list[str]:
    """The warehouse's targets columns, in contract order (for downloads of 'everything')."""
    return columns("targets")


# --- policy instruments (table instruments, written by etl/extract/instruments.py) --------------------

def _has_instruments() -> bool:
    present = fetch("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'instruments'")
    return bool(int(present["n"].iloc[0]))


def instrument_commitments(region_ids: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every instrument commitment (plan × instrument × sentence) with region names and a
    source_url to its sentence on the Sources page (doc, target when the sentence states one,
    quote_start/quote_end); an empty frame while the warehouse has no instruments table.
    region_ids: only these regions' commitments (filtered in SQL)."""
    if not _has_instruments():
        return pd.DataFrame()
    where = f"WHERE {_IN_GROUP.format(column='i.region_id')}" if region_ids is not None else ""
    return fetch(f"""
        SELECT i.*, r.region_zh, r.region_en,
               '{SOURCES_PAGE}?doc=' || i.doc_id || coalesce('&target=' || i.target_id, '')
               || '&quote_start=' || i.quote_start || '&quote_end=' || i.quote_end AS source_url
        FROM instruments i LEFT JOIN ({_REGION_NAMES}) r USING (region_id) {where}
        ORDER BY i.region_id, i.quote_start, i.instrument_id
    """, (list(region_ids),) if region_ids is not None else ())


def instrument_adoption() -> pd.DataFrame:
    """Per instrument, over the whole warehouse (whatever group a page shows): the regions that
    commit to it (sorted), n_regions, unique (only one region does: an innovation among the plans),
    and its names and category.  The shape of dashboard.instrument_matrix.adoption's answer."""
    if not _has_instruments():
        return pd.DataFrame(columns=["instrument_id", "regions", "n_regions", "unique"])
    return fetch("""
        SELECT instrument_id, list(DISTINCT region_id ORDER BY region_id) AS regions,
               count(DISTINCT region_id) AS n_regions, count(DISTINCT region_id) = 1 AS "unique",
               any_value(instrument_zh) AS instrument_zh, any_value(instrument_en) AS instrument_en,
               any_value(category) AS category
        FROM instruments GROUP BY instrument_id ORDER BY instrument_id
    """)


# --- review: corrections and the review queue (pages/review.py, dashboard/review.py) ---------------

def target_detail(target_id: str) -> pd.DataFrame:
    """One target with everything `targets()` gives (origin, extracted_*, correction_reason …)."""
    return fetch(_TARGETS_SELECT + " WHERE t.target_id = ?", (target_id,))


def document_targets(doc_id: str) -> pd.DataFrame:
    """Every column of one plan's targets, in reading order: the rows a correction must tell apart."""
    return fetch("SELECT * FROM targets WHERE doc_id = ? ORDER BY quote_start, target_id", (doc_id,))


def review_candidates() -> pd.DataFrame:
    """The targets the review queue lists (dashboard.review.review_queue): low confidence (a NULL
    confidence is unknown, not low) or unmapped; picked in SQL, not from every target in pandas."""
    return fetch("""
        SELECT doc_id, region_id, region_zh, target_id, category, raw_name, value, unit, quote,
               confidence, confidence_reason
        FROM targets WHERE lower(confidence) = 'low' OR category = ?
        ORDER BY region_id, target_id
    """, (UNMAPPED,))


def undecided_targets() -> pd.DataFrame:
    """The targets no dictionary entry names (indicator_decided_by derived or unmapped): the review
    queue groups them by facet combination or normalised name (dashboard.services.review_queue)."""
    return fetch("""
        SELECT doc_id, region_id, region_zh, target_id, indicator_id, raw_name, unit, quote, facets,
               indicator_decided_by, indicator_reason
        FROM targets WHERE indicator_decided_by IN ('derived', 'unmapped')
        ORDER BY indicator_decided_by, indicator_id, region_id, target_id
    """)


def region_names() -> pd.Series:
    """region_id → region_zh (a region with two plans once)."""
    frame = fetch(_REGION_NAMES + " ORDER BY region_id")
    return frame.set_index("region_id")["region_zh"]


def corrections_log(doc_id: str | None = None) -> pd.DataFrame:
    """The corrections table: every recorded correction and whether it applies (status)."""
    if doc_id:
        return fetch('SELECT * FROM corrections WHERE doc_id = ? ORDER BY file, "number"', (doc_id,))
    return fetch('SELECT * FROM corrections ORDER BY doc_id, file, "number"')


def plan_status(today: str | None = None, region_ids: tuple[str, ...] | None = None) -> pd.DataFrame:
    """region_id, status (draft / issued / ended: the plan's last month has passed), admin_level and
    the plan's months, for marking regions where they are compared (region_ids: only these)."""
    where = f"WHERE {_IN_GROUP.format(column='r.region_id')}" if region_ids is not None else ""
    frame = fetch(f"""
        SELECT r.region_id, r.status, r.admin_level, r.period_end,
               min(t.plan_start_month) AS plan_start_month, max(t.plan_end_month) AS plan_end_month
        FROM regions r LEFT JOIN targets t USING (region_id) {where}
        GROUP BY r.region_id, r.status, r.admin_level, r.period_end ORDER BY r.region_id
    """, (list(region_ids),) if region_ids is not None else ())
    now = today or pd.Timestamp.today().strftime("%Y-%m")
    last = frame["plan_end_month"].fillna(frame["period_end"].astype("string") + "-12")
    frame["status"] = frame["status"].where(~((frame["status"] == "issued") & (last < now)), "ended")
    return frame


__all__ = [name for name in dir() if not name.startswith("_")] + ["CATEGORIES"]


# --- peer groups at scale (issue 13): aggregated in DuckDB, one query per question --------------
# A group is passed as one list parameter, so a query's cache key is (SQL, group) and each peer
# group is cached once (dashboard.db).  `_IN_GROUP` is the predicate; `{column}` names the id.

_IN_GROUP = "{column} IN (SELECT unnest(?::VARCHAR[]))"
_NUMERIC = "NOT coalesce(qualitative, false) AND value IS NOT NULL"


def group_totals(region_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row: regions, numeric and qualitative targets, and families set, over the group."""
    return fetch(f"""
        SELECT count(DISTINCT region_id) AS n_regions,
               count(*) FILTER (WHERE {_NUMERIC}) AS n_numeric,
               count(*) FILTER (WHERE NOT ({_NUMERIC})) AS n_qualitative,
               count(DISTINCT family) FILTER (WHERE family IS NOT NULL AND family <> '') AS n_families
        FROM {COUNTED_TARGETS} AS targets WHERE {_IN_GROUP.format(column='region_id')}
    """, (list(region_ids),))


def group_table(region_ids: tuple[str, ...]) -> pd.DataFrame:
    """One row per plan of the group's regions (a region with two plans has two rows): its facts and
    numeric targets per category (columns named by category, the five links then unmapped), and
    numeric and qualitative totals."""
    numeric = "NOT coalesce(t.qualitative, false) AND t.value IS NOT NULL"
    per_category = ", ".join(f"count(t.target_id) FILTER (WHERE t.category = '{c}' AND {numeric}) AS \"{c}\""
                             for c in CATEGORY_VALUES)
    return fetch(f"""
        SELECT r.region_id, r.region_zh, r.region_en, r.province, r.admin_level, r.plan_kind,
               r.period_start, r.period_end, r.status, {per_category},
               count(t.target_id) FILTER (WHERE {numeric}) AS n_numeric,
               count(t.target_id) FILTER (WHERE coalesce(t.qualitative, false) OR t.value IS NULL) AS n_qualitative
        FROM regions r LEFT JOIN {COUNTED_TARGETS} t ON t.doc_id = r.doc_id
        WHERE {_IN_GROUP.format(column='r.region_id')}
        GROUP BY ALL ORDER BY r.region_id, r.period_start
    """, (list(region_ids),))


def family_shares(region_ids: tuple[str, ...]) -> pd.DataFrame:
    """Per family set by anyone in the group: how many peers set a number, only words, nothing;
    n_peers (the group's size) and share_set (numeric or qualitative, 0–1), most-set first."""
    return fetch(f"""
        WITH per AS (
            SELECT region_id, family, bool_or({_NUMERIC}) AS numeric
            FROM {COUNTED_TARGETS} AS targets WHERE family IS NOT NULL AND family <> '' AND {_IN_GROUP.format(column='region_id')}
            GROUP BY region_id, family),
        n AS (SELECT count(DISTINCT region_id) AS n_peers FROM regions WHERE {_IN_GROUP.format(column='region_id')})
        SELECT per.family, any_value(f.family_zh) AS family_zh, any_value(f.family_en) AS family_en,
               any_value(f.category) AS category,
               count(*) FILTER (WHERE numeric) AS n_numeric, count(*) FILTER (WHERE NOT numeric) AS n_qualitative,
               any_value(n.n_peers) - count(*) AS n_none, any_value(n.n_peers) AS n_peers,
               count(*) / any_value(n.n_peers) AS share_set
        FROM per CROSS JOIN n
        LEFT JOIN (SELECT family, any_value(family_zh) AS family_zh, any_value(family_en) AS family_en,
                          any_value(category) AS category FROM indicators GROUP BY family) f USING (family)
        GROUP BY per.family ORDER BY share_set DESC, n_numeric DESC, per.family
    """, (list(region_ids), list(region_ids)))


def standing_subjects() -> pd.DataFrame:
    """What the standing page can rank on: indicators and families with a numeric target, as
    `subject` ("<indicator_id>" or "family:<family>"), names, and n_regions setting a number."""
    return fetch(f"""
        SELECT indicator_id AS subject, any_value(indicator_zh) AS name_zh, any_value(indicator_en) AS name_en,
               count(DISTINCT region_id) AS n_regions, 1 AS kind_rank
        FROM {COUNTED_TARGETS} AS targets WHERE indicator_id IS NOT NULL AND {_NUMERIC} GROUP BY indicator_id
        UNION ALL
        SELECT 'family:' || t.family, any_value(f.family_zh), any_value(f.family_en), count(DISTINCT t.region_id), 2
        FROM {COUNTED_TARGETS} t LEFT JOIN ({_FAMILY_NAMES}) f USING (family)
        WHERE t.family IS NOT NULL AND t.family <> '' AND NOT coalesce(t.qualitative, false) AND t.value IS NOT NULL
        GROUP BY t.family HAVING count(DISTINCT t.indicator_id) > 1
        ORDER BY n_regions DESC, kind_rank, subject
    """)


_STANDING_UNIT = {"absolute": "unit_std", "per10k": "coalesce(unit_per_10k, unit_std || '/万人')",
                  "peryear": "unit_std || '/年'", "ambition": "required_change_unit"}


def standing_values(subject: str, measure: str) -> pd.DataFrame:
    """One value per region for `subject` (standing_subjects) and measure: only the series most
    regions share (same unit, same scope; per year: same unit), each region's latest target in it.
    Columns: region_id, region_zh, region_en, value, unit, basis, target_year, target_id, n_other
    (numeric targets of the subject left out as not comparable)."""
    column = MEASURE_COLUMNS[measure]
    where = "family = ?" if subject.startswith("family:") else "indicator_id = ?"
    key = subject.removeprefix("family:")
    basis = "'per_year'" if measure == "peryear" else "coalesce(scope, '')"
    return fetch(f"""
        WITH v AS (
            SELECT region_id, target_id, target_year, {column} AS value, {_STANDING_UNIT[measure]} AS unit,
                   {basis} AS basis
            FROM {COUNTED_TARGETS} AS targets WHERE {where} AND {column} IS NOT NULL AND NOT coalesce(qualitative, false)),
        s AS (SELECT unit, basis, count(DISTINCT region_id) AS n FROM v GROUP BY unit, basis
              ORDER BY n DESC, unit, basis LIMIT 1),
        one AS (SELECT v.* FROM v JOIN s USING (unit, basis)
                QUALIFY row_number() OVER (PARTITION BY region_id ORDER BY target_year DESC NULLS LAST, target_id) = 1)
        SELECT one.*, r.region_zh, r.region_en,
               (SELECT count(*) FROM v) - (SELECT count(*) FROM v JOIN s USING (unit, basis)) AS n_other
        FROM one JOIN (SELECT region_id, any_value(region_zh) AS region_zh, any_value(region_en) AS region_en
                       FROM regions GROUP BY region_id) r USING (region_id)
        ORDER BY value DESC, region_id
    """, (key,))


def region_standing(region_id: str, region_ids: tuple[str, ...]) -> pd.DataFrame:
    """Per indicator `region_id` sets a number for: its value and how far ahead of the group it is,
    among peers with a target of the same indicator, unit and scope (each region's latest one).
    ahead_pct: the share of those peers with a lower target (0–100); peers_with: how many peers."""
    return fetch(f"""
        WITH v AS (
            SELECT region_id, indicator_id, indicator_zh, indicator_en, category, unit_std, coalesce(scope, '') AS scope,
                   value_std, target_year
            FROM {COUNTED_TARGETS} AS targets
            WHERE indicator_id IS NOT NULL AND value_std IS NOT NULL AND NOT coalesce(qualitative, false)
              AND {_IN_GROUP.format(column='region_id')}
            QUALIFY row_number() OVER (PARTITION BY region_id, indicator_id, unit_std, scope
                                       ORDER BY target_year DESC NULLS LAST, target_id) = 1),
        ranked AS (
            SELECT *, percent_rank() OVER w AS ahead, count(*) OVER w - 1 AS peers_with
            FROM v WINDOW w AS (PARTITION BY indicator_id, unit_std, scope ORDER BY value_std))
        SELECT indicator_id, indicator_zh, indicator_en, category, value_std, unit_std, scope, target_year,
               CASE WHEN peers_with > 0 THEN round(100 * ahead) END AS ahead_pct, peers_with
        FROM ranked WHERE region_id = ?
        ORDER BY {_CATEGORY_RANK.format(column='category')}, peers_with DESC, indicator_id
    """, (list(region_ids), region_id))


def _targets_where(region_ids, categories, search: str, low_only: bool) -> tuple[str, list]:
    """The data page's filter as SQL: WHERE clause and its parameters."""
    where = [_IN_GROUP.format(column="t.region_id"), "t.category IN (SELECT unnest(?::VARCHAR[]))"]
    params: list = [list(region_ids), list(categories)]
    if search:
        where.append("contains(lower(concat_ws(' ', t.indicator_zh, t.indicator_en, t.raw_name, t.quote)), lower(?))")
        params.append(search)
    if low_only:
        where.append("lower(t.confidence) = 'low'")
    return " WHERE " + " AND ".join(where), params


def targets_count(region_ids: tuple[str, ...], categories: tuple[str, ...], search: str = "",
                  low_only: bool = False) -> int:
    where, params = _targets_where(region_ids, categories, search, low_only)
    return int(fetch("SELECT count(*) AS n FROM targets t" + where, tuple(params))["n"].iloc[0])


def targets_filtered(region_ids: tuple[str, ...], categories: tuple[str, ...], search: str = "",
                     low_only: bool = False, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """targets() under the data page's filter, in SQL; with `limit`, one page (LIMIT/OFFSET)."""
    where, params = _targets_where(region_ids, categories, search, low_only)
    sql = _TARGETS_SELECT + where + " ORDER BY t.region_id, t.target_id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    return fetch(sql, tuple(params))


def coverage_of_group(region_ids: tuple[str, ...]) -> pd.DataFrame:
    """coverage() restricted in SQL to a group's regions (same columns; the unmapped rows when any
    target of the group is unmapped), so a small group costs the same in a warehouse of 1,000."""
    group = _IN_GROUP.format(column="r.region_id")
    families = fetch(f"""
        WITH fam AS ({_FAMILY_NAMES.replace('FROM indicators', "FROM indicators WHERE family IS NOT NULL AND family <> ''")}),
        fam_cat AS (SELECT family, any_value(category) AS category FROM indicators GROUP BY family),
        per AS (SELECT region_id, family, {_COVERAGE_COUNTS} FROM {COUNTED_TARGETS} AS targets
                WHERE {_IN_GROUP.format(column='region_id')} GROUP BY region_id, family)
        SELECT r.region_id, r.region_zh, r.region_en, fam.family, fam.family_zh, fam.family_en, fc.category,
               {_COVERAGE_STATUS}
        FROM regions r CROSS JOIN fam
        JOIN fam_cat fc ON fc.family = fam.family
        LEFT JOIN per ON per.region_id = r.region_id AND per.family = fam.family
        WHERE {group} AND fam.family IN (SELECT family FROM {COUNTED_TARGETS} AS targets)
        ORDER BY {_CATEGORY_RANK.format(column='fc.category')}, fam.family, r.region_id
    """, (list(region_ids), list(region_ids)))
    unmapped = fetch(f"""
        WITH per AS (SELECT region_id, {_COVERAGE_COUNTS} FROM {COUNTED_TARGETS} AS targets
                     WHERE category = ? AND {_IN_GROUP.format(column='region_id')} GROUP BY region_id)
        SELECT r.region_id, r.region_zh, r.region_en, ? AS family, NULL::VARCHAR AS family_zh,
               NULL::VARCHAR AS family_en, ? AS category, {_COVERAGE_STATUS}
        FROM regions r LEFT JOIN per ON per.region_id = r.region_id
        WHERE {group} AND EXISTS (SELECT 1 FROM per)
        ORDER BY r.region_id
    """, (UNMAPPED, list(region_ids), UNMAPPED, UNMAPPED, list(region_ids)))
    return pd.concat([families, unmapped], ignore_index=True) if len(unmapped) else families


def indicator_spread() -> pd.DataFrame:
    """indicator_id and n_regions (regions setting a non-qualitative target in it), most first:
    the indicator page opens on the one most regions can be compared on."""
    return fetch(f"""
        SELECT indicator_id, count(DISTINCT region_id) AS n_regions FROM {COUNTED_TARGETS} AS targets
        WHERE indicator_id IS NOT NULL AND NOT coalesce(qualitative, false)
        GROUP BY indicator_id ORDER BY n_regions DESC, indicator_id
    """)


def regions_by_numbers(region_ids: tuple[str, ...], measure: str, limit: int, category: str | None = None,
                       family: str | None = None, indicator_id: str | None = None) -> tuple[str, ...]:
    """The `limit` regions of the group with the most numbers for the measure under the filter
    (ties by region id): what a chart of a large group draws before "show all"."""
    where, params = [_IN_GROUP.format(column="region_id"), f"{MEASURE_COLUMNS[measure]} IS NOT NULL"], [list(region_ids)]
    for column, wanted in (("category", category), ("family", family), ("indicator_id", indicator_id)):
        if wanted:
            where.append(f"{column} = ?")
            params.append(wanted)
    frame = fetch(f"""
        SELECT region_id, count(*) AS n FROM {COUNTED_TARGETS} AS targets WHERE {' AND '.join(where)}
        GROUP BY region_id ORDER BY n DESC, region_id LIMIT ?
    """, (*params, int(limit)))
    return tuple(frame["region_id"])


def regions_by_commitments(region_ids: tuple[str, ...], limit: int) -> tuple[str, ...]:
    """The `limit` regions of the group committing to the most distinct instruments (ties by id)."""
    if not _has_instruments():
        return ()
    frame = fetch(f"""
        SELECT region_id, count(DISTINCT instrument_id) AS n FROM instruments
        WHERE {_IN_GROUP.format(column='region_id')} GROUP BY region_id ORDER BY n DESC, region_id LIMIT ?
    """, (list(region_ids), int(limit)))
    return tuple(frame["region_id"])


def instrument_departments(separator: str) -> list[str]:
    """Every department named in any commitment, lead or responsible, most often named first (the
    same order as dashboard.instrument_matrix.departments, counted in SQL over the warehouse)."""
    if not _has_instruments():
        return []
    frame = fetch("""
        WITH named AS (
            SELECT unnest(string_split(lead_departments, ?)) AS department FROM instruments
            UNION ALL
            SELECT unnest(string_split(responsible_departments, ?)) FROM instruments)
        SELECT department, count(*) AS n FROM named WHERE department <> ''
        GROUP BY department ORDER BY n DESC, department
    """, (separator, separator))
    return list(frame["department"])


# --- progress (issue 22): observations held against the targets ------------------------------
# A target the progress page follows: a number for a canonical indicator, region-wide, counted once.
_FOLLOWED = ("NOT coalesce(t.qualitative, false) AND t.value IS NOT NULL AND t.indicator_id IS NOT NULL "
             "AND t.per_unit IS NULL AND t.restates IS NULL")


def progress_indicators() -> pd.DataFrame:
    """Indicators with a followed target and at least one observation in the same region: id, names,
    how many regions have both (most first)."""
    return fetch(f"""
        SELECT t.indicator_id, any_value(i.indicator_zh) AS indicator_zh, any_value(i.indicator_en) AS indicator_en,
               count(DISTINCT t.region_id) AS n_regions
        FROM targets t JOIN indicators i USING (indicator_id)
        WHERE {_FOLLOWED} AND EXISTS (SELECT 1 FROM observations o
                                      WHERE o.region_id = t.region_id AND o.indicator_id = t.indicator_id)
        GROUP BY t.indicator_id ORDER BY n_regions DESC, t.indicator_id
    """)


def progress_regions(indicator_id: str, region_ids: tuple[str, ...], limit: int) -> tuple[str, ...]:
    """The `limit` regions of the group with most observations of the indicator (ties by id)."""
    frame = fetch(f"""
        SELECT region_id, count(*) AS n FROM observations
        WHERE indicator_id = ? AND {_IN_GROUP.format(column='region_id')}
        GROUP BY region_id ORDER BY n DESC, region_id LIMIT ?
    """, (indicator_id, list(region_ids), int(limit)))
    return tuple(frame["region_id"])


def observations(region_ids: tuple[str, ...], indicator_id: str | None = None) -> pd.DataFrame:
    """The group's observations (of one indicator when given), oldest first, with a source_url to a
    plan-stated figure's sentence (its target's, when it is a target's baseline)."""
    where, params = [_IN_GROUP.format(column="o.region_id")], [list(region_ids)]
    if indicator_id:
        where.append("o.indicator_id = ?")
        params.append(indicator_id)
    return fetch(f"""
        SELECT o.*, r.region_en,
               CASE WHEN o.doc_id IS NOT NULL THEN '{SOURCES_PAGE}?doc=' || o.doc_id
                    || coalesce('&target=' || o.target_id, '') END AS source_url
        FROM observations o LEFT JOIN ({_REGION_NAMES}) r USING (region_id)
        WHERE {' AND '.join(where)} ORDER BY o.region_id, o.year, coalesce(o.month, 12), o.source_kind DESC
    """, tuple(params))


def progress_targets(region_ids: tuple[str, ...], indicator_id: str | None = None) -> pd.DataFrame:
    """The group's followed targets (of one indicator when given) with their latest attainment row
    (status empty where no observation after the start is known yet)."""
    where, params = [_FOLLOWED, _IN_GROUP.format(column="t.region_id")], [list(region_ids)]
    if indicator_id:
        where.append("t.indicator_id = ?")
        params.append(indicator_id)
    return fetch(f"""
        WITH latest AS (
            SELECT * FROM attainment
            QUALIFY row_number() OVER (PARTITION BY target_id ORDER BY year DESC, coalesce(month, 12) DESC) = 1)
        SELECT t.target_id, t.doc_id, t.region_id, t.region_zh, r.region_en, t.indicator_id, t.indicator_zh,
               t.indicator_en, t.raw_name, t.value_std, t.unit_std, t.comparator, t.scope, t.target_year,
               t.period_end, t.plan_start_month, t.plan_end_month, t.baseline, t.quote,
               t.required_annual_change, t.required_change_unit, t.required_change_from, t.start_observation_id,
               a.observation_id, a.year AS observed_year, a.month AS observed_month, a.observed_value,
               a.start_value, a.progress_share, a.elapsed_share, a.status, a.status_reason,
               '{SOURCES_PAGE}?doc=' || t.doc_id || '&target=' || t.target_id AS source_url
        FROM targets t LEFT JOIN latest a USING (target_id) LEFT JOIN ({_REGION_NAMES}) r ON r.region_id = t.region_id
        WHERE {' AND '.join(where)}
        ORDER BY t.region_id, t.indicator_id, t.target_year, t.target_id
    """, tuple(params))


def attainment_rows(region_ids: tuple[str, ...]) -> pd.DataFrame:
    """Every attainment row of the group's targets (the table as the warehouse holds it)."""
    return fetch(f"SELECT * FROM attainment WHERE {_IN_GROUP.format(column='region_id')} "
                 "ORDER BY region_id, target_id, year, coalesce(month, 12)", (list(region_ids),))
