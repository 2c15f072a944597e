"""Commune indicators: the (illustrative) commune survey, the real provincial poverty series, programme zones."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from analysis.crosswalk import aggregate_to_2025
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


def survey_for_units(survey: pd.DataFrame, communes: gpd.GeoDataFrame, *, year: int,
                     survey_units: str = "pre2025") -> pd.DataFrame:
    """Return the survey of ``year`` keyed by the ``unit_id`` of ``communes``.

    Parameters
    ----------
    survey
        One row per commune and year, keyed by ``gso_code`` of ``survey_units``.
    communes
        The unit polygons (pre-2025, or 2025 with ``predecessor_gso_codes``).
    year
        Survey year kept.
    survey_units
        ``"pre2025"`` (the embedded survey, or a project's ``survey``) or ``"2025"`` (a project's ``survey_2025``,
        already keyed by the 2025 communes).

    Notes
    -----
    A survey keyed like the units is joined on the GSO code.  A pre-2025 survey on the 2025 units goes through
    :func:`analysis.crosswalk.aggregate_to_2025`: household counts summed, rates weighted by households, yes/no answers
    true only when every predecessor says yes; ``provenance`` says so, with ``INCOMPLETE`` when predecessors lack data.
    """
    year_rows = survey[survey["year"] == year]
    to_2025 = "predecessor_gso_codes" in communes.columns
    if survey_units == "2025" and not to_2025:
        raise ValueError("a survey of the 2025 communes cannot be shown on the pre-2025 communes")
    if not to_2025 or survey_units == "2025":
        out = communes[["unit_id", "gso_code"]].merge(year_rows.drop(columns=["district_code", "district", "commune"],
                                                                     errors="ignore"), on="gso_code", how="left")
        return out.set_index("unit_id")
    links = communes[["unit_id", "gso_code", "predecessor_gso_codes"]].assign(
        predecessor=communes["predecessor_gso_codes"].str.split(";")).explode("predecessor")
    crosswalk = pd.DataFrame({"gso_code": links["predecessor"].to_numpy(), "new2025_gso": links["gso_code"].to_numpy()})
    table = year_rows[["gso_code", *[c for c in _COUNT_COLUMNS + _RATE_COLUMNS + _BOOL_COLUMNS if c in year_rows]]]
    table = table.drop_duplicates("gso_code")
    present = set(table.columns)
    aggregated = aggregate_to_2025(table, crosswalk, weight="households",
                                   counts=[c for c in _COUNT_COLUMNS if c in present],
                                   rates=[c for c in _RATE_COLUMNS if c in present],
                                   yes_no=[c for c in _BOOL_COLUMNS if c in present])
    by_code = aggregated.set_index("gso_code")
    out = communes[["unit_id", "gso_code"]].set_index("unit_id")
    origin = "; ".join(sorted({str(v) for v in year_rows.get("provenance", pd.Series(dtype=object)).dropna()})) or "survey"
    for column in (*_COUNT_COLUMNS, *_RATE_COLUMNS, *_BOOL_COLUMNS):
        out[column] = out["gso_code"].map(by_code[column]) if column in by_code else None
    out = out.drop(columns="gso_code")
    out["year"] = year
    method = out.index.map(dict(zip(communes["unit_id"], communes["gso_code"].map(by_code["aggregation"]), strict=True)))
    out["provenance"] = [f"{origin} — {m}" if isinstance(m, str) else f"{origin} — no predecessor has data for {year}"
                         for m in method]
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
