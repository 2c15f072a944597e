"""Commune indicators: the (illustrative) commune survey, the real provincial poverty series, programme zones."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.io import read_table
from layers.catalog import POOR_30A_DISTRICTS, POVERTY_RATES_CSV, PROGRAMME_CSV, SURVEY_CSV

SURVEY_YEARS = tuple(range(2015, 2021))
#: Survey columns summed when communes are aggregated (the rest are household-weighted rates or booleans).
_COUNT_COLUMNS = ("households", "hh_with_grid_power")
_RATE_COLUMNS = ("poor_hh_rate_pct", "near_poor_hh_rate_pct", "hh_grid_power_pct", "schools_national_standard_pct")
_BOOL_COLUMNS = ("allseason_road_to_centre", "grid_connected", "health_station_national_standard")


def load_survey() -> pd.DataFrame:
    """Return the commune survey 2015–2020 (illustrative; one row per GSO code and year)."""
    survey = read_table(SURVEY_CSV, dtype={"gso_code": str, "district_code": str})
    for column in _BOOL_COLUMNS:
        if column in survey:
            survey[column] = survey[column].astype(str).str.lower().map({"true": True, "false": False})
    return survey


def survey_for_units(survey: pd.DataFrame, communes: gpd.GeoDataFrame, *, year: int) -> pd.DataFrame:
    """Return the survey of ``year`` keyed by the ``unit_id`` of ``communes``.

    For pre-2025 units the GSO code is the key.  For the 2025 units the predecessor communes are aggregated:
    household counts summed, rates weighted by households, yes/no answers true only when every predecessor says yes.
    """
    year_rows = survey[survey["year"] == year]
    if "predecessor_gso_codes" not in communes.columns:
        out = communes[["unit_id", "gso_code"]].merge(year_rows.drop(columns=["district_code", "district", "commune"],
                                                                     errors="ignore"), on="gso_code", how="left")
        return out.set_index("unit_id")
    links = communes[["unit_id", "predecessor_gso_codes"]].assign(
        gso_code=communes["predecessor_gso_codes"].str.split(";")).explode("gso_code")
    joined = links.merge(year_rows, on="gso_code", how="left")
    weights = joined["households"].fillna(0)
    agg = {}
    grouped = joined.groupby("unit_id")
    for column in _COUNT_COLUMNS:
        agg[column] = grouped[column].sum(min_count=1)
    for column in _RATE_COLUMNS:
        num = (joined[column] * weights).groupby(joined["unit_id"]).sum(min_count=1)
        den = weights.where(joined[column].notna(), 0).groupby(joined["unit_id"]).sum()
        agg[column] = num / den.where(den > 0)
    for column in _BOOL_COLUMNS:
        agg[column] = grouped[column].agg(lambda s: bool(s.all()) if s.notna().all() else None)
    out = pd.DataFrame(agg)
    out["year"] = year
    out["provenance"] = ("illustrative: predecessor communes of 2025 aggregated (counts summed, rates weighted by "
                         "households)")
    return out


def load_poverty_series() -> pd.DataFrame:
    """Return the real provincial poverty series, keeping each figure's poverty standard (periods not comparable)."""
    return read_table(POVERTY_RATES_CSV)


def load_programme_coverage() -> pd.DataFrame:
    """Return the programme-coverage table (30a districts, zone III counts, 2026–2030 zones)."""
    return read_table(PROGRAMME_CSV)


def is_30a_district(district_code: str) -> bool:
    """True for the 30a poor districts (Mường Nhé, Tủa Chùa, Điện Biên Đông, Mường Ảng)."""
    return str(district_code) in POOR_30A_DISTRICTS
