"""analysis.power_access: distance from each point to the grid, by voltage class, and to a substation (by
hand)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString, Point

from analysis.power_access import grid_distances_km

EPSG = 32648


def lines(voltages: list[float | None], ys: list[float]) -> gpd.GeoDataFrame:
    """Horizontal lines at the given heights (m), 10 km long, each with its voltage (kV; None = unknown)."""
    return gpd.GeoDataFrame(
        {"voltage_kv": [np.nan if v is None else v for v in voltages]},
        geometry=[LineString([(0, y), (10_000, y)]) for y in ys],
        crs=EPSG,
    )


def test_distance_to_each_voltage_class_at_its_bounds():
    # one point at (5000, 0); lines 1 km apart to the north, with voltages on each side of 30 and 100 kV
    point = gpd.GeoSeries([Point(5000, 0)], crs=EPSG)
    grid = lines([110.0, 100.0, 99.9, 30.0, 29.9, 22.0, None], [7000, 1000, 3000, 2000, 6000, 4000, 5000])
    out = grid_distances_km(point, grid).iloc[0]
    assert out["dist_grid_km"] == pytest.approx(1.0)
    assert out["dist_grid_hv_110kv_plus_km"] == pytest.approx(1.0)  # 100 kV is high voltage
    assert out["dist_grid_mv_35kv_km"] == pytest.approx(2.0)  # 30 kV and 99.9 kV are 35 kV class
    assert out["dist_grid_mv_22kv_km"] == pytest.approx(4.0)  # 22 and 29.9 kV
    assert out["dist_grid_unknown_kv_km"] == pytest.approx(5.0)
    assert np.isnan(out["dist_substation_km"])


def test_substations_other_crs_and_missing_layers():
    points = gpd.GeoSeries([Point(5000, 0), Point(5000, 2500)], crs=EPSG).to_crs(4326)
    grid = lines([35.0], [1000]).to_crs(4326)
    subs = gpd.GeoDataFrame(geometry=[Point(5000, -1500), Point(9000, 2500)], crs=EPSG)
    out = grid_distances_km(points, grid, subs)
    assert out["dist_grid_km"].tolist() == pytest.approx([1.0, 1.5], abs=1e-3)
    assert out["dist_substation_km"].tolist() == pytest.approx([1.5, 4.0], abs=1e-3)
    assert out["dist_grid_mv_35kv_km"].tolist() == pytest.approx([1.0, 1.5], abs=1e-3)
    assert out["dist_grid_hv_110kv_plus_km"].isna().all() and out["dist_grid_unknown_kv_km"].isna().all()
    # a grid layer without voltages: every line of unknown voltage; no grid at all: nothing known, never 0
    unknown = grid_distances_km(points, grid.drop(columns="voltage_kv"))
    assert unknown["dist_grid_unknown_kv_km"].tolist() == pytest.approx([1.0, 1.5], abs=1e-3)
    empty = grid_distances_km(points, grid.iloc[:0], subs.iloc[:0])
    assert empty.isna().all(axis=None) and len(empty) == 2
    assert len(grid_distances_km(points.iloc[:0], grid)) == 0


def test_a_low_voltage_line_counts_in_the_class_below_30_kv():
    # 0.4 kV (village low-voltage line) 1 km away and 22 kV 3 km away: the class "below 30 kV" starts at 0 kV
    point = gpd.GeoSeries([Point(5000, 0)], crs=EPSG)
    out = grid_distances_km(point, lines([0.4, 22.0], [1000, 3000])).iloc[0]
    assert out["dist_grid_mv_22kv_km"] == pytest.approx(1.0) and out["dist_grid_km"] == pytest.approx(1.0)
    assert np.isnan(out["dist_grid_mv_35kv_km"]) and np.isnan(out["dist_grid_unknown_kv_km"])
