"""Every 2020 target of Conclusion 05-KL/TU judged, with its sources.

Each is judged at province, district or commune level.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from analysis.flags import FlagThresholds
from analysis.programme_targets import new_rural_measurement
from analysis.targets import (
    PROVINCE_CODE,
    PROVINCE_NAME,
    MeasureInputs,
    build_scorecard,
    measure_indicators,
)
from geo.errors import InputError, Problem
from geo.provenance import LayerSource
from geo.vocab import Level, Units
from layers import boundaries, indicators
from layers.catalog import POOR_30A_DISTRICTS
from layers.programmes import load_new_rural_counts
from layers.registry import SOURCES
from layers.targets import (
    STANDARD_2016,
    describe_sources,
    load_provincial_poverty_rates,
    load_targets,
    rates_on_standard,
)
from workflows.checks import check_level, check_scorecard_district, check_survey_year
from workflows.flags import run_flags
from workflows.inputs import load_survey

SCORECARD_BASELINE_YEAR = 2015


@dataclass
class ScorecardRun:
    """A scorecard and the frames it was built from (units for the map, the real rates for the chart)."""

    level: Level
    units: Units
    year: int
    scorecard: pd.DataFrame
    unit_shapes: gpd.GeoDataFrame
    poverty_rates: pd.DataFrame
    """The real provincial rates of every standard (column ``standard``), for the chart."""
    targets: pd.DataFrame
    sources: dict[str, LayerSource] = field(default_factory=dict)
    """Provenance of every layer the measured values come from (survey, flag inputs, real poverty series)."""


def _commune_rows(
    survey: pd.DataFrame, communes: gpd.GeoDataFrame, years: list[int], *, survey_units: str = "pre2025"
) -> pd.DataFrame:
    frames = []
    names = communes.set_index("unit_id")[["commune", "district_code", "district"]]
    for year in years:
        per_unit = indicators.survey_for_units(survey, communes, year=year, survey_units=survey_units).drop(
            columns=["year"], errors="ignore"
        )
        per_unit = (
            per_unit.join(names)
            .reset_index()
            .rename(columns={"unit_id": "unit_code", "commune": "unit_name"})
        )
        frames.append(per_unit.assign(year=year))
    return pd.concat(frames, ignore_index=True)


def _flags_per_commune(flags: pd.DataFrame) -> pd.DataFrame:
    """One row per GSO commune (a commune drawn as two polygons lacks when either polygon lacks)."""
    grouped = flags.groupby("gso_code", sort=True)
    return pd.DataFrame(
        {
            "unit_id": grouped["gso_code"].first(),
            "commune": grouped["commune"].first(),
            "district_code": grouped["district_code"].first(),
            "district": grouped["district"].first(),
            "lacks_allseason_road": grouped["lacks_allseason_road"].any(),
            "lacks_grid": grouped["lacks_grid"].any(),
        }
    ).reset_index(drop=True)


def _unit_shapes(level: Level, communes: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """Return the units judged at ``level`` with ``unit_code`` and ``unit_name``.

    At commune level, these are ``communes``.
    """
    if level == "commune":
        if communes is None:
            raise ValueError("the commune level is judged on the communes: pass them")
        return communes.rename(columns={"unit_id": "unit_code", "commune": "unit_name"})
    if level == "district":
        return boundaries.load_districts().rename(
            columns={"district_code": "unit_code", "district": "unit_name"}
        )
    return boundaries.load_province().assign(unit_code=PROVINCE_CODE, unit_name=PROVINCE_NAME)


def _poor_units(level: Level, shapes: gpd.GeoDataFrame, unit_list: pd.DataFrame) -> pd.DataFrame:
    """Return the units of ``unit_list`` in a 30a poor district (the whole province at province level)."""
    if level == "district":
        return unit_list[unit_list["unit_code"].isin(POOR_30A_DISTRICTS)]
    if level == "commune":
        poor_codes = shapes.loc[shapes["district_code"].astype(str).isin(POOR_30A_DISTRICTS), "unit_code"]
        return unit_list[unit_list["unit_code"].isin(poor_codes)]
    return unit_list


def compute_scorecard(
    level: Level = "province",
    *,
    units: Units = "pre2025",
    year: int = 2020,
    project: str | None = None,
    thresholds: FlagThresholds | None = None,
) -> ScorecardRun:
    """Load targets, survey, flags and the real poverty series, and judge every target at ``level``.

    District and province figures always aggregate the pre-2025 communes (districts were abolished on 1 July
    2025); ``units`` chooses the communes of the commune level (a project's ``survey_2025`` is then used for
    the 2025 units); ``thresholds`` those of the flag rules (default: the rules' defaults, as on the scorecard
    page).
    """
    thresholds = thresholds or FlagThresholds()
    check_level(level)
    boundaries.check_units(units)
    check_survey_year(year)
    targets = load_targets()
    all_rates = load_provincial_poverty_rates()
    real = rates_on_standard(all_rates, STANDARD_2016)
    survey, survey_source, survey_units = load_survey(
        units if level == "commune" else "pre2025", project=project
    )
    years = sorted({SCORECARD_BASELINE_YEAR, year})
    flag_units = units if level == "commune" else "pre2025"
    flag_run = run_flags(flag_units, year=year, thresholds=thresholds, project=project)
    flags_now = flag_run.flags
    sources = {
        "poverty_series": SOURCES["poverty_series"],
        **(flag_run.sources or {}),
        "survey": survey_source,
    }
    flags_base = (
        run_flags(flag_units, year=SCORECARD_BASELINE_YEAR, thresholds=thresholds, project=project).flags
        if year > SCORECARD_BASELINE_YEAR
        else None
    )
    communes = boundaries.load_communes(units) if level == "commune" else None
    shapes = _unit_shapes(level, communes)
    if level == "commune":
        rows = _commune_rows(survey, communes, years, survey_units=survey_units)
    else:
        rows = survey[survey["year"].isin(years)].rename(
            columns={"gso_code": "unit_code", "commune": "unit_name"}
        )
        flags_now = _flags_per_commune(flags_now)
        flags_base = _flags_per_commune(flags_base) if flags_base is not None else None
    # the illustrative mark and the source follow the provenance of the layers actually read (a project's own
    # survey is not illustrative unless it says so)
    flags_illustrative = any(src.illustrative for src in (flag_run.sources or {}).values())
    measurements = measure_indicators(
        MeasureInputs(
            communes_years=rows,
            flags=flags_now,
            flags_baseline=flags_base,
            real_rates=real,
            poor_districts=POOR_30A_DISTRICTS,
            survey_illustrative=survey_source.illustrative,
            flags_illustrative=flags_illustrative,
        ),
        level=level,
        year=year,
    )
    # the real new-rural counts answer the new-rural target (illustrative data never does)
    if level == "province":
        measurements = pd.concat(
            [measurements, new_rural_measurement(load_new_rural_counts(), target_year=year)],
            ignore_index=True,
        )
        sources["programmes"] = SOURCES["programmes"]
    unit_list = shapes[["unit_code", "unit_name"]].astype(str).drop_duplicates("unit_code")
    scorecard = describe_sources(
        build_scorecard(
            targets,
            measurements,
            level=level,
            units=unit_list,
            poor_units=_poor_units(level, shapes, unit_list),
        ),
        survey=survey_source,
        flags_illustrative=flags_illustrative,
    )
    return ScorecardRun(
        level=level,
        units=units,
        year=year,
        scorecard=scorecard,
        unit_shapes=shapes,
        poverty_rates=all_rates,
        targets=targets,
        sources=sources,
    )


def load_scorecard(
    level: Level = "province",
    *,
    units: Units = "pre2025",
    year: int = 2020,
    thresholds: FlagThresholds | None = None,
    district: str | None = None,
    project: str | None = None,
) -> ScorecardRun:
    """Return the :class:`ScorecardRun` of ``level``, its rows cut to ``district`` when given.

    ``district`` (a GSO district code) keeps that district's row at district level and its communes at commune
    level; at province level it is refused (the province has one row per indicator).
    """
    check_level(level)
    check_survey_year(year)
    check_scorecard_district(level, district)
    run_ = compute_scorecard(level, units=units, year=year, project=project, thresholds=thresholds)
    if district:
        code = str(district).strip()
        card = rows_in_district(run_, code)
        if card.empty:
            raise InputError(
                Problem(
                    vi=(
                        f"huyện {code} không có trong bảng theo dõi; hãy kiểm tra mã huyện (3 chữ số của "
                        f"TCTK)."
                    ),
                    en=f"district {code} is not in the scorecard; check the district code (3-digit GSO).",
                    column="district",
                    value=code,
                )
            )
        run_.scorecard = card
    return run_


def unit_districts(run_: ScorecardRun) -> pd.Series:
    """Return the GSO district code of each unit of a district or commune scorecard, by ``unit_code``."""
    shapes = run_.unit_shapes
    if run_.level == "district":
        return pd.Series(shapes["unit_code"].astype(str).to_numpy(), index=shapes["unit_code"].astype(str))
    if run_.level == "commune":
        return pd.Series(
            shapes["district_code"].astype(str).to_numpy(), index=shapes["unit_code"].astype(str)
        )
    return pd.Series(dtype=str)


def district_names(run_: ScorecardRun) -> dict[str, str]:
    """Return ``{GSO district code: district name}`` of the units of a district or commune scorecard.

    In code order.
    """
    shapes = run_.unit_shapes
    if run_.level == "district":
        pairs = zip(shapes["unit_code"].astype(str), shapes["unit_name"].astype(str), strict=True)
    elif run_.level == "commune":
        pairs = zip(shapes["district_code"].astype(str), shapes["district"].astype(str), strict=True)
    else:
        return {}
    return dict(sorted(dict(pairs).items()))


def rows_in_district(run_: ScorecardRun, district: str) -> pd.DataFrame:
    """Return the scorecard rows of one district (GSO code).

    Its own row at district level, its communes' rows at commune level.
    """
    codes = unit_districts(run_)
    keep = set(codes.index[codes == str(district).strip()])
    return run_.scorecard[run_.scorecard["unit_code"].astype(str).isin(keep)].reset_index(drop=True)
