"""analysis.network: cleaning, snapping to the nearest edge (split there), routing graph. Hand-built networks
in UTM 48N."""

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
    list_names,
    main_component_mask,
    snap_to_edges,
)
from geo.errors import InputError

EPSG = 32648


def roads(lines, **columns) -> gpd.GeoDataFrame:
    n = len(lines)
    data = {
        "road_id": [f"R{i + 1}" for i in range(n)],
        "road_class": ["district"] * n,
        "surface": ["asphalt"] * n,
        "all_season": [True] * n,
        "has_ford_or_unbridged": [False] * n,
    }
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
    # two points at the same spot on the road: links of cost 0 and a split piece of length 0 join them at
    # exactly 0
    net = build_network(roads([[(0, 0), (1000, 0)]]))
    assert path_length(net, [[300, 0], [300, 0]], 0, 1) == 0.0
    assert path_length(net, [[300, 0], [1000, 0]], 0, 1) == pytest.approx(700.0, abs=1e-9)


def test_two_points_on_one_edge_are_joined_along_it():
    net = build_network(roads([[(0, 0), (1000, 0)]]))
    assert path_length(net, [[200, 0], [700, 0]], 0, 1) == pytest.approx(500.0)


def test_access_cost_is_added_and_snap_distance_reported():
    net = build_network(roads([[(0, 0), (1000, 0)]]))
    xy = np.array([[100.0, 300.0], [900.0, 0.0]])
    graph = build_routing_graph(
        net, net.segments["length_m"].to_numpy(), xy, access_cost=np.array([300.0, 0.0])
    )
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


def test_one_duplicate_line_removes_only_its_copy():
    frame = roads(
        [[(0, 0), (1000, 0)], [(1000, 0), (2000, 0)], [(1000, 0), (0, 0)], [(2000, 0), (2000, 900)]]
    )
    net = build_network(frame)
    assert net.segments["feature"].tolist() == ["R1", "R2", "R4"]
    assert net.segments["length_m"].tolist() == pytest.approx([1000.0, 1000.0, 900.0])
    (note,) = [p for p in net.notes if "duplicate" in p.en]
    assert note.value == "R3" and "R3" in note.vi and "1 " in note.en


def test_multilinestring_roads_become_one_segment_per_part():
    frame = gpd.GeoDataFrame(
        {
            "road_id": ["M1", "L2"],
            "road_class": ["commune", "track"],
            "surface": "gravel",
            "all_season": [True, False],
            "has_ford_or_unbridged": False,
        },
        geometry=[
            shapely.MultiLineString([[(0, 0), (1000, 0)], [(1000, 0), (1000, 500)]]),
            LineString([(1000, 500), (3000, 500)]),
        ],
        crs=EPSG,
    )
    net = build_network(frame)
    assert net.segments["feature"].tolist() == ["M1", "M1", "L2"]
    assert net.segments["length_m"].tolist() == pytest.approx([1000.0, 500.0, 2000.0])
    assert net.segments["road_class"].tolist() == ["commune", "commune", "track"]
    assert path_length(net, [[0, 0], [3000, 500]], 0, 1) == pytest.approx(3500.0)
    assert not net.notes


def test_features_that_are_no_line_are_dropped_naming_them():
    frame = gpd.GeoDataFrame(
        {
            "road_id": ["P1", "L1", "G1", "E1"],
            "road_class": "commune",
            "surface": "gravel",
            "all_season": True,
            "has_ford_or_unbridged": False,
        },
        geometry=[shapely.Point(5, 5), LineString([(0, 0), (10, 0)]), shapely.box(0, 0, 1, 1), LineString()],
        crs=EPSG,
    )
    net = build_network(frame)
    assert net.segments["feature"].tolist() == ["L1"]
    (note,) = net.notes
    assert "3" in note.en and "P1, G1, E1" in note.en and note.value == "P1"


@pytest.mark.parametrize(("length", "kept"), [(0.005, False), (0.02, True)])
def test_zero_length_means_shorter_than_a_centimetre(length, kept):
    net = build_network(roads([[(0, 0), (length, 0)], [(100, 0), (200, 0)]]))
    assert (len(net.segments) == 2) is kept


@pytest.mark.parametrize(("gap", "nodes"), [(0.99, 3), (1.01, 4)])
def test_gaps_under_one_metre_are_closed(gap, nodes):
    net = build_network(roads([[(0, 0), (1000, 0)], [(1000 + gap, 0), (2000, 0)]]))
    assert net.n_nodes == nodes
    assert any("closed 1 gaps" in p.en for p in net.notes) is (nodes == 3)


def test_closed_gap_node_lies_between_the_ends_it_joins():
    net = build_network(roads([[(0, 0), (1000, 0)], [(1000.6, 0), (2000, 0)], [(1000, 0.3), (1000, 800)]]))
    assert net.n_nodes == 4
    joined = net.segments["v"].iloc[0]
    assert net.node_xy[joined] == pytest.approx([(1000 + 1000.6 + 1000) / 3, 0.1])
    assert net.segments["u"].iloc[1] == joined == net.segments["u"].iloc[2]


def test_missing_values_take_the_cautious_default_naming_the_roads():
    frame = roads(
        [[(0, 0), (1000, 0)], [(1000, 0), (2000, 0)], [(2000, 0), (3000, 0)]],
        surface=["asphalt", None, None],
        all_season=[True, None, "yes"],
        has_ford_or_unbridged=["1", "0", None],
    )
    net = build_network(frame)
    assert net.segments["surface"].tolist() == ["asphalt", "unknown", "unknown"]
    assert net.segments["all_season"].tolist() == [True, False, True]
    assert net.segments["has_ford_or_unbridged"].tolist() == [True, False, False]
    surface = next(p for p in net.notes if p.column == "surface")
    assert "2" in surface.en and "R2, R3" in surface.en and surface.value == "R2"


def test_roads_without_ids_are_named_by_row_and_long_lists_cut():
    frame = roads([[(0, 0), (1000, 0)]] + [[(5, 5), (5, 5)]] * 10).drop(columns="road_id")
    net = build_network(frame)
    (note,) = net.notes
    assert "#2, #3, #4, #5, #6, #7, #8, #9, …" in note.en and "#10" not in note.en and note.value == "#2"
    assert net.segments["feature"].tolist() == ["#1"]


def test_lines_in_4326_are_reprojected_without_a_note():
    net = build_network(roads([[(0, 0), (1000, 0)]]).to_crs(4326))
    assert net.segments.crs.to_epsg() == EPSG and not net.notes


def test_several_points_on_one_edge_split_it_in_order():
    net = build_network(roads([[(0, 0), (1000, 0)]]))
    xy = np.array([[900.0, 0.0], [200.0, 0.0], [500.0, 50.0], [0.0, 0.0], [1000.0, 0.0]])
    graph = build_routing_graph(net, net.segments["length_m"].to_numpy(), xy)
    dist = dijkstra(graph.matrix, indices=graph.start_node)
    between = dist[:, graph.end_node]
    # along the road: 900, 200, 500 (+ 50 m of walking cost 0: the default access cost), 0 and 1000
    along = np.array([900.0, 200.0, 500.0, 0.0, 1000.0])
    assert between == pytest.approx(np.abs(along[:, None] - along[None, :]))
    # each piece of the split edge keeps its length for reading a route back
    pieces = graph.edge_length_m[graph.edge_segment == 0]
    assert sorted(set(np.round(pieces, 6))) == [0.0, 100.0, 200.0, 300.0, 400.0]


def test_costs_along_a_split_edge_are_proportional_to_length():
    net = build_network(roads([[(0, 0), (1000, 0)], [(1000, 0), (1000, 1000)]]))
    weight = np.array([10.0, 40.0])  # minutes
    xy = np.array([[250.0, 0.0], [1000.0, 750.0]])
    graph = build_routing_graph(
        net, weight, xy, access_cost=np.array([1.0, 2.0]), egress_cost=np.array([3.0, 5.0])
    )
    dist = dijkstra(graph.matrix, indices=graph.start_node)
    # 0 -> 1: access 1 + 7.5 + 30 + egress 5; 1 -> 0: access 2 + 30 + 7.5 + egress 3
    assert dist[0, graph.end_node[1]] == pytest.approx(43.5)
    assert dist[1, graph.end_node[0]] == pytest.approx(42.5)
    # without an egress cost the access cost is used both ways
    graph = build_routing_graph(net, weight, xy, access_cost=np.array([1.0, 2.0]))
    assert dijkstra(graph.matrix, indices=graph.start_node[0])[graph.end_node[1]] == pytest.approx(40.5)
    # an infinite cost leaves the link out
    graph = build_routing_graph(net, weight, xy, access_cost=np.array([1.0, np.inf]))
    assert np.isinf(dijkstra(graph.matrix, indices=graph.start_node[1])[graph.end_node[0]])


def test_parallel_edges_with_points_on_them_keep_the_cheapest_way():
    frame = roads([[(0, 0), (1000, 0)], [(0, 0), (500, 800), (1000, 0)], [(1000, 0), (2000, 0)]])
    net = build_network(frame)
    xy = np.array([[0.0, 0.0], [2000.0, 0.0], [500.0, 810.0]])
    graph = build_routing_graph(net, np.array([10.0, 3.0, 1.0]), xy)
    dist = dijkstra(graph.matrix, indices=graph.start_node)
    assert dist[0, graph.end_node[1]] == pytest.approx(4.0)
    assert dist[2, graph.end_node[1]] == pytest.approx(2.5)  # half of the cheap bend, then R3
    # a closed edge (infinite weight) is no way at all
    graph = build_routing_graph(net, np.array([10.0, np.inf, 1.0]), xy[:2])
    assert dijkstra(graph.matrix, indices=graph.start_node[0])[graph.end_node[1]] == pytest.approx(11.0)


def test_largest_part_is_the_longest_not_the_one_with_most_segments():
    frame = roads(
        [
            [(0, 0), (1000, 0)],
            [(1000, 0), (2000, 0)],
            [(2000, 0), (3000, 0)],
            [(0, 5000), (5000, 5000)],
            [(0, 9000), (100, 9000)],
        ]
    )
    net = build_network(frame)
    assert main_component_mask(net, np.ones(5, bool)).tolist() == [False, False, False, True, False]
    assert main_component_mask(net, np.array([True, True, True, False, True])).tolist() == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert not main_component_mask(net, np.zeros(5, bool)).any()
    comp = edge_components(net, np.array([True, False, True, True, False]))
    assert comp[0] != comp[2] and comp[1] == -1 and comp[4] == -1 and len({comp[0], comp[2], comp[3]}) == 3


def test_snap_within_a_distance_and_among_chosen_edges():
    net = build_network(roads([[(0, 0), (1000, 0)], [(0, 500), (1000, 500)]]))
    xy = np.array([[500.0, 100.0], [500.0, 300.0]])
    near = snap_to_edges(net, xy, max_distance_m=150.0)
    assert near.edge.tolist() == [0, -1] and np.isnan(near.distance_m[1])
    upper = snap_to_edges(net, xy, edge_mask=np.array([False, True]))
    assert upper.edge.tolist() == [1, 1] and upper.distance_m.tolist() == pytest.approx([400.0, 200.0])
    # the same mask again (cached search tree) and another mask give their own answers
    assert snap_to_edges(net, xy, edge_mask=np.array([False, True])).edge.tolist() == [1, 1]
    assert snap_to_edges(net, xy, edge_mask=np.array([True, False])).edge.tolist() == [0, 0]
    assert snap_to_edges(net, xy, edge_mask=np.array([True, True])).edge.tolist() == [0, 1]


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


@pytest.mark.parametrize("second_reversed", [False, True])
@pytest.mark.parametrize("second_all_season", [True, False])
def test_parallel_edges_of_equal_cost_keep_the_all_season_one_then_the_first_in_the_layer(
    second_reversed, second_all_season
):
    # R1 (not all-season) and R2 join the same two junctions by 2 km each (mirror images); equal cost. R2 is
    # digitised either way. Expected in both directions: R2 when it is all-season, else R1 (first in the
    # layer)
    north = [(0, 0), (1000, 1000), (2000, 0)]
    south = [(0, 0), (1000, -1000), (2000, 0)]
    frame = roads([north, south[::-1] if second_reversed else south], all_season=[False, second_all_season])
    net = build_network(frame)
    graph = build_routing_graph(net, np.array([5.0, 5.0]), np.zeros((0, 2)))
    a, b = net.segments.loc[0, ["u", "v"]]
    kept = graph.edge_segment[graph.lookup(np.array([a, b]), np.array([b, a]))]
    expected = 1 if second_all_season else 0
    assert kept.tolist() == [expected, expected]
    assert graph.matrix[a, b] == graph.matrix[b, a] == 5.0


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


def test_snapped_point_is_the_nearest_point_and_splits_its_edge_there():
    """Random points near two joined segments: the snap point is shapely's nearest point of the network, and
    from it the two ends of its edge are fraction x L and (1 - fraction) x L away along the road (each, not
    just their sum)."""
    lines = [[(0, 0), (1000, 0)], [(1000, 0), (2000, 300)]]
    net = build_network(roads(lines))
    union = shapely.MultiLineString(lines)
    seen = {0: 0, 1: 0}

    @settings(max_examples=settings.default.max_examples // 2)
    @given(x=st.floats(-500, 2500), y=st.floats(-800, 800))
    def check(x, y):
        snap = snap_to_edges(net, np.array([[x, y]]))
        point = shapely.Point(x, y)
        assert snap.distance_m[0] == pytest.approx(union.distance(point), abs=1e-6)
        e = snap.edge[0]
        line = shapely.LineString(lines[e])
        assert snap.xy[0] == pytest.approx(
            np.array(line.interpolate(line.project(point)).coords[0]), abs=1e-6
        )
        assert snap.fraction[0] == pytest.approx(line.project(point) / line.length, abs=1e-9)
        length = line.length
        a, b = net.segments["u"].iloc[e], net.segments["v"].iloc[e]
        d = [path_length(net, [snap.xy[0], end], 0, 1) for end in net.node_xy[[a, b]]]
        assert d == pytest.approx([snap.fraction[0] * length, (1 - snap.fraction[0]) * length], abs=1e-6)
        seen[int(e)] += 1

    check()
    assert min(seen.values()) >= settings.default.max_examples // 20, seen


@settings(max_examples=max(5, settings.default.max_examples // 3))
@given(seed=st.integers(0, 2**32 - 1))
def test_routes_walk_only_at_their_two_ends(seed):
    """Random points on a random road lattice in pieces, each with two links (nearest edge, and the nearest
    edge of the largest piece): a shortest path from a start node to an end node uses walking links only as
    its first and last edge and passes no other point, although another point's links may join two
    pieces."""
    rng = np.random.default_rng(seed)
    n = 4
    nodes = np.array([(i * 1000.0, j * 1000.0) for j in range(n) for i in range(n)]) + rng.uniform(
        -150, 150, (n * n, 2)
    )
    pairs = [(j * n + i, j * n + i + 1) for j in range(n) for i in range(n - 1)] + [
        (j * n + i, (j + 1) * n + i) for j in range(n - 1) for i in range(n)
    ]
    pairs = [pairs[0]] + [p for p in pairs[1:] if rng.random() < 0.6]
    net = build_network(roads([[nodes[a], nodes[b]] for a, b in pairs]))
    xy = rng.uniform(-2000, 5000, (6, 2))
    first = snap_to_edges(net, xy)
    second = snap_to_edges(net, xy, edge_mask=main_component_mask(net, np.ones(len(net.segments), bool)))
    walk = first.distance_m / 1000 / 4 * 60
    graph = build_routing_graph(
        net,
        net.segments["length_m"].to_numpy() / 1000 / 40 * 60,
        xy,
        access_cost=walk,
        snap=first,
        extra=[(second, second.distance_m / 1000 / 4 * 60, second.distance_m / 1000 / 4 * 60)],
    )
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
    # every point has a link to the largest piece: every pair is joined
    assert routes == len(xy) * (len(xy) - 1)


def test_repair_notes_mark_more_names_only_when_some_are_left_out():
    """A note lists at most 8 segments; "…" tells the planner there are more, never when all 8 are shown."""
    eight = [f"R{i}" for i in range(1, 9)]
    assert list_names(eight) == "R1, R2, R3, R4, R5, R6, R7, R8"
    assert list_names([*eight, "R9"]) == "R1, R2, R3, R4, R5, R6, R7, R8, …"
    assert list_names(["R1", "R2"], limit=1) == "R1, …"


def test_a_route_is_read_back_edge_by_edge():
    # R1 (0,0)-(1000,0), R2 (1000,0)-(1000,1000); a point 100 m below R1 at x = 400 and one on R2 at y = 600
    net = build_network(roads([[(0, 0), (1000, 0)], [(1000, 0), (1000, 1000)]]))
    xy = np.array([[400.0, -100.0], [1000.0, 600.0]])
    graph = build_routing_graph(net, net.segments["length_m"].to_numpy(), xy)
    _, pred = dijkstra(graph.matrix, indices=graph.start_node[0], return_predecessors=True)
    steps, node = [], graph.end_node[1]
    while node != graph.start_node[0]:
        e = graph.lookup(np.array([pred[node]]), np.array([node]))[0]
        steps.append((int(graph.edge_segment[e]), round(float(graph.edge_length_m[e]), 6)))
        node = pred[node]
    # from the start: walk 100 m (segment -1), 600 m of R1, 600 m of R2, then the 0 m link to the end point
    assert steps[::-1] == [(-1, 100.0), (0, 600.0), (1, 600.0), (-1, 0.0)]


def test_extra_links_are_offered_besides_the_nearest():
    # R1 at y = 0 joined to nothing useful; R2 at y = 1000 leads to the second point.  The first point (y =
    # 300) is nearest to R1; an extra link to R2 (700 m) gives it a way there
    net = build_network(roads([[(0, 0), (1000, 0)], [(0, 1000), (2000, 1000)]]))
    xy = np.array([[500.0, 300.0], [2000.0, 1000.0]])
    weight = net.segments["length_m"].to_numpy()
    plain = build_routing_graph(net, weight, xy)
    assert np.isinf(dijkstra(plain.matrix, indices=plain.start_node[0])[plain.end_node[1]])
    extra = snap_to_edges(net, xy, edge_mask=np.array([False, True]))
    costs = np.array([700.0, np.inf])
    graph = build_routing_graph(net, weight, xy, extra=[(extra, costs, costs)])
    # walk 700 m (cost 700) + 1500 m along R2
    assert dijkstra(graph.matrix, indices=graph.start_node[0])[graph.end_node[1]] == pytest.approx(2200.0)


def test_one_connected_network_is_its_own_largest_part():
    net = build_network(roads([[(0, 0), (1000, 0)], [(1000, 0), (2000, 0)]]))
    assert main_component_mask(net, np.ones(2, bool)).tolist() == [True, True]
    one = build_network(roads([[(0, 0), (1000, 0)]]))
    assert main_component_mask(one, np.ones(1, bool)).tolist() == [True]
    assert edge_components(one, np.ones(1, bool)).tolist() == [0]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_largest_part_whichever_comes_first(order):
    # a 3 km part and a 1 km part, in both orders of the layer
    parts = [[[(0, 0), (1500, 0)], [(1500, 0), (3000, 0)]], [[(0, 5000), (1000, 5000)]]]
    lines = parts[order[0]] + parts[order[1]]
    net = build_network(roads(lines))
    longest = [len(line) == 2 and (line[0][1] == 0) for line in lines]
    assert main_component_mask(net, np.ones(3, bool)).tolist() == longest


def test_the_reverse_graph_gives_the_cost_of_reaching_a_point():
    # one search on the reversed graph from the end point costs what each start point pays to reach it
    net = build_network(roads([[(0, 0), (1000, 0)]]))
    xy = np.array([[100.0, 0.0], [700.0, 0.0], [400.0, 0.0]])
    graph = build_routing_graph(net, net.segments["length_m"].to_numpy(), xy)
    back = dijkstra(graph.reverse, indices=graph.end_node[2])
    assert back[graph.start_node[:2]] == pytest.approx([300.0, 300.0])
    assert graph.reverse is graph.reverse  # built once


def test_points_on_two_edges_split_each_edge_in_order():
    # R1 (0,0)-(1000,0) and R2 (1000,0)-(1000,1000); two points on each, positions along the road 200, 600
    # (R1) and 1000 + 300, 1000 + 800 (R2): every trip between them is the difference of their positions
    net = build_network(roads([[(0, 0), (1000, 0)], [(1000, 0), (1000, 1000)]]))
    xy = np.array(
        [[600.0, 0.0], [1000.0, 800.0], [200.0, 0.0], [1000.0, 300.0], [1000.0, 1000.0], [0.0, 0.0]]
    )
    along = np.array([600.0, 1800.0, 200.0, 1300.0, 2000.0, 0.0])
    graph = build_routing_graph(net, net.segments["length_m"].to_numpy(), xy)
    dist = dijkstra(graph.matrix, indices=graph.start_node)[:, graph.end_node]
    assert dist == pytest.approx(np.abs(along[:, None] - along[None, :]))


def test_parallel_edges_between_two_junctions_keep_the_cheapest_both_ways():
    # R0 leads in, R1 (10 min) and R2 (3 min) both join (0, 0) to (1000, 0), R3 leads out; no point on R1 or
    # R2
    frame = roads(
        [[(-1000, 0), (0, 0)], [(0, 0), (1000, 0)], [(0, 0), (500, 800), (1000, 0)], [(1000, 0), (2000, 0)]]
    )
    net = build_network(frame)
    graph = build_routing_graph(
        net, np.array([1.0, 10.0, 3.0, 1.0]), np.array([[-1000.0, 0.0], [2000.0, 0.0]])
    )
    dist = dijkstra(graph.matrix, indices=graph.start_node)
    assert dist[0, graph.end_node[1]] == pytest.approx(5.0) and dist[1, graph.end_node[0]] == pytest.approx(
        5.0
    )
