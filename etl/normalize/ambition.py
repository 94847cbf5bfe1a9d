"""Step 4c: how far each target reaches from where its region stood, and whether it is on track.

Pure functions over frames (targets, observations), no file and no database:

  * `required_changes` — for each target whose region has a level at or before the plan's start
    (the target's own baseline, 由162人增至250人, else the latest observation), the change a year
    it asks for, counted over the plan's own months (from the observation's month when it is older):
      - a level (scope stock): compound growth, in %/yr — ((target / start) ^ (12 / months) − 1) × 100;
      - a share, rate or score (scope ratio): (target − start) ÷ years, in points/yr;
      - a flow (scope new or annual): the yearly figure the target asks for ÷ the observed yearly flow,
        in "x observed yearly flow" (2.0: twice the flow observed before the plan).
    `required_change_from` says which observation and which months.
  * `attainment_rows` — one row per target and per observation after its start, up to its due year:
    progress_share = share of the way from the starting level to the target (the observed flows of
    the plan's years added up, for a target over the plan period); elapsed_share = share of the
    months from the start to the due month gone at the observation; and a status:
      - achieved: the observed value reaches the target (≥, or ≤ for a target to bring a figure down);
      - regressing: progress_share < 0 — the figure moved away from the target since the start;
      - on_track: progress_share ≥ ON_TRACK_SHARE × elapsed_share;
      - behind: 0 ≤ progress_share < ON_TRACK_SHARE × elapsed_share;
      - insufficient_data: no starting level (and not achieved), or a year's flow missing.
    The comparison is linear in time, as Open SDG's and ESCAP's progress assessments compare the
    progress made with the progress the time gone would call for.

Times are month indices (year × 12 + month − 1); a yearly figure without a month is the level at
the end of its year (statistical bulletins report year-end stocks and whole-year flows).

Data shapes born here: the `attainment` rows and the targets' required_* columns (etl.base.schema).
"""

from __future__ import annotations

import math

import pandas as pd

from etl.base.frames import records

ON_TRACK_SHARE = 0.95  # progress of at least 95 % of what the months gone call for is on track (ESCAP's 0.95)
STATUSES = ("achieved", "on_track", "behind", "regressing", "insufficient_data")
UNIT_LEVEL = "%/yr"
UNIT_RATIO = "points/yr"
UNIT_FLOW = "x observed yearly flow"
# Which observations measure what a target of each scope sets.
OBSERVATION_SCOPE = {"stock": "stock", "ratio": "ratio", "annual": "annual", "new": "annual"}
AMBITION_COLUMNS = ["required_annual_change", "required_change_unit", "required_change_from", "start_observation_id"]


def month_index(year, month=None) -> int:
    """A month as one number; a year without its month is its December (its year-end level)."""
    return int(year) * 12 + (int(month) if not _blank(month) else 12) - 1


def month_text(index: int) -> str:
    return f"{index // 12}-{index % 12 + 1:02d}"


def _index_of(yyyy_mm) -> int | None:
    if not isinstance(yyyy_mm, str) or len(yyyy_mm) < 7:
        return None
    return month_index(int(yyyy_mm[:4]), int(yyyy_mm[5:7]))


def _blank(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def due_index(target: dict) -> int | None:
    """The month a target is due: its plan's last month when it is due at the plan's end (or sets no
    year), else December of its year."""
    end = _index_of(target.get("plan_end_month"))
    year = target.get("target_year")
    if _blank(year) or (not _blank(target.get("period_end")) and int(year) == int(target["period_end"])):
        return end
    return month_index(int(year))


def _eligible(target: dict) -> bool:
    return (not bool(target.get("qualitative")) and bool(target.get("indicator_id"))
            and not _blank(target.get("value_std")) and target.get("scope") in OBSERVATION_SCOPE
            and _blank(target.get("per_unit")) and _index_of(target.get("plan_start_month")) is not None
            and due_index(target) is not None)


def _observations_by_key(observations: pd.DataFrame) -> dict[tuple, list[dict]]:
    """(region_id, indicator_id, scope, unit_std) → observations in time order, a researcher's before
    a plan's at the same month (a cited statistic over a figure a text restates)."""
    grouped: dict[tuple, list[dict]] = {}
    for row in records(observations):
        row["_at"] = month_index(row["year"], row.get("month"))
        grouped.setdefault((row["region_id"], row["indicator_id"], row["scope"], row["unit_std"]), []).append(row)
    for rows in grouped.values():
        rows.sort(key=lambda r: (r["_at"], r["source_kind"] != "researcher"))
    return grouped


def starting_level(target: dict, observations: list[dict]) -> dict | None:
    """The target's own baseline, else the latest observation at or before its plan's start."""
    start = _index_of(target["plan_start_month"])
    own = [o for o in observations if o.get("target_id") == target["target_id"] and o["_at"] <= start]
    if own:
        return own[-1]
    before = [o for o in observations if o["_at"] <= start]
    if not before:
        return None
    latest = max(o["_at"] for o in before)
    return next(o for o in before if o["_at"] == latest)  # a researcher's first at that month


def _start_and_months(target: dict, start_obs: dict | None) -> tuple[int, int]:
    """(the month the counting starts from, months to the due month): the plan's own months, or from
    the observation when it is older than the month before the plan starts."""
    start = _index_of(target["plan_start_month"]) - 1
    if start_obs is not None:
        start = min(start, start_obs["_at"])
    return start, due_index(target) - start


def required_change(target: dict, start_obs: dict) -> tuple[float | None, str | None, str | None]:
    """(required change a year, its unit, how it was derived) of one target from its starting level."""
    begin, months = _start_and_months(target, start_obs)
    if months <= 0:
        return None, None, None
    years = months / 12
    start, goal, scope = float(start_obs["value_std"]), float(target["value_std"]), target["scope"]
    unit = target.get("unit_std") or ""
    if scope == "stock":
        if start <= 0 or goal <= 0:
            return None, None, None
        change, change_unit = ((goal / start) ** (1 / years) - 1) * 100, UNIT_LEVEL
    elif scope == "ratio":
        change, change_unit = (goal - start) / years, UNIT_RATIO
    else:
        if start <= 0:
            return None, None, None
        yearly = goal if scope == "annual" else goal / _plan_years(target)
        change, change_unit = yearly / start, UNIT_FLOW
    how = (f"from {_num(start)} {unit} ({start_obs['source_kind']} observation {start_obs['observation_id']}, "
           f"{_when(start_obs)}) to {_num(goal)} {unit} by {month_text(due_index(target))}: "
           f"{months} months ({month_text(begin + 1)} to {month_text(due_index(target))}, {years:.2f} years)")
    if scope == "new":
        how += f"; {_num(goal)} over the plan's {_plan_years(target):.2f} years = {_num(goal / _plan_years(target))} a year"
    return round(change, 6), change_unit, how


def _plan_years(target: dict) -> float:
    return (due_index(target) - _index_of(target["plan_start_month"]) + 1) / 12


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def _when(observation: dict) -> str:
    month = observation.get("month")
    return f"{int(observation['year'])}" + (f"-{int(month):02d}" if not _blank(month) else "")


def required_changes(targets: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """AMBITION_COLUMNS for every target (empty where no starting level is known), in targets' order."""
    return ambition(targets, observations)[0]


def ambition(targets: pd.DataFrame, observations: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(`required_changes`, `attainment_rows`) of the same targets, their rows and the observations'
    grouping made once for both (the build's serial part: 1,000 plans' targets read once, not twice)."""
    by_key = _observations_by_key(observations) if len(observations) else {}
    rows = records(targets) if by_key else []
    # a target without an observation of its measure has neither: looked up first, as most have none
    observed = [(number, target, candidates) for number, target in enumerate(rows)
                if (candidates := by_key.get(_key(target))) and _eligible(target)]
    return _required_changes(observed, targets.index), _attainment_rows(observed)


def _key(target: dict) -> tuple:
    return (target["region_id"], target["indicator_id"], OBSERVATION_SCOPE.get(target["scope"]), target["unit_std"])


def _required_changes(observed: list[tuple[int, dict, list[dict]]], index: pd.Index) -> pd.DataFrame:
    rows: list[tuple] = [(None, None, None, None)] * len(index)
    for number, target, candidates in observed:
        start_obs = starting_level(target, candidates)
        if start_obs is not None:
            change, unit, how = required_change(target, start_obs)
            if change is not None:
                rows[number] = (change, unit, how, start_obs["observation_id"])
    frame = pd.DataFrame(rows, columns=AMBITION_COLUMNS, index=index)
    frame["required_annual_change"] = frame["required_annual_change"].astype("float64")
    return frame


# --- attainment ------------------------------------------------------------------------------

def _reached(observed: float, goal: float, upward: bool) -> bool:
    return observed >= goal if upward else observed <= goal


def status_of(progress: float | None, elapsed: float | None, reached: bool) -> str:
    """The status of one observation against its target (thresholds in the module's docstring)."""
    if reached:
        return "achieved"
    if progress is None or elapsed is None:
        return "insufficient_data"
    if progress < 0:
        return "regressing"
    return "on_track" if progress >= ON_TRACK_SHARE * elapsed else "behind"


def attainment_rows(targets: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """One row per target and per observation after its start, up to its due year (see the docstring)."""
    return ambition(targets, observations)[1]


def _attainment_rows(observed: list[tuple[int, dict, list[dict]]]) -> pd.DataFrame:
    from etl.base.schema import columns

    rows: list[dict] = []
    for _number, target, candidates in observed:
        rows += _target_attainment(target, candidates)
    return pd.DataFrame(rows, columns=columns("attainment"))


def _target_attainment(target: dict, candidates: list[dict]) -> list[dict]:
    start_obs = starting_level(target, candidates)
    begin, months = _start_and_months(target, start_obs)
    due = due_index(target)
    if target["scope"] == "new":  # added up over the plan's own years: its months count
        begin, months = _index_of(target["plan_start_month"]) - 1, due - _index_of(target["plan_start_month"]) + 1
    goal = float(target["value_std"])
    start = float(start_obs["value_std"]) if start_obs is not None else None
    upward = goal > start if start is not None and start != goal else target.get("comparator") != "<="
    plan_start = _index_of(target["plan_start_month"])
    later = [o for o in candidates if begin < o["_at"] <= due + 11 - due % 12 and o is not start_obs]
    if target["scope"] in ("annual", "new"):  # a flow counts only in the plan's own years
        later = [o for o in later if o["_at"] >= plan_start]
    seen_months = set()
    rows = []
    for obs in later:
        if obs["_at"] in seen_months:  # a researcher's figure and a plan's for one month: the first
            continue
        seen_months.add(obs["_at"])
        elapsed = min(1.0, (obs["_at"] - begin) / months) if months > 0 else None
        if target["scope"] == "new":
            observed, progress, reason = _cumulative(target, candidates, obs, goal)
            reached = observed is not None and observed >= goal
        else:
            observed, reason = float(obs["value_std"]), None
            progress = (observed - start) / (goal - start) if start is not None and goal != start else None
            reached = _reached(observed, goal, upward)
            if start is None:
                reason = "no level at or before the plan's start"
        status = status_of(progress, elapsed, reached)
        rows.append({"target_id": target["target_id"], "region_id": target["region_id"],
                     "indicator_id": target["indicator_id"], "observation_id": obs["observation_id"],
                     "year": int(obs["year"]), "month": None if _blank(obs.get("month")) else int(obs["month"]),
                     "observed_value": observed, "unit_std": target.get("unit_std"),
                     "start_value": start if target["scope"] != "new" else 0.0,
                     "start_observation_id": start_obs["observation_id"] if start_obs is not None else None,
                     "target_value": goal, "progress_share": _rounded(progress), "elapsed_share": _rounded(elapsed),
                     "status": status, "source_kind": obs["source_kind"],
                     "status_reason": reason if status == "insufficient_data" else None})
    return rows


def _cumulative(target: dict, candidates: list[dict], obs: dict, goal: float) -> tuple[float | None, float | None, str | None]:
    """A target over the plan period against the observed yearly flows of the plan's years so far."""
    first = _index_of(target["plan_start_month"])
    if first % 12 != 0:
        return None, None, "the plan starts in mid-year: a calendar year's flow does not split"
    yearly = {int(o["year"]): float(o["value_std"]) for o in candidates if _blank(o.get("month"))}
    years = range(first // 12, int(obs["year"]) + 1)
    if not _blank(obs.get("month")) or any(y not in yearly for y in years):
        return None, None, "a year of the plan has no observed yearly flow"
    total = sum(yearly[y] for y in years)
    return total, (total / goal if goal else None), None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 6)
