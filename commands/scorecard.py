"""`cli.py scorecard`: every 2020 target of Conclusion 05-KL/TU judged at province, district or commune level."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from analysis.flags import FlagThresholds
from analysis.targets import (  # noqa: F401 - CSV_COLUMNS and scorecard_csv_table re-exported for existing callers
    CSV_COLUMNS,
    LEVELS,
    PROVINCE_CODE,
    PROVINCE_NAME,
    build_scorecard,
    input_error,
    measure_indicators,
    scorecard_csv_table,
)
from commands.output import check_out_path, write_csv
from geo.errors import Problem
from layers import boundaries, indicators
from layers.catalog import POOR_30A_DISTRICTS, SOURCES, LayerSource
from layers.targets import STANDARD_2016, load_provincial_poverty_rates, load_targets, rates_on_standard
from workflows import load_layer, run_flags

BASELINE_YEAR = 2015


@dataclass
class ScorecardRun:
    """A scorecard and the frames it was built from (units for the map, the real rates for the chart)."""

    level: str
    units: str
    year: int
    scorecard: pd.DataFrame
    unit_shapes: gpd.GeoDataFrame
    poverty_rates: pd.DataFrame
    """The real provincial rates of every standard (column ``standard``), for the chart."""
    targets: pd.DataFrame
    sources: dict[str, LayerSource] = field(default_factory=dict)
    """Provenance of every layer the measured values come from (survey, flag inputs, real poverty series)."""


def check_level(level: str) -> str:
    """Return ``level`` when known, else raise :class:`InputError` naming the choices."""
    if level not in LEVELS:
        raise input_error(Problem(vi=f"cấp '{level}' không hợp lệ; chọn province (tỉnh), district (huyện) hoặc commune (xã).",
                                 en=f"level '{level}' is not valid; choose province, district or commune.",
                                 column="level", value=level))
    return level


def check_year(year: int) -> int:
    """Return ``year`` when the survey covers it (2015–2020), else raise :class:`InputError`."""
    if year not in indicators.SURVEY_YEARS:
        raise input_error(Problem(vi=f"năm {year} ngoài khoảng điều tra 2015–2020; hãy chọn một năm trong khoảng đó.",
                                 en=f"year {year} is outside the survey years 2015–2020; choose one of them.",
                                 column="year", value=str(year)))
    return year


def _commune_rows(survey: pd.DataFrame, communes: gpd.GeoDataFrame, years: list[int]) -> pd.DataFrame:
    frames = []
    names = communes.set_index("unit_id")[["commune", "district_code", "district"]]
    for year in years:
        per_unit = indicators.survey_for_units(survey, communes, year=year).drop(columns=["year"], errors="ignore")
        per_unit = per_unit.join(names).reset_index().rename(columns={"unit_id": "unit_code", "commune": "unit_name"})
        frames.append(per_unit.assign(year=year))
    return pd.concat(frames, ignore_index=True)


def _flags_per_commune(flags: pd.DataFrame) -> pd.DataFrame:
    """One row per GSO commune (a commune drawn as two polygons lacks when either polygon lacks)."""
    grouped = flags.groupby("gso_code", sort=True)
    return pd.DataFrame({
        "unit_id": grouped["gso_code"].first(), "commune": grouped["commune"].first(),
        "district_code": grouped["district_code"].first(), "district": grouped["district"].first(),
        "lacks_allseason_road": grouped["lacks_allseason_road"].any(), "lacks_grid": grouped["lacks_grid"].any(),
    }).reset_index(drop=True)


def compute_scorecard(level: str = "province", *, units: str = "pre2025", year: int = 2020,
                      project: str | None = None, thresholds: FlagThresholds | None = None) -> ScorecardRun:
    """Load targets, survey, flags and the real poverty series, and judge every target at ``level``.

    District and province figures always aggregate the pre-2025 communes (districts were abolished on 1 July 2025);
    ``units`` chooses the communes of the commune level; ``thresholds`` those of the flag rules (default: the rules'
    defaults, as on the scorecard page).
    """
    thresholds = thresholds or FlagThresholds()
    check_level(level)
    boundaries.check_units(units)
    check_year(year)
    targets = load_targets()
    all_rates = load_provincial_poverty_rates()
    real = rates_on_standard(all_rates, STANDARD_2016)
    survey, survey_source = load_layer("survey", project=project)
    years = sorted({BASELINE_YEAR, year})
    flag_units = units if level == "commune" else "pre2025"
    flag_run = run_flags(flag_units, year=year, thresholds=thresholds, project=project)
    flags_now = flag_run.flags
    sources = {"poverty_series": SOURCES["poverty_series"], "survey": survey_source, **(flag_run.sources or {})}
    flags_base = (run_flags(flag_units, year=BASELINE_YEAR, thresholds=thresholds, project=project).flags
                  if year > BASELINE_YEAR else None)
    if level == "commune":
        communes = boundaries.load_communes(units)
        rows = _commune_rows(survey, communes, years)
        shapes = communes.rename(columns={"unit_id": "unit_code", "commune": "unit_name"})
    else:
        rows = survey[survey["year"].isin(years)].rename(columns={"gso_code": "unit_code", "commune": "unit_name"})
        flags_now = _flags_per_commune(flags_now)
        flags_base = _flags_per_commune(flags_base) if flags_base is not None else None
        if level == "district":
            shapes = boundaries.load_districts().rename(columns={"district_code": "unit_code", "district": "unit_name"})
        else:
            shapes = boundaries.load_province().assign(unit_code=PROVINCE_CODE, unit_name=PROVINCE_NAME)
    measurements = measure_indicators(level=level, year=year, communes_years=rows, flags=flags_now,
                                      flags_baseline=flags_base, real_rates=real, poor_districts=POOR_30A_DISTRICTS)
    unit_list = shapes[["unit_code", "unit_name"]].astype(str).drop_duplicates("unit_code")
    if level == "district":
        poor = unit_list[unit_list["unit_code"].isin(POOR_30A_DISTRICTS)]
    elif level == "commune":
        poor_codes = shapes.loc[shapes["district_code"].astype(str).isin(POOR_30A_DISTRICTS), "unit_code"]
        poor = unit_list[unit_list["unit_code"].isin(poor_codes)]
    else:
        poor = unit_list
    scorecard = build_scorecard(targets, measurements, level=level, units=unit_list, poor_units=poor)
    return ScorecardRun(level=level, units=units, year=year, scorecard=scorecard, unit_shapes=shapes,
                        poverty_rates=all_rates, targets=targets, sources=sources)


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("scorecard", help="judge the 2020 targets of Conclusion 05-KL/TU (met/on track/off track/no data)")
    parser.add_argument("--level", default="province",
                        help="province, district (the 10 pre-2025 districts) or commune (default province)")
    parser.add_argument("--units", choices=("pre2025", "2025"), default="pre2025", help="commune set of --level commune")
    parser.add_argument("--year", type=int, default=2020, help="year measured, 2015-2020 (default 2020)")
    parser.add_argument("--project", help="project GeoPackage whose layers replace the embedded ones")
    parser.add_argument("--out", required=True, help="CSV file to write")
    return parser


def run(args: argparse.Namespace) -> int:
    check_level(args.level)
    check_out_path(args.out)
    result = compute_scorecard(args.level, units=args.units, year=args.year, project=args.project)
    write_csv(scorecard_csv_table(result.scorecard, lang=args.lang), args.out)
    return 0
