"""First rule set for flagging communes that lack an all-season road or national-grid power, with evidence."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import to_metric
from geo.i18n import format_number


@dataclass(frozen=True)
class FlagThresholds:
    """Every threshold of the flag rules, in one place (shown and adjustable in the app)."""

    road_km: float = 2.0
    """A centre farther than this from any all-season road segment lacks all-season access."""
    grid_km: float = 3.0
    """A centre farther than this from any grid line (HV or MV) lacks grid power."""
    grid_household_pct: float = 50.0
    """A commune whose surveyed share of households with grid power is below this lacks grid power."""


def distance_to_nearest_km(points: gpd.GeoSeries, lines: gpd.GeoSeries) -> np.ndarray:
    """Return, for each point, the distance in km to the nearest line (NaN when there are no lines)."""
    if len(lines) == 0 or len(points) == 0:
        return np.full(len(points), np.nan)
    points_proj = to_metric(points)
    lines_proj = to_metric(lines)
    tree = shapely.STRtree(lines_proj.values)
    (point_idx, _), dist = tree.query_nearest(points_proj.values, return_distance=True, all_matches=False)
    out = np.full(len(points), np.nan)
    out[point_idx] = dist / 1000.0
    return out


def _g(value: float) -> str:
    """Threshold in Vietnamese notation (decimal comma, no trailing zeros)."""
    return f"{value:g}".replace(".", ",")


def _fmt(value: float, lang: str = "en") -> str:
    return "?" if value != value else format_number(value, lang, decimals=1)


def flag_communes(
    communes: gpd.GeoDataFrame,
    centres: gpd.GeoDataFrame,
    roads: gpd.GeoDataFrame,
    grid_lines: gpd.GeoDataFrame,
    survey: pd.DataFrame,
    *,
    thresholds: FlagThresholds = FlagThresholds(),
) -> pd.DataFrame:
    """Flag communes lacking an all-season road to the centre or national-grid power.

    Parameters
    ----------
    communes
        Units with ``unit_id, gso_code, commune, district_code, district``.
    centres
        One point per unit (``unit_id``, ``centre_source``), see :func:`analysis.centres.centres_for_units`.
    roads
        Road segments with a boolean ``all_season`` column.
    grid_lines
        Every grid line that counts as national grid (HV and MV).
    survey
        Survey answers indexed by ``unit_id`` (``allseason_road_to_centre``, ``grid_connected``, ``hh_grid_power_pct``).
    thresholds
        The rule thresholds.

    Returns
    -------
    DataFrame
        One row per unit: distances (``dist_allseason_road_km``, ``dist_grid_km``), survey answers, the flags
        ``lacks_allseason_road`` and ``lacks_grid``, and ``evidence_vi`` / ``evidence_en`` naming what decided them.
    """
    base = communes[["unit_id", "gso_code", "commune", "district_code", "district"]].reset_index(drop=True)
    centres = centres.set_index("unit_id").reindex(base["unit_id"])
    centre_geom = gpd.GeoSeries(centres.geometry.values, crs=centres.crs)
    allseason = roads[roads["all_season"].astype(bool)].geometry
    base["centre_source"] = centres["centre_source"].values
    base["dist_allseason_road_km"] = distance_to_nearest_km(centre_geom, allseason)
    base["dist_grid_km"] = distance_to_nearest_km(centre_geom, grid_lines.geometry)
    answers = survey.reindex(base["unit_id"])
    base["survey_allseason_road"] = answers["allseason_road_to_centre"].values
    base["survey_grid"] = answers["grid_connected"].values
    base["hh_grid_power_pct"] = answers["hh_grid_power_pct"].astype(float).values

    road_far = base["dist_allseason_road_km"] > thresholds.road_km
    road_survey_no = base["survey_allseason_road"].map(lambda v: v is False or v is np.False_)
    grid_far = base["dist_grid_km"] > thresholds.grid_km
    grid_survey_no = base["survey_grid"].map(lambda v: v is False or v is np.False_)
    grid_low = base["hh_grid_power_pct"] < thresholds.grid_household_pct
    base["lacks_allseason_road"] = (road_far | road_survey_no).astype(bool)
    base["lacks_grid"] = (grid_far | grid_survey_no | grid_low).astype(bool)

    ev_vi, ev_en = [], []
    for i in range(len(base)):
        vi, en = [], []
        d_road, d_grid = base.at[i, "dist_allseason_road_km"], base.at[i, "dist_grid_km"]
        if road_survey_no.iat[i]:
            vi.append("điều tra: không có đường ô tô quanh năm đến trung tâm xã")
            en.append("survey: no all-season car road to the commune centre")
        if road_far.iat[i]:
            vi.append(f"bản đồ: đường quanh năm gần nhất cách trụ sở {_fmt(d_road, 'vi')} km (> {_g(thresholds.road_km)} km)")
            en.append(f"map: nearest all-season road {_fmt(d_road)} km from the centre (> {thresholds.road_km:g} km)")
        if grid_survey_no.iat[i]:
            vi.append("điều tra: chưa có điện lưới quốc gia")
            en.append("survey: no national-grid power")
        if grid_far.iat[i]:
            vi.append(f"bản đồ: lưới điện gần nhất cách trụ sở {_fmt(d_grid, 'vi')} km (> {_g(thresholds.grid_km)} km)")
            en.append(f"map: nearest grid line {_fmt(d_grid)} km from the centre (> {thresholds.grid_km:g} km)")
        if grid_low.iat[i]:
            pct = base.at[i, "hh_grid_power_pct"]
            vi.append(f"điều tra: {format_number(pct, 'vi', decimals=1)} % hộ có điện lưới (< {_g(thresholds.grid_household_pct)} %)")
            en.append(f"survey: {pct:.1f}% of households on the grid (< {thresholds.grid_household_pct:g}%)")
        if not vi:
            vi.append(f"đường quanh năm cách {_fmt(d_road, 'vi')} km; lưới điện cách {_fmt(d_grid, 'vi')} km; điều tra: có cả hai")
            en.append(f"all-season road {_fmt(d_road)} km; grid {_fmt(d_grid)} km; survey: both present")
        if base.at[i, "centre_source"] != "ubnd":
            vi.append("trụ sở xã chưa rõ: dùng điểm đại diện của đa giác")
            en.append("commune centre unknown: a representative point of the polygon is used")
        ev_vi.append("; ".join(vi))
        ev_en.append("; ".join(en))
    base["evidence_vi"] = ev_vi
    base["evidence_en"] = ev_en
    return base


def count_flags_by_district(flags: pd.DataFrame) -> pd.DataFrame:
    """Return per district: number of communes, of communes lacking an all-season road, lacking grid, lacking either."""
    grouped = flags.groupby(["district_code", "district"], dropna=False)
    out = pd.DataFrame({
        "n_communes": grouped["unit_id"].nunique(),
        "n_lacks_allseason_road": grouped["lacks_allseason_road"].sum(),
        "n_lacks_grid": grouped["lacks_grid"].sum(),
        "n_lacks_either": grouped.apply(lambda g: int((g["lacks_allseason_road"] | g["lacks_grid"]).sum()),
                                        include_groups=False),
    }).reset_index()
    return out.sort_values("district_code").reset_index(drop=True)
