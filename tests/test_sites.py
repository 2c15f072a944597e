"""Candidate resettlement sites (README "Where to put them", *Sites* and *K sites for N households*).

The surfaces here are written out cell by cell (30 m cells of 0.09 ha unless said), so every site, area, mean,
capacity and rank below is worked out by hand from the picture, not by the code under test.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import shapely
from affine import Affine

from analysis.grid import Grid
from analysis.sites import LandNeed, SiteRules, choose_sites, find_sites, score_threshold
from analysis.suitability import REASONS, SuitabilityResult, SuitabilityRules
from geo.errors import InputError

X0, Y0 = 500_000.0, 2_400_000.0
N = np.nan
# 5 rows × 6 columns; NaN = not scored (outside or excluded).  At a threshold of 0.5 the sites are
#   A: (0,0) (0,1) (0,2) (1,2)   scores 0.9 0.9 0.9 0.8 -> mean 0.875, 4 cells
#   B: (0,5) (1,5)               scores 0.5 0.5 (exactly the threshold) -> mean 0.5, 2 cells
#   C: (2,0) (3,0) (4,0)         scores 0.7 -> mean 0.7, 3 cells
#   D: (3,2) (3,3) (3,4) (3,5)   scores 0.7 -> mean 0.7, 4 cells (ties C on score, larger, so ranked first)
# The two NaN cells would join A to nothing else, but they are not scored and never part of a site.
SCORES = [
    [0.9, 0.9, 0.9, N, 0.2, 0.5],
    [0.2, 0.2, 0.8, N, 0.2, 0.5],
    [0.7, 0.2, 0.2, 0.2, 0.2, 0.2],
    [0.7, 0.2, 0.7, 0.7, 0.7, 0.7],
    [0.7, 0.2, 0.2, 0.2, 0.2, 0.2],
]
# Slope of each cell, degrees (A: 2 4 6 8 -> 5; B: 10 20 -> 15; C: 1 2 3 -> 2; D: 3 3 3 7 -> 4).
SLOPES = [
    [2, 4, 6, N, 9, 10],
    [9, 9, 8, N, 9, 20],
    [1, 9, 9, 9, 9, 9],
    [2, 9, 3, 3, 3, 7],
    [3, 9, 9, 9, 9, 9],
]
# Commune (row of the commune table) of each cell: A has two cells in each -> the lower code, 00100.
COMMUNES = [
    [1, 1, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0],
]


def _surface(scores, slopes=None, communes=None, *, cell_m: float = 30.0) -> SuitabilityResult:
    score = np.array(scores, dtype=np.float32)
    grid = Grid(Affine(cell_m, 0.0, X0, 0.0, -cell_m, Y0), width=score.shape[1], height=score.shape[0])
    cells = np.flatnonzero(np.isfinite(score.ravel()))
    slope = np.array(slopes if slopes is not None else np.zeros(score.shape), dtype=np.float32)
    commune = np.array(communes if communes is not None else np.zeros(score.shape), dtype=np.int32)
    reason = np.where(np.isfinite(score), REASONS["scored"], REASONS["outside"]).astype(np.uint8)
    return SuitabilityResult(
        grid=grid,
        score=score,
        reason=reason,
        cells=cells,
        values={"slope_deg": slope.ravel()[cells]},
        normalised={},
        commune_index=commune,
        communes=pd.DataFrame({"gso_code": ["00100", "00200"], "commune": ["Xã Một", "Xã Hai"]}),
        weights={"slope": 1.0},
        left_out=(),
        excluded={},
        coverage=None,
        rules=SuitabilityRules(),
        illustrative=True,
        illustrative_inputs=("dem",),
    )


def _box(row: int, col: int, cell_m: float = 30.0) -> shapely.Geometry:
    x, y = X0 + col * cell_m, Y0 - row * cell_m
    return shapely.box(x, y - cell_m, x + cell_m, y)


COLUMNS = [
    "rank",
    "site_id",
    "commune_gso",
    "commune",
    "n_cells",
    "area_ha",
    "score",
    "slope_mean_deg",
    "minutes_to_allseason_road",
    "minutes_to_school",
    "minutes_to_health_station",
    "km_to_grid",
    "km_to_water",
    "land_need_ha_per_household",
    "capacity_households",
    "illustrative",
    "geometry",
]


def test_sites_by_hand_cells_area_means_capacity_rank_and_outline():
    rules = SiteRules(threshold=0.5, min_ha=0.0, land_need=LandNeed(residential_ha=0.18, farmland_ha=0.0))
    sites = find_sites(_surface(SCORES, SLOPES, COMMUNES), rules)
    table = sites.table
    assert list(table.columns) == COLUMNS
    # Ids in grid order from the north-west (A S0001, B S0002, C S0003, D S0004); ranked by score, then area.
    assert list(table["site_id"]) == ["S0001", "S0004", "S0003", "S0002"]
    assert list(table["rank"]) == [1, 2, 3, 4]
    assert list(table["n_cells"]) == [4, 4, 3, 2]
    assert list(table["area_ha"]) == pytest.approx([0.36, 0.36, 0.27, 0.18])
    assert list(table["score"]) == pytest.approx([0.875, 0.7, 0.7, 0.5], rel=1e-6)
    assert list(table["slope_mean_deg"]) == pytest.approx([5.0, 4.0, 2.0, 15.0])
    assert table["minutes_to_school"].isna().all()  # no values given for it: no mean
    assert list(table["commune_gso"]) == ["00100"] * 4
    # ⌊area / 0.18 ha⌋: 0.36 -> 2, 0.27 -> 1, 0.18 -> 1.
    assert list(table["capacity_households"]) == [2, 2, 1, 1]
    assert list(table["land_need_ha_per_household"]) == [0.18] * 4
    assert table["illustrative"].all()
    a = shapely.union_all([_box(0, 0), _box(0, 1), _box(0, 2), _box(1, 2)])
    d = shapely.union_all([_box(3, c) for c in range(2, 6)])
    c = shapely.union_all([_box(r, 0) for r in range(2, 5)])
    b = shapely.union_all([_box(0, 5), _box(1, 5)])
    for got, expected in zip(table.geometry, [a, d, c, b], strict=True):
        assert got.geom_type == "Polygon" and got.equals(expected)
    assert sites.threshold == 0.5
    expected_label = np.array(
        [
            [1, 1, 1, 0, 0, 2],
            [0, 0, 1, 0, 0, 2],
            [3, 0, 0, 0, 0, 0],
            [3, 0, 4, 4, 4, 4],
            [3, 0, 0, 0, 0, 0],
        ]
    )
    np.testing.assert_array_equal(sites.label, expected_label)


def test_a_site_of_exactly_the_smallest_size_is_kept_and_a_smaller_one_dropped():
    # 0.27 ha = 3 cells of 0.09 ha (0.27 / 0.09 is 3.0000000000000004 in floating point: still 3 cells).
    sites = find_sites(_surface(SCORES, SLOPES, COMMUNES), SiteRules(threshold=0.5, min_ha=0.27)).table
    # B (2 cells) is dropped; A, C, D renumbered in grid order: A S0001, C S0002, D S0003.
    assert list(sites["site_id"]) == ["S0001", "S0003", "S0002"]
    assert list(sites["n_cells"]) == [4, 4, 3]


def test_with_no_smallest_size_a_single_cell_is_a_site():
    sites = find_sites(_surface([[0.8, 0.1, 0.6]]), SiteRules(threshold=0.5, min_ha=0.0)).table
    assert list(sites["n_cells"]) == [1, 1] and list(sites["score"]) == pytest.approx([0.8, 0.6])


def test_capacity_of_exactly_whole_households_is_not_rounded_down():
    # 5 cells = 0.45 ha; a need of 0.45 ha holds 1 household (0.45 / 0.45 computes as 0.9999999999999999).
    scores = [[0.9, 0.9, 0.9, 0.9, 0.9]]
    need = LandNeed(residential_ha=0.45, farmland_ha=0.0)
    sites = find_sites(_surface(scores), SiteRules(threshold=0.5, min_ha=0.0, land_need=need)).table
    assert list(sites["capacity_households"]) == [1]


def test_no_cell_reaching_the_threshold_gives_no_site_with_the_same_columns():
    sites = find_sites(_surface(SCORES, SLOPES, COMMUNES), SiteRules(threshold=1.0, min_ha=0.0))
    assert len(sites.table) == 0 and list(sites.table.columns) == COLUMNS
    assert sites.label.shape == (5, 6) and not sites.label.any()


def test_default_rules_take_the_best_5_percent_and_keep_a_site_of_5_ha():
    # 100 cells of 1 ha (100 m); the best six in a row: 0.95 … 0.90, the rest 0.1.  The 5th best (⌈5 % · 100⌉)
    # is 0.91, so the site is the 5 cells 0.95 … 0.91 = 5 ha, exactly the default smallest site.
    scores = np.full((10, 10), 0.1)
    scores[0, :6] = [0.95, 0.94, 0.93, 0.92, 0.91, 0.90]
    sites = find_sites(_surface(scores.tolist(), cell_m=100.0))
    assert sites.threshold == pytest.approx(0.91)
    assert list(sites.table["n_cells"]) == [5] and list(sites.table["area_ha"]) == pytest.approx([5.0])
    assert sites.table.geometry.iloc[0].equals(shapely.union_all([_box(0, c, 100.0) for c in range(5)]))


@pytest.mark.parametrize(
    ("scores", "top_share", "expected"),
    [
        ([0.7, 0.9, 0.8], 0.1, 0.9),  # ⌈0.3⌉ = 1: the best
        ([0.7, 0.9, 0.8], 0.5, 0.8),  # ⌈1.5⌉ = 2: the 2nd best
        ([0.7, 0.9, 0.8, 0.6], 0.5, 0.8),  # ⌈2⌉ = 2
        ([0.7, 0.9, 0.8], 1.0, 0.7),  # all: the worst
        ([N, 0.4, N], 0.05, 0.4),  # one finite score
    ],
)
def test_score_threshold_is_the_kth_best(scores, top_share, expected):
    assert score_threshold(np.array(scores), top_share) == pytest.approx(expected)


def test_score_threshold_of_no_score_is_nan():
    assert math.isnan(score_threshold(np.array([N, N]), 0.05))


# --- refusals of bad rules


def test_a_land_need_of_0_is_refused_and_any_need_above_0_accepted():
    with pytest.raises(InputError, match="above 0"):
        LandNeed(residential_ha=0.0, farmland_ha=0.0)
    assert LandNeed(residential_ha=0.5, farmland_ha=0.0).total_ha == 0.5
    assert LandNeed(residential_ha=0.0, farmland_ha=0.25).total_ha == 0.25


@pytest.mark.parametrize("top_share", [1.5, 2.0])
def test_a_top_share_above_1_is_refused(top_share):
    with pytest.raises(InputError, match="between 0 and 1"):
        SiteRules(top_share=top_share)


def test_a_top_share_of_1_is_accepted():
    assert SiteRules(top_share=1.0).top_share == 1.0


@pytest.mark.parametrize("threshold", [True, "0.5", math.nan, math.inf, -0.1, 1.1, 1.5])
def test_a_threshold_outside_0_to_1_or_not_a_number_is_refused(threshold):
    with pytest.raises(InputError, match="threshold must lie between 0 and 1"):
        SiteRules(threshold=threshold)


@pytest.mark.parametrize("threshold", [0, 0.0, 0.5, 1, 1.0])
def test_a_threshold_from_0_to_1_is_accepted(threshold):
    assert SiteRules(threshold=threshold).threshold == threshold


# --- choosing sites for N households

TABLE = pd.DataFrame(
    {
        "rank": [2, 1, 3, 4],
        "site_id": ["B", "A", "C", "D"],
        "score": [0.8, 0.9, 0.7, 0.6],
        "capacity_households": [0, 10, 50, 30],
    }
)


def test_choose_sites_stops_when_capacity_exactly_meets_the_households():
    pick = choose_sites(TABLE, households=10)
    assert pick.site_ids == ("A",) and pick.capacity == 10 and pick.shortfall == 0
    assert pick.total_score == pytest.approx(0.9)


def test_choose_sites_skips_sites_without_capacity_and_sums_scores():
    pick = choose_sites(TABLE, households=60)
    assert pick.site_ids == ("A", "C") and pick.capacity == 60 and pick.shortfall == 0
    assert pick.total_score == pytest.approx(0.9 + 0.7)
    short = choose_sites(TABLE, households=100, max_sites=2)
    assert short.site_ids == ("A", "C") and short.capacity == 60 and short.shortfall == 40


def test_choose_sites_for_0_households_takes_nothing():
    pick = choose_sites(TABLE, households=0)
    assert pick.site_ids == () and pick.capacity == 0 and pick.total_score == 0.0 and pick.shortfall == 0


@pytest.mark.parametrize("households", [True, 2.5, -1, "5"])
def test_choose_sites_refuses_households_not_a_whole_number_of_0_or_more(households):
    with pytest.raises(InputError, match="whole number of 0 or more"):
        choose_sites(TABLE, households=households)


@pytest.mark.parametrize("max_sites", [True, 1.5, 0, "2"])
def test_choose_sites_refuses_max_sites_not_a_whole_number_of_1_or_more(max_sites):
    with pytest.raises(InputError, match="whole number of 1 or more"):
        choose_sites(TABLE, households=5, max_sites=max_sites)


def test_choose_sites_takes_a_site_holding_a_single_household():
    table = pd.DataFrame(
        {"rank": [1, 2], "site_id": ["A", "B"], "score": [0.9, 0.8], "capacity_households": [1, 5]}
    )
    pick = choose_sites(table, households=6)
    assert pick.site_ids == ("A", "B") and pick.capacity == 6 and pick.shortfall == 0
