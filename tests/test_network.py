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

from analysis.network import (
    build_network,
    build_routing_graph,
    edge_components,
    main_component_mask,
    snap_to_edges,
)
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
    dist = dijkstra(graph.matrix, indices=graph.start_node[a])
    return dist[graph.end_node[b]]


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


def test_zero_cost_links_stay_edges():
    # two points at the same spot on the road: links of cost 0 and a split piece of length 0 join them at exactly 0
    net = build_network(roads([[(0, 0), (1000, 0)]]))
    assert path_length(net, [[300, 0], [300, 0]], 0, 1) == 0.0
    assert path_length(net, [[300, 0], [1000, 0]], 0, 1) == pytest.approx(700.0, abs=1e-9)


def test_two_points_on_one_edge_are_joined_along_it():
    net = build_network(roads([[(0, 0), (1000, 0)]]))
    assert path_length(net, [[200, 0], [700, 0]], 0, 1) == pytest.approx(500.0)


def test_access_cost_is_added_and_snap_distance_reported():
    net = build_network(roads([[(0, 0), (1000, 0)]]))
    xy = np.array([[100.0, 300.0], [900.0, 0.0]])
    graph = build_routing_graph(net, net.segments["length_m"].to_numpy(), xy, access_cost=np.array([300.0, 0.0]))
    assert graph.snap.distance_m[0] == pytest.approx(300.0)
    dist = dijkstra(graph.matrix, indices=graph.start_node[0])
    assert dist[graph.end_node[1]] == pytest.approx(300.0 + 800.0)


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
    dist = dijkstra(graph.matrix, indices=graph.start_node[0])
    assert dist[graph.end_node[1]] == pytest.approx(3.0)


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
    assert np.isinf(dijkstra(graph.matrix, indices=graph.start_node[0])[graph.end_node[1]])


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


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_routes_walk_only_at_their_two_ends(seed):
    """Random points on a random road lattice in pieces, each with two links (nearest edge, and the nearest edge of
    the largest piece): a shortest path from a start node to an end node uses walking links only as its first and
    last edge and passes no other point, although another point's links may join two pieces."""
    rng = np.random.default_rng(seed)
    n = 4
    nodes = np.array([(i * 1000.0, j * 1000.0) for j in range(n) for i in range(n)]) + rng.uniform(-150, 150, (n * n, 2))
    pairs = [(j * n + i, j * n + i + 1) for j in range(n) for i in range(n - 1)] + \
            [(j * n + i, (j + 1) * n + i) for j in range(n - 1) for i in range(n)]
    pairs = [pairs[0]] + [p for p in pairs[1:] if rng.random() < 0.6]
    net = build_network(roads([[nodes[a], nodes[b]] for a, b in pairs]))
    xy = rng.uniform(-2000, 5000, (6, 2))
    first = snap_to_edges(net, xy)
    second = snap_to_edges(net, xy, edge_mask=main_component_mask(net, np.ones(len(net.segments), bool)))
    walk = first.distance_m / 1000 / 4 * 60
    graph = build_routing_graph(net, net.segments["length_m"].to_numpy() / 1000 / 40 * 60, xy, access_cost=walk,
                                snap=first, extra=[(second, second.distance_m / 1000 / 4 * 60,
                                                    second.distance_m / 1000 / 4 * 60)])
    dist, pred = dijkstra(graph.matrix, indices=graph.start_node, return_predecessors=True)
    routes = 0
    for a in range(len(xy)):
        for b in range(len(xy)):
            node = graph.end_node[b]
            if a == b or not np.isfinite(dist[a, node]):
                continue
            path = [node]
            while path[-1] != graph.start_node[a]:
                path.append(pred[a, path[-1]])
            path = path[::-1]
            walking = graph.edge_segment[graph.lookup(path[:-1], path[1:])] < 0
            assert walking[0] and walking[-1] and not walking[1:-1].any()
            # no other point's node is on the way
            others = np.r_[np.delete(graph.start_node, a), np.delete(graph.end_node, b)]
            assert not np.isin(path, others).any()
            routes += 1
    assert routes == len(xy) * (len(xy) - 1)  # every point has a link to the largest piece: every pair is joined
