"""Tests of analysis/suitability.py and analysis/sites.py on a small made-up world where the best site is
known.

The world (metric, UTM 48N, near Mường Nhé): two communes side by side, each 3 km square; an all-season road
along the middle; terrain steep everywhere (35°) except two flat patches of 600 m × 600 m, one per commune,
both on the road.  The west patch has the school and the health station beside it; the east patch has a grid
line through it.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from affine import Affine
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.network import build_network
from analysis.sites import (
    FARMLAND_HA_PER_HOUSEHOLD,
    RESIDENTIAL_HA_PER_HOUSEHOLD,
    LandNeed,
    SiteRules,
    choose_sites,
    find_sites,
)
from analysis.suitability import (
    REASONS,
    SuitabilityInputs,
    SuitabilityRules,
    Weights,
    combine,
    compute_suitability,
    normalise,
)
from analysis.terrain import Terrain
from geo.crs import METRIC_EPSG
from geo.errors import InputError
from geo.io import DATA_DIR, read_table

X0, Y0 = 260_000.0, 2_440_000.0
WEST = shapely.box(X0 + 600, Y0 + 1200, X0 + 1200, Y0 + 1800)
EAST = shapely.box(X0 + 3600, Y0 + 1200, X0 + 4200, Y0 + 1800)


def _terrain(patches=(WEST, EAST), *, cell=30.0, illustrative=True) -> Terrain:
    """Steep ground (35° or more everywhere: pyramids 600 m across), with flat plateaus on the patches."""
    transform = Affine(cell, 0, X0 - 300.0, 0, -cell, Y0 + 3300.0)
    rows, cols = 220, 220
    x = X0 - 300.0 + (np.arange(cols) + 0.5) * cell
    y = Y0 + 3300.0 - (np.arange(rows) + 0.5) * cell
    xx, yy = np.meshgrid(x, y)
    steep = math.tan(math.radians(35.0))
    z = 500.0 + (np.abs(np.mod(xx - X0, 600.0) - 300.0) + np.abs(np.mod(yy - Y0, 600.0) - 300.0)) * steep
    for patch in patches:
        z[shapely.contains_xy(patch, xx, yy)] = 900.0
    return Terrain(z, transform, illustrative=illustrative)


def _communes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"gso_code": ["90001", "90002"], "commune": ["Xã Tây", "Xã Đông"]},
        geometry=[
            shapely.box(X0, Y0, X0 + 3000, Y0 + 3000),
            shapely.box(X0 + 3000, Y0, X0 + 6000, Y0 + 3000),
        ],
        crs=METRIC_EPSG,
    )


def _roads() -> gpd.GeoDataFrame:
    line = shapely.LineString([(X0 - 2000, Y0 + 1500), (X0 + 8000, Y0 + 1500)])
    return gpd.GeoDataFrame(
        {
            "road_id": ["R1"],
            "road_class": ["district"],
            "surface": ["asphalt"],
            "all_season": [True],
            "has_ford_or_unbridged": [False],
        },
        geometry=[line],
        crs=METRIC_EPSG,
    )


def _grid_line(x: float) -> np.ndarray:
    return np.array([shapely.LineString([(x, Y0 - 5000), (x, Y0 + 8000)])], dtype=object)


def _inputs(**changes) -> SuitabilityInputs:
    base = dict(
        communes=_communes(),
        network=build_network(_roads()),
        schools_xy=np.array([[X0 + 900, Y0 + 1400]]),
        health_xy=np.array([[X0 + 950, Y0 + 1400]]),
        grid_lines=_grid_line(X0 + 2400),
        settlements_xy=np.zeros((0, 2)),
        terrain=_terrain(),
        illustrative=frozenset({"roads"}),
    )
    base.update(changes)
    return SuitabilityInputs(**base)


ALL_CELLS = SiteRules(top_share=1.0, min_ha=5.0)


def _best(result) -> shapely.Geometry:
    return find_sites(result, ALL_CELLS).table.geometry.iloc[0]


def test_the_best_site_is_the_flat_patch_beside_the_school_and_health_station():
    result = compute_suitability(_inputs())
    sites = find_sites(result, ALL_CELLS).table
    assert len(sites) == 2  # only the two plateaus are flat enough
    assert sites.geometry.iloc[0].within(WEST.buffer(45))
    assert sites.geometry.iloc[1].within(EAST.buffer(45))
    assert list(sites["commune_gso"]) == ["90001", "90002"]
    assert sites["score"].iloc[0] > sites["score"].iloc[1]
    assert result.illustrative and set(result.illustrative_inputs) == {"roads", "dem"}
    assert sites["illustrative"].all()


def test_an_exclusion_removes_the_otherwise_best_site():
    zone = np.array([WEST.buffer(50)], dtype=object)
    result = compute_suitability(_inputs(zones={"protected": zone}))
    best = _best(result)
    assert best.within(EAST.buffer(45))
    assert result.excluded["protected"] > 0
    assert not (result.reason == REASONS["scored"])[_cells_in(result, WEST)].any()


def _cells_in(result, polygon) -> np.ndarray:
    g = result.grid
    rows, cols = np.indices(g.shape)
    xy = g.centres(rows.ravel(), cols.ravel())
    return shapely.contains_xy(polygon, xy[:, 0], xy[:, 1]).reshape(g.shape)


def test_weights_flip_the_ranking():
    inputs = _inputs(grid_lines=_grid_line(X0 + 3900))  # the grid through the east patch
    services = SuitabilityRules(weights=Weights(slope=1, road=1, school=5, health=5, grid=0, water=0))
    power = SuitabilityRules(weights=Weights(slope=1, road=1, school=0, health=0, grid=10, water=0))
    assert _best(compute_suitability(inputs, services)).within(WEST.buffer(45))
    assert _best(compute_suitability(inputs, power)).within(EAST.buffer(45))


def test_capacity_is_area_divided_by_the_land_need():
    result = compute_suitability(_inputs())
    need = LandNeed(residential_ha=0.5, farmland_ha=1.5)
    sites = find_sites(result, SiteRules(top_share=1.0, land_need=need)).table
    for row in sites.itertuples():
        area_ha = row.geometry.area / 10_000.0  # measured on the polygon, not taken from the table
        assert row.area_ha == pytest.approx(area_ha)
        assert row.capacity_households == math.floor(area_ha / 2.0)
        assert row.land_need_ha_per_household == 2.0


def test_default_land_need_is_the_programmes_own_figures():
    facts = read_table(DATA_DIR / "resettlement" / "muong_nhe_resettlement_facts.csv")
    residential = facts.loc[facts["indicator"] == "residential land allocated", "value"].iloc[0]
    farmland = facts.loc[facts["indicator"] == "production land allocated", "value"].iloc[0]
    assert residential == "107 ha to 634 households" and farmland == "1,236 ha to 528 households"
    assert RESIDENTIAL_HA_PER_HOUSEHOLD == 107 / 634 and FARMLAND_HA_PER_HOUSEHOLD == 1236 / 528
    assert LandNeed().total_ha == pytest.approx(107 / 634 + 1236 / 528)


def test_a_site_never_crosses_an_exclusion_nor_leaves_the_communes():
    cutting = shapely.box(X0 + 800, Y0 + 1000, X0 + 1000, Y0 + 2000)  # a hazard strip across the west patch
    communes = _communes().iloc[[0]]  # only the west commune
    result = compute_suitability(
        _inputs(communes=communes, zones={"hazard": np.array([cutting], dtype=object)})
    )
    sites = find_sites(result, SiteRules(top_share=1.0, min_ha=0.0)).table
    assert len(sites) >= 2  # the strip splits the patch
    area = communes.geometry.iloc[0]
    for geom in sites.geometry:
        assert geom.within(area.buffer(1e-6))
        assert geom.intersection(cutting).area == pytest.approx(0.0, abs=1e-6)
    assert not sites.geometry.union_all().intersects(EAST)


def test_without_a_dem_slope_is_left_out_and_said_so():
    result = compute_suitability(_inputs(terrain=None))
    assert "slope" in result.left_out and result.weights["slope"] == 0.0
    assert result.coverage is None and "slope_deg" not in result.values
    assert result.excluded.get("steep", 0) == 0  # nothing excluded for slope: it is unknown, not flat
    assert set(result.illustrative_inputs) == {"roads"}


def test_a_dem_with_a_hole_excludes_the_hole_and_counts_it():
    terrain = _terrain()
    z = terrain.elevation_m.copy()
    z[60:70, 60:70] = np.nan  # a hole inside the west commune (x ~ 1.5 km)
    holed = compute_suitability(_inputs(terrain=Terrain(z, terrain.transform, illustrative=False)))
    assert holed.excluded["no_elevation"] >= 100
    assert holed.coverage.with_slope == holed.coverage.cells - holed.excluded["no_elevation"]
    assert np.isnan(holed.score[holed.reason == REASONS["no_elevation"]]).all()


def test_a_dem_covering_part_of_the_area_says_how_much():
    terrain = _terrain()
    west_only = Terrain(terrain.elevation_m[:, :120], terrain.transform, illustrative=True)  # to x = 3,300 m
    result = compute_suitability(_inputs(terrain=west_only))
    assert 0.45 < result.coverage.share < 0.6
    assert result.excluded["no_elevation"] == result.coverage.cells - result.coverage.with_slope


@pytest.mark.parametrize(
    "weights",
    [
        dict(slope=0, road=0, school=0, health=0, grid=0, water=0),
        dict(slope=-1.0),
        dict(road=float("nan")),
        dict(grid=True),
    ],
)
def test_bad_weights_are_refused(weights):
    with pytest.raises(InputError) as caught:
        Weights(**weights)
    assert "weight" in caught.value.render("en")


def test_weights_only_on_missing_criteria_are_refused():
    rules = SuitabilityRules(weights=Weights(slope=1, road=0, school=0, health=0, grid=0, water=1))
    with pytest.raises(InputError, match="no data"):
        compute_suitability(_inputs(terrain=None), rules)


def test_an_exclusion_layer_covering_everything_ranks_nothing_and_says_so():
    everything = np.array([shapely.box(X0 - 1000, Y0 - 1000, X0 + 7000, Y0 + 4000)], dtype=object)
    with pytest.raises(InputError) as caught:
        compute_suitability(_inputs(zones={"protected": everything}))
    text = caught.value.render("en")
    assert "no cell is left" in text and "protected" in text


def test_choose_sites_is_greedy_by_rank():
    table = pd.DataFrame(
        {
            "rank": [1, 2, 3],
            "site_id": ["A", "B", "C"],
            "score": [0.9, 0.8, 0.7],
            "capacity_households": [10, 0, 50],
        }
    )
    pick = choose_sites(table, households=40)
    assert pick.site_ids == ("A", "C") and pick.capacity == 60 and pick.shortfall == 0
    short = choose_sites(table, households=100, max_sites=1)
    assert short.site_ids == ("A",) and short.shortfall == 90


# --- never better when a criterion gets worse
# ---------------------------------------------------------------------

CRITERION_COLUMNS = {
    "slope": "slope_deg",
    "road": "minutes_to_allseason_road",
    "school": "minutes_to_school",
    "health": "minutes_to_health_station",
    "grid": "km_to_grid",
    "water": "km_to_water",
}
values = st.floats(min_value=0.0, max_value=500.0, allow_nan=False)


@settings(max_examples=2 * settings.default.max_examples)
@given(
    base=st.fixed_dictionaries({k: values for k in CRITERION_COLUMNS}),
    worse_by=st.floats(min_value=0.0, max_value=500.0),
    which=st.sampled_from(sorted(CRITERION_COLUMNS)),
    weights=st.fixed_dictionaries({k: st.floats(min_value=0.0, max_value=10.0) for k in CRITERION_COLUMNS}),
)
def test_a_worse_criterion_never_raises_the_score(base, worse_by, which, weights):
    if not any(w > 0 for w in weights.values()):
        weights = {**weights, which: 1.0}
    rules = SuitabilityRules(weights=Weights(**weights))
    before = {CRITERION_COLUMNS[k]: np.array([v]) for k, v in base.items()}
    after = dict(before)
    after[CRITERION_COLUMNS[which]] = before[CRITERION_COLUMNS[which]] + worse_by
    used = rules.weights.as_dict()
    assert combine(normalise(after, rules), used)[0] <= combine(normalise(before, rules), used)[0]


@settings(max_examples=max(4, settings.default.max_examples // 12))
@given(
    surface=st.sampled_from(["asphalt", "concrete", "gravel"]),
    road_class=st.sampled_from(["district", "commune", "track"]),
)
def test_a_slower_road_never_raises_any_cell(surface, road_class):
    """The road is at its fastest as asphalt district road (40 km/h); any other surface or class is as slow or
    slower, so no travel time falls and no cell's score may rise."""
    fast = compute_suitability(_inputs())
    roads = _roads().assign(surface=surface, road_class=road_class)
    slow = compute_suitability(_inputs(network=build_network(roads)))
    both = np.isfinite(fast.score) & np.isfinite(slow.score)
    assert both.sum() > 100  # the comparison covers the sites, not an empty set
    assert (slow.score[both] <= fast.score[both]).all()


# --- hand-worked small grids: each rule at and just past its limit
# ---------------------------------------------------------------------
#
# One commune, box(XS − 1, YS − 1, XS + 301, YS + 301): a 12 × 12 grid of 30 m cells from (XS − 30, YS + 330);
# rows and columns 1–10 are wholly inside (100 cells), the ring around them is cut by the outline (outside).
# Cell (row, col) has its centre at (XS + 30·col − 15, YS + 315 − 30·row).

XS, YS = 261_000.0, 2_442_000.0


def _centre(row: int, col: int) -> tuple[float, float]:
    return (XS + 30.0 * col - 15.0, YS + 315.0 - 30.0 * row)


def _small_commune(box=None) -> gpd.GeoDataFrame:
    geom = shapely.box(XS - 1, YS - 1, XS + 301, YS + 301) if box is None else box
    return gpd.GeoDataFrame({"gso_code": ["90001"], "commune": ["Xã Nhỏ"]}, geometry=[geom], crs=METRIC_EPSG)


def _network(*lines) -> object:
    n = len(lines)
    frame = gpd.GeoDataFrame(
        {
            "road_id": [f"R{i}" for i in range(n)],
            "road_class": ["district"] * n,
            "surface": ["asphalt"] * n,
            "all_season": [True] * n,
            "has_ford_or_unbridged": [False] * n,
        },
        geometry=[shapely.LineString(line) for line in lines],
        crs=METRIC_EPSG,
    )
    return build_network(frame)


def _small_inputs(**changes) -> SuitabilityInputs:
    base = dict(
        communes=_small_commune(),
        network=_network([(XS - 2000, YS + 150), (XS + 2000, YS + 150)]),
        schools_xy=np.array([[XS + 150, YS + 150]]),
        health_xy=np.array([[XS + 150, YS + 150]]),
        grid_lines=_grid_line(XS + 150),
        settlements_xy=np.zeros((0, 2)),
    )
    base.update(changes)
    return SuitabilityInputs(**base)


def _kinked_dem(hole: tuple[int, int] | None = None) -> Terrain:
    """A 16 × 16 DEM on the grid's own cells (DEM cell (r + 2, c + 2) is grid cell (r, c)): flat (500 m) west
    of the centre of grid column 8, rising 1 m per m east of it.  Horn's slope: 0° in columns ≤ 7,
    atan(30 / 60) = 26.57° in column 8, atan(1) = 45° in columns ≥ 9.  ``hole``: a grid cell whose DEM cell is
    NaN (no slope there nor in its 8 neighbours)."""
    x = XS - 90.0 + (np.arange(16) + 0.5) * 30.0
    z = np.tile(500.0 + np.maximum(0.0, x - (XS + 225.0)), (16, 1))
    if hole is not None:
        z[hole[0] + 2, hole[1] + 2] = np.nan
    return Terrain(z, Affine(30.0, 0, XS - 90.0, 0, -30.0, YS + 390.0), illustrative=False)


def _picture(text: str) -> np.ndarray:
    return np.array([[int(ch) for ch in line.split()] for line in text.strip().splitlines()])


def test_every_exclusion_rule_gives_its_documented_code_and_count():
    """Codes 0 scored, 1 outside, 2 no slope, 3 steep, 4 protected, 5 hazard, 6 border, 7 near a village; a
    cell takes the first that applies, but each rule counts every cell it excludes."""
    zones = {
        # cells (5, 3), (6, 3) and (5, 4), (6, 4); the latter two already have no slope
        "protected": np.array([shapely.box(XS + 61, YS + 121, XS + 119, YS + 179)], dtype=object),
        # cell (9, 2), and (9, 9) which is steep
        "hazard": np.array(
            [
                shapely.box(XS + 31, YS + 31, XS + 59, YS + 59),
                shapely.box(XS + 241, YS + 31, XS + 269, YS + 59),
            ],
            dtype=object,
        ),
        # cell (1, 1) inside, the rest outside
        "border": np.array([shapely.box(XS - 50, YS + 271, XS + 29, YS + 400)], dtype=object),
    }
    villages = np.array([_centre(9, 6), _centre(0, 5)])  # the second one outside the commune
    rules = SuitabilityRules(settlement_buffer_m=30.0)  # a village's own cell and its 4 edge neighbours
    result = compute_suitability(
        _small_inputs(terrain=_kinked_dem(hole=(5, 5)), zones=zones, settlements_xy=villages), rules
    )
    expected = _picture(
        """
        1 1 1 1 1 1 1 1 1 1 1 1
        1 6 0 0 0 7 0 0 3 3 3 1
        1 0 0 0 0 0 0 0 3 3 3 1
        1 0 0 0 0 0 0 0 3 3 3 1
        1 0 0 0 2 2 2 0 3 3 3 1
        1 0 0 4 2 2 2 0 3 3 3 1
        1 0 0 4 2 2 2 0 3 3 3 1
        1 0 0 0 0 0 0 0 3 3 3 1
        1 0 0 0 0 0 7 0 3 3 3 1
        1 0 5 0 0 7 7 7 3 3 3 1
        1 0 0 0 0 0 7 0 3 3 3 1
        1 1 1 1 1 1 1 1 1 1 1 1
        """
    )
    np.testing.assert_array_equal(result.reason, expected)
    assert result.excluded == {
        "no_elevation": 9,
        "steep": 30,
        "protected": 4,
        "hazard": 2,
        "border": 1,
        "settlement": 6,  # inside cells only: not the 3 outside cells around the second village
    }
    assert result.cells_in_area == 100
    np.testing.assert_array_equal(np.isfinite(result.score), result.reason == REASONS["scored"])
    np.testing.assert_array_equal(result.commune_index, np.where(expected == 1, -1, 0))
    assert {name: REASONS[name] for name in ("outside", "steep", "settlement")} == {
        "outside": 1,
        "steep": 3,
        "settlement": 7,
    }


@pytest.mark.parametrize(
    ("max_slope_deg", "steep_columns"),
    [
        (25.0, [8, 9, 10]),  # the default: 26.57° and 45° are above it
        (26.5, [8, 9, 10]),
        (26.6, [9, 10]),
        (44.99, [9, 10]),
        (45.0, []),  # exactly at the limit: kept
    ],
)
def test_a_cell_is_steep_only_above_the_slope_limit(max_slope_deg, steep_columns):
    rules = SuitabilityRules(max_slope_deg=max_slope_deg)
    result = compute_suitability(_small_inputs(terrain=_kinked_dem()), rules)
    steep = result.reason[1:11, 1:11] == 3
    assert sorted(set(np.nonzero(steep)[1] + 1)) == steep_columns
    assert result.excluded["steep"] == 10 * len(steep_columns)
    if not steep_columns:
        slope = result.value_grid("slope_deg")
        assert slope[5, 10] == 45.0 and slope[5, 7] == 0.0
        assert result.normalised["slope"].min() == 0.0  # 45° at a 45° limit scores 0


def test_default_cell_size_is_30_m():
    result = compute_suitability(_small_inputs())
    assert result.grid.shape == (12, 12) and result.cells_in_area == 100


@pytest.mark.parametrize(
    ("buffer_m", "in_row_5"),
    [
        # the village 250 m west of the centre of cell (5, 9): that centre is 250 m away, (5, 10) 280 m
        (250.0, [1, 2, 3, 4, 5, 6, 7, 8, 9]),
        (249.9, [1, 2, 3, 4, 5, 6, 7, 8]),
        (10.0, [1]),  # the village is 10 m from the centre of (5, 1)
        (9.9, []),
    ],
)
def test_a_village_excludes_cell_centres_within_the_buffer(buffer_m, in_row_5):
    village = (_centre(5, 9)[0] - 250.0, _centre(5, 9)[1])
    within = {  # every inside cell, measured here centre by centre
        (row, col)
        for row in range(1, 11)
        for col in range(1, 11)
        if math.dist(_centre(row, col), village) <= buffer_m
    }
    result = compute_suitability(
        _small_inputs(settlements_xy=np.array([village])), SuitabilityRules(settlement_buffer_m=buffer_m)
    )
    got = {(int(r), int(c)) for r, c in zip(*np.nonzero(result.reason == 7), strict=True)}
    assert got == within
    assert sorted(c for r, c in got if r == 5) == in_row_5
    assert result.excluded["settlement"] == len(got)


def test_the_default_village_buffer_is_250_m():
    village = (_centre(5, 9)[0] - 250.0, _centre(5, 9)[1])
    result = compute_suitability(_small_inputs(settlements_xy=np.array([village])))
    reason = result.reason
    assert reason[5, 9] == 7 and reason[5, 10] == 0  # 250 m and 280 m


def test_a_village_exactly_on_a_cell_centre_excludes_that_cell_at_0_m():
    result = compute_suitability(
        _small_inputs(settlements_xy=np.array([_centre(3, 4)])), SuitabilityRules(settlement_buffer_m=0.0)
    )
    assert result.excluded["settlement"] == 1 and result.reason[3, 4] == 7


def test_the_default_scores_and_weights_by_hand():
    """Each criterion on 0–1 with the documented zero points (25°, 60 min, 60 min, 60 min, 5 km, 2 km) and
    the default weights 3, 2, 1, 1, 1, 1."""
    rules = SuitabilityRules()
    values = {
        "slope_deg": np.array([5.0]),  # 1 − 5/25 = 0.8
        "minutes_to_allseason_road": np.array([30.0]),  # 1 − 30/60 = 0.5
        "minutes_to_school": np.array([15.0]),  # 0.75
        "minutes_to_health_station": np.array([45.0]),  # 0.25
        "km_to_grid": np.array([1.0]),  # 1 − 1/5 = 0.8
        "km_to_water": np.array([1.5]),  # 1 − 1.5/2 = 0.25
    }
    scores = normalise(values, rules)
    assert {k: float(v[0]) for k, v in scores.items()} == pytest.approx(
        {"slope": 0.8, "road": 0.5, "school": 0.75, "health": 0.25, "grid": 0.8, "water": 0.25}
    )
    # (3·0.8 + 2·0.5 + 0.75 + 0.25 + 0.8 + 0.25) / 9 = 5.45 / 9
    assert combine(scores, rules.weights.as_dict())[0] == pytest.approx(5.45 / 9)
    beyond = normalise({"minutes_to_allseason_road": np.array([0.0, 60.0, 90.0, np.inf])}, rules)["road"]
    np.testing.assert_array_equal(beyond, [1.0, 0.0, 0.0, 0.0])  # unreachable scores 0


def test_the_weighted_mean_leaves_out_criteria_without_values_or_weight():
    scores = {"road": np.array([0.5, 1.0]), "water": np.array([np.nan, np.nan]), "grid": np.array([0.2, 0.0])}
    # water weighted 0 (its NaN plays no part); school weighted but not computed: left out
    got = combine(scores, {"road": 3.0, "water": 0.0, "grid": 1.0, "school": 5.0})
    np.testing.assert_allclose(got, [(3 * 0.5 + 0.2) / 4, 3.0 / 4])


def test_distances_to_grid_lines_and_water_by_hand():
    """Grid: one line at x = XS + 345 from the centre row 10 to row 1 (cut every 30 m onto the centre rows),
    listed with a missing and an empty geometry; water: a lake whose corners are the centres of cells (7, 2)
    and (9, 4) (0 inside and on it).  Weights on grid and water only (1 each: every weight 1 or less)."""
    lake = shapely.box(XS + 45, YS + 45, XS + 105, YS + 105)
    grid_lines = np.array(
        [None, shapely.LineString(), shapely.LineString([(XS + 345, YS + 15), (XS + 345, YS + 285)])],
        dtype=object,
    )
    rules = SuitabilityRules(weights=Weights(slope=0, road=0, school=0, health=0, grid=1, water=1))
    for water in (lake, shapely.MultiPolygon([lake])):
        result = compute_suitability(
            _small_inputs(grid_lines=grid_lines, rivers=np.array([water], dtype=object)), rules
        )
        grid_km = result.value_grid("km_to_grid")
        water_km = result.value_grid("km_to_water")
        assert grid_km[3, 10] == pytest.approx(0.06) and grid_km[7, 1] == pytest.approx(0.33)
        assert water_km[8, 3] == 0.0  # inside the lake
        assert water_km[7, 2] == 0.0  # on its outline
        assert water_km[9, 6] == pytest.approx(0.06)  # 60 m east of its edge
        assert water_km[1, 10] == pytest.approx(math.hypot(180, 180) / 1000)  # from its north-east corner
        # cell (8, 3): grid 0.27 km → 1 − 0.27/5 = 0.946; water 0 km → 1; mean 0.973
        assert result.score[8, 3] == pytest.approx(0.973, abs=1e-6)
        # cell (1, 10): grid 0.06 km → 0.988; water 0.25456 km → 1 − 0.25456/2 = 0.87272
        assert result.score[1, 10] == pytest.approx((0.988 + 1 - math.hypot(180, 180) / 2000) / 2, abs=1e-6)


def test_no_grid_line_at_all_scores_the_grid_0_everywhere():
    result = compute_suitability(_small_inputs(grid_lines=np.array([], dtype=object)))
    assert np.isinf(result.values["km_to_grid"]).all()
    assert (result.normalised["grid"] == 0.0).all()


def test_nothing_left_says_the_share_each_rule_removed():
    zones = {
        "protected": np.array([shapely.box(XS + 31, YS + 151, XS + 179, YS + 299)], dtype=object),  # 5 × 5
        "hazard": np.array([shapely.box(XS - 100, YS - 100, XS + 400, YS + 400)], dtype=object),  # all 100
    }
    with pytest.raises(InputError) as caught:
        compute_suitability(_small_inputs(zones=zones))
    assert "all 100 cells" in caught.value.render("en")
    assert "(protected: 25.0 %; hazard: 100.0 %)" in caught.value.render("en")
    assert "(protected: 25,0 %; hazard: 100,0 %)" in caught.value.render("vi")


def test_an_unknown_kind_of_zone_is_refused_by_name():
    with pytest.raises(InputError) as caught:
        compute_suitability(_small_inputs(zones={"flood": np.array([], dtype=object)}))
    assert "flood" in caught.value.render("en") and "protected" in caught.value.render("en")


@pytest.mark.parametrize(("max_slope_deg", "refused"), [(89.9, False), (90.0, True), (95.0, True)])
def test_the_slope_limit_must_be_below_90(max_slope_deg, refused):
    if refused:
        with pytest.raises(InputError, match="90"):
            SuitabilityRules(max_slope_deg=max_slope_deg)
    else:
        assert SuitabilityRules(max_slope_deg=max_slope_deg).max_slope_deg == max_slope_deg


def test_a_cell_reaches_the_road_whose_nearest_point_is_just_inside_the_search_reach():
    """One row of 21 cells (centres XS + 15 … XS + 615 at y = YS + 15).  The main network is a U whose arm
    tips are 20 m beyond the row's ends; a shorter road, not joined to it, starts 319.5 m north of the middle
    cell and runs 3 km east to the school and health station.  The middle cell walks 319.5 m (nearer than the
    arm tips, 320 m) to it and drives 3 km at 40 km/h: 319.5 / (4000 / 60) + 4.5 = 9.2925 min (on foot all
    the way: 45 min).  The road lies 319.5 m from the cells' box, within the searched 20 + 300 + 1 m."""
    y = YS + 15.0
    u_road = [(XS - 5, y), (XS - 5, y - 2000), (XS + 635, y - 2000), (XS + 635, y)]
    north = [(XS + 315, y + 319.5), (XS + 3315, y + 319.5)]
    ends = np.array([[XS + 3315, y + 319.5], [XS + 30_000, YS + 30_000]])  # and one far away
    inputs = _small_inputs(
        communes=_small_commune(shapely.box(XS - 1, YS - 1, XS + 631, YS + 31)),
        network=_network(u_road, north),
        schools_xy=ends,
        health_xy=ends[::-1],
        grid_lines=_grid_line(XS),
    )
    result = compute_suitability(inputs)
    middle = result.reason.shape[0] - 2, 11  # the row just above the grid's south ring, column 11
    assert result.reason[middle] == 0 and result.cells_in_area == 21
    assert result.value_grid("minutes_to_school")[middle] == pytest.approx(9.2925, abs=1e-3)
    assert result.value_grid("minutes_to_health_station")[middle] == pytest.approx(9.2925, abs=1e-3)
