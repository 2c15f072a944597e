"""Which villages most need to be moved or served: a need score per village.

The score comes from travel times, terrain, zones and size.  Each criterion becomes a need on 0–1 (1 = most
need) by a stated function; the score is their weighted mean; every row keeps the values, needs, weights and
contributions so that anyone can see why it ranks where it does.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from analysis.access import Dem, district_centre_access, service_access
from analysis.access_grid import minutes_to_allseason
from analysis.network import RoadNetwork
from analysis.suitability import ZONE_KINDS, check_zone_kinds
from analysis.terrain import Terrain, check_terrain, slope_at
from analysis.weights import CriterionWeights, limit_problems, raise_if_any
from geo.crs import METRIC_EPSG
from geo.errors import InputError, Problem
from geo.vocab import SEASONS, Season

#: Districts of the Mường Nhé programme area (Đề án 79): Mường Nhé (096) and Nậm Pồ (103, split from it in
#: 2012).
PROGRAMME_DISTRICTS = ("096", "103")
#: Need criteria: key -> raw value column.
NEEDS = {
    "road": "minutes_to_allseason_road",
    "school": "minutes_to_school",
    "health": "minutes_to_health_station",
    "district": "minutes_to_district_centre",
    "slope": "slope_deg",
    "protected": "in_protected",
    "hazard": "in_hazard",
    "border": "in_border",
    "size": "households",
}


@dataclass(frozen=True)
class NeedWeights(CriterionWeights):
    """Weight of each need criterion (non-negative; only ratios matter)."""

    road: float = 2.0
    school: float = 1.0
    health: float = 1.0
    district: float = 1.0
    slope: float = 1.0
    protected: float = 2.0
    hazard: float = 3.0
    border: float = 1.0
    size: float = 1.0


@dataclass(frozen=True)
class NeedRules:
    """Where each need reaches 1 (full need), the season of the travel times, and the weights."""

    road_full_min: float = 60.0
    """Rainy-season minutes to an all-season road giving full need (need = minutes / this, at most 1)."""
    school_full_min: float = 60.0
    health_full_min: float = 60.0
    district_full_min: float = 240.0
    slope_full_deg: float = 25.0
    """Slope (degrees) at the village giving full need."""
    size_full_households: float = 100.0
    """Villages of this many households or more have no size need; need = 1 − households / this (small,
    scattered settlements are what the programme arranges)."""
    season: Season = "rainy"
    weights: NeedWeights = field(default_factory=NeedWeights)

    def __post_init__(self) -> None:
        problems = limit_problems(
            {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("season", "weights")}
        )
        if self.season not in SEASONS:
            problems.append(
                Problem(
                    vi="mùa phải là 'dry' (khô) hoặc 'rainy' (mưa).",
                    en="season must be 'dry' or 'rainy'.",
                    column="season",
                    value=str(self.season),
                )
            )
        raise_if_any(problems)


@dataclass(frozen=True)
class RankInputs:
    """The inputs of a village ranking.

    Villages (points with ``village_id``, ``households``, ideally ``name`` and ``gso_code``), the communes
    (``gso_code``, ``commune``, ``district_code``, polygons), the province's road network, primary schools and
    commune health stations (metric points), district centres (metric point by district code), the DEM
    (``None``: slope left out), exclusion zones by kind (a kind not given is left out, never taken as
    "outside"), the DEM walking follows (``None``: 4 km/h) and the names of the illustrative inputs.
    """

    villages: gpd.GeoDataFrame
    communes: gpd.GeoDataFrame
    network: RoadNetwork
    schools_xy: np.ndarray
    health_xy: np.ndarray
    district_xy: dict[str, tuple[float, float]]
    terrain: Terrain | None = None
    zones: dict[str, np.ndarray] = field(default_factory=dict)
    walk_dem: Dem | None = None
    illustrative: frozenset[str] = frozenset()


def programme_communes(communes: pd.DataFrame) -> list[str]:
    """Return the GSO codes of the communes of the programme districts, sorted.

    The programme districts are :data:`PROGRAMME_DISTRICTS`.
    """
    chosen = communes[communes["district_code"].astype(str).isin(PROGRAMME_DISTRICTS)]
    return sorted(chosen["gso_code"].astype(str).unique())


def check_communes(communes: pd.DataFrame, codes: list[str]) -> list[str]:
    """Return ``codes`` as 5-digit GSO codes when every one is a known commune.

    Else raise naming the unknown ones.
    """
    known = set(communes["gso_code"].astype(str))
    cleaned = [str(c).strip().zfill(5) for c in codes]
    unknown = [c for c in cleaned if c not in known]
    if not cleaned:
        raise InputError(Problem(vi="chưa chọn xã nào.", en="no commune chosen.", column="communes"))
    if unknown:
        raise InputError(
            Problem(
                vi=(
                    f"mã xã không có trong dữ liệu: {', '.join(unknown)}; hãy dùng mã TCTK 5 chữ số của các "
                    f"xã trước 2025."
                ),
                en=f"commune codes not in the data: {', '.join(unknown)}; use the 5-digit GSO codes of the "
                f"pre-2025 "
                "communes.",
                column="communes",
                value=unknown[0],
            )
        )
    return list(dict.fromkeys(cleaned))


def _village_communes(villages: gpd.GeoDataFrame, communes: gpd.GeoDataFrame) -> np.ndarray:
    """Return the GSO code of each village.

    Its own ``gso_code`` when it names a known commune, else that of the polygon it lies in.
    """
    known = set(communes["gso_code"].astype(str))
    own = (
        villages["gso_code"].astype(object).where(villages["gso_code"].notna(), "").astype(str).to_numpy()
        if "gso_code" in villages.columns
        else np.full(len(villages), "", dtype=object)
    )
    missing = ~np.isin(own, list(known))
    if missing.any():
        polys = communes.to_crs(METRIC_EPSG)
        points = villages.to_crs(METRIC_EPSG).geometry.to_numpy()[missing]
        tree = shapely.STRtree(polys.geometry.to_numpy())
        pi, ci = tree.query(points, predicate="within")
        found = np.full(missing.sum(), "", dtype=object)
        found[pi] = polys["gso_code"].astype(str).to_numpy()[ci]
        own = own.astype(object)
        own[missing] = found
    return own


def _need_time(minutes: np.ndarray, full: float, *, no_time: float = 1.0) -> np.ndarray:
    """Return ``minutes / full``, at most 1; ``no_time`` where there is no time (unreachable: 1)."""
    m = np.asarray(minutes, dtype=float)
    return np.where(np.isfinite(m), np.clip(m / full, 0.0, 1.0), no_time)


def rank_villages(inputs: RankInputs, codes: list[str], rules: NeedRules = NeedRules()) -> pd.DataFrame:
    """Rank the villages of the communes ``codes`` by need, most in need first.

    Needs (0–1): travel times in ``rules.season`` (all-season road:
    :func:`analysis.access_grid.minutes_to_allseason`; primary school, health station:
    :func:`analysis.access.service_access`; own district centre:
    :func:`analysis.access.district_centre_access`) as ``min(minutes / full, 1)``, unreachable = 1 (a district
    without a known centre: no data, left out); slope of
    the DEM cell holding the village as ``min(slope / slope_full_deg, 1)``; inside a protected / hazard /
    border zone = 1, outside = 0; size ``max(1 − households / size_full_households, 0)``.  ``score = Σ
    wᵢ·needᵢ / Σ wᵢ`` over the criteria the row has (a criterion without data — no DEM, no zone layer, no
    household count — is left out of that row and named in ``criteria_missing``); ``contribution_k =
    w_k·need_k / Σ wᵢ`` (they add up to the score). Ties keep the order of ``village_id``.
    """
    codes = check_communes(inputs.communes, codes)
    villages = inputs.villages
    if villages.crs is None:
        raise InputError(
            Problem(
                vi="lớp thôn bản không có hệ tọa độ.",
                en="the village layer has no coordinate system.",
                column="geometry",
            )
        )
    gso = _village_communes(villages, inputs.communes)
    chosen = (
        np.isin(gso, codes) & villages.geometry.notna().to_numpy() & ~villages.geometry.is_empty.to_numpy()
    )
    frame = villages[chosen].to_crs(METRIC_EPSG)
    gso = gso[chosen]
    xy = shapely.get_coordinates(frame.geometry.to_numpy()) if len(frame) else np.zeros((0, 2))
    info = inputs.communes.drop_duplicates("gso_code").set_index(
        inputs.communes.drop_duplicates("gso_code")["gso_code"].astype(str)
    )
    ids = (
        frame["village_id"].astype(str).to_numpy()
        if "village_id" in frame.columns
        else np.array([f"#{i + 1}" for i in np.flatnonzero(chosen)], dtype=object)
    )
    out = pd.DataFrame(
        {
            "village_id": ids,
            "name": frame["name"].astype(str).to_numpy() if "name" in frame.columns else "",
            "gso_code": gso,
            "commune": info["commune"].reindex(gso).astype(str).to_numpy(),
            "district_code": info["district_code"].reindex(gso).astype(str).to_numpy(),
        }
    )
    values = _need_values(inputs, rules, xy, out["district_code"].to_numpy(), frame)
    return _score(out, values, rules, inputs)


def _need_values(
    inputs: RankInputs, rules: NeedRules, xy: np.ndarray, district: np.ndarray, frame: gpd.GeoDataFrame
) -> dict[str, np.ndarray]:
    """Return the raw value of each available criterion (by value column)."""
    network, season, n = inputs.network, rules.season, len(xy)
    values: dict[str, np.ndarray] = {}
    values["minutes_to_allseason_road"] = minutes_to_allseason(
        network, xy, season=season, dem=inputs.walk_dem
    )["minutes"].to_numpy()
    fac_xy = np.vstack(
        [
            np.asarray(inputs.schools_xy, dtype=float).reshape(-1, 2),
            np.asarray(inputs.health_xy, dtype=float).reshape(-1, 2),
        ]
    )
    kind = np.r_[
        np.full(len(np.asarray(inputs.schools_xy).reshape(-1, 2)), "school", dtype=object),
        np.full(len(np.asarray(inputs.health_xy).reshape(-1, 2)), "health", dtype=object),
    ]
    times = service_access(
        network, xy, fac_xy, kind, season=season, kinds=("school", "health"), dem=inputs.walk_dem
    )
    values["minutes_to_school"] = times["school_min"].to_numpy()
    values["minutes_to_health_station"] = times["health_min"].to_numpy()
    route = district_centre_access(
        network, xy, district, inputs.district_xy, season=season, dem=inputs.walk_dem
    )
    values["minutes_to_district_centre"] = route["minutes"].to_numpy()
    if inputs.terrain is not None:
        check_terrain(inputs.terrain)
        values["slope_deg"] = slope_at(inputs.terrain, xy)
    check_zone_kinds(inputs.zones)
    points = shapely.points(xy) if n else np.zeros(0, dtype=object)
    for kind_ in ZONE_KINDS:
        if kind_ in inputs.zones:
            inside = np.zeros(n, dtype=bool)
            polys = [
                g for g in np.asarray(inputs.zones[kind_], dtype=object) if g is not None and not g.is_empty
            ]
            if polys and n:
                hit, _ = shapely.STRtree(polys).query(points, predicate="intersects")
                inside[np.unique(hit)] = True
            values[f"in_{kind_}"] = inside.astype(float)
    if "households" in frame.columns:
        values["households"] = pd.to_numeric(frame["households"], errors="coerce").to_numpy(dtype=float)
    return values


def _score(
    out: pd.DataFrame, values: dict[str, np.ndarray], rules: NeedRules, inputs: RankInputs
) -> pd.DataFrame:
    weights = rules.weights.as_dict()
    full = {
        "road": rules.road_full_min,
        "school": rules.school_full_min,
        "health": rules.health_full_min,
        "district": rules.district_full_min,
    }
    n = len(out)
    needs: dict[str, np.ndarray] = {}
    for key, column in NEEDS.items():
        if column not in values:
            continue
        v = values[column]
        if key in full:
            # walking straight always reaches a known district centre: no time there is a district without one
            needs[key] = _need_time(v, full[key], no_time=np.nan if key == "district" else 1.0)
        elif key == "slope":
            with np.errstate(invalid="ignore"):
                needs[key] = np.where(np.isfinite(v), np.clip(v / rules.slope_full_deg, 0.0, 1.0), np.nan)
        elif key == "size":
            with np.errstate(invalid="ignore"):
                needs[key] = np.where(
                    np.isfinite(v) & (v >= 0), np.clip(1.0 - v / rules.size_full_households, 0.0, 1.0), np.nan
                )
        else:
            needs[key] = v
    total = np.zeros(n)
    for key, need in needs.items():
        total += np.where(np.isfinite(need), weights[key], 0.0)
    score = np.zeros(n)
    missing: list[list[str]] = [[] for _ in range(n)]
    for key in NEEDS:
        column = NEEDS[key]
        out[column] = values.get(column, np.full(n, np.nan))
        need = needs.get(key, np.full(n, np.nan))
        has = np.isfinite(need)
        weight = np.where(has, weights[key], 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            contribution = np.where(
                has & (total > 0), weight * np.nan_to_num(need) / np.where(total > 0, total, 1), 0.0
            )
        out[f"need_{key}"] = need
        out[f"weight_{key}"] = weight
        out[f"contribution_{key}"] = contribution
        score += contribution
        for i in np.flatnonzero(~has):
            missing[i].append(key)
    out["score"] = np.where(total > 0, score, np.nan)
    out["criteria_missing"] = [";".join(m) for m in missing]
    illustrative = set(inputs.illustrative) | (
        {"dem"} if inputs.terrain is not None and inputs.terrain.illustrative else set()
    )
    out["illustrative"] = bool(illustrative)
    out["illustrative_inputs"] = ";".join(sorted(illustrative))
    out = out.sort_values(
        ["score", "village_id"], ascending=[False, True], na_position="last", kind="mergesort"
    ).reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, n + 1))
    front = [
        "rank",
        "village_id",
        "name",
        "gso_code",
        "commune",
        "district_code",
        "score",
        "criteria_missing",
    ]
    return out[front + [c for c in out.columns if c not in front]]
