"""Road network as a graph: clean noded segments, snap points onto the nearest edge, shortest paths.

A point snapped onto an edge splits it there.  Shortest paths are scipy.sparse.csgraph's Dijkstra; this module
only builds the sparse graph. Everything is metric (``geo.crs.METRIC_EPSG``): lengths in metres, costs in
whatever unit the caller's edge weights use (minutes, metres).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from geo.crs import METRIC_EPSG
from geo.errors import InputError, Problem
from geo.values import parse_yes_no

#: Endpoints closer than this are joined into one node (closes digitising gaps; said so in
#: ``RoadNetwork.notes``).
GAP_TOLERANCE_M = 1.0
#: Lines shorter than this are dropped as zero-length.
MIN_LENGTH_M = 0.01
_DEFAULTS = {
    "road_class": "unknown",
    "surface": "unknown",
    "all_season": False,
    "has_ford_or_unbridged": False,
}


def road_attribute(values: pd.Series, column: str) -> pd.Series:
    """Return a road attribute column as the network reads it.

    A missing value takes the cautious default of ``column``; ``all_season`` and ``has_ford_or_unbridged`` are
    true only for a yes (:func:`geo.values.parse_yes_no`).
    """
    values = values.astype(object).where(values.notna(), _DEFAULTS[column])
    if column in ("all_season", "has_ford_or_unbridged"):
        return values.map(lambda x: parse_yes_no(x) is True).astype(bool)
    return values


@dataclass
class RoadNetwork:
    """Cleaned, noded road segments in the metric CRS with their end nodes.

    ``segments`` keeps the input attributes plus ``feature`` (how a planner finds the input row: ``road_id``
    or ``#row``), ``u``, ``v`` (node ids) and ``length_m``; ``node_xy`` holds node coordinates; ``notes``
    says, in both languages, every repair made (reprojection, dropped zero-length or duplicate lines, closed
    gaps).
    """

    segments: gpd.GeoDataFrame
    node_xy: np.ndarray
    notes: list[Problem] = field(default_factory=list)

    @property
    def n_nodes(self) -> int:
        return len(self.node_xy)

    def tree(self, edge_mask: np.ndarray | None, candidates: np.ndarray) -> shapely.STRtree:
        """Return the STRtree of the ``candidates`` segments, cached per mask.

        The same mask is queried often.
        """
        key = (
            None
            if edge_mask is None
            else hashlib.blake2b(np.packbits(edge_mask).tobytes(), digest_size=16).digest()
        )
        cache = self.__dict__.setdefault("_trees", {})
        if key not in cache:
            if len(cache) > 16:
                cache.clear()
            cache[key] = shapely.STRtree(self.geometry_array[candidates])
        return cache[key]

    @property
    def geometry_array(self) -> np.ndarray:
        """The segment geometries as a plain array of shapely objects (computed once)."""
        cached = self.__dict__.get("_geoms")
        if cached is None or len(cached) != len(self.segments):
            cached = np.asarray(self.segments.geometry.values)
            self.__dict__["_geoms"] = cached
        return cached


def list_names(names: list, limit: int = 8) -> str:
    """Return up to ``limit`` feature names, comma-separated, with "…" when there are more."""
    shown = ", ".join(str(n) for n in names[:limit])
    return shown + (", …" if len(names) > limit else "")


def _labels(frame: pd.DataFrame) -> np.ndarray:
    if "road_id" in frame.columns:
        return frame["road_id"].astype(str).to_numpy()
    return np.array([f"#{i + 1}" for i in range(len(frame))], dtype=object)


def build_network(roads: gpd.GeoDataFrame, *, gap_tolerance_m: float = GAP_TOLERANCE_M) -> RoadNetwork:
    """Return the road network of noded line segments, repaired where safe and with every repair noted.

    Parameters
    ----------
    roads
        Line features (LineString or MultiLineString) with a CRS; attributes ``road_class``, ``surface``,
        ``all_season``, ``has_ford_or_unbridged`` (missing columns take a cautious default, noted).  Segments
        must be noded: they meet only at shared endpoints (``shapely.union_all`` does that).
    gap_tolerance_m
        Endpoints closer than this become one node.  Larger gaps are not bridged.

    Raises
    ------
    InputError
        The frame has no CRS (naming what to do).
    """
    notes: list[Problem] = []
    if roads.crs is None:
        raise InputError(
            Problem(
                vi=(
                    "lớp đường không có hệ tọa độ; hãy gán hệ tọa độ (ví dụ EPSG:4326 hoặc VN-2000 "
                    "EPSG:9205) rồi nạp lại."
                ),
                en=(
                    "the road layer has no coordinate system; set one (e.g. EPSG:4326 or VN-2000 EPSG:9205) "
                    "and load it again."
                ),
                column="geometry",
            )
        )
    frame = roads.copy()
    frame["feature"] = _labels(frame)
    if frame.crs.to_epsg() != METRIC_EPSG:
        if frame.crs.to_epsg() != 4326:
            notes.append(
                Problem(
                    vi=(
                        f"lớp đường ở hệ tọa độ {frame.crs.to_string()}: đã chuyển sang UTM 48N "
                        f"(EPSG:{METRIC_EPSG}) để đo."
                    ),
                    en=(
                        f"road layer in {frame.crs.to_string()}: reprojected to UTM 48N (EPSG:{METRIC_EPSG}) "
                        f"for measuring."
                    ),
                )
            )
        frame = frame.to_crs(METRIC_EPSG)
    for column, default in _DEFAULTS.items():
        if column not in frame.columns:
            frame[column] = default
            notes.append(
                Problem(
                    vi=f"thiếu cột {column}: coi mọi đoạn là '{default}'.",
                    en=f"column {column} missing: every segment taken as '{default}'.",
                    column=column,
                )
            )
        elif frame[column].isna().any():
            bad = frame.loc[frame[column].isna(), "feature"].tolist()
            frame[column] = road_attribute(frame[column], column)
            notes.append(
                Problem(
                    vi=f"{len(bad)} đoạn thiếu giá trị {column} ({list_names(bad)}): coi là '{default}'.",
                    en=f"{len(bad)} segments without {column} ({list_names(bad)}): taken as '{default}'.",
                    column=column,
                    value=str(bad[0]),
                )
            )
    for column in ("all_season", "has_ford_or_unbridged"):
        frame[column] = road_attribute(frame[column], column)

    geoms = frame.geometry.values
    kind = shapely.get_type_id(np.asarray(geoms))
    bad_type = ~np.isin(kind, (1, 5))  # LineString, MultiLineString
    empty = shapely.is_empty(np.asarray(geoms)) | pd.isna(np.asarray(geoms, dtype=object))
    drop = bad_type | empty
    if drop.any():
        names = frame.loc[drop, "feature"].tolist()
        notes.append(
            Problem(
                vi=f"bỏ {len(names)} đối tượng rỗng hoặc không phải đường ({list_names(names)}).",
                en=f"dropped {len(names)} empty or non-line features ({list_names(names)}).",
                value=str(names[0]),
            )
        )
        frame = frame[~drop]
    frame = frame.explode(index_parts=False, ignore_index=True)
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    length = shapely.length(np.asarray(frame.geometry.values))
    short = length < MIN_LENGTH_M
    if short.any():
        names = frame.loc[short, "feature"].tolist()
        notes.append(
            Problem(
                vi=f"bỏ {len(names)} đoạn dài 0 m ({list_names(names)}).",
                en=f"dropped {len(names)} zero-length segments ({list_names(names)}).",
                value=str(names[0]),
            )
        )
        frame = frame[~short]
    frame = frame.reset_index(drop=True)
    keys = shapely.to_wkb(shapely.normalize(shapely.set_precision(np.asarray(frame.geometry.values), 0.01)))
    dup = pd.Series(keys).duplicated().to_numpy()
    if dup.any():
        names = frame.loc[dup, "feature"].tolist()
        notes.append(
            Problem(
                vi=f"bỏ {len(names)} đoạn trùng lặp hình học ({list_names(names)}); giữ bản đầu tiên.",
                en=f"dropped {len(names)} duplicate segments ({list_names(names)}); the first copy is kept.",
                value=str(names[0]),
            )
        )
        frame = frame[~dup].reset_index(drop=True)

    geoms = np.asarray(frame.geometry.values)
    n = len(geoms)
    if n == 0:
        segments = gpd.GeoDataFrame(
            frame.assign(u=np.zeros(0, int), v=np.zeros(0, int), length_m=np.zeros(0)),
            geometry="geometry",
            crs=METRIC_EPSG,
        )
        return RoadNetwork(segments, np.zeros((0, 2)), notes)
    start = shapely.get_coordinates(shapely.get_point(geoms, 0))
    end = shapely.get_coordinates(shapely.get_point(geoms, -1))
    ends = np.vstack([start, end])
    tree = cKDTree(ends)
    pairs = tree.query_pairs(gap_tolerance_m, output_type="ndarray")
    if len(pairs):
        merge = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(2 * n, 2 * n))
        _, label = connected_components(merge, directed=False)
        gaps = int((np.hypot(*(ends[pairs[:, 0]] - ends[pairs[:, 1]]).T) > 1e-6).sum())
        if gaps:
            notes.append(
                Problem(
                    vi=(
                        f"đã nối {gaps} khe hở nhỏ hơn {gap_tolerance_m:g} m giữa các đầu mút đoạn đường; "
                        f"khe lớn hơn không nối."
                    ),
                    en=(
                        f"closed {gaps} gaps under {gap_tolerance_m:g} m between segment ends; larger gaps "
                        f"are not bridged."
                    ),
                )
            )
    else:
        label = np.arange(2 * n)
    uniq, node_of = np.unique(label, return_inverse=True)
    node_xy = np.zeros((len(uniq), 2))
    counts = np.bincount(node_of, minlength=len(uniq))
    np.add.at(node_xy, node_of, ends)
    node_xy /= counts[:, None]
    frame["u"] = node_of[:n]
    frame["v"] = node_of[n:]
    frame["length_m"] = shapely.length(geoms)
    segments = gpd.GeoDataFrame(frame, geometry="geometry", crs=METRIC_EPSG)
    return RoadNetwork(segments, node_xy, notes)


@dataclass(frozen=True)
class Snap:
    """Where each point meets the network: edge index, fraction along it, distance and the snapped point.

    Edge index -1: no edge.
    """

    edge: np.ndarray
    fraction: np.ndarray
    distance_m: np.ndarray
    xy: np.ndarray


def snap_to_edges(
    network: RoadNetwork,
    xy: np.ndarray,
    *,
    edge_mask: np.ndarray | None = None,
    max_distance_m: float | None = None,
) -> Snap:
    """Snap each point to the nearest point of the nearest ``edge_mask`` edge (not the nearest node).

    Points with no candidate edge (empty network, or farther than ``max_distance_m``) get edge -1 and NaN
    distance.
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    m = len(xy)
    edge = np.full(m, -1, dtype=np.int64)
    frac = np.zeros(m)
    dist = np.full(m, np.nan)
    snapped = np.full((m, 2), np.nan)
    candidates = np.arange(len(network.segments)) if edge_mask is None else np.flatnonzero(edge_mask)
    if m == 0 or len(candidates) == 0:
        return Snap(edge, frac, dist, snapped)
    geoms = network.geometry_array[candidates]
    tree = network.tree(edge_mask, candidates)
    points = np.asarray(shapely.points(xy))
    (pi, gi), d = tree.query_nearest(
        points, return_distance=True, all_matches=False, max_distance=max_distance_m
    )
    edge[pi] = candidates[gi]
    dist[pi] = d
    lines = geoms[gi]
    frac[pi] = np.clip(shapely.line_locate_point(lines, points[pi], normalized=True), 0.0, 1.0)
    snapped[pi] = shapely.get_coordinates(shapely.line_interpolate_point(lines, frac[pi], normalized=True))
    return Snap(edge, frac, dist, snapped)


@dataclass
class RoutingGraph:
    """A directed sparse graph of the network with every snapped point inserted.

    Each snapped point's edge is split at the snap point.  Road edges go both ways.  Each point ``i`` has two
    nodes of its own: ``start_node[i]`` has edges only *out*, to its snap points (walking to the road), and
    ``end_node[i]`` has edges only *in*, from them (walking from the road). A path from a start node to an end
    node therefore walks only at its two ends: it cannot pass through another point or along another point's
    walking link, so a point's result never depends on which other points share the graph.  ``edge_keys``
    (sorted ``a * n_nodes + b``) with ``edge_segment`` (-1 for walking links) and ``edge_length_m`` describe
    each directed graph edge, for reading a route back.
    """

    matrix: csr_matrix
    start_node: np.ndarray
    end_node: np.ndarray
    snap: Snap
    edge_keys: np.ndarray
    edge_segment: np.ndarray
    edge_length_m: np.ndarray

    @property
    def n_nodes(self) -> int:
        return self.matrix.shape[0]

    @property
    def reverse(self) -> csr_matrix:
        """The graph with every edge turned round: a search from end nodes finds the cost of reaching them."""
        cached = self.__dict__.get("_reverse")
        if cached is None:
            cached = self.__dict__["_reverse"] = self.matrix.transpose().tocsr()
        return cached

    def lookup(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Return the index (into ``edge_*`` arrays) of directed edges ``a -> b``."""
        keys = np.asarray(a, dtype=np.int64) * self.n_nodes + np.asarray(b, dtype=np.int64)
        return np.searchsorted(self.edge_keys, keys)


def main_component_mask(network: RoadNetwork, edge_mask: np.ndarray) -> np.ndarray:
    """Return the edges of ``edge_mask`` that belong to its largest connected component (by total length)."""
    comp = edge_components(network, edge_mask)
    if not (comp >= 0).any():
        return np.zeros(len(comp), dtype=bool)
    length = network.segments["length_m"].to_numpy(float)
    totals = np.bincount(comp[comp >= 0], weights=length[comp >= 0])
    return comp == int(np.argmax(totals))


def build_routing_graph(
    network: RoadNetwork,
    weight: np.ndarray,
    xy: np.ndarray,
    *,
    access_cost: np.ndarray | None = None,
    egress_cost: np.ndarray | None = None,
    snap: Snap | None = None,
    extra: list[tuple[Snap, np.ndarray, np.ndarray]] | None = None,
) -> RoutingGraph:
    """Return the directed graph of open edges (finite ``weight``, both ways) with the points ``xy`` inserted.

    Each point snaps to its nearest open edge, which is split at the snap point (several points on one edge
    split it in order; costs along a split edge are proportional to length).  The point's start node is joined
    to the snap point at ``access_cost`` (default 0) and the snap point to the point's end node at
    ``egress_cost`` (default: the access cost); an infinite cost leaves that link out.  ``extra`` adds more
    (snap, access cost, egress cost) links per point, e.g. the nearest edge of the main network when the
    nearest edge is a piece connected to nothing. Of parallel edges (two segments between the same two nodes)
    the cheapest is kept; on a tie, an all-season segment, then the segment first in the road layer — the same
    one in both directions, so a route reads back an equally quick all-season way rather than the other.
    """
    weight = np.asarray(weight, dtype=float)
    seg = network.segments
    n_base = network.n_nodes
    open_edge = np.isfinite(weight)
    if snap is None:
        snap = snap_to_edges(network, xy, edge_mask=open_edge)
    m = len(snap.edge)
    access_cost = np.zeros(m) if access_cost is None else np.asarray(access_cost, dtype=float)
    egress_cost = access_cost if egress_cost is None else np.asarray(egress_cost, dtype=float)
    links = [(snap, access_cost, egress_cost)] + list(extra or [])
    s_edge = np.concatenate([sn.edge for sn, _, _ in links])
    s_frac = np.concatenate([sn.fraction for sn, _, _ in links])
    s_dist = np.concatenate([sn.distance_m for sn, _, _ in links])
    s_access = np.concatenate([np.asarray(c, dtype=float) for _, c, _ in links])
    s_egress = np.concatenate([np.asarray(c, dtype=float) for _, _, c in links])
    s_owner = np.concatenate([np.arange(m) for _ in links])
    u_all = seg["u"].to_numpy(np.int64) if len(seg) else np.zeros(0, np.int64)
    v_all = seg["v"].to_numpy(np.int64) if len(seg) else np.zeros(0, np.int64)
    length = seg["length_m"].to_numpy(float) if len(seg) else np.zeros(0)

    snapped = np.flatnonzero(s_edge >= 0)
    split_node = n_base + np.arange(len(snapped))
    start_node = n_base + len(snapped) + np.arange(m)
    end_node = start_node + m
    n_nodes = n_base + len(snapped) + 2 * m

    has_split = np.zeros(len(seg), dtype=bool)
    has_split[s_edge[snapped]] = True
    plain = np.flatnonzero(open_edge & ~has_split & (u_all != v_all))
    a_parts = [u_all[plain]]
    b_parts = [v_all[plain]]
    w_parts = [weight[plain]]
    s_parts = [plain]
    ln_parts = [length[plain]]
    if len(snapped):
        e = s_edge[snapped]
        f = s_frac[snapped]
        order = np.lexsort((f, e))
        e, f, nodes = e[order], f[order], split_node[order]
        first = np.r_[True, e[1:] != e[:-1]]
        last = np.r_[e[1:] != e[:-1], True]
        prev_node = np.where(first, u_all[e], np.r_[0, nodes[:-1]])
        prev_frac = np.where(first, 0.0, np.r_[0.0, f[:-1]])
        a_parts += [prev_node, nodes[last]]
        b_parts += [nodes, v_all[e[last]]]
        w_parts += [(f - prev_frac) * weight[e], (1.0 - f[last]) * weight[e[last]]]
        s_parts += [e, e[last]]
        ln_parts += [(f - prev_frac) * length[e], (1.0 - f[last]) * length[e[last]]]
    a, b, w, s, ln = (np.concatenate(x) for x in (a_parts, b_parts, w_parts, s_parts, ln_parts))
    # roads both ways; walking links one way only: start node -> snap point, snap point -> end node
    owner = s_owner[snapped]
    src = np.r_[a, b, start_node[owner], split_node]
    dst = np.r_[b, a, split_node, end_node[owner]]
    w2 = np.r_[w, w, s_access[snapped], s_egress[snapped]]
    s2 = np.r_[s, s, np.full(2 * len(snapped), -1)]
    l2 = np.r_[ln, ln, s_dist[snapped], s_dist[snapped]]
    # zero-cost edges (a point on the road, two points snapped to one spot) stay edges: scipy.sparse.csgraph
    # takes the explicit zeros of a sparse matrix as edges of weight 0
    keep = np.isfinite(w2)
    src, dst, w2, s2, l2 = src[keep], dst[keep], w2[keep], s2[keep], l2[keep]
    keys = src.astype(np.int64) * n_nodes + dst
    # parallel edges: the cheapest, then an all-season one, then the first in the road layer (walking links
    # read segment -1, but they are never parallel to another edge)
    not_all_season = ~seg["all_season"].to_numpy(bool)[s2]
    order = np.lexsort((s2, not_all_season, w2, keys))
    keys, src, dst, w2, s2, l2 = keys[order], src[order], dst[order], w2[order], s2[order], l2[order]
    unique = np.r_[True, keys[1:] != keys[:-1]] if len(keys) else np.zeros(0, bool)
    keys, src, dst, w2, s2, l2 = keys[unique], src[unique], dst[unique], w2[unique], s2[unique], l2[unique]
    matrix = csr_matrix((w2, (src, dst)), shape=(n_nodes, n_nodes))
    return RoutingGraph(matrix, start_node, end_node, snap, keys, s2, l2)


def edge_components(network: RoadNetwork, edge_mask: np.ndarray) -> np.ndarray:
    """Return, per segment, its connected-component id in the sub-network of ``edge_mask`` segments.

    Segments outside that sub-network get -1.
    """
    seg = network.segments
    out = np.full(len(seg), -1, dtype=np.int64)
    idx = np.flatnonzero(edge_mask)
    if len(idx) == 0:
        return out
    u = seg["u"].to_numpy(np.int64)[idx]
    v = seg["v"].to_numpy(np.int64)[idx]
    graph = coo_matrix((np.ones(len(idx)), (u, v)), shape=(network.n_nodes, network.n_nodes))
    _, label = connected_components(graph, directed=False)
    out[idx] = label[u]
    return out
