"""analysis.network: cleaning, snapping to the nearest edge (split there), routing graph. Hand-built networks in UTM 48N."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse.csgraph import dijkstra
from shapely.geometry import LineString

from analysis.network import build_network, build_routing_graph, edge_components, snap_to_edges
from geo.errors import InputError

EPSG = 32648


def roads(lines, **columns) -> gpd.GeoDataFrame:
    n = len(lines)
    data = {"road_id": [f"R{i + 1}" for i in range(n)], "road_class": ["district"] * n, "surface": ["asphalt"] * n,
            "all_season": [True] * n, "has_ford_or_unbridged": [False] * n}
    data.update(columns)
    return gpd.GeoDataFrame(data, geometry=[LineString(c) for c in lines], crs=EPSG)


def path_length(network, xy, a, b):
    graph = build_routing_graph(network, network.segments["length_m"].to_numpy(), np.asarray(xy, float))
    dist = dijkstra(graph.matrix, indices=graph.point_node[a])
    return dist[graph.point_node[b]]


def test_point_exactly_on_a_segment_splits_it_there():
    net = build_network(roads([[(0, 0), (1000, 0)]]))
    snap = snap_to_edges(net, np.array([[400.0, 0.0]]))
    assert snap.edge[0] == 0 and snap.fraction[0] == pytest.approx(0.4) and snap.distance_m[0] == 0.0
    # from the point to both ends: 400 m and 600 m (network ends are points 1 and 2)
    assert path_length(net, [[400, 0], [0, 0], [1000, 0]], 0, 1) == pytest.approx(400.0)
    assert path_length(net, [[400, 0], [0, 0], [1000, 0]], 0, 2) == pytest.approx(600.0)


def test_snaps_to_nearest_edge_not_nearest_node():
    # node (0,0) is 510 m away; the middle of the edge is 100 m away
    net = build_network(roads([[(-500, 0), (500, 0)], [(600, 400), (600, 2000)]]))
    snap = snap_to_edges(net, np.array([[0.0, 100.0]]))
    assert snap.edge[0] == 0
    assert snap.distance_m[0] == pytest.approx(100.0)
    assert snap.xy[0] == pytest.approx([0.0, 0.0])


def test_two_points_on_one_edge_are_joined_along_it():
    net = build_network(roads([[(0, 0), (1000, 0)]]))
    assert path_length(net, [[200, 0], [700, 0]], 0, 1) == pytest.approx(500.0)


def test_access_cost_is_added_and_snap_distance_reported():
    net = build_network(roads([[(0, 0), (1000, 0)]]))
    xy = np.array([[100.0, 300.0], [900.0, 0.0]])
    graph = build_routing_graph(net, net.segments["length_m"].to_numpy(), xy, access_cost=np.array([300.0, 0.0]))
    assert graph.snap.distance_m[0] == pytest.approx(300.0)
    dist = dijkstra(graph.matrix, indices=graph.point_node[0])
    assert dist[graph.point_node[1]] == pytest.approx(300.0 + 800.0)


def test_gap_under_tolerance_is_closed_and_said():
    net = build_network(roads([[(0, 0), (1000, 0)], [(1000.5, 0), (2000, 0)]]))
    assert net.n_nodes == 3
    assert any("closed 1 gaps" in p.en for p in net.notes)
    assert path_length(net, [[0, 0], [2000, 0]], 0, 1) == pytest.approx(2000.0, abs=1.0)


def test_gap_over_tolerance_is_not_bridged():
    net = build_network(roads([[(0, 0), (1000, 0)], [(1005, 0), (2000, 0)]]))
    assert net.n_nodes == 4
    assert np.isinf(path_length(net, [[0, 0], [2000, 0]], 0, 1))


def test_duplicate_and_zero_length_segments_dropped_naming_them():
    frame = roads([[(0, 0), (1000, 0)], [(1000, 0), (0, 0)], [(5, 5), (5, 5)]])
    net = build_network(frame)
    assert len(net.segments) == 1
    text = " ".join(p.en for p in net.notes)
    assert "duplicate" in text and "R2" in text
    assert "zero-length" in text and "R3" in text


def test_parallel_edges_keep_the_cheapest():
    frame = roads([[(0, 0), (1000, 0)], [(0, 0), (500, 800), (1000, 0)]])
    net = build_network(frame)
    weight = np.array([10.0, 3.0])
    graph = build_routing_graph(net, weight, np.array([[0.0, 0.0], [1000.0, 0.0]]))
    dist = dijkstra(graph.matrix, indices=graph.point_node[0])
    assert dist[graph.point_node[1]] == pytest.approx(3.0)


def test_lines_in_another_crs_are_reprojected_and_said():
    frame = roads([[(0, 0), (1000, 0)]]).to_crs(9205)
    net = build_network(frame)
    assert net.segments.crs.to_epsg() == EPSG
    assert net.segments["length_m"].iloc[0] == pytest.approx(1000.0, rel=1e-6)
    assert any("reprojected" in p.en for p in net.notes)


def test_no_crs_is_an_input_error():
    frame = roads([[(0, 0), (1000, 0)]]).set_crs(None, allow_override=True)
    with pytest.raises(InputError, match="no coordinate system"):
        build_network(frame)


def test_empty_network():
    net = build_network(roads([]))
    assert len(net.segments) == 0 and net.n_nodes == 0
    snap = snap_to_edges(net, np.array([[0.0, 0.0]]))
    assert snap.edge[0] == -1 and np.isnan(snap.distance_m[0])
    graph = build_routing_graph(net, np.zeros(0), np.array([[0.0, 0.0], [10.0, 0.0]]))
    assert np.isinf(dijkstra(graph.matrix, indices=graph.point_node[0])[graph.point_node[1]])


def test_missing_attribute_column_takes_cautious_default_and_says_so():
    frame = roads([[(0, 0), (1000, 0)]]).drop(columns="all_season")
    net = build_network(frame)
    assert not net.segments["all_season"].iloc[0]
    assert any("all_season" in p.en for p in net.notes)


def test_edge_components_separate_an_isolated_piece():
    net = build_network(roads([[(0, 0), (1000, 0)], [(1000, 0), (2000, 0)], [(0, 300), (1000, 300)]]))
    comp = edge_components(net, np.ones(3, bool))
    assert comp[0] == comp[1] != comp[2]


@settings(max_examples=40, deadline=None)
@given(x=st.floats(-500, 2500), y=st.floats(-800, 800))
def test_snap_distance_equals_distance_to_network_and_split_conserves_length(x, y):
    lines = [[(0, 0), (1000, 0)], [(1000, 0), (2000, 300)]]
    net = build_network(roads(lines))
    snap = snap_to_edges(net, np.array([[x, y]]))
    union = shapely.MultiLineString(lines)
    assert snap.distance_m[0] == pytest.approx(union.distance(shapely.Point(x, y)), abs=1e-6)
    # from the snapped point, the two ends of its edge are fraction*L and (1-fraction)*L away
    e = snap.edge[0]
    length = net.segments["length_m"].iloc[e]
    ends = net.node_xy[[net.segments["u"].iloc[e], net.segments["v"].iloc[e]]]
    d = [path_length(net, [snap.xy[0], end], 0, 1) for end in ends]
    assert d[0] + d[1] == pytest.approx(length, rel=1e-6)
