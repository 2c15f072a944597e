"""Tests of analysis/access_grid.py: times from many origins agree with the access engine for the same
points."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from scipy.spatial import cKDTree
from shapely.geometry import LineString

from analysis import access as acc
from analysis.access_grid import (
    ALLSEASON,
    VERTEX_SPACING_M,
    GridCells,
    RoadVertices,
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


# --- Hand-built networks (UTM 48N). Speeds by the README's table: asphalt district road 40 km/h in both
# seasons (1.5 min per km); gravel commune road that is not all-season, rainy season: min(20, 30) / 2 =
# 10 km/h (6 min per km); walking 4 km/h (15 min per km, 0.15 min per 10 m).


def _roads(lines, *, all_season, surface=None, road_class=None) -> gpd.GeoDataFrame:
    n = len(lines)
    return gpd.GeoDataFrame(
        {
            "road_id": [f"R{i + 1}" for i in range(n)],
            "road_class": road_class or ["district"] * n,
            "surface": surface or ["asphalt"] * n,
            "all_season": all_season,
            "has_ford_or_unbridged": [False] * n,
        },
        geometry=[LineString(c) for c in lines],
        crs=METRIC_EPSG,
    )


def _two_roads(first: str, second: str):
    """Two roads (0,0)-(300,0) and (300,0)-(600,0) of ``first`` and ``second`` surface.

    An asphalt one is a district road, all-season (300 m in 0.45 min); a gravel one a commune road, not
    all-season (open in the rainy season at 10 km/h, 300 m in 1.8 min).  Connected: every point has one link
    (rule 2 is rule 1's set).
    """
    surface = [first, second]
    return build_network(
        _roads(
            [[(0, 0), (300, 0)], [(300, 0), (600, 0)]],
            all_season=[s == "asphalt" for s in surface],
            surface=surface,
            road_class=["district" if s == "asphalt" else "commune" for s in surface],
        )
    )


@pytest.fixture(scope="module")
def asphalt_then_gravel():
    return _two_roads("asphalt", "gravel")


@pytest.fixture(scope="module")
def gravel_then_asphalt():
    return _two_roads("gravel", "asphalt")


@pytest.fixture(scope="module")
def piece_and_main():
    """R1 (0,100)-(100,100): a 100 m piece joined to nothing, gravel, not all-season (0.6 min in the rainy
    season).  The largest connected part (900 m): R2 (0,0)-(300,0), the same kind of road (1.8 min), and R3
    (300,0)-(900,0), asphalt, all-season (0.9 min)."""
    return build_network(
        _roads(
            [[(0, 100), (100, 100)], [(0, 0), (300, 0)], [(300, 0), (900, 0)]],
            all_season=[False, False, True],
            surface=["gravel", "gravel", "asphalt"],
            road_class=["commune", "commune", "district"],
        )
    )


def test_open_roads_are_cut_every_30_m_at_most_evenly_with_both_ends(piece_and_main):
    # 100 m: ⌈100/30⌉ = 4 pieces of 25 m, 5 vertices; 300 m: 10 pieces of 30 m, 11; 600 m: 20, 21
    vertices = road_vertices(piece_and_main, "rainy")
    assert len(vertices.xy) == 5 + 11 + 21
    piece = vertices.segment == 0
    assert np.allclose(vertices.xy[piece], [[0, 100], [25, 100], [50, 100], [75, 100], [100, 100]])
    assert np.allclose(vertices.fraction[piece], [0.0, 0.25, 0.5, 0.75, 1.0])
    assert np.allclose(vertices.xy[vertices.segment == 2][:, 0], np.arange(300.0, 901.0, 30.0))
    # rule 2 (the largest connected part) holds the two long roads, not the piece
    assert len(vertices.groups) == 1
    assert np.array_equal(vertices.groups[0], vertices.segment != 0)


def test_vertices_near_a_box_are_those_of_roads_within_reach_of_it(piece_and_main):
    # the piece runs 0.5 m north of the box's top edge: out by default (reach 0), in with a reach of 1 m
    box = (0.0, 90.0, 100.0, 99.5)
    assert len(road_vertices(piece_and_main, "rainy", near=box).xy) == 0
    near = road_vertices(piece_and_main, "rainy", near=box, reach_m=1.0)
    assert np.allclose(near.xy, [[0, 100], [25, 100], [50, 100], [75, 100], [100, 100]])


def _at(vertices, x, y=0.0):
    """Index of the first vertex at (x, y)."""
    return int(np.flatnonzero(np.hypot(vertices.xy[:, 0] - x, vertices.xy[:, 1] - y) < 1e-6)[0])


def test_vertex_times_to_a_school_and_to_the_all_season_road_on_a_connected_network(asphalt_then_gravel):
    # the school at (0, 60) walks 60 m (0.9 min) to R1 at (0, 0), the first segment; R1 is the all-season road
    vertices = road_vertices(asphalt_then_gravel, "rainy")
    out = vertex_minutes(asphalt_then_gravel, vertices, {"school": [(0.0, 60.0)]}, season="rainy")
    expected_school = {
        0.0: 0.9,  # on R1 at the school's link
        150.0: 0.225 + 0.9,  # 150 m of R1
        450.0: 0.9 + 0.45 + 0.9,  # 150 m of R2, all of R1
        600.0: 1.8 + 0.45 + 0.9,
    }
    expected_allseason = {0.0: 0.0, 150.0: 0.0, 450.0: 0.9, 600.0: 1.8}
    for x, minutes in expected_school.items():
        assert out["school"][_at(vertices, x)] == pytest.approx(minutes)
        assert out[ALLSEASON][_at(vertices, x)] == pytest.approx(expected_allseason[x], abs=1e-12)


def test_a_district_without_the_service_reaches_none_and_still_gets_all_season_times(asphalt_then_gravel):
    vertices = road_vertices(asphalt_then_gravel, "rainy")
    for destinations in ({}, {"school": np.zeros((0, 2))}):
        out = vertex_minutes(asphalt_then_gravel, vertices, destinations, season="rainy")
        assert set(out) == {*destinations, ALLSEASON}
        if destinations:
            assert np.isinf(out["school"]).all()
        assert out[ALLSEASON][_at(vertices, 150.0)] == pytest.approx(0.0, abs=1e-12)
        assert out[ALLSEASON][_at(vertices, 600.0)] == pytest.approx(1.8)


def test_a_school_beside_a_piece_of_road_is_reached_by_its_link_to_the_main_network(piece_and_main):
    # the school at (50, 130) links to the piece R1 at (50, 100) (30 m, 0.45 min) and to the main part at
    # (50, 0) on R2 (130 m, 1.95 min): the main network reaches it only by the second link
    vertices = road_vertices(piece_and_main, "rainy")
    out = vertex_minutes(piece_and_main, vertices, {"school": [(50.0, 130.0)]}, season="rainy")
    assert out["school"][_at(vertices, 0.0, 100.0)] == pytest.approx(0.3 + 0.45)  # 50 m of the piece
    assert out["school"][_at(vertices, 300.0)] == pytest.approx(1.5 + 1.95)  # 250 m of R2
    assert out["school"][_at(vertices, 900.0)] == pytest.approx(0.9 + 1.5 + 1.95)  # all of R3, 250 m of R2
    # the piece is not all-season and joined to nothing
    assert np.isinf(out[ALLSEASON][_at(vertices, 0.0, 100.0)])
    assert out[ALLSEASON][_at(vertices, 0.0)] == pytest.approx(1.8)


def test_minutes_to_the_all_season_road_count_only_all_season_roads_open_in_the_season(
    asphalt_then_gravel, gravel_then_asphalt
):
    points = np.array([[0.0, 60.0], [600.0, 60.0]])
    # R1 gravel not all-season: 60 m walk + 300 m of R1 (0.9 + 1.8); walking straight to (300, 0) is
    # √(300² + 60²) = 305.94 m, 4.589 min
    result = minutes_to_allseason(gravel_then_asphalt, points[:1], season="rainy")
    assert result["minutes"].iloc[0] == pytest.approx(2.7)
    assert result["via"].iloc[0] == "road"
    assert result["allseason_m"].iloc[0] == pytest.approx(np.hypot(300.0, 60.0))
    # R1 all-season (the first segment): from (600, 60) the same 2.7 min the other way
    result = minutes_to_allseason(asphalt_then_gravel, points[1:], season="rainy")
    assert result["minutes"].iloc[0] == pytest.approx(2.7)
    assert result["via"].iloc[0] == "road"
    # in the dry season both roads are open but only R1 is all-season: the same trips at dry speeds, R2
    # gravel commune 30 km/h: 0.9 + 0.6 min
    result = minutes_to_allseason(asphalt_then_gravel, points[1:], season="dry")
    assert result["minutes"].iloc[0] == pytest.approx(1.5)


def test_minutes_to_the_all_season_road_walk_straight_when_quicker_and_a_tie_goes_to_the_road(
    asphalt_then_gravel,
):
    # (150, 60): 60 m to R1, all-season, either way 0.9 min: a tie, by road
    # (400, 150): by road 150 m walk to R2 + 100 m of R2 = 2.25 + 0.6 = 2.85 min; straight to (300, 0)
    # √(100² + 150²) = 180.28 m, 2.704 min: walks
    result = minutes_to_allseason(asphalt_then_gravel, [(150.0, 60.0), (400.0, 150.0)], season="rainy")
    assert result["minutes"].to_numpy() == pytest.approx([0.9, np.hypot(100.0, 150.0) * 0.015])
    assert result["via"].tolist() == ["road", "walk"]
    assert result["allseason_m"].to_numpy() == pytest.approx([60.0, np.hypot(100.0, 150.0)])


def test_minutes_to_the_all_season_road_use_the_link_to_the_main_network(piece_and_main):
    # (50, 130): the piece R1 at 30 m leads nowhere; the link to R2 at (50, 0), 130 m (1.95 min), + 250 m of
    # R2 (1.5 min) = 3.45 min; straight to (300, 0) √(250² + 130²) = 281.78 m, 4.227 min
    # (200, 60): 60 m to R2 (0.9 min) + 100 m of R2 (0.6 min) = 1.5 min; straight √(100² + 60²) = 116.6 m
    result = minutes_to_allseason(piece_and_main, [(50.0, 130.0), (200.0, 60.0)], season="rainy")
    assert result["minutes"].to_numpy() == pytest.approx([3.45, 1.5])
    assert result["via"].tolist() == ["road", "road"]


def test_minutes_to_the_all_season_road_on_a_network_of_one_road_and_of_none():
    one = build_network(_roads([[(0, 0), (1000, 0)]], all_season=[True]))
    result = minutes_to_allseason(one, [(500.0, 60.0), (500.0, 0.0)], season="rainy")
    assert result["minutes"].to_numpy() == pytest.approx([0.9, 0.0])
    assert target_segments(one, "rainy").tolist() == [True]
    vertices = road_vertices(one, "rainy")
    assert np.allclose(vertex_minutes(one, vertices, {}, season="rainy")[ALLSEASON], 0.0)
    # no all-season road, or no road at all: nobody reaches one (NaN), nothing crashes
    gravel = build_network(_roads([[(0, 0), (1000, 0)]], all_season=[False], surface=["gravel"]))
    none = build_network(_roads([[(0, 0), (1000, 0)]], all_season=[True]).iloc[:0])
    for network in (gravel, none):
        result = minutes_to_allseason(network, [(500.0, 60.0)], season="rainy")
        assert result["minutes"].isna().all() and result["via"].tolist() == [""]
    vertices = road_vertices(gravel, "rainy")
    assert len(vertices.xy) == 35  # ⌈1000/30⌉ + 1
    assert np.isinf(vertex_minutes(gravel, vertices, {}, season="rainy")[ALLSEASON]).all()


def _vertices(xy, groups=()) -> RoadVertices:
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    return RoadVertices(xy, np.zeros(len(xy), dtype=np.int64), np.zeros(len(xy)), groups)


def test_a_cell_walks_to_its_nearest_vertex_then_takes_that_vertex_time():
    # vertices 100 m apart on a road driven at 40 km/h (0.15 min): the cell (0, 30) walks 30 m (0.45 min) to
    # (0, 0), not the 104.4 m to (100, 0), though that vertex is 0.15 min nearer the school
    vertices = _vertices([(0, 0), (100, 0)])
    by_road = {"school": np.array([1.15, 1.0])}
    assert origin_minutes([(0.0, 30.0)], vertices, by_road, {})["school"] == pytest.approx([0.45 + 1.15])
    # walking straight to a school 60 m away (0.9 min) is quicker
    straight = {"school": np.array([[0.0, 90.0]])}
    assert origin_minutes([(0.0, 30.0)], vertices, by_road, straight)["school"] == pytest.approx([0.9])


def test_a_cell_beside_a_piece_of_road_walks_to_the_main_network_too():
    # vertices 0-1 on a piece joined to nothing (no road time to the school), 2-3 on the main network, the
    # school at (300, 0), 300 m (0.45 min) from (0, 0)
    vertices = _vertices([(0, 100), (100, 100), (0, 0), (300, 0)], groups=(np.array([0, 0, 1, 1], bool),))
    by_road = {"school": np.array([np.inf, np.inf, 0.45, 0.0])}
    out = origin_minutes([(0.0, 130.0), (300.0, 20.0)], vertices, by_road, {})["school"]
    # (0, 130): nearest vertex (0, 100) leads nowhere; 130 m (1.95 min) to (0, 0) + 0.45; (300, 20): 20 m
    assert out == pytest.approx([1.95 + 0.45, 0.3])


def test_vertices_near_a_piece_of_road_only_still_give_times(piece_and_main):
    # the box holds only the piece: no vertex of the main network is within reach, the cell uses the piece
    vertices = road_vertices(piece_and_main, "rainy", near=(0.0, 90.0, 100.0, 110.0))
    assert [g.any() for g in vertices.groups] == [False]
    by_road = {"school": np.array([0.6, 0.45, 0.3, 0.15, 0.0])}  # the school at (100, 100), 10 km/h
    assert origin_minutes([(50.0, 130.0)], vertices, by_road, {})["school"] == pytest.approx([0.45 + 0.3])


def test_when_the_rainy_season_closes_every_road_cells_walk_straight():
    earth = build_network(_roads([[(0, 0), (1000, 0)]], all_season=[False], surface=["earth"]))
    vertices = road_vertices(earth, "rainy")
    assert len(vertices.xy) == 0
    school = np.array([[30.0, 40.0]])
    by_road = vertex_minutes(earth, vertices, {"school": school}, season="rainy")
    out = origin_minutes([(0.0, 0.0)], vertices, by_road, {"school": school})
    assert out["school"] == pytest.approx([0.75])  # 50 m
    assert np.isinf(out[ALLSEASON]).all()


def test_an_area_of_more_than_400_000_cells_gets_every_time():
    # 400,010 cells (more than one chunk of walks) 400 m from the only vertex: 6 min each
    angle = np.linspace(0.0, 2.0 * np.pi, 400_010)
    xy = 400.0 * np.column_stack([np.cos(angle), np.sin(angle)])
    out = origin_minutes(xy, _vertices([(0, 0)]), {"school": np.array([0.0])}, {})
    assert np.allclose(out["school"], 6.0)


def test_nearest_point_of_two():
    # 1,100 points on the x axis, nearest of (0, 0) and (1000, 0): the first up to x = 500
    x = np.arange(1100) + 0.25
    dist, index = nearest_point([(0.0, 0.0), (1000.0, 0.0)], np.column_stack([x, np.zeros_like(x)]))
    assert np.array_equal(index, (x > 500).astype(int))
    assert np.allclose(dist, np.where(x > 500, np.abs(1000.0 - x), x))


def test_nearest_point_by_blocks_queries_every_block_whose_corners_disagree():
    # 64 × 64 cells of 30 m (4 × 4 blocks of 16 × 16 cells), four points: in several blocks three corners
    # share their nearest point and the fourth has another; every cell's distance is that of the nearest
    # of the four
    grid = grid_over((0.0, 0.0, 1920.0, 1920.0), 30.0)
    rows, cols = np.nonzero(np.ones(grid.shape, dtype=bool))
    xy = grid.centres(rows, cols)
    points = np.array([[573.0, 1563.0], [176.0, 1152.0], [1399.0, 361.0], [106.0, 528.0]])
    dist, index = nearest_point(points, xy, cells=GridCells(grid, rows, cols))
    every = np.hypot(xy[:, None, 0] - points[None, :, 0], xy[:, None, 1] - points[None, :, 1])
    assert np.allclose(dist, every.min(axis=1))
    assert np.allclose(every[np.arange(len(xy)), index], every.min(axis=1))


def test_cell_minutes_to_the_all_season_road_on_a_network_of_one_connected_part(asphalt_then_gravel):
    # R1 (x 0-300) all-season, R2 (x 300-600) not; vertices every 30 m; the all-season vertices are R1's
    network = asphalt_then_gravel
    vertices = road_vertices(network, "rainy")
    assert vertices.groups == ()
    target = target_segments(network, "rainy")
    by_road = vertex_minutes(network, vertices, {}, season="rainy")
    allseason_xy, _, _ = densify_lines(network.geometry_array[target], VERTEX_SPACING_M)
    cells = [(150.0, 60.0), (600.0, 60.0), (400.0, 150.0)]
    out = origin_minutes(
        cells, vertices, by_road, {ALLSEASON: allseason_xy}, shared={ALLSEASON: target[vertices.segment]}
    )
    # (150, 60): 60 m to the vertex (150, 0) of R1; (600, 60): 60 m to (600, 0) + 300 m of R2 (1.8 min);
    # (400, 150): by road 150.33 m to (390, 0) + 90 m of R2 = 2.255 + 0.54 min, straight to (300, 0)
    # 180.28 m = 2.704 min
    assert out[ALLSEASON] == pytest.approx([0.9, 0.9 + 1.8, np.hypot(100.0, 150.0) * 0.015])


#: Two roads R1, R2 joining the junctions (0, 0) and (300, 0), R1 all-season, R2 not, then R3 (300,0)-(600,0)
#: gravel commune, not all-season. From (400, 60): 60 m to R3 (0.9 min) + 100 m of R3 to (300, 0), an end of
#: R1.
PARALLEL_ROADS = {
    # asphalt district roads bending through (150, 100) and (150, -100), 2 × 180.28 m each (R2 drawn from
    # (300, 0)), equally quick; dry season, R3 at 30 km/h: 0.9 + 0.2 = 1.1 min (straight 116.6 m, 1.75 min);
    # from R3's vertices 0 at (300, 0), 300 m (0.6 min) at (600, 0)
    "equally long": (
        [[(0, 0), (150, 100), (300, 0)], [(300, 0), (150, -100), (0, 0)]],
        ["asphalt", "asphalt"],
        ["district", "district"],
        "dry",
        1.1,
        (600.0, 0.6),
    ),
    # R1 gravel commune through (150, 400), 2 × 427.2 m at 20 km/h (2.56 min); R2 straight, asphalt district
    # at 40 / 2 = 20 km/h (0.9 min), the quicker way; rainy season, R3 at 10 km/h: 0.9 + 0.6 = 1.5 min
    # (straight to R1 |100·400 + 60·150| / 427.2 = 114.7 m, 1.72 min); from R3's vertices 0 at (300, 0),
    # 30 m (0.18 min) at (330, 0)
    "R2 quicker": (
        [[(0, 0), (150, 400), (300, 0)], [(0, 0), (300, 0)]],
        ["gravel", "asphalt"],
        ["commune", "district"],
        "rainy",
        1.5,
        (330.0, 0.18),
    ),
}


@pytest.mark.parametrize("case", PARALLEL_ROADS)
def test_the_end_of_an_all_season_road_counts_though_another_road_joins_the_same_two_junctions(case):
    lines, surface, road_class, season, minutes, (x, vertex_minutes_at_x) = PARALLEL_ROADS[case]
    network = build_network(
        _roads(
            [*lines, [(300, 0), (600, 0)]],
            all_season=[True, False, False],
            surface=[*surface, "gravel"],
            road_class=[*road_class, "commune"],
        )
    )
    result = minutes_to_allseason(network, [(400.0, 60.0)], season=season)
    assert result["minutes"].iloc[0] == pytest.approx(minutes)
    assert result["via"].iloc[0] == "road"
    # the vertices of R3 alone (R1 and R2 outside the box)
    vertices = road_vertices(network, season, near=(350.0, -10.0, 600.0, 10.0))
    assert set(vertices.segment.tolist()) == {2}
    by_road = vertex_minutes(network, vertices, {}, season=season)[ALLSEASON]
    assert by_road[_at(vertices, 300.0)] == pytest.approx(0.0, abs=1e-12)
    assert by_road[_at(vertices, x)] == pytest.approx(vertex_minutes_at_x)


def test_an_all_season_loop_road_counts():
    # a ring road from (0, 0) through (0, 300) and (300, 300) back to (0, 0), asphalt, all-season, and R2
    # (0,0)-(-600,0) gravel commune, not all-season (rainy 10 km/h). (-600, 60): 60 m (0.9 min) + 600 m of R2
    # (3.6 min) = 4.5 min by road; straight to (0, 0) 603 m, 9.04 min
    frame = _roads(
        [[(0, 0), (0, 300), (300, 300), (0, 0)], [(0, 0), (-600, 0)]],
        all_season=[True, False],
        surface=["asphalt", "gravel"],
        road_class=["commune", "commune"],
    )
    result = minutes_to_allseason(build_network(frame), [(-600.0, 60.0)], season="rainy")
    assert result["minutes"].iloc[0] == pytest.approx(4.5)
    assert result["via"].iloc[0] == "road"
