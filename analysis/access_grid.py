"""Travel times from many origins at once by the rules of ``analysis.access``.

The origins are every cell of a grid, or villages.  The road network is densified into vertices every
``spacing_m`` metres; each vertex is inserted in the routing graph of :mod:`analysis.network` as a point lying
on its road, and one multi-source Dijkstra per destination kind (all its facilities, or every all-season
segment, at once) gives the road time from every vertex.  A cell then walks in a straight line to its nearest
vertex of each set of roads of ``analysis.access.link_masks`` (rule 1: any open road; rule 2: the largest
connected part of the open network; ...), or straight to the destination when that is quicker.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from analysis.access import Dem, edge_minutes, link_masks, network_links, walk_minutes
from analysis.grid import Grid, densify_lines
from analysis.network import RoadNetwork, RoutingGraph, Snap, build_routing_graph, snap_to_edges
from geo.vocab import Season

#: Default spacing of road vertices, metres: a cell's walk to the road is at most half of it longer than the
#: walk to the nearest point of the road (15 m, 0.23 min at 4 km/h).
VERTEX_SPACING_M = 30.0
#: Destination key of the all-season road network.
ALLSEASON = "allseason_road"


def target_segments(network: RoadNetwork, season: Season) -> np.ndarray:
    """Return the segments that count as "an all-season road" in ``season``.

    Those are the segments that are all-season and open in that season.
    """
    seg = network.segments
    if len(seg) == 0:
        return np.zeros(0, dtype=bool)
    return seg["all_season"].to_numpy(bool) & np.isfinite(edge_minutes(network, season))


@dataclass(frozen=True)
class RoadVertices:
    """Points along the open roads of a season.

    Metric ``xy``, their ``segment`` and ``fraction`` along it, and ``groups``: per rule of
    :func:`analysis.access.link_masks` after the first (e.g. the largest connected part of the open network),
    which vertices lie on a segment of that rule's set.
    """

    xy: np.ndarray
    segment: np.ndarray
    fraction: np.ndarray
    groups: tuple[np.ndarray, ...]


def road_vertices(
    network: RoadNetwork,
    season: Season,
    *,
    spacing_m: float = VERTEX_SPACING_M,
    near: tuple[float, float, float, float] | None = None,
    reach_m: float = 0.0,
) -> RoadVertices:
    """Return vertices every ``spacing_m`` at most along every segment open in ``season``.

    With ``near`` (metric bounds) only segments within ``reach_m`` of that box are densified.
    """
    import shapely

    masks = link_masks(network, season)
    open_edge = masks[0]
    chosen = np.flatnonzero(open_edge)
    if near is not None and len(chosen):
        box = shapely.buffer(shapely.box(*near), reach_m)
        chosen = chosen[shapely.intersects(network.geometry_array[chosen], box)]
    xy, owner, fraction = densify_lines(network.geometry_array[chosen], spacing_m)
    segment = chosen[owner]
    return RoadVertices(xy, segment, fraction, tuple(mask[segment] for mask in masks[1:] if mask.any()))


def _target_nodes(network: RoadNetwork, graph: RoutingGraph, target: np.ndarray) -> np.ndarray:
    """Return the nodes of ``graph`` that lie on a ``target`` segment: its two ends and every point put on it.

    The ends are read from the segments, not from the graph's edges: of two roads joining the same two
    junctions the graph keeps only the quicker, which need not be the all-season one.
    """
    if not target.any():
        return np.zeros(0, dtype=np.int64)
    n = graph.n_nodes
    src, dst = graph.edge_keys // n, graph.edge_keys % n
    on_target = (graph.edge_segment >= 0) & target[np.maximum(graph.edge_segment, 0)]
    seg = network.segments
    ends = np.r_[seg["u"].to_numpy(np.int64)[target], seg["v"].to_numpy(np.int64)[target]]
    return np.unique(np.r_[src[on_target], dst[on_target], ends])


def _no_link(n: int) -> Snap:
    return Snap(np.full(n, -1, dtype=np.int64), np.zeros(n), np.full(n, np.nan), np.full((n, 2), np.nan))


def vertex_minutes(
    network: RoadNetwork,
    vertices: RoadVertices,
    destinations: dict[str, np.ndarray],
    *,
    season: Season,
    dem: Dem | None = None,
) -> dict[str, np.ndarray]:
    """Return, per destination key, the minutes from each vertex to the nearest destination by road.

    ``destinations`` maps a key to the metric points of that kind (e.g. every primary school); each joins the
    road by every link of :func:`analysis.access.network_links` and is reached by walking from the road
    (Tobler over ``dem`` when given, else 4 km/h).  The key :data:`ALLSEASON` is also returned: minutes to the
    nearest point of an all-season segment open in ``season`` (0 on one).  A vertex is a point on its road (no
    walk). ``inf`` where nothing can be reached.
    """
    keys = list(destinations)
    dest_xy = (
        np.vstack([np.asarray(destinations[k], dtype=float).reshape(-1, 2) for k in keys])
        if keys
        else np.zeros((0, 2))
    )
    dest_key = (
        np.concatenate(
            [np.full(len(np.asarray(destinations[k]).reshape(-1, 2)), i) for i, k in enumerate(keys)]
        )
        if keys
        else np.zeros(0, dtype=np.int64)
    )
    n_d, n_v = len(dest_xy), len(vertices.xy)
    weight = edge_minutes(network, season)
    on_road = Snap(vertices.segment.astype(np.int64), vertices.fraction, np.zeros(n_v), vertices.xy)
    links = network_links(network, dest_xy, season=season, minutes=weight) if n_d else [_no_link(0)]
    joined = []
    for k, snap in enumerate(links):
        walk = np.full(n_d, np.inf)
        ok = snap.edge >= 0
        if ok.any():
            walk[ok], _ = walk_minutes(snap.xy[ok], dest_xy[ok], dem=dem)
        vertex_snap = on_road if k == 0 else _no_link(n_v)
        both = Snap(
            np.r_[snap.edge, vertex_snap.edge],
            np.r_[snap.fraction, vertex_snap.fraction],
            np.r_[snap.distance_m, vertex_snap.distance_m],
            np.vstack([snap.xy, vertex_snap.xy]),
        )
        access = np.r_[np.full(n_d, np.inf), np.zeros(n_v)]
        egress = np.r_[walk, np.full(n_v, np.inf)]
        joined.append((both, access, egress))
    (first, access, egress), extra = joined[0], joined[1:]
    xy = np.vstack([dest_xy, vertices.xy])
    graph = build_routing_graph(
        network, weight, xy, access_cost=access, egress_cost=egress, snap=first, extra=extra
    )
    starts = graph.start_node[n_d:]
    out: dict[str, np.ndarray] = {}
    for i, key in enumerate(keys):
        ends = graph.end_node[np.flatnonzero(dest_key == i)]
        out[key] = (
            dijkstra(graph.reverse, directed=True, indices=ends, min_only=True)[starts]
            if len(ends)
            else np.full(n_v, np.inf)
        )
    sources = _target_nodes(network, graph, target_segments(network, season))
    out[ALLSEASON] = (
        dijkstra(graph.reverse, directed=True, indices=sources, min_only=True)[starts]
        if len(sources)
        else np.full(n_v, np.inf)
    )
    return out


@dataclass(frozen=True)
class GridCells:
    """Origins that are cell centres of a grid (``rows``, ``cols``).

    Nearest-point queries can then skip whole blocks of cells.
    """

    grid: Grid
    rows: np.ndarray
    cols: np.ndarray


#: Side of the blocks of :func:`nearest_point`, in cells.
BLOCK_CELLS = 16
#: Side of the tiles in which :func:`nearest_point` asks for grid cells (the order of the queries only).
TILE_CELLS = 128


def nearest_point(
    points_xy: np.ndarray, xy: np.ndarray, *, cells: GridCells | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return (distance m, index) of the nearest of ``points_xy`` to each of ``xy``.

    Distance inf and index −1 when there is none.  With ``cells`` (``xy`` are those cells' centres) the grid
    is cut into blocks of :data:`BLOCK_CELLS` × :data:`BLOCK_CELLS` cells and the nearest point of each
    block's four corners is found first: when the four agree, that point is the nearest of every cell in the
    block (a Voronoi region is convex), otherwise each cell is queried.  The result is the same as querying
    every cell; only faster where points are sparse.
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    points_xy = np.asarray(points_xy, dtype=float).reshape(-1, 2)
    if len(points_xy) == 0:
        return np.full(len(xy), np.inf), np.full(len(xy), -1, dtype=np.int64)
    tree = cKDTree(points_xy, leafsize=32, balanced_tree=False)
    index = np.full(len(xy), -1, dtype=np.int64)
    todo = np.ones(len(xy), dtype=bool)
    if cells is not None and len(xy) > 4 * BLOCK_CELLS * BLOCK_CELLS:
        g, b = cells.grid, BLOCK_CELLS
        n_br, n_bc = -(-g.height // b), -(-g.width // b)
        r = g.resolution_m
        cx = g.transform.c + np.arange(n_bc + 1) * b * r
        cy = g.transform.f - np.arange(n_br + 1) * b * r
        corners = np.column_stack([np.tile(cx, n_br + 1), np.repeat(cy, n_bc + 1)])
        _, near = tree.query(corners, workers=-1)
        near = near.reshape(n_br + 1, n_bc + 1)
        same = (
            (near[:-1, :-1] == near[:-1, 1:])
            & (near[:-1, :-1] == near[1:, :-1])
            & (near[:-1, :-1] == near[1:, 1:])
        )
        br, bc = cells.rows // b, cells.cols // b
        uniform = same[br, bc]
        index[uniform] = near[br[uniform], bc[uniform]]
        todo = ~uniform
    if todo.any():
        ask = np.flatnonzero(todo)
        if cells is not None:  # nearby queries one after another: the tree's nodes stay in the cache
            tile = TILE_CELLS
            ask = ask[np.lexsort((cells.cols[ask] // tile, cells.rows[ask] // tile))]
        _, found = tree.query(xy[ask], workers=-1)
        index[ask] = found
    dist = np.hypot(*(points_xy[index] - xy).T)
    return dist, index


def _walk(a: np.ndarray, b: np.ndarray, dem: Dem | None, chunk: int = 400_000) -> np.ndarray:
    """Return the walking minutes from each ``a`` to its ``b`` (access rules), in chunks to bound memory."""
    out = np.empty(len(a))
    for start in range(0, len(a), chunk):
        out[start : start + chunk], _ = walk_minutes(
            a[start : start + chunk], b[start : start + chunk], dem=dem
        )
    return out


def _subset(cells: GridCells | None, mask: np.ndarray) -> GridCells | None:
    return None if cells is None else GridCells(cells.grid, cells.rows[mask], cells.cols[mask])


def origin_minutes(
    xy: np.ndarray,
    vertices: RoadVertices,
    by_road: dict[str, np.ndarray],
    straight: dict[str, np.ndarray],
    *,
    dem: Dem | None = None,
    cells: GridCells | None = None,
    shared: dict[str, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Return, per destination key, the minutes from each origin ``xy`` (e.g. cell centres).

    Trip = walk straight to the nearest vertex + ``by_road`` minutes of that vertex, taking the best of the
    nearest vertex of any open road and the nearest vertex of each of ``vertices.groups``; or walking straight
    to the nearest point of ``straight[key]`` when that is quicker (a tie goes to the road).  ``inf`` when
    neither reaches.  ``shared[key]`` (optional) marks the vertices that are also points of ``straight[key]``
    (same spacing along the same segments): an origin whose nearest vertex is one of them has it as its
    nearest straight point too, and is not queried again.
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    n = len(xy)
    out = {key: np.full(n, np.inf) for key in by_road}
    if n == 0:
        return out
    legs = []
    _, v1 = nearest_point(vertices.xy, xy, cells=cells)
    if (v1 >= 0).any():
        legs.append((v1, _walk(xy, vertices.xy[np.maximum(v1, 0)], dem)))
        for group in vertices.groups:
            off = ~group[np.maximum(v1, 0)] & (v1 >= 0)
            members = np.flatnonzero(group)
            if off.any() and len(members):
                _, j = nearest_point(vertices.xy[members], xy[off], cells=_subset(cells, off))
                v2 = v1.copy()
                v2[off] = members[j]
                walk2 = legs[0][1].copy()
                walk2[off] = _walk(xy[off], vertices.xy[v2[off]], dem)
                legs.append((v2, walk2))
    for key, minutes in by_road.items():
        best = out[key]
        for v, walk in legs:
            np.minimum(best, walk + minutes[v], out=best)
        points = straight.get(key)
        if points is None or not len(points):
            continue
        points = np.asarray(points, dtype=float)
        direct = np.full(n, np.inf)
        ask = np.ones(n, dtype=bool)
        if shared is not None and key in shared and legs:
            known = (v1 >= 0) & shared[key][np.maximum(v1, 0)]
            direct[known] = legs[0][1][known]
            ask = ~known
        if ask.any():
            _, k = nearest_point(points, xy[ask], cells=_subset(cells, ask))
            direct[ask] = _walk(xy[ask], points[k], dem)
        np.copyto(best, direct, where=direct < best)
    return out


def minutes_to_allseason(
    network: RoadNetwork, xy: np.ndarray, *, season: Season, dem: Dem | None = None
) -> pd.DataFrame:
    """Return, per point, the minutes to the nearest all-season road open in ``season``, and how.

    The same trip rules as every destination of :mod:`analysis.access`: walk from the point along one of its
    links (:func:`analysis.access.network_links`) + drive along open roads to any point of an all-season
    segment; or walk straight to the nearest point of the nearest all-season segment when that is quicker (a
    tie goes to the road). Columns ``minutes`` (NaN when unreachable), ``via`` (``road``/``walk``),
    ``allseason_m`` (straight-line distance to it).
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    n = len(xy)
    target = target_segments(network, season)
    weight = edge_minutes(network, season)
    road = np.full(n, np.inf)
    if n and target.any():
        links = network_links(network, xy, season=season, minutes=weight)
        joined = []
        for snap in links:
            cost = np.full(n, np.inf)
            ok = snap.edge >= 0
            if ok.any():
                cost[ok], _ = walk_minutes(xy[ok], snap.xy[ok], dem=dem)
            joined.append((snap, cost, np.full(n, np.inf)))
        (first, access, egress), extra = joined[0], joined[1:]
        graph = build_routing_graph(
            network, weight, xy, access_cost=access, egress_cost=egress, snap=first, extra=extra
        )
        sources = _target_nodes(network, graph, target)
        road = dijkstra(graph.reverse, directed=True, indices=sources, min_only=True)[graph.start_node]
    snap = snap_to_edges(network, xy, edge_mask=target)
    direct = np.full(n, np.inf)
    ok = snap.edge >= 0
    if ok.any():
        direct[ok], _ = walk_minutes(xy[ok], snap.xy[ok], dem=dem)
    walk_wins = direct < road
    minutes = np.where(walk_wins, direct, road)
    via = np.where(np.isfinite(minutes), np.where(walk_wins, "walk", "road"), "")
    return pd.DataFrame(
        {
            "minutes": np.where(np.isfinite(minutes), minutes, np.nan),
            "via": via,
            "allseason_m": snap.distance_m,
        }
    )
