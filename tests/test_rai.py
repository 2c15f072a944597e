"""analysis.rai: Rural Access Index from village points and from a population raster (hand-computed
shares)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from affine import Affine
from shapely.geometry import LineString, box

from analysis.rai import rai_from_points, rai_from_raster, rai_table, within_distance_mask

ROAD = np.array([LineString([(0, 0), (10_000, 0)])], dtype=object)


def test_points_within_2km_and_shares_by_hand():
    xy = np.array([[5000.0, 1999.0], [5000.0, 2001.0], [5000.0, 0.0], [5000.0, -3000.0]])
    pop = np.array([100.0, 200.0, 700.0, 0.0])
    within = rai_from_points(xy, pop, ROAD)
    assert list(within) == [True, False, True, False]
    tables = rai_table(
        pd.Series(["A", "A", "B", "C"]), pd.Series(pop), within, districts=pd.Series(["D", "D", "D", "E"])
    )
    # A: 100 of 300; B: 700 of 700; C: no people -> NaN (shown empty, never a number); district D: 800 of 1000
    assert tables["unit"].loc["A", "rai_share"] == pytest.approx(1 / 3)
    assert tables["unit"].loc["B", "rai_share"] == pytest.approx(1.0)
    assert np.isnan(tables["unit"].loc["C", "rai_share"])
    assert tables["district"].loc["D", "rai_share"] == pytest.approx(0.8)
    assert tables["province"]["rai_share"].iloc[0] == pytest.approx(0.8)


def test_no_allseason_road_means_nobody_within():
    within = rai_from_points(np.array([[0.0, 0.0]]), np.array([10.0]), np.zeros(0, dtype=object))
    assert list(within) == [False]


def test_raster_mask_cell_centres_within_2km():
    # 10 x 10 cells of 1 km; a road along the centre of column 0: columns 0, 1, 2 are within 2 km (0, 1, 2 km)
    transform = Affine(1000.0, 0, 0, 0, -1000.0, 10_000.0)
    road = np.array([LineString([(500, 0), (500, 10_000)])], dtype=object)
    mask = within_distance_mask((10, 10), transform, road)
    assert mask[:, :3].all() and not mask[:, 3:].any()


def test_raster_rai_with_exactextract_by_hand():
    transform = Affine(1000.0, 0, 0, 0, -1000.0, 10_000.0)
    road = np.array([LineString([(500, 0), (500, 10_000)])], dtype=object)
    pop = np.ones((10, 10))
    pop[0, 0] = np.nan  # no data counts as nobody
    units = np.array(
        [box(0, 0, 10_000, 10_000), box(5000, 0, 10_000, 10_000), box(2500, 0, 5000, 10_000)], dtype=object
    )
    out = rai_from_raster(pop, transform, units, road, epsg=32648)
    # whole grid: 99 people, 29 within (columns 0-2 less the no-data cell)
    assert out.loc[0, "population"] == pytest.approx(99.0)
    assert out.loc[0, "population_within_2km"] == pytest.approx(29.0)
    assert out.loc[0, "rai_share"] == pytest.approx(29 / 99)
    # east half: nobody within
    assert out.loc[1, "rai_share"] == pytest.approx(0.0)
    # x 2.5-5 km: half of column 2 (within) + columns 3, 4 -> 25 people, 5 within
    assert out.loc[2, "population"] == pytest.approx(25.0)
    assert out.loc[2, "population_within_2km"] == pytest.approx(5.0)


def test_population_grid_from_the_project_replaces_villages_in_the_rai(analysis_inputs):
    from dataclasses import replace

    from geo.crs import to_metric
    from geo.rasters import RasterLayer
    from layers import boundaries
    from workflows.access import analyse_access

    inputs = analysis_inputs
    minx, miny, maxx, maxy = to_metric(boundaries.load_province()).total_bounds
    w, h = int((maxx - minx) // 1000) + 2, int((maxy - miny) // 1000) + 2
    grid = RasterLayer(
        kind="population",
        array=np.full((h, w), 10.0),
        transform=Affine(1000.0, 0, minx - 1000, 0, -1000.0, maxy + 1000),
    )
    run = analyse_access(replace(inputs, rasters={"population": grid}), season="dry")
    c = run.communes
    assert set(c["rai_source"]) == {"population grid"}
    assert "exactextract" in run.method_en
    # 10 people per km2: each commune's grid population is 10 x its area in km2 (exact cell fractions)
    area_km2 = to_metric(inputs.communes).geometry.area.to_numpy() / 1e6
    assert c["population_grid"].to_numpy() == pytest.approx(10 * area_km2, rel=1e-6)
    assert ((c["rai_share"] >= 0) & (c["rai_share"] <= 1)).all()
    assert 0 < run.province_rai < 1


def test_one_village_and_villages_without_a_population_figure():
    within = rai_from_points(np.array([[5000.0, 100.0]]), np.array([50.0]), ROAD)
    assert list(within) == [True]
    tables = rai_table(
        pd.Series(["A", "A", "B"]), pd.Series([100.0, np.nan, 1.0]), np.array([False, True, True])
    )
    # a village without a figure counts as nobody (never as one person); one person within is a share of 1
    assert tables["unit"].loc["A", ["population", "population_within_2km"]].tolist() == [100.0, 0.0]
    assert tables["unit"].loc["A", "rai_share"] == 0.0 and tables["unit"].loc["B", "rai_share"] == 1.0
    assert tables["province"]["rai_share"].iloc[0] == pytest.approx(1 / 101)
    assert "district" not in tables


def test_the_2_km_boundary_and_another_distance():
    xy = np.array([[5000.0, 2000.0], [5000.0, 2000.001], [10_000.0 + 1200.0, 1600.0]])
    # 3-4-5: 2000 m from the road's end
    assert list(rai_from_points(xy, np.ones(3), ROAD)) == [
        True,
        False,
        True,
    ]
    assert list(rai_from_points(xy, np.ones(3), ROAD, distance_m=1000.0)) == [False, False, False]


def test_missing_or_empty_road_geometries_are_no_road():
    transform = Affine(1000.0, 0, 0, 0, -1000.0, 10_000.0)
    lines = np.array([None, LineString()], dtype=object)
    assert not within_distance_mask((10, 10), transform, lines).any()
    mixed = np.array([None, LineString(), LineString([(500, 0), (500, 10_000)])], dtype=object)
    assert within_distance_mask((10, 10), transform, mixed)[:, :3].all()
    far = np.array([LineString([(50_000, 0), (50_000, 10_000)])], dtype=object)  # burns no cell of the grid
    assert not within_distance_mask((10, 10), transform, far).any()


def test_raster_cells_without_people_count_for_nothing():
    # a grid whose no-data value (-9999) was not declared, and a unit of a single person
    transform = Affine(1000.0, 0, 0, 0, -1000.0, 10_000.0)
    road = np.array([LineString([(500, 0), (500, 10_000)])], dtype=object)
    pop = np.zeros((10, 10))
    pop[0, 0], pop[0, 1], pop[5, 8] = -9999.0, 4.0, 1.0
    units = np.array(
        [box(0, 0, 10_000, 10_000), box(8000, 4000, 9000, 5000), box(5000, 0, 6000, 1000)], dtype=object
    )
    out = rai_from_raster(pop, transform, units, road, epsg=32648)
    assert out["population"].tolist() == pytest.approx([5.0, 1.0, 0.0])
    assert out["population_within_2km"].tolist() == pytest.approx([4.0, 0.0, 0.0])
    assert out.loc[0, "rai_share"] == pytest.approx(0.8) and out.loc[1, "rai_share"] == 0.0
    assert np.isnan(out.loc[2, "rai_share"])
