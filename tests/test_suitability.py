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
