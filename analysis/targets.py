"""Scorecard against the 2020 targets of Conclusion 05-KL/TU.

Comparators, statuses, trajectories, gap contributions.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.errors import InputError, Problem
from geo.vocab import LEVELS, Lang, Level

COMPARATORS = (">", ">=", "<", "<=", "=", "range")
STATUSES = ("met", "on_track", "off_track", "no_data")
#: GSO code and name of the province (unit of the province-level rows).
PROVINCE_CODE = "11"
PROVINCE_NAME = "Điện Biên"
#: Tolerance of the "=" comparator (floating-point shares such as 100 * 129/129).
EQUAL_TOLERANCE = 1e-6

#: Status colours shared by the table, the chart and the map (colour-blind-safe green / light green / red /
#: grey). Columns of the scorecard table (CSV of ``cli.py scorecard`` and ``cli.py export table --what
#: scorecard``), in order. Columns of a measurement row (:func:`measure_indicators`).
MEASUREMENT_COLUMNS = [
    "indicator_id",
    "level",
    "unit_code",
    "unit_name",
    "measured",
    "measured_year",
    "baseline",
    "baseline_year",
    "weight",
    "source_kind",
    "source_since",
    "source_scope",
    "source_cite",
    "illustrative",
]
CSV_COLUMNS = [
    "indicator_id",
    "level",
    "unit_code",
    "unit_name",
    "measured",
    "target",
    "comparator",
    "status",
    "source",
]

#: Where a measured value comes from (column ``source_kind``; the renderers word it, see
#: :func:`layers.targets.describe_sources`): the commune survey (rate, average fall, another share), the flag
#: rules, the real provincial series (rate, fall), real counts (``real_counts``: the new-rural recognitions,
#: cited), or nothing (``needs_data``: what data would answer it, by indicator id).
SOURCE_KINDS = (
    "survey_rate",
    "survey_fall",
    "survey_value",
    "flags",
    "real_rate",
    "real_fall",
    "real_counts",
    "needs_data",
)

_ALL, _PROVINCE_DISTRICT, _PROVINCE = LEVELS, ("province", "district"), ("province",)
#: The levels at which each indicator exists, i.e. has a figure for each unit of that level (README,
#: "Scorecard"). Shares that a commune survey or a list of communes gives per commune exist at every level;
#: figures compiled for the province only (GRDP, the labour-force survey, the labour department's yearly
#: counts, whose targets are provincial totals) at province level; exam results, doctors per 10,000,
#: malnutrition surveillance and the district-road register at province and district level; the 30a districts'
#: fall in poverty likewise (at commune level it would repeat each commune's own fall). An indicator not
#: listed exists at province level only.
INDICATOR_LEVELS: dict[str, tuple[str, ...]] = {
    "grdp_growth": _PROVINCE,
    "gdp_per_capita": _PROVINCE,
    "poverty_rate": _ALL,
    "poverty_reduction_province": _ALL,
    "poverty_reduction_poor_districts": _PROVINCE_DISTRICT,
    "commune_allseason_road": _ALL,
    "district_roads_hardened": _PROVINCE_DISTRICT,
    "commune_roads_hardened": _ALL,
    "commune_grid": _ALL,
    "households_electricity": _ALL,
    "households_tv": _ALL,
    "commune_wireless_radio": _ALL,
    "primary_completion": _PROVINCE_DISTRICT,
    "lower_secondary_graduation": _PROVINCE_DISTRICT,
    "upper_secondary_graduation": _PROVINCE_DISTRICT,
    "schools_national_standard": _ALL,
    "doctors_per_10k": _PROVINCE_DISTRICT,
    "infant_full_vaccination": _ALL,
    "underweight_under5": _PROVINCE_DISTRICT,
    "commune_health_criteria": _ALL,
    "commune_new_rural": _ALL,
    "vocational_training": _PROVINCE,
    "employment_after_training": _PROVINCE,
    "trained_labour_share": _PROVINCE,
    "new_jobs": _PROVINCE,
    "poor_access_services": _PROVINCE,
}


def indicator_levels(indicator_id: str) -> tuple[str, ...]:
    """Return the levels where ``indicator_id`` exists (:data:`INDICATOR_LEVELS`; else province only)."""
    return INDICATOR_LEVELS.get(str(indicator_id), _PROVINCE)


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def _split_range(text: str) -> tuple[float, float]:
    """Split "low-high" at the dash between two numbers (not a sign, not an exponent's minus)."""
    for i, char in enumerate(text):
        if char == "-" and i > 0 and text[i - 1] not in "eE":
            try:
                return float(text[:i]), float(text[i + 1 :])
            except ValueError:
                continue
    raise ValueError(text)


def parse_target(comparator: str, target_value: str | float) -> tuple[float, float]:
    """Return the target as ``(low, high)``; both equal the value except for ``range`` ("low-high").

    Raises
    ------
    InputError
        Unknown comparator, or a target that is not a number (or not "low-high" for ``range``).
    """
    text = str(target_value).strip()
    if comparator not in COMPARATORS:
        raise InputError(
            Problem(
                vi=f"phép so sánh '{comparator}' không hợp lệ; dùng một trong {', '.join(COMPARATORS)}.",
                en=f"comparator '{comparator}' is not valid; use one of {', '.join(COMPARATORS)}.",
                column="comparator",
                value=comparator,
            )
        )
    try:
        if comparator == "range":
            low, high = _split_range(text)
            if low > high:
                raise ValueError(text)
            return low, high
        value = float(text)
        return value, value
    except ValueError as exc:
        raise InputError(
            Problem(
                vi="giá trị mục tiêu không đọc được; cần một số (hoặc 'thấp-cao' với range).",
                en="target value cannot be read; it must be a number (or 'low-high' for range).",
                column="target_value",
                value=text,
            )
        ) from exc


def meets_target(measured: float | None, comparator: str, target_value: str | float) -> bool | None:
    """Return whether ``measured`` satisfies the target; ``None`` when there is no measured value."""
    low, high = parse_target(comparator, target_value)
    if _is_missing(measured):
        return None
    value = float(measured)  # type: ignore[arg-type]
    if comparator == ">":
        return value > low
    if comparator == ">=":
        return value >= low
    if comparator == "<":
        return value < low
    if comparator == "<=":
        return value <= low
    if comparator == "=":
        return abs(value - low) <= EQUAL_TOLERANCE
    return low <= value <= high


def project_to_year(
    baseline: float | None,
    baseline_year: int | None,
    measured: float | None,
    measured_year: int | None,
    target_year: int,
) -> float:
    """Return the value at ``target_year`` on the straight line through baseline and measured value.

    NaN if undefined.
    """
    if any(_is_missing(v) for v in (baseline, baseline_year, measured, measured_year)):
        return float("nan")
    if int(measured_year) <= int(baseline_year):  # type: ignore[arg-type]
        return float("nan")
    slope = (float(measured) - float(baseline)) / (int(measured_year) - int(baseline_year))  # type: ignore[arg-type]
    return float(measured) + slope * (target_year - int(measured_year))  # type: ignore[arg-type]


def judge_status(
    measured: float | None,
    comparator: str,
    target_value: str | float,
    *,
    measured_year: int | None,
    target_year: int,
    baseline: float | None = None,
    baseline_year: int | None = None,
) -> str:
    """Return ``met``, ``on_track``, ``off_track`` or ``no_data``.

    ``met``: the measured value satisfies the target (in any year).  Before the target year, an unmet target
    is ``on_track`` when the straight line from the baseline through the measured value satisfies it at the
    target year (for ``=``: reaches the value by then, overshoot allowed), else ``off_track`` (also when there
    is no baseline to draw the line).  From the target year on, unmet is ``off_track``.  A missing measured
    value is ``no_data``, never judged as zero.
    """
    ok = meets_target(measured, comparator, target_value)
    if ok is None:
        return "no_data"
    if ok:
        return "met"
    if _is_missing(measured_year) or int(measured_year) >= target_year:  # type: ignore[arg-type]
        return "off_track"
    projected = project_to_year(baseline, baseline_year, measured, measured_year, target_year)
    if comparator == "=" and not _is_missing(projected):
        # A line that reaches the value (e.g. 100 % of communes) by the target year is on track even if it
        # would overshoot it: shares cannot pass 100 %.
        low, _ = parse_target(comparator, target_value)
        reaches = (projected - low) * (low - float(measured)) >= 0  # type: ignore[arg-type]
        return "on_track" if reaches else "off_track"
    return "on_track" if meets_target(projected, comparator, target_value) else "off_track"


def average_yearly_fall(start_value: float, start_year: int, end_value: float, end_year: int) -> float:
    """Return the average fall per year in percentage points from ``start_year`` to ``end_year``.

    NaN if undefined.
    """
    if any(_is_missing(v) for v in (start_value, end_value)) or end_year <= start_year:
        return float("nan")
    return (float(start_value) - float(end_value)) / (end_year - start_year)


def target_path(
    baseline_value: float, baseline_year: int, target_value: float, target_year: int
) -> pd.DataFrame:
    """Return the straight path from baseline to target, one row per year (``year``, ``value``)."""
    years = np.arange(baseline_year, target_year + 1)
    values = baseline_value + (target_value - baseline_value) * (years - baseline_year) / (
        target_year - baseline_year
    )
    return pd.DataFrame({"year": years.astype(int), "value": values})


def shortfall(measured: float, comparator: str, target_value: str | float) -> float:
    """Return how far ``measured`` is from satisfying the target, in the indicator's unit.

    0 when met, NaN if missing.
    """
    low, high = parse_target(comparator, target_value)
    if _is_missing(measured):
        return float("nan")
    value = float(measured)
    if comparator in (">", ">="):
        return max(0.0, low - value)
    if comparator in ("<", "<="):
        return max(0.0, value - low)
    if comparator == "=":
        return abs(value - low)
    return max(0.0, low - value, value - high)


def gap_contributions(rows: pd.DataFrame, *, comparator: str, target_value: str | float) -> pd.DataFrame:
    """Return who holds a target back: each unit's weighted shortfall, largest first.

    ``rows`` has ``unit_code``, ``unit_name``, ``measured`` and ``weight`` (households for household rates,
    communes for shares of communes).  ``gap_points`` = shortfall × weight / total weight of the units with
    data: the points of the aggregate figure this unit stands for (e.g. households-weighted excess of the
    poor-household rate over 33 %). ``share_of_gap`` is its part of the summed gap (0–1).  Units with no data
    are left out.
    """
    data = rows[rows["measured"].notna() & rows["weight"].notna()].copy()
    total = float(data["weight"].sum())
    data["shortfall"] = [shortfall(v, comparator, target_value) for v in data["measured"]]
    data["gap_points"] = data["shortfall"] * data["weight"] / total if total > 0 else np.nan
    summed = float(data["gap_points"].sum())
    data["share_of_gap"] = data["gap_points"] / summed if summed > 0 else 0.0
    columns = ["unit_code", "unit_name", "measured", "weight", "shortfall", "gap_points", "share_of_gap"]
    return data.sort_values(["gap_points", "unit_code"], ascending=[False, True])[columns].reset_index(
        drop=True
    )


# --- measuring the indicators from the loaded frames
# -------------------------------------------------------------


def _group_keys(frame: pd.DataFrame, level: Level) -> tuple[pd.Series, pd.Series]:
    if level == "province":
        return (pd.Series(PROVINCE_CODE, index=frame.index), pd.Series(PROVINCE_NAME, index=frame.index))
    if level == "district":
        return frame["district_code"].astype(str), frame["district"].astype(str)
    return frame["unit_code"].astype(str), frame["unit_name"].astype(str)


def summarise_survey(communes_years: pd.DataFrame, *, level: Level) -> pd.DataFrame:
    """Aggregate commune survey rows to ``level`` per year.

    ``communes_years`` has ``unit_code, unit_name, district_code, district, year, households,
    poor_hh_rate_pct, hh_with_grid_power, health_station_national_standard, schools_national_standard_pct``.
    Rates are weighted by households; households with electricity = summed grid households / summed households
    (of the communes giving both); health = % of communes answering yes (among those answering); schools =
    mean of commune shares (school counts are not in the survey).
    """
    frame = communes_years.copy()
    frame["_code"], frame["_name"] = _group_keys(frame, level)
    hh = frame["households"].astype(float)
    poor = frame["poor_hh_rate_pct"].astype(float)
    frame["_poor_w"] = (poor * hh).where(poor.notna() & hh.notna())
    frame["_hh_poor"] = hh.where(poor.notna() & hh.notna())
    grid = frame["hh_with_grid_power"].astype(float)
    frame["_grid"] = grid.where(grid.notna() & hh.notna())  # a commune counts only with both figures
    frame["_hh_grid"] = hh.where(grid.notna())
    frame["_health"] = frame["health_station_national_standard"].map(
        lambda v: np.nan if _is_missing(v) else float(bool(v))
    )
    grouped = frame.groupby(["_code", "_name", "year"], sort=True)
    out = (
        pd.DataFrame(
            {
                "households": grouped["households"].sum(min_count=1),
                "poor_hh_rate_pct": grouped["_poor_w"].sum(min_count=1)
                / grouped["_hh_poor"].sum(min_count=1),
                "hh_electricity_pct": 100
                * grouped["_grid"].sum(min_count=1)
                / grouped["_hh_grid"].sum(min_count=1),
                "health_standard_pct": 100 * grouped["_health"].mean(),
                "schools_standard_pct": grouped["schools_national_standard_pct"].mean(),
                "n_communes": grouped["unit_code"].nunique(),
            }
        )
        .reset_index()
        .rename(columns={"_code": "unit_code", "_name": "unit_name"})
    )
    return out


def summarise_flags(flags: pd.DataFrame, *, level: Level) -> pd.DataFrame:
    """Return per unit of ``level`` the % of communes with an all-season road and on the grid.

    Both come from the flag rules.
    """
    frame = flags.rename(columns={"unit_id": "unit_code", "commune": "unit_name"}).copy()
    frame["_code"], frame["_name"] = _group_keys(frame, level)
    frame["_road"] = (~frame["lacks_allseason_road"].astype(bool)).astype(float) * 100
    frame["_grid"] = (~frame["lacks_grid"].astype(bool)).astype(float) * 100
    grouped = frame.groupby(["_code", "_name"], sort=True)
    return (
        pd.DataFrame(
            {
                "road_pct": grouped["_road"].mean(),
                "grid_pct": grouped["_grid"].mean(),
                "n_communes": grouped["_road"].size(),
            }
        )
        .reset_index()
        .rename(columns={"_code": "unit_code", "_name": "unit_name"})
    )


@dataclass(frozen=True)
class Measurement:
    """One measured value of an indicator for one unit (a row of :func:`measure_indicators`).

    ``source_kind`` (:data:`SOURCE_KINDS`), ``source_since`` (first year of a fall), ``source_scope``
    (``"30a"`` for the 30a districts combined) and ``source_cite`` (the real series' own citation) are what
    the source column is worded from.
    """

    indicator_id: str
    level: Level
    unit_code: str
    unit_name: str
    measured: float
    measured_year: int
    baseline: float
    baseline_year: int | None
    weight: float
    source_kind: str
    illustrative: bool
    source_since: int | None = None
    source_scope: str = ""
    source_cite: str = ""


def _rate_rows(
    summary: pd.DataFrame,
    *,
    level: Level,
    year: int,
    baseline_year: int,
    id_rate: str,
    id_fall: str,
    illustrative: bool,
    scope: str = "",
) -> list[Measurement]:
    rows = []
    now = summary[summary["year"] == year].set_index("unit_code")
    base = summary[summary["year"] == baseline_year].set_index("unit_code")
    for code, row in now.iterrows():
        base_rate = base["poor_hh_rate_pct"].get(code, np.nan)
        if id_rate:
            rows.append(
                Measurement(
                    indicator_id=id_rate,
                    level=level,
                    unit_code=str(code),
                    unit_name=row["unit_name"],
                    measured=row["poor_hh_rate_pct"],
                    measured_year=year,
                    baseline=base_rate,
                    baseline_year=baseline_year,
                    weight=row["households"],
                    source_kind="survey_rate",
                    illustrative=illustrative,
                    source_scope=scope,
                )
            )
        if year <= baseline_year:
            continue  # no fall in the baseline year: the scorecard reports no data with what would answer it
        fall = average_yearly_fall(base_rate, baseline_year, row["poor_hh_rate_pct"], year)
        rows.append(
            Measurement(
                indicator_id=id_fall,
                level=level,
                unit_code=str(code),
                unit_name=row["unit_name"],
                measured=fall,
                measured_year=year,
                baseline=np.nan,
                baseline_year=None,
                weight=row["households"],
                source_kind="survey_fall",
                illustrative=illustrative,
                source_since=baseline_year,
                source_scope=scope,
            )
        )
    return rows


@dataclass(frozen=True)
class MeasureInputs:
    """What :func:`measure_indicators` measures from; every frame is optional (no frame, no rows from it).

    Attributes
    ----------
    communes_years
        Commune survey rows for (at least) ``baseline_year`` and ``year``, see :func:`summarise_survey`.
    flags, flags_baseline
        Output of :func:`analysis.flags.flag_communes` for ``year`` and for ``baseline_year`` (baseline
        optional).
    real_rates
        Real provincial poor-household rates on the 2016–2020 standard only (``year``, ``value``, ``source``).
        At province level they replace the survey for the years they cover.
    poor_districts
        GSO codes of the 30a poor districts.
    survey_illustrative, flags_illustrative
        Whether the survey, and any input of the flag rules, is illustrative (from the provenance of the
        layers actually used): the rows measured from them carry it in ``illustrative``.
    """

    communes_years: pd.DataFrame | None = None
    flags: pd.DataFrame | None = None
    flags_baseline: pd.DataFrame | None = None
    real_rates: pd.DataFrame | None = None
    poor_districts: tuple[str, ...] = ()
    survey_illustrative: bool = True
    flags_illustrative: bool = True


def measure_indicators(
    inputs: MeasureInputs, *, level: Level, year: int, baseline_year: int = 2015
) -> pd.DataFrame:
    """Return every value the loaded data can measure, one row per indicator and unit of ``level``.

    Parameters
    ----------
    inputs
        The survey, flags and real rates to measure from (:class:`MeasureInputs`).
    level
        ``province``, ``district`` or ``commune``.
    year
        Year measured (survey year; flags computed for that year).
    baseline_year
        First year of the 2016–2020 period (the 2015 baseline survey).

    Returns
    -------
    DataFrame
        ``indicator_id, level, unit_code, unit_name, measured, measured_year, baseline, baseline_year, weight,
        source_kind, source_since, source_scope, source_cite, illustrative`` (the source as codes, see
        :data:`SOURCE_KINDS`).  Indicators without data get no row here (see :func:`build_scorecard`).
    """
    # the user's choice is checked by workflows.checks.check_level: this guards the API
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    communes_years, flags, flags_baseline = inputs.communes_years, inputs.flags, inputs.flags_baseline
    real_rates, poor_districts = inputs.real_rates, inputs.poor_districts
    survey_illustrative, flags_illustrative = inputs.survey_illustrative, inputs.flags_illustrative
    rows: list[Measurement] = []
    if communes_years is not None and len(communes_years):
        summary = summarise_survey(communes_years, level=level)
        now = summary[summary["year"] == year].set_index("unit_code")
        base = summary[summary["year"] == baseline_year].set_index("unit_code")
        rows += _rate_rows(
            summary,
            level=level,
            year=year,
            baseline_year=baseline_year,
            id_rate="poverty_rate",
            id_fall="poverty_reduction_province",
            illustrative=survey_illustrative,
        )
        for code, row in now.iterrows():
            for indicator_id, column, weight in (
                ("households_electricity", "hh_electricity_pct", row["households"]),  # off-grid not counted
                ("commune_health_criteria", "health_standard_pct", row["n_communes"]),  # station at standard
                ("schools_national_standard", "schools_standard_pct", row["n_communes"]),  # mean of shares
            ):
                rows.append(
                    Measurement(
                        indicator_id=indicator_id,
                        level=level,
                        unit_code=str(code),
                        unit_name=row["unit_name"],
                        measured=row[column],
                        measured_year=year,
                        baseline=base[column].get(code, np.nan),
                        baseline_year=baseline_year,
                        weight=weight,
                        source_kind="survey_value",
                        illustrative=survey_illustrative,
                    )
                )
        in_30a = communes_years["district_code"].astype(str).isin(poor_districts)
        if poor_districts and in_30a.any():
            poor = summarise_survey(communes_years[in_30a], level=level)
            rows += _rate_rows(
                poor,
                level=level,
                year=year,
                baseline_year=baseline_year,
                id_rate="",
                id_fall="poverty_reduction_poor_districts",
                illustrative=survey_illustrative,
                scope="30a" if level == "province" else "",
            )
    if level == "province" and real_rates is not None and len(real_rates):
        rows = _prefer_real(rows, real_rates, year=year, baseline_year=baseline_year)
    if flags is not None and len(flags):
        summary = summarise_flags(flags, level=level)
        base = (
            summarise_flags(flags_baseline, level=level).set_index("unit_code")
            if flags_baseline is not None
            else None
        )
        for _, row in summary.iterrows():
            for indicator_id, column in (
                ("commune_allseason_road", "road_pct"),
                ("commune_grid", "grid_pct"),
            ):
                baseline = base[column].get(row["unit_code"], np.nan) if base is not None else np.nan
                rows.append(
                    Measurement(
                        indicator_id=indicator_id,
                        level=level,
                        unit_code=str(row["unit_code"]),
                        unit_name=row["unit_name"],
                        measured=row[column],
                        measured_year=year,
                        baseline=baseline,
                        baseline_year=baseline_year if base is not None else None,
                        weight=row["n_communes"],
                        source_kind="flags",
                        illustrative=flags_illustrative,
                    )
                )
    return pd.DataFrame([dataclasses.asdict(r) for r in rows], columns=MEASUREMENT_COLUMNS)


def _prefer_real(
    rows: list[Measurement], real_rates: pd.DataFrame, *, year: int, baseline_year: int
) -> list[Measurement]:
    """Replace the province poverty rate (and its fall) by the real figures when ``year`` has one.

    The real figures are on the 2016–2020 standard.
    """
    real = real_rates.set_index(real_rates["year"].astype(int))
    if year not in real.index:
        return rows
    value = float(real.at[year, "value"])
    base = float(real.at[baseline_year, "value"]) if baseline_year in real.index else np.nan
    cite = str(real.at[year, "source"])
    weight = next((r.weight for r in rows if r.indicator_id == "poverty_rate"), np.nan)
    replaced = {"poverty_rate"}
    out = [
        Measurement(
            indicator_id="poverty_rate",
            level="province",
            unit_code=PROVINCE_CODE,
            unit_name=PROVINCE_NAME,
            measured=value,
            measured_year=year,
            baseline=base,
            baseline_year=baseline_year,
            weight=weight,
            source_kind="real_rate",
            illustrative=False,
            source_cite=cite,
        )
    ]
    if year > baseline_year and not _is_missing(base):
        out.append(
            Measurement(
                indicator_id="poverty_reduction_province",
                level="province",
                unit_code=PROVINCE_CODE,
                unit_name=PROVINCE_NAME,
                measured=average_yearly_fall(base, baseline_year, value, year),
                measured_year=year,
                baseline=np.nan,
                baseline_year=None,
                weight=weight,
                source_kind="real_fall",
                illustrative=False,
                source_since=baseline_year,
                source_cite=cite,
            )
        )
        replaced.add("poverty_reduction_province")
    return out + [r for r in rows if r.indicator_id not in replaced]


def build_scorecard(
    targets: pd.DataFrame,
    measurements: pd.DataFrame,
    *,
    level: Level,
    units: pd.DataFrame,
    poor_units: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Judge every target that exists at ``level`` (:func:`indicator_levels`), one row per indicator and unit.

    Rows carry status and source. A target that does not exist at ``level`` gets no row (a province-only
    figure is not repeated as "no data" for every commune).

    Parameters
    ----------
    targets
        The targets table (``indicator_id, comparator, target_value, target_year, baseline_value,
        baseline_year`` ...).
    measurements
        Output of :func:`measure_indicators`.
    units
        Every unit of ``level`` (``unit_code``, ``unit_name``): indicators without a measurement get one
        ``no_data`` row per unit, with ``measured`` empty and a note of the data that would answer them.
    poor_units
        Units of ``level`` inside the 30a districts (rows of the poor-district target); defaults to ``units``.
    """
    out = []
    for _, target in targets.iterrows():
        indicator_id = str(target["indicator_id"])
        if level not in indicator_levels(indicator_id):
            continue
        measured = measurements[measurements["indicator_id"] == indicator_id]
        if measured.empty:
            scope = (
                poor_units
                if (indicator_id == "poverty_reduction_poor_districts" and poor_units is not None)
                else units
            )
            measured = pd.DataFrame(
                {
                    "indicator_id": indicator_id,
                    "level": level,
                    "unit_code": scope["unit_code"].astype(str).values,
                    "unit_name": scope["unit_name"].values,
                    "measured": np.nan,
                    "measured_year": np.nan,
                    "baseline": np.nan,
                    "baseline_year": np.nan,
                    "weight": np.nan,
                    "source_kind": "needs_data",
                    "source_since": None,
                    "source_scope": "",
                    "source_cite": "",
                    "illustrative": False,
                }
            )
        for _, row in measured.iterrows():
            target_year = int(target["target_year"])
            baseline, baseline_year = row["baseline"], row["baseline_year"]
            status = judge_status(
                row["measured"],
                target["comparator"],
                target["target_value"],
                measured_year=row["measured_year"],
                target_year=target_year,
                baseline=baseline,
                baseline_year=baseline_year,
            )
            record = row.to_dict()
            # a unit without a value in a measured indicator: the source says so (and what was read)
            record["no_data_for_unit"] = status == "no_data" and record.get("source_kind") != "needs_data"
            record.update(
                {
                    "target": str(target["target_value"]),
                    "comparator": target["comparator"],
                    "status": status,
                    "target_year": target_year,
                    "theme": target["theme"],
                    "indicator_vi": target["indicator_vi"],
                    "indicator_en": target["indicator_en"],
                    "unit": target["unit"],
                    "projected": project_to_year(
                        baseline, baseline_year, row["measured"], row["measured_year"], target_year
                    ),
                }
            )
            out.append(record)
    columns = [
        "indicator_id",
        "level",
        "unit_code",
        "unit_name",
        "measured",
        "target",
        "comparator",
        "status",
        "source_kind",
        "source_since",
        "source_scope",
        "source_cite",
        "no_data_for_unit",
        "source_vi",
        "source_en",
        "illustrative",
        "measured_year",
        "baseline",
        "baseline_year",
        "projected",
        "target_year",
        "weight",
        "theme",
        "indicator_vi",
        "indicator_en",
        "unit",
    ]
    return pd.DataFrame(out, columns=columns)


def who_holds_back(scorecard: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Return the gap contributions of the units of one indicator in a (district or commune) scorecard."""
    rows = scorecard[scorecard["indicator_id"] == indicator_id]
    if rows.empty:
        return gap_contributions(rows.assign(weight=[]), comparator=">", target_value=0)
    first = rows.iloc[0]
    return gap_contributions(rows, comparator=first["comparator"], target_value=first["target"])


def scorecard_csv_table(scorecard: pd.DataFrame, *, lang: Lang = "vi") -> pd.DataFrame:
    """Return the scorecard in the CSV columns.

    ``measured`` stays empty (NaN) when there is no data, never 0.
    """
    table = scorecard.copy()
    table["measured"] = pd.to_numeric(table["measured"], errors="coerce").astype(float).round(2)
    table["source"] = table["source_en" if lang == "en" else "source_vi"]
    return table[CSV_COLUMNS].reset_index(drop=True)


def any_illustrative_measure(scorecard: pd.DataFrame) -> bool:
    """Return whether any value the scorecard reports as measured comes from illustrative data."""
    measured = scorecard[scorecard["status"] != "no_data"]
    return bool(measured["illustrative"].fillna(False).astype(bool).any())
