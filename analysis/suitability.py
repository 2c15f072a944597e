"""Suitability of land for resettlement on a raster grid.

Criteria per cell, hard exclusions, weighted linear combination.  Every criterion is normalised to 0–1 (1 =
best) by a stated linear function, the score is the weighted mean of the available criteria, and excluded
cells have no score (NaN).  Decisions only: codes and numbers, no wording.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely
from scipy.spatial import cKDTree

from analysis.access import Dem, link_masks
from analysis.access_grid import (
    ALLSEASON,
    VERTEX_SPACING_M,
    GridCells,
    nearest_point,
    origin_minutes,
    road_vertices,
    target_segments,
    vertex_minutes,
)
from analysis.grid import Grid, burn, cells_within, densify_lines, grid_over
from analysis.network import RoadNetwork
from analysis.terrain import Coverage, Terrain, check_terrain, dem_coverage, slope_on_grid
from analysis.weights import CriterionWeights, limit_problems, raise_if_any
from geo.errors import InputError, Problem
from geo.i18n import format_number
from geo.vocab import SEASONS, Season

#: The criteria, in the order of every table: key -> (raw value column, unit).
CRITERIA = {
    "slope": "slope_deg",
    "road": "minutes_to_allseason_road",
    "school": "minutes_to_school",
    "health": "minutes_to_health_station",
    "grid": "km_to_grid",
    "water": "km_to_water",
}
#: Exclusion reasons of a cell (``SuitabilityResult.reason``), the first that applies in this order.
REASONS = {
    "scored": 0,
    "outside": 1,
    "no_elevation": 2,
    "steep": 3,
    "protected": 4,
    "hazard": 5,
    "border": 6,
    "settlement": 7,
}
#: Polygon layers that exclude the cells they touch.
ZONE_KINDS = ("protected", "hazard", "border")


@dataclass(frozen=True)
class Weights(CriterionWeights):
    """Weight of each criterion in the weighted mean (any non-negative numbers; only their ratios matter)."""

    slope: float = 3.0
    road: float = 2.0
    school: float = 1.0
    health: float = 1.0
    grid: float = 1.0
    water: float = 1.0


@dataclass(frozen=True)
class SuitabilityRules:
    """Every parameter of the suitability surface, with its default."""

    resolution_m: float = 30.0
    max_slope_deg: float = 25.0
    """Cells steeper than this are excluded; the slope score falls linearly from 1 at 0° to 0 here."""
    road_zero_min: float = 60.0
    """Rainy-season minutes to an all-season road at which the road score reaches 0 (1 at 0 min)."""
    school_zero_min: float = 60.0
    """Minutes to the nearest primary school at which the school score reaches 0."""
    health_zero_min: float = 60.0
    """Minutes to the nearest commune health station at which the health score reaches 0."""
    grid_zero_km: float = 5.0
    """Straight-line km to the nearest grid line (HV or MV) at which the grid score reaches 0."""
    water_zero_km: float = 2.0
    """Straight-line km to the nearest river at which the water score reaches 0."""
    settlement_buffer_m: float = 250.0
    """Cells whose centre lies within this distance of an existing village point are excluded."""
    season: Season = "rainy"
    vertex_spacing_m: float = VERTEX_SPACING_M
    weights: Weights = field(default_factory=Weights)

    def __post_init__(self) -> None:
        problems = limit_problems(
            {
                name: getattr(self, name)
                for name in (
                    "resolution_m",
                    "max_slope_deg",
                    "road_zero_min",
                    "school_zero_min",
                    "health_zero_min",
                    "grid_zero_km",
                    "water_zero_km",
                    "vertex_spacing_m",
                )
            }
        )
        problems += limit_problems({"settlement_buffer_m": self.settlement_buffer_m}, zero_ok=True)
        if not problems and self.max_slope_deg >= 90:
            problems.append(
                Problem(
                    vi="độ dốc tối đa phải nhỏ hơn 90°.",
                    en="the slope limit must be below 90°.",
                    column="max_slope_deg",
                    value=str(self.max_slope_deg),
                )
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
class SuitabilityInputs:
    """What the surface is computed from, every geometry in the metric CRS (``geo.crs.METRIC_EPSG``).

    ``communes``: the chosen communes (``gso_code``, ``commune``, geometry); ``schools_xy`` / ``health_xy``:
    primary schools and commune health stations; ``grid_lines``: HV and MV lines; ``rivers``: lines or
    polygons, or ``None`` when no river layer is loaded; ``zones``: exclusion polygons by kind
    (:data:`ZONE_KINDS`); ``settlements_xy``: existing village points; ``terrain``: the DEM (``None``: slope
    left out); ``walk_dem``: the DEM walking follows (Tobler), as on the access page — ``None`` walks at 4
    km/h.  ``illustrative``: names of the illustrative inputs.
    """

    communes: pd.DataFrame
    network: RoadNetwork
    schools_xy: np.ndarray
    health_xy: np.ndarray
    grid_lines: np.ndarray
    settlements_xy: np.ndarray
    terrain: Terrain | None = None
    rivers: np.ndarray | None = None
    zones: dict[str, np.ndarray] = field(default_factory=dict)
    walk_dem: Dem | None = None
    illustrative: frozenset[str] = frozenset()


@dataclass
class SuitabilityResult:
    """The surface and what it was made of.

    ``score``: float32 grid, NaN outside the communes or excluded; ``reason``: uint8 grid of :data:`REASONS`
    (the first that applies); ``cells``: flat indices of the scored cells with ``values[column]`` (raw
    criteria, float32, in :data:`CRITERIA` columns) and ``normalised[key]`` (0–1) for them; ``commune_index``:
    int32 grid, row of ``communes`` holding each cell's centre (−1 outside); ``weights``: the weights used, 0
    for a criterion left out; ``left_out``: criteria without data (``"slope"`` without a DEM, ``"water"``
    without rivers); ``excluded``: cells each rule excludes, counted independently (a cell may count under
    several); ``coverage``: how much of the area the DEM covers.
    """

    grid: Grid
    score: np.ndarray
    reason: np.ndarray
    cells: np.ndarray
    values: dict[str, np.ndarray]
    normalised: dict[str, np.ndarray]
    commune_index: np.ndarray
    communes: pd.DataFrame
    weights: dict[str, float]
    left_out: tuple[str, ...]
    excluded: dict[str, int]
    coverage: Coverage | None
    rules: SuitabilityRules
    illustrative: bool
    illustrative_inputs: tuple[str, ...]

    @property
    def cells_in_area(self) -> int:
        return int((self.reason != REASONS["outside"]).sum())

    def value_grid(self, column: str) -> np.ndarray:
        """Return a full float32 grid of one raw criterion (NaN where the cell is not scored)."""
        out = np.full(self.grid.shape, np.nan, dtype=np.float32)
        out.ravel()[self.cells] = self.values[column]
        return out


def check_zone_kinds(zones: dict) -> None:
    """Raise :class:`InputError` naming any kind of zone layer other than :data:`ZONE_KINDS`."""
    unknown = sorted(set(zones) - set(ZONE_KINDS))
    if unknown:
        raise InputError(
            Problem(
                vi=f"loại vùng không biết: {', '.join(unknown)}; dùng {', '.join(ZONE_KINDS)}.",
                en=f"unknown kind of zone: {', '.join(unknown)}; use {', '.join(ZONE_KINDS)}.",
                column="zones",
                value=unknown[0],
            )
        )


def _near_settlements(
    grid: Grid, inside: np.ndarray, settlements_xy: np.ndarray, buffer_m: float
) -> np.ndarray:
    """Return the ``inside`` cells whose centre lies within ``buffer_m`` of a settlement point.

    Candidates are the cells a circle of that radius around a settlement touches (burnt); their centres are
    then measured exactly.
    """
    points = np.asarray(settlements_xy, dtype=float).reshape(-1, 2)
    close = np.zeros(grid.shape, dtype=bool)
    if len(points) == 0:
        return close
    circles = shapely.buffer(shapely.points(points), buffer_m + grid.resolution_m, quad_segs=8)
    rows, cols = np.nonzero(inside & (burn(grid, circles, all_touched=True) > 0))
    if len(rows):
        # The bound only prunes the search (scipy keeps distances strictly below it, compared squared: a bound
        # just above 0 m squares to 0 and would find nothing); the exact test is the next line.
        near, _ = cKDTree(points).query(grid.centres(rows, cols), distance_upper_bound=buffer_m + 1.0)
        hit = near <= buffer_m
        close[rows[hit], cols[hit]] = True
    return close


def _falling(value: np.ndarray, zero_at: float) -> np.ndarray:
    """1 at 0, falling linearly to 0 at ``zero_at`` and beyond; ``inf`` (unreachable) gives 0."""
    with np.errstate(invalid="ignore"):
        return np.clip(1.0 - np.asarray(value, dtype=float) / zero_at, 0.0, 1.0)


def normalise(values: dict[str, np.ndarray], rules: SuitabilityRules) -> dict[str, np.ndarray]:
    """Return each available criterion on 0–1 (1 = best), by the key of :data:`CRITERIA`.

    slope: ``clip(1 − slope / max_slope_deg, 0, 1)``; road, school, health: ``clip(1 − minutes / *_zero_min,
    0, 1)`` (unreachable = 0); grid, water: ``clip(1 − km / *_zero_km, 0, 1)``.
    """
    zero_at = {
        "slope": rules.max_slope_deg,
        "road": rules.road_zero_min,
        "school": rules.school_zero_min,
        "health": rules.health_zero_min,
        "grid": rules.grid_zero_km,
        "water": rules.water_zero_km,
    }
    return {
        key: _falling(values[column], zero_at[key]) for key, column in CRITERIA.items() if column in values
    }


def combine(normalised: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    """Return the weighted mean ``Σ wᵢ·sᵢ / Σ wᵢ`` over the criteria present in ``normalised`` (float64)."""
    used = {k: w for k, w in weights.items() if k in normalised and w > 0}
    total = sum(used.values())
    n = len(next(iter(normalised.values()))) if normalised else 0
    out = np.zeros(n)
    for key, weight in used.items():
        out += weight * normalised[key]
    return out / total


def _nothing_left(excluded: dict[str, int], cells: int) -> InputError:
    parts_vi, parts_en = [], []
    for reason, count in excluded.items():
        if count:
            share = 100.0 * count / cells
            parts_vi.append(f"{reason}: {format_number(share, 'vi', decimals=1)} %")
            parts_en.append(f"{reason}: {format_number(share, 'en', decimals=1)} %")
    return InputError(
        Problem(
            vi=f"không còn ô nào để xếp hạng: các điều kiện loại trừ phủ hết {format_number(cells, 'vi')} ô "
            f"của vùng đã chọn ({'; '.join(parts_vi)}). Hãy kiểm tra các lớp vùng loại trừ (đúng lớp chưa?) "
            f"hoặc nới các ngưỡng.",
            en=f"no cell is left to rank: the exclusions cover all {format_number(cells, 'en')} cells of the "
            f"chosen area ({'; '.join(parts_en)}). Check the exclusion layers (the right ones?) or relax the "
            f"limits.",
            column="exclusions",
        )
    )


def _available_weights(rules: SuitabilityRules, left_out: list[str]) -> dict[str, float]:
    weights = rules.weights.as_dict()
    used = {k: (0.0 if k in left_out else w) for k, w in weights.items()}
    if not any(w > 0 for w in used.values()):
        raise InputError(
            Problem(
                vi=f"mọi tiêu chí có trọng số lớn hơn 0 đều không có dữ liệu ({', '.join(left_out)}): hãy "
                f"nạp dữ liệu "
                "hoặc đặt trọng số cho tiêu chí khác.",
                en=f"every criterion with a weight above 0 has no data ({', '.join(left_out)}): load the "
                f"data or weight "
                "another criterion.",
                column="weights",
            )
        )
    return used


def _line_distance_km(lines, xy: np.ndarray, spacing_m: float, cells: GridCells | None = None) -> np.ndarray:
    """Return the straight-line km from each point to the nearest line.

    Lines are densified every ``spacing_m``; polygons count by their outline, 0 inside.
    """
    geoms = np.asarray(
        [g for g in np.asarray(lines, dtype=object) if g is not None and not shapely.is_empty(g)],
        dtype=object,
    )
    if len(geoms) == 0:
        return np.full(len(xy), np.inf)
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6))
    outlines = np.where(polygonal, shapely.boundary(geoms), geoms)
    vxy, _, _ = densify_lines(outlines, spacing_m)
    dist, _ = nearest_point(vxy, xy, cells=cells)
    if polygonal.any():
        area = shapely.union_all(geoms[polygonal])
        shapely.prepare(area)
        dist[shapely.contains_xy(area, xy[:, 0], xy[:, 1])] = 0.0
    return dist / 1000.0


def _area_cells(
    inputs: SuitabilityInputs, rules: SuitabilityRules
) -> tuple[Grid, np.ndarray, np.ndarray, pd.DataFrame]:
    """Return the grid over the chosen communes, its inside mask, commune index grid and commune table."""
    frame = inputs.communes
    codes = frame["gso_code"].astype(str).to_numpy()
    table = (
        pd.DataFrame({"gso_code": codes, "commune": frame["commune"].astype(str).to_numpy()})
        .drop_duplicates("gso_code")
        .reset_index(drop=True)
    )
    index_of = {c: i for i, c in enumerate(table["gso_code"])}
    geoms = np.asarray(frame.geometry.values, dtype=object)
    area = shapely.union_all(geoms)
    grid = grid_over(area.bounds, rules.resolution_m)
    inside = cells_within(grid, area)
    commune = burn(grid, geoms, all_touched=False, values=np.array([index_of[c] + 1 for c in codes])) - 1
    commune[~inside] = -1
    inside &= commune >= 0
    return grid, inside, commune.astype(np.int32), table


def compute_suitability(
    inputs: SuitabilityInputs, rules: SuitabilityRules = SuitabilityRules()
) -> SuitabilityResult:
    """Return the suitability surface of the chosen communes.

    A cell is in the area when its whole square lies inside the chosen communes; its commune is the one
    holding its centre.  Exclusions, in this order: no slope where a DEM is given (off the DEM, in a hole or
    next to one; never taken as flat); slope above ``max_slope_deg``; touched by a protected, hazard or
    border-belt polygon; centre within ``settlement_buffer_m`` of a village.  Raw criteria per scored cell:
    slope (Horn, degrees), rainy-season minutes to an all-season road, to the nearest primary school and
    commune health station (:mod:`analysis.access_grid`), km to the grid and to water (straight line).  Score:
    :func:`combine` of :func:`normalise`.

    Raises
    ------
    InputError
        Bad rules or weights; a DEM with impossible elevations or not covering the area at all; every weighted
        criterion without data; nothing left after the exclusions (the share each rule excludes is said).
    """
    grid, inside, commune, table = _area_cells(inputs, rules)
    if not inside.any():
        raise InputError(
            Problem(
                vi="vùng đã chọn không có ô nào (xã quá nhỏ so với kích thước ô?).",
                en="the chosen area has no cell (communes too small for the cell size?).",
                column="communes",
            )
        )
    left_out = []
    reason = np.where(inside, 0, REASONS["outside"]).astype(np.uint8)
    excluded: dict[str, int] = {}
    slope = None
    coverage = None
    if inputs.terrain is None:
        left_out.append("slope")
    else:
        check_terrain(inputs.terrain)
        slope = slope_on_grid(inputs.terrain, grid, inside)
        coverage = dem_coverage(slope, inside)
        no_elevation = inside & ~np.isfinite(slope)
        excluded["no_elevation"] = int(no_elevation.sum())
        reason[no_elevation & (reason == 0)] = REASONS["no_elevation"]
        with np.errstate(invalid="ignore"):
            steep = inside & (slope > rules.max_slope_deg)
        excluded["steep"] = int(steep.sum())
        reason[steep & (reason == 0)] = REASONS["steep"]
    if inputs.rivers is None:
        left_out.append("water")
    weights = _available_weights(rules, left_out)
    check_zone_kinds(inputs.zones)
    for kind in ZONE_KINDS:
        if kind in inputs.zones:
            touched = inside & (burn(grid, inputs.zones[kind], all_touched=True) > 0)
            excluded[kind] = int(touched.sum())
            reason[touched & (reason == 0)] = REASONS[kind]
    close = _near_settlements(grid, inside, inputs.settlements_xy, rules.settlement_buffer_m)
    excluded["settlement"] = int(close.sum())
    reason[close & (reason == 0)] = REASONS["settlement"]
    rows, cols = np.nonzero(reason == 0)
    xy = grid.centres(rows, cols)
    if len(rows) == 0:
        raise _nothing_left(excluded, int(inside.sum()))
    values = _criteria(inputs, rules, grid, rows, cols, xy, slope)
    normalised = normalise(values, rules)
    score64 = combine(normalised, weights)
    score = np.full(grid.shape, np.nan, dtype=np.float32)
    score[rows, cols] = score64.astype(np.float32)
    flat = np.ravel_multi_index((rows, cols), grid.shape)
    illustrative_inputs = set(inputs.illustrative) | (
        {"dem"} if inputs.terrain is not None and inputs.terrain.illustrative else set()
    )
    return SuitabilityResult(
        grid=grid,
        score=score,
        reason=reason,
        cells=flat,
        values={k: v.astype(np.float32) for k, v in values.items()},
        normalised={k: v.astype(np.float32) for k, v in normalised.items()},
        commune_index=commune,
        communes=table,
        weights=weights,
        left_out=tuple(left_out),
        excluded=excluded,
        coverage=coverage,
        rules=rules,
        illustrative=bool(illustrative_inputs),
        illustrative_inputs=tuple(sorted(illustrative_inputs)),
    )


def _criteria(
    inputs: SuitabilityInputs,
    rules: SuitabilityRules,
    grid: Grid,
    rows: np.ndarray,
    cols: np.ndarray,
    xy: np.ndarray,
    slope: np.ndarray | None,
) -> dict[str, np.ndarray]:
    """Return the raw criteria (float64, :data:`CRITERIA` columns) of the scored cells."""
    values: dict[str, np.ndarray] = {}
    if slope is not None:
        values["slope_deg"] = slope[rows, cols]
    network = inputs.network
    minx, miny = float(xy[:, 0].min()), float(xy[:, 1].min())
    maxx, maxy = float(xy[:, 0].max()), float(xy[:, 1].max())
    vertices = road_vertices(
        network,
        rules.season,
        spacing_m=rules.vertex_spacing_m,
        near=(minx, miny, maxx, maxy),
        reach_m=_reach(network, (minx, miny, maxx, maxy), rules.season),
    )
    destinations = {
        "school": np.asarray(inputs.schools_xy, dtype=float).reshape(-1, 2),
        "health": np.asarray(inputs.health_xy, dtype=float).reshape(-1, 2),
    }
    by_road = vertex_minutes(network, vertices, destinations, season=rules.season, dem=inputs.walk_dem)
    target = target_segments(network, rules.season)
    allseason_xy, _, _ = densify_lines(network.geometry_array[target], rules.vertex_spacing_m)
    straight = {**destinations, ALLSEASON: allseason_xy}
    cells = GridCells(grid, rows, cols)
    minutes = origin_minutes(
        xy,
        vertices,
        by_road,
        straight,
        dem=inputs.walk_dem,
        cells=cells,
        shared={ALLSEASON: target[vertices.segment]},
    )
    values["minutes_to_allseason_road"] = minutes[ALLSEASON]
    values["minutes_to_school"] = minutes["school"]
    values["minutes_to_health_station"] = minutes["health"]
    values["km_to_grid"] = _line_distance_km(inputs.grid_lines, xy, rules.resolution_m, cells)
    if inputs.rivers is not None:
        values["km_to_water"] = _line_distance_km(inputs.rivers, xy, rules.resolution_m, cells)
    return values


def _reach(network: RoadNetwork, bounds: tuple[float, float, float, float], season: Season) -> float:
    """Return how far beyond the cells' box road vertices are needed.

    Far enough that every cell's nearest vertices are among them.  A cell lies within half the box's diagonal
    of a corner, and every corner within the returned distance minus that of a road of each set of
    :func:`analysis.access.link_masks` (the farthest of a cell's links), so a segment not reaching that far
    into the box is nobody's nearest.
    """
    corners = shapely.points(
        [(bounds[0], bounds[1]), (bounds[0], bounds[3]), (bounds[2], bounds[1]), (bounds[2], bounds[3])]
    )
    farthest = None
    for mask in link_masks(network, season):
        if not mask.any():
            continue
        tree = shapely.STRtree(network.geometry_array[mask])
        _, dist = tree.query_nearest(corners, return_distance=True)
        farthest = max(float(dist.max()), farthest or 0.0)
    if farthest is None:
        return 0.0
    half_diagonal = math.hypot(bounds[2] - bounds[0], bounds[3] - bounds[1]) / 2.0
    return farthest + half_diagonal + 1.0
