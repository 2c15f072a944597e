"""Flag rules (network rule set): all-season road access and national-grid power, each with evidence and disagreement."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import InputError, Problem
from geo.i18n import format_number
from geo.i18n import t as translate
from geo.vocab import Lang


@dataclass(frozen=True)
class FlagThresholds:
    """Every threshold of the flag rules, in one place (shown and adjustable in the app)."""

    road_km: float = 0.5
    """A centre farther than this from an all-season road joined to its district centre (by a path of all-season
    segments) lacks all-season access: the tolerance for a UBND point that is not exactly on its road."""
    grid_km: float = 3.0
    """A centre farther than this from any grid line (HV or MV) lacks grid power."""
    grid_household_pct: float = 50.0
    """A commune whose surveyed share of households with grid power is below this lacks grid power."""

    def __post_init__(self) -> None:
        problems = []
        for name, low, high in (("road_km", 0.0, 100.0), ("grid_km", 0.0, 100.0), ("grid_household_pct", 0.0, 100.0)):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not np.isfinite(value) or not low <= value <= high:
                problems.append(Problem(
                    vi=f"ngưỡng phải là một số từ {_g(low, 'vi')} đến {_g(high, 'vi')}.",
                    en=f"the threshold must be a number from {_g(low, 'en')} to {_g(high, 'en')}.",
                    column=name, value=str(value)))
        if problems:
            raise InputError(problems)


def _g(value: float, lang: Lang) -> str:
    """Threshold without trailing zeros (decimal comma in Vietnamese)."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "vi" else text


def _km(value: float, lang: Lang) -> str:
    return "?" if value is None or value != value or not np.isfinite(value) else format_number(value, lang, decimals=1)


def _answer(value) -> bool | None:
    if value is True or value is np.True_:
        return True
    if value is False or value is np.False_:
        return False
    return None


def _decided_by(lacks: bool, survey_no: bool, map_no: bool, survey_known: bool, map_known: bool) -> str:
    if lacks:
        return "survey+map" if survey_no and map_no else ("survey" if survey_no else "map")
    known = [name for name, ok in (("survey", survey_known), ("map", map_known)) if ok]
    return "+".join(known) if known else "none"


def flag_communes(
    communes: pd.DataFrame,
    centres: gpd.GeoDataFrame,
    road_access: pd.DataFrame,
    grid_access: pd.DataFrame,
    survey: pd.DataFrame,
    *,
    thresholds: FlagThresholds = FlagThresholds(),
) -> pd.DataFrame:
    """Flag communes lacking an all-season road to the district centre or national-grid power, with evidence.

    Parameters
    ----------
    communes
        Units with ``unit_id, gso_code, commune, district_code, district``.
    centres
        One point per unit (``unit_id``, ``centre_source``), see :func:`analysis.centres.centres_for_units`.
    road_access
        Per unit (same order as ``communes``): ``dist_allseason_m`` and ``dist_connected_m`` from
        :func:`analysis.access.allseason_connection`, optionally route columns (``minutes_dry`` ...). NaN = unknown.
    grid_access
        Per unit (same order): ``dist_grid_km`` and the other columns of :func:`analysis.power_access.grid_distances_km`.
    survey
        Survey answers indexed by ``unit_id`` (``allseason_road_to_centre``, ``grid_connected``, ``hh_grid_power_pct``).
    thresholds
        The rule thresholds.

    Returns
    -------
    DataFrame
        One row per unit with the measures, the survey answers, the flags ``lacks_allseason_road`` / ``lacks_grid``,
        which source decided each (``road_decided_by`` / ``grid_decided_by``: survey, map, survey+map), whether the
        survey and the map disagree (``road_disagreement`` / ``grid_disagreement``, ``disagreement_vi/_en``) and the
        full reason ``evidence_vi`` / ``evidence_en``.
    """
    base = communes[["unit_id", "gso_code", "commune", "district_code", "district"]].reset_index(drop=True)
    centres = centres.set_index("unit_id").reindex(base["unit_id"])
    base["centre_source"] = centres["centre_source"].to_numpy()
    road = road_access.reset_index(drop=True)
    grid = grid_access.reset_index(drop=True)
    base["dist_allseason_road_km"] = road["dist_allseason_m"].to_numpy(float) / 1000.0
    base["dist_connected_allseason_km"] = road["dist_connected_m"].to_numpy(float) / 1000.0
    for column in road.columns:
        if column not in ("dist_allseason_m", "dist_connected_m"):
            base[column] = road[column].to_numpy()
    for column in grid.columns:
        base[column] = grid[column].to_numpy()
    answers = survey.reindex(base["unit_id"])
    base["survey_allseason_road"] = answers["allseason_road_to_centre"].to_numpy() if len(answers) else []
    base["survey_grid"] = answers["grid_connected"].to_numpy() if len(answers) else []
    base["hh_grid_power_pct"] = answers["hh_grid_power_pct"].astype(float).to_numpy() if len(answers) else []

    t = thresholds
    rows = []
    for i in range(len(base)):
        rows.append(_judge(base.iloc[i], t))
    judged = pd.DataFrame(rows, index=base.index,
                          columns=["allseason_access_map", "lacks_allseason_road", "road_decided_by", "road_disagreement",
                                   "lacks_grid", "grid_decided_by", "grid_disagreement", "disagreement_vi",
                                   "disagreement_en", "evidence_vi", "evidence_en"])
    out = pd.concat([base, judged], axis=1)
    for column in ("lacks_allseason_road", "lacks_grid", "road_disagreement", "grid_disagreement"):
        out[column] = out[column].astype(bool)
    return out


def _judge(row: pd.Series, t: FlagThresholds) -> list:
    d_any, d_conn = row["dist_allseason_road_km"], row["dist_connected_allseason_km"]
    d_grid, pct = row["dist_grid_km"], row["hh_grid_power_pct"]
    s_road, s_grid = _answer(row["survey_allseason_road"]), _answer(row["survey_grid"])
    road_known = bool(np.isfinite(d_any)) or bool(np.isfinite(d_conn))
    map_road = bool(np.isfinite(d_conn) and d_conn <= t.road_km) if road_known else None
    grid_known = bool(np.isfinite(d_grid))
    map_grid = bool(d_grid <= t.grid_km) if grid_known else None
    pct_low = bool(np.isfinite(pct) and pct < t.grid_household_pct)

    lacks_road = map_road is False or s_road is False
    lacks_grid = map_grid is False or s_grid is False or pct_low
    road_by = _decided_by(lacks_road, s_road is False, map_road is False, s_road is not None, map_road is not None)
    grid_by = _decided_by(lacks_grid, s_grid is False or pct_low, map_grid is False, s_grid is not None or
                          bool(np.isfinite(pct)), map_grid is not None)
    road_dis = s_road is not None and map_road is not None and s_road != map_road
    grid_dis = s_grid is not None and map_grid is not None and s_grid != map_grid

    vi, en, dvi, den = [], [], [], []
    rk_vi, rk_en = _g(t.road_km, "vi"), _g(t.road_km, "en")
    # --- road -------------------------------------------------------------------------------------------------
    if map_road is None:
        m_vi = "bản đồ: không có đường quanh năm nào trong dữ liệu"
        m_en = "map: no all-season road in the data"
    elif map_road:
        m_vi = f"bản đồ: có đường quanh năm nối về trung tâm huyện cách trụ sở {_km(d_conn, 'vi')} km"
        m_en = f"map: all-season road joined to the district centre {_km(d_conn, 'en')} km from the centre"
    else:
        m_vi = f"bản đồ: không có đường quanh năm nối về trung tâm huyện trong vòng {rk_vi} km"
        m_en = f"map: no all-season road joined to the district centre within {rk_en} km"
        if np.isfinite(d_any) and d_any <= t.road_km:
            m_vi += f" (đoạn quanh năm gần nhất cách {_km(d_any, 'vi')} km nhưng không nối về trung tâm huyện)"
            m_en += f" (nearest all-season segment {_km(d_any, 'en')} km away connects to no path to the district centre)"
        elif np.isfinite(d_conn):
            m_vi += f" (gần nhất {_km(d_conn, 'vi')} km)"
            m_en += f" (nearest {_km(d_conn, 'en')} km)"
    weak = row.get("weakest_segment", "")
    if isinstance(weak, str) and weak:
        cls, surf = f"class_{row.get('weakest_class', '')}", f"surface_{row.get('weakest_surface', '')}"
        m_vi += f"; đoạn yếu nhất trên tuyến tốt nhất: {weak} ({translate(cls, 'vi')}, {translate(surf, 'vi')})"
        m_en += f"; weakest link on the best route: {weak} ({translate(cls, 'en')}, {translate(surf, 'en')})"
    s_vi = {True: "điều tra: có đường ô tô quanh năm", False: "điều tra: không có đường ô tô quanh năm",
            None: "điều tra: không có câu trả lời"}[s_road]
    s_en = {True: "survey: road yes", False: "survey: road no", None: "survey: no answer"}[s_road]
    if lacks_road or road_dis:
        vi += [s_vi, m_vi]
        en += [s_en, m_en]
    if road_dis:
        dvi.append(f"{s_vi}, {m_vi.split(' (')[0].split(';')[0]}")
        den.append(f"{s_en}, {m_en.split(' (')[0].split(';')[0]}")
    # --- grid -------------------------------------------------------------------------------------------------
    gk_vi, gk_en = _g(t.grid_km, "vi"), _g(t.grid_km, "en")
    if map_grid is None:
        g_vi, g_en = "bản đồ: không có lưới điện nào trong dữ liệu", "map: no grid line in the data"
    elif map_grid:
        g_vi = f"bản đồ: lưới điện cách trụ sở {_km(d_grid, 'vi')} km (≤ {gk_vi} km)"
        g_en = f"map: grid line {_km(d_grid, 'en')} km from the centre (≤ {gk_en} km)"
    else:
        g_vi = f"bản đồ: không có lưới điện trong vòng {gk_vi} km (gần nhất {_km(d_grid, 'vi')} km)"
        g_en = f"map: no grid line within {gk_en} km (nearest {_km(d_grid, 'en')} km)"
    sg_vi = {True: "điều tra: có điện lưới", False: "điều tra: chưa có điện lưới", None: "điều tra: không có câu trả lời"}[s_grid]
    sg_en = {True: "survey: grid yes", False: "survey: grid no", None: "survey: no answer"}[s_grid]
    if lacks_grid or grid_dis:
        vi += [sg_vi, g_vi]
        en += [sg_en, g_en]
    if pct_low:
        vi.append(f"điều tra: {format_number(pct, 'vi', decimals=1)} % hộ có điện lưới (< {_g(t.grid_household_pct, 'vi')} %)")
        en.append(f"survey: {format_number(pct, 'en', decimals=1)}% of households on the grid "
                  f"(< {_g(t.grid_household_pct, 'en')}%)")
    if grid_dis:
        dvi.append(f"{sg_vi}, {g_vi.split(' (')[0]}")
        den.append(f"{sg_en}, {g_en.split(' (')[0]}")
    if not (lacks_road or lacks_grid or road_dis or grid_dis):
        if s_road is True and s_grid is True:
            survey_vi, survey_en = "điều tra: có cả hai", "survey: both present"
        else:  # say exactly what the survey answered (possibly nothing)
            survey_vi, survey_en = f"{s_vi}; {sg_vi}", f"{s_en}; {sg_en}"
        vi.append(f"{m_vi.split(';')[0]}; {g_vi}; {survey_vi}")
        en.append(f"{m_en.split(';')[0]}; {g_en}; {survey_en}")
    if row["centre_source"] != "ubnd":
        vi.append("trụ sở xã chưa rõ: dùng điểm đại diện của đa giác")
        en.append("commune centre unknown: a representative point of the polygon is used")
    return [map_road, lacks_road, road_by, road_dis, lacks_grid, grid_by, grid_dis, "; ".join(dvi), "; ".join(den),
            "; ".join(dict.fromkeys(vi)), "; ".join(dict.fromkeys(en))]


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
