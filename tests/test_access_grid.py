"""Tests of analysis/access_grid.py: times from many origins agree with the access engine for the same
points."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from scipy.spatial import cKDTree

from analysis import access as acc
from analysis.access_grid import (
    ALLSEASON,
    VERTEX_SPACING_M,
    GridCells,
    minutes_to_allseason,
    nearest_point,
    origin_minutes,
    road_vertices,
    target_segments,
    vertex_minutes,
)
from analysis.grid import densify_lines, grid_over
from analysis.network import build_network
from geo.crs import METRIC_EPSG
from layers import boundaries, facilities, roads


@pytest.fixture(scope="module")
def world():
    network = build_network(roads.load_roads())
    schools = facilities.load_schools().to_crs(METRIC_EPSG)
    health = facilities.load_health().to_crs(METRIC_EPSG)
    destinations = {
        "school_tieu_hoc": shapely.get_coordinates(
            schools[schools["level"] == "tieu_hoc"].geometry.to_numpy()
        ),
        "health_tram_y_te": shapely.get_coordinates(
            health[health["kind"] == "tram_y_te"].geometry.to_numpy()
        ),
    }
    districts = boundaries.load_districts().to_crs(METRIC_EPSG)
    area = districts[districts["district_code"].isin(["096", "103"])].union_all()
    rng = np.random.default_rng(11)
    minx, miny, maxx, maxy = area.bounds
    points = rng.random((2000, 2)) * [maxx - minx, maxy - miny] + [minx, miny]
    points = points[shapely.contains_xy(area, points[:, 0], points[:, 1])][:300]
    return network, destinations, points


def test_times_from_vertices_match_the_engine_within_the_spacing(world):
    """Each point walks to its nearest road vertex instead of the nearest point of the road: at most half the
    spacing (15 m) farther, 0.23 min at 4 km/h, and drives those metres less (or more) instead."""
    network, destinations, points = world
    vertices = road_vertices(network, "rainy")
    by_road = vertex_minutes(network, vertices, destinations, season="rainy")
    target = target_segments(network, "rainy")
    allseason_xy, _, _ = densify_lines(network.geometry_array[target], VERTEX_SPACING_M)
    mine = origin_minutes(
        points,
        vertices,
        by_road,
        {**destinations, ALLSEASON: allseason_xy},
        shared={ALLSEASON: target[vertices.segment]},
    )
    facility_xy = np.vstack(list(destinations.values()))
    kind = np.concatenate([np.full(len(v), k, dtype=object) for k, v in destinations.items()])
    engine = acc.service_access(network, points, facility_xy, kind, season="rainy", kinds=tuple(destinations))
    for key in destinations:
        theirs = engine[f"{key}_min"].to_numpy()
        assert np.array_equal(np.isfinite(mine[key]), np.isfinite(theirs))
        assert np.nanmax(np.abs(mine[key] - theirs)) < 0.3
    allseason = minutes_to_allseason(network, points, season="rainy")["minutes"].to_numpy()
    assert np.nanmax(np.abs(mine[ALLSEASON] - allseason)) < 0.3


def test_all_season_time_is_zero_on_an_all_season_road_and_walks_straight_when_quicker(world):
    network, _, _ = world
    target = target_segments(network, "rainy")
    on_road = shapely.get_coordinates(
        shapely.line_interpolate_point(network.geometry_array[target][:5], 0.5, normalized=True)
    )
    result = minutes_to_allseason(network, on_road, season="rainy")
    assert np.allclose(result["minutes"], 0.0, atol=1e-9)
    # a point 1 km from an all-season road walks there: 15 minutes at 4 km/h, or less by road
    line = network.geometry_array[target][0]
    p = shapely.get_coordinates(line.interpolate(0.5, normalized=True))[0] + [0.0, 1000.0]
    near = minutes_to_allseason(network, p[None, :], season="rainy")
    assert near["minutes"].iloc[0] <= near["allseason_m"].iloc[0] / 1000.0 / acc.WALK_KMH * 60.0 + 1e-9


def test_nearest_point_on_grid_blocks_equals_a_plain_query():
    rng = np.random.default_rng(3)
    grid = grid_over((0.0, 0.0, 12_000.0, 9_000.0), 30.0)
    rows, cols = np.nonzero(rng.random(grid.shape) < 0.7)
    xy = grid.centres(rows, cols)
    for n in (1, 7, 300):
        points = rng.random((n, 2)) * [14_000.0, 11_000.0] - 1000.0
        dist, index = nearest_point(points, xy, cells=GridCells(grid, rows, cols))
        plain, _ = cKDTree(points).query(xy)
        assert np.allclose(dist, plain)
        assert np.allclose(np.hypot(*(points[index] - xy).T), plain)
