"""Candidate resettlement sites: contiguous areas of suitable cells.

Each site has its score, criteria, commune and capacity.  Default land needs per household are the programme's
own figures (Đề án 79, Mường Nhé and Nậm Pồ, as reported c.2020;
``data/resettlement/muong_nhe_resettlement_facts.csv``, rows "residential land allocated" and "production land
allocated"): 107 ha of residential land for 634 households and 1,236 ha of farmland for 528 households.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from analysis.suitability import CRITERIA, SuitabilityResult
from analysis.weights import limit_problems
from geo.crs import METRIC_EPSG
from geo.errors import InputError, Problem

#: Residential land per household, ha: 107 ha for 634 households (Đề án 79, reported c.2020).
RESIDENTIAL_HA_PER_HOUSEHOLD = 107.0 / 634.0
#: Farmland (production land) per household, ha: 1,236 ha for 528 households (same report).
FARMLAND_HA_PER_HOUSEHOLD = 1236.0 / 528.0


@dataclass(frozen=True)
class LandNeed:
    """Land a household needs on a site, ha: residential plus farmland.

    Set farmland to 0 when it lies elsewhere.
    """

    residential_ha: float = RESIDENTIAL_HA_PER_HOUSEHOLD
    farmland_ha: float = FARMLAND_HA_PER_HOUSEHOLD

    def __post_init__(self) -> None:
        problems = limit_problems(
            {"residential_ha": self.residential_ha, "farmland_ha": self.farmland_ha}, zero_ok=True
        )
        if not problems and self.total_ha <= 0:
            problems.append(
                Problem(
                    vi="nhu cầu đất mỗi hộ phải lớn hơn 0.",
                    en="the land need per household must be above 0.",
                    column="land need",
                    value="0",
                )
            )
        if problems:
            raise InputError(problems)

    @property
    def total_ha(self) -> float:
        return float(self.residential_ha) + float(self.farmland_ha)


@dataclass(frozen=True)
class SiteRules:
    """How sites are cut out of the surface.

    ``threshold``: cells scoring at least this qualify; ``None`` (default) = the score of the ⌈top_share ·
    n⌉-th best of the n scored cells, so about ``top_share`` of them qualify (ties included).  Qualifying
    cells form a site when they share an edge (4-connected: cells touching only at a corner are separate
    sites, so each site's outline is one polygon); sites smaller than ``min_ha`` are dropped.
    """

    threshold: float | None = None
    top_share: float = 0.05
    min_ha: float = 5.0
    land_need: LandNeed = LandNeed()

    def __post_init__(self) -> None:
        problems = limit_problems({"min_ha": self.min_ha}, zero_ok=True) + limit_problems(
            {"top_share": self.top_share}
        )
        if not problems and self.top_share > 1:
            problems.append(
                Problem(
                    vi="tỷ lệ ô tốt nhất phải từ 0 đến 1.",
                    en="the top share must lie between 0 and 1.",
                    column="top_share",
                    value=str(self.top_share),
                )
            )
        if self.threshold is not None:
            bad = isinstance(self.threshold, bool) or not isinstance(self.threshold, int | float)
            if bad or not math.isfinite(self.threshold) or not 0 <= self.threshold <= 1:
                problems.append(
                    Problem(
                        vi="ngưỡng điểm phải từ 0 đến 1.",
                        en="the score threshold must lie between 0 and 1.",
                        column="threshold",
                        value=str(self.threshold),
                    )
                )
        if problems:
            raise InputError(problems)


@dataclass
class Sites:
    """The sites of a surface.

    ``table`` (one row per site, best first; polygons in the metric CRS), the ``label`` grid (site number per
    cell, 0 = none) and the ``threshold`` used.
    """

    table: gpd.GeoDataFrame
    label: np.ndarray
    threshold: float
    illustrative: bool


def score_threshold(scores: np.ndarray, top_share: float) -> float:
    """Return the score of the ⌈top_share · n⌉-th best of the finite ``scores`` (NaN when there is none)."""
    finite = np.sort(scores[np.isfinite(scores)].astype(np.float64))[::-1]
    if finite.size == 0:
        return float("nan")
    k = max(1, math.ceil(top_share * finite.size))
    return float(finite[min(k, finite.size) - 1])


def _polygons(label: np.ndarray, keep: np.ndarray, grid) -> dict[int, shapely.Geometry]:
    """Return the outline of each kept label (cells dissolved), in the metric CRS."""
    from affine import Affine
    from rasterio.features import shapes

    kept = np.isin(label, keep)
    if not kept.any():
        return {}
    rows = np.flatnonzero(kept.any(axis=1))
    cols = np.flatnonzero(kept.any(axis=0))
    r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    window = np.where(kept[r0:r1, c0:c1], label[r0:r1, c0:c1], 0).astype(np.int32)
    t = grid.transform
    transform = t @ Affine.translation(c0, r0)
    out: dict[int, list] = {}
    for geometry, value in shapes(window, mask=window > 0, connectivity=4, transform=transform):
        out.setdefault(int(value), []).append(shapely.geometry.shape(geometry))
    return {k: (v[0] if len(v) == 1 else shapely.union_all(v)) for k, v in out.items()}


def find_sites(result: SuitabilityResult, rules: SiteRules = SiteRules()) -> Sites:
    """Return the candidate sites of a suitability surface, ranked by mean score (then larger area, then id).

    Columns: ``rank``, ``site_id`` (``S0001`` … in the order the grid is read, row by row from the
    north-west), ``commune_gso`` / ``commune`` (the commune holding most of the site's cells; a tie goes to
    the lower GSO code), ``n_cells``, ``area_ha`` (cells × cell area), ``score`` (mean of the published
    float32 scores), the mean of every raw criterion (``slope_mean_deg``, ``minutes_to_allseason_road``,
    ``km_to_grid``, ``minutes_to_school``, ``minutes_to_health_station``, ``km_to_water``: unreachable cells
    make the mean inf), ``land_need_ha_per_household`` and ``capacity_households`` = ⌊area_ha / land need⌋,
    ``illustrative``, geometry (metric CRS).
    """
    from scipy import ndimage

    grid = result.grid
    score = result.score
    threshold = (
        float(rules.threshold) if rules.threshold is not None else score_threshold(score, rules.top_share)
    )
    with np.errstate(invalid="ignore"):
        good = np.isfinite(score) & (score >= threshold)
    label, n = ndimage.label(good, structure=np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]]))
    flat = label.ravel()
    counts = np.bincount(flat, minlength=n + 1)
    min_cells = math.ceil(rules.min_ha / grid.cell_ha - 1e-9)
    keep = np.flatnonzero((counts >= max(min_cells, 1)) & (np.arange(n + 1) > 0))
    columns = [
        "rank",
        "site_id",
        "commune_gso",
        "commune",
        "n_cells",
        "area_ha",
        "score",
        *[("slope_mean_deg" if c == "slope_deg" else c) for c in CRITERIA.values()],
        "land_need_ha_per_household",
        "capacity_households",
        "illustrative",
    ]
    if len(keep) == 0:
        empty = gpd.GeoDataFrame(
            {c: [] for c in columns}, geometry=gpd.GeoSeries([], crs=METRIC_EPSG), crs=METRIC_EPSG
        )
        return Sites(empty, np.zeros(grid.shape, dtype=np.int32), threshold, result.illustrative)
    cells_label = flat[result.cells]
    in_site = np.isin(cells_label, keep)
    lab = cells_label[in_site]
    sums = {
        "score": np.bincount(
            flat[flat > 0], weights=score.ravel()[flat > 0].astype(np.float64), minlength=n + 1
        )
    }
    for column, values in result.values.items():
        sums[column] = np.bincount(lab, weights=values[in_site].astype(np.float64), minlength=n + 1)
    commune = result.commune_index.ravel()
    pairs = pd.DataFrame({"label": flat[np.isin(flat, keep)], "commune": commune[np.isin(flat, keep)]})
    tally = pairs.value_counts().rename("n").reset_index()
    tally["gso"] = result.communes["gso_code"].to_numpy()[tally["commune"]]
    tally = tally.sort_values(["label", "n", "gso"], ascending=[True, False, True]).drop_duplicates("label")
    majority = tally.set_index("label")["commune"]
    polygons = _polygons(label, keep, grid)
    need = rules.land_need.total_ha
    area = counts[keep] * grid.cell_ha
    table = pd.DataFrame(
        {
            "site_id": [f"S{k:04d}" for k in range(1, len(keep) + 1)],
            "commune_gso": result.communes["gso_code"].to_numpy()[majority.loc[keep].to_numpy()],
            "commune": result.communes["commune"].to_numpy()[majority.loc[keep].to_numpy()],
            "n_cells": counts[keep],
            "area_ha": area,
            "score": sums["score"][keep] / counts[keep],
        }
    )
    for column in CRITERIA.values():
        name = "slope_mean_deg" if column == "slope_deg" else column
        table[name] = sums[column][keep] / counts[keep] if column in sums else np.nan
    table["land_need_ha_per_household"] = need
    table["capacity_households"] = np.floor(area / need + 1e-9).astype(np.int64)
    table["illustrative"] = result.illustrative
    table = table.sort_values(["score", "area_ha", "site_id"], ascending=[False, False, True]).reset_index(
        drop=True
    )
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    number = {f"S{k:04d}": int(lab_) for k, lab_ in enumerate(keep, start=1)}
    geometry = [polygons[number[s]] for s in table["site_id"]]
    relabel = np.zeros(n + 1, dtype=np.int32)
    relabel[keep] = np.arange(1, len(keep) + 1)
    return Sites(
        gpd.GeoDataFrame(table, geometry=geometry, crs=METRIC_EPSG),
        relabel[label],
        threshold,
        result.illustrative,
    )


@dataclass(frozen=True)
class Selection:
    """Sites chosen to hold ``households``.

    Their ``site_ids`` (in the order taken), the ``capacity`` they hold, ``total_score`` (sum of their mean
    scores) and ``shortfall`` (households left without a place, 0 when met).
    """

    site_ids: tuple[str, ...]
    capacity: int
    total_score: float
    shortfall: int


def choose_sites(table: pd.DataFrame, *, households: int, max_sites: int | None = None) -> Selection:
    """Choose sites for ``households`` by a greedy rule.

    Take sites in rank order (best mean score first) until their capacity reaches ``households`` or
    ``max_sites`` are taken.

    Greedy, not optimal: it never swaps a better-scored small site for a worse-scored large one, so it may
    report a shortfall that another combination of ``max_sites`` sites would avoid; lower the threshold, raise
    ``max_sites`` or change the land need.  Sites without capacity (0 households) are skipped.
    """
    if isinstance(households, bool) or not isinstance(households, int | np.integer) or households < 0:
        raise InputError(
            Problem(
                vi="số hộ phải là một số nguyên từ 0 trở lên.",
                en="the number of households must be a whole number of 0 or more.",
                column="households",
                value=str(households),
            )
        )
    if max_sites is not None and (
        isinstance(max_sites, bool) or not isinstance(max_sites, int | np.integer) or max_sites < 1
    ):
        raise InputError(
            Problem(
                vi="số điểm tối đa phải là một số nguyên từ 1 trở lên.",
                en="the number of sites must be a whole number of 1 or more.",
                column="max_sites",
                value=str(max_sites),
            )
        )
    chosen: list[str] = []
    capacity = 0
    total = 0.0
    for row in table.sort_values("rank").itertuples(index=False):
        if capacity >= households or (max_sites is not None and len(chosen) >= max_sites):
            break
        if row.capacity_households <= 0:
            continue
        chosen.append(str(row.site_id))
        capacity += int(row.capacity_households)
        total += float(row.score)
    return Selection(tuple(chosen), capacity, total, max(0, int(households) - capacity))
