"""Travel times by season along the road network plus walking off the network.

Road speeds go by class, surface and season.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from affine import Affine
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from analysis.network import (
    RoadNetwork,
    Snap,
    build_routing_graph,
    main_component_mask,
    road_attribute,
    snap_to_edges,
)
from geo.vocab import SEASONS, Season

#: Surface speed in km/h (dry, rainy) on an all-season road.  Unknown surfaces are taken as earth.
SURFACE_SPEED_KMH = {
    "asphalt": (50.0, 45.0),
    "concrete": (40.0, 36.0),
    "gravel": (30.0, 20.0),
    "earth": (20.0, 10.0),
    "unknown": (20.0, 10.0),
}
#: Highest speed a road class allows, km/h (both seasons).
CLASS_MAX_KMH = {
    "national": 60.0,
    "provincial": 50.0,
    "district": 40.0,
    "commune": 30.0,
    "track": 15.0,
    "unknown": 30.0,
}
#: Rainy-season factor on roads that are not all-season but stay open (paved or gravel).
NOT_ALLSEASON_RAINY_FACTOR = 0.5
#: Road columns a scenario changes when it hardens a segment; a scenario's road layer keeps the baseline's
#: values as ``baseline_<column>``, so every walking link of the baseline stays offered (:func:`link_masks`).
HARDENING_COLUMNS = ("surface", "all_season", "has_ford_or_unbridged")
#: Walking speed off the network when no DEM is loaded (straight line, flat).
WALK_KMH = 4.0
#: Fastest possible speed in the model (bounds the search window of each district run).
_VMAX_KMH = max(max(v) for v in SURFACE_SPEED_KMH.values())


def road_speeds_kmh(segments: pd.DataFrame, season: Season) -> np.ndarray:
    """Return each segment's speed in km/h in ``season`` (0 = closed).

    Dry: ``min(surface speed, class maximum)``.  Rainy: closed where the segment has a ford / unbridged
    crossing or is an earth road (or of unknown surface) that is not all-season; otherwise ``min(rainy surface
    speed, class maximum)``, halved again on roads that are not all-season.
    """
    if season not in SEASONS:
        raise ValueError(f"season must be one of {SEASONS}, not {season!r}")
    surface = (
        segments["surface"]
        .astype(str)
        .where(segments["surface"].astype(str).isin(SURFACE_SPEED_KMH), "unknown")
    )
    road_class = (
        segments["road_class"]
        .astype(str)
        .where(segments["road_class"].astype(str).isin(CLASS_MAX_KMH), "unknown")
    )
    col = 0 if season == "dry" else 1
    surf = surface.map({k: v[col] for k, v in SURFACE_SPEED_KMH.items()}).to_numpy(float)
    cap = road_class.map(CLASS_MAX_KMH).to_numpy(float)
    speed = np.minimum(surf, cap)
    if season == "rainy":
        all_season = segments["all_season"].to_numpy(bool)
        ford = segments["has_ford_or_unbridged"].to_numpy(bool)
        speed = np.where(all_season, speed, speed * NOT_ALLSEASON_RAINY_FACTOR)
        earth = surface.isin(["earth", "unknown"]).to_numpy()  # an unknown surface is taken as earth
        speed = np.where(ford | (earth & ~all_season), 0.0, speed)
    return speed


def edge_minutes(network: RoadNetwork, season: Season) -> np.ndarray:
    """Return the driving time of each segment in minutes in ``season`` (``inf`` where closed)."""
    seg = network.segments
    if len(seg) == 0:
        return np.zeros(0)
    speed = road_speeds_kmh(seg, season)
    with np.errstate(divide="ignore"):
        return np.where(speed > 0, seg["length_m"].to_numpy(float) / 1000.0 / speed * 60.0, np.inf)


@dataclass(frozen=True)
class Dem:
    """Elevation grid in the metric CRS: ``elevation_m[row, col]`` with its affine ``transform``.

    NaN in ``elevation_m`` means no data.
    """

    elevation_m: np.ndarray
    transform: Affine

    @property
    def cell_m(self) -> float:
        """Return the side of a cell in metres (the shorter side; the grid may be rotated)."""
        return float(
            min(np.hypot(self.transform.a, self.transform.d), np.hypot(self.transform.b, self.transform.e))
        )

    def sample(self, xy: np.ndarray) -> np.ndarray:
        """Return the elevation at each point (nearest cell; NaN outside the grid)."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        inv = ~self.transform
        cols = inv.a * xy[:, 0] + inv.b * xy[:, 1] + inv.c
        rows = inv.d * xy[:, 0] + inv.e * xy[:, 1] + inv.f
        rows = np.floor(rows).astype(np.int64)
        cols = np.floor(cols).astype(np.int64)
        h, w = self.elevation_m.shape
        inside = (rows >= 0) & (rows < h) & (cols >= 0) & (cols < w)
        out = np.full(len(xy), np.nan)
        out[inside] = self.elevation_m[rows[inside], cols[inside]]
        return out


def tobler_kmh(slope: np.ndarray) -> np.ndarray:
    """Return the walking speed in km/h on a slope ``dh/dx`` by Tobler's hiking function.

    6 km/h at -5 %, 5.04 km/h on the flat.
    """
    return 6.0 * np.exp(-3.5 * np.abs(np.asarray(slope, dtype=float) + 0.05))


def walk_minutes(
    from_xy: np.ndarray, to_xy: np.ndarray, *, dem: Dem | None = None, samples: int = 8
) -> tuple[np.ndarray, np.ndarray]:
    """Return the straight-line walking time in minutes from each point to its partner, and the method.

    With a DEM the line is cut into ``samples`` pieces and each is walked at Tobler's speed for its slope
    (method ``"tobler"``): the rise between the cells of its two ends over its length, or over one cell side
    when the piece is shorter (the DEM knows no slope over a shorter run).  A leg with any piece end outside
    the DEM, or no DEM, is walked on the flat at :data:`WALK_KMH` (method ``"straight_4kmh"``).
    """
    a = np.asarray(from_xy, dtype=float).reshape(-1, 2)
    b = np.asarray(to_xy, dtype=float).reshape(-1, 2)
    dist_m = np.hypot(*(b - a).T)
    flat = dist_m / 1000.0 / WALK_KMH * 60.0
    method = np.full(len(a), "straight_4kmh", dtype=object)
    if dem is None or len(a) == 0:
        return flat, method
    t = np.linspace(0.0, 1.0, samples + 1)
    pts = a[:, None, :] + (b - a)[:, None, :] * t[None, :, None]
    z = dem.sample(pts.reshape(-1, 2)).reshape(len(a), samples + 1)
    piece_m = dist_m / samples
    run_m = np.maximum(piece_m, dem.cell_m)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(piece_m[:, None] > 0, np.diff(z, axis=1) / run_m[:, None], 0.0)
        minutes = (piece_m[:, None] / 1000.0 / tobler_kmh(slope) * 60.0).sum(axis=1)
    ok = np.isfinite(minutes)
    method[ok] = "tobler"
    return np.where(ok, minutes, flat), method


def _walk_links(
    xy: np.ndarray, snap: Snap, *, dem: Dem | None, to_road: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the walking minutes between each point and its snap point.

    Point -> road where ``to_road``, else road -> point (the direction matters with a DEM).  ``inf`` where the
    point has no snap point.
    """
    cost = np.full(len(xy), np.inf)
    method = np.full(len(xy), "", dtype=object)
    ok = snap.edge >= 0
    if ok.any():
        src = np.where(to_road[ok, None], xy[ok], snap.xy[ok])
        dst = np.where(to_road[ok, None], snap.xy[ok], xy[ok])
        cost[ok], method[ok] = walk_minutes(src, dst, dem=dem)
    return cost, method


def baseline_segments(segments: pd.DataFrame) -> pd.DataFrame | None:
    """Return the segments as the baseline had them, or None when they carry no baseline.

    A scenario's road layer carries ``baseline_<column>`` (see :data:`HARDENING_COLUMNS`).
    """
    if not len(segments) or not all(f"baseline_{c}" in segments.columns for c in HARDENING_COLUMNS):
        return None
    return segments.assign(**{c: road_attribute(segments[f"baseline_{c}"], c) for c in HARDENING_COLUMNS})


def link_masks(
    network: RoadNetwork, season: Season, *, minutes: np.ndarray | None = None
) -> list[np.ndarray]:
    """Return the segments each point links to in ``season``: one boolean mask per rule, in rule order.

    1. the segments open in ``season``; 2. those of the largest connected part (by total length) of the open
    network; in the dry season, when the rainy season closes some segment, also 3. the segments open in the
    rainy season and 4. the largest connected part of those.  On a scenario's network (segments with
    ``baseline_<column>``) the rules are applied again to the network as the baseline had it and appended (a
    point keeps every baseline link plus the scenario's: a scenario can only add ways onto the network, never
    take one away).  A mask equal to an earlier one is left out.
    """
    seg = network.segments
    open_edge = np.isfinite(edge_minutes(network, season) if minutes is None else minutes)

    def rules(open_now: np.ndarray, open_rainy: np.ndarray) -> list[np.ndarray]:
        found = [open_now, main_component_mask(network, open_now)]
        if season != "rainy" and (open_rainy != open_now).any():
            found += [open_rainy, main_component_mask(network, open_rainy)]
        return found

    rainy_open = (
        open_edge if season == "rainy" or not len(seg) else np.isfinite(edge_minutes(network, "rainy"))
    )
    masks = rules(open_edge, rainy_open)
    base = baseline_segments(seg)
    if base is not None:
        masks += rules(road_speeds_kmh(base, season) > 0, road_speeds_kmh(base, "rainy") > 0)
    unique: list[np.ndarray] = []
    for mask in masks:
        if not any(np.array_equal(mask, earlier) for earlier in unique):
            unique.append(mask)
    return unique


def network_links(
    network: RoadNetwork, xy: np.ndarray, *, season: Season, minutes: np.ndarray | None = None
) -> list[Snap]:
    """Return every way each point joins the road network in ``season``, nearest first.

    One :class:`Snap` per rule of :func:`link_masks`: the nearest point of the nearest segment of each mask
    (the first link's distance, to the nearest open road, is the reported ``snap_m``).  Rule 2 (largest
    connected part of the open network) means a piece connected to nothing never traps a point; rules 3–4 mean
    the dry season offers every way of the rainy one.

    A link whose segment is already that of an earlier rule for the same point is left out (edge -1).
    ``minutes``: the season's :func:`edge_minutes`, when the caller has them already.
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    masks = link_masks(network, season, minutes=minutes)
    links = [snap_to_edges(network, xy, edge_mask=masks[0])]
    link_masks_used = [masks[0]]
    for mask in masks[1:]:
        if not mask.any():
            continue
        # a point whose earlier link lies in ``mask``, found among a wider set of segments, has that link
        # again here
        ask = np.ones(len(xy), dtype=bool)
        for earlier, wider in zip(links, link_masks_used, strict=True):
            if not (mask & ~wider).any():
                ask &= ~((earlier.edge >= 0) & mask[np.maximum(earlier.edge, 0)])
        if not ask.any():
            continue
        other = snap_to_edges(network, xy[ask], edge_mask=mask)
        edge = np.full(len(xy), -1, dtype=np.int64)
        edge[ask] = other.edge
        for earlier in links:
            edge[edge == earlier.edge] = -1
        if (edge >= 0).any():
            fraction, distance_m, snapped = (
                np.zeros(len(xy)),
                np.full(len(xy), np.nan),
                np.full((len(xy), 2), np.nan),
            )
            fraction[ask], distance_m[ask], snapped[ask] = other.fraction, other.distance_m, other.xy
            links.append(Snap(edge, fraction, distance_m, snapped))
            link_masks_used.append(mask)
    return links


def _graph_with_points(network: RoadNetwork, season: Season, xy: np.ndarray, n_origins: int, dem: Dem | None):
    """Build the routing graph of ``season`` with the points joined by every link of :func:`network_links`.

    The first ``n_origins`` points are trip starts (walking links to the road), the others trip ends (walking
    links from the road).
    """
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    to_road = np.arange(len(xy)) < n_origins
    weight = edge_minutes(network, season)
    links = []
    for snap in network_links(network, xy, season=season, minutes=weight):
        cost, method = _walk_links(xy, snap, dem=dem, to_road=to_road)
        links.append((snap, np.where(to_road, cost, np.inf), np.where(to_road, np.inf, cost), method))
    (snap, access, egress, method), extra = links[0], [link[:3] for link in links[1:]]
    graph = build_routing_graph(
        network, weight, xy, access_cost=access, egress_cost=egress, snap=snap, extra=extra
    )
    return graph, snap, method


def service_access(
    network: RoadNetwork,
    origins_xy: np.ndarray,
    facilities_xy: np.ndarray,
    facility_kind: np.ndarray,
    *,
    season: Season,
    kinds: tuple[str, ...],
    dem: Dem | None = None,
) -> pd.DataFrame:
    """Return, per origin and service kind, the minutes to the nearest facility of that kind and which one.

    Travel = walk from the origin along one of its links (:func:`network_links`) + drive + walk along one of
    the facility's links to the facility, or walking straight to the nearest facility of the kind (as the crow
    flies) when that is quicker.  No trip walks in between: one search per kind from all its facilities at
    once, on a graph whose walking links are one-way and end at the points.  Facilities anywhere count (across
    commune and district borders). Columns per kind: ``{kind}_min`` (NaN when unreachable),
    ``{kind}_facility`` (row index into the facilities, -1 none), ``{kind}_via`` (``"road"`` / ``"walk"`` /
    ``""``), and ``walk_method`` (``"tobler"`` or ``"straight_4kmh"``).
    """
    origins_xy = np.asarray(origins_xy, dtype=float).reshape(-1, 2)
    facilities_xy = np.asarray(facilities_xy, dtype=float).reshape(-1, 2)
    facility_kind = np.asarray(facility_kind, dtype=object)
    n_o = len(origins_xy)
    graph, snap, method = _graph_with_points(
        network, season, np.vstack([origins_xy, facilities_xy]), n_o, dem
    )
    out = pd.DataFrame(index=range(n_o))
    out["snap_m"] = snap.distance_m[:n_o]
    out["walk_method"] = method[:n_o] if dem is not None else "straight_4kmh"
    facility_of_node = np.full(graph.n_nodes, -1, dtype=np.int64)
    facility_of_node[graph.end_node[n_o:]] = np.arange(len(facilities_xy))
    for kind in kinds:
        idx = np.flatnonzero(facility_kind == kind)
        minutes = np.full(n_o, np.inf)
        facility = np.full(n_o, -1, dtype=np.int64)
        via = np.full(n_o, "", dtype=object)
        if len(idx) and n_o:
            dist, _, sources = dijkstra(
                graph.reverse,
                directed=True,
                indices=graph.end_node[n_o + idx],
                min_only=True,
                return_predecessors=True,
            )
            road = dist[graph.start_node[:n_o]]
            src = sources[graph.start_node[:n_o]]
            has = src >= 0
            minutes[has] = road[has]
            facility[has] = facility_of_node[src[has]]
            via[has] = "road"
            tree = cKDTree(facilities_xy[idx])
            _, near = tree.query(origins_xy)
            direct, _ = walk_minutes(origins_xy, facilities_xy[idx][near], dem=dem)
            quicker = direct < minutes
            minutes[quicker] = direct[quicker]
            facility[quicker] = idx[near][quicker]
            via[quicker] = "walk"
        out[f"{kind}_min"] = np.where(np.isfinite(minutes), minutes, np.nan)
        out[f"{kind}_facility"] = facility
        out[f"{kind}_via"] = via
    return out


def district_centre_access(
    network: RoadNetwork,
    centres_xy: np.ndarray,
    centre_district: np.ndarray,
    district_xy: dict[str, tuple[float, float]],
    *,
    season: Season,
    dem: Dem | None = None,
) -> pd.DataFrame:
    """Return, per commune centre, the fastest trip in ``season`` to its own district centre.

    The trip is the quicker of walking straight there and the best road route (walk along one of the centre's
    links of :func:`network_links`, drive, walk along one of the district centre's links; never a walk in
    between). Columns: ``minutes`` (NaN when the district centre is unknown), ``via`` (``"road"`` /
    ``"walk"``), ``network_km`` (driven length; 0 when walking straight), ``walk_m`` (both walk legs, or the
    straight walk), ``snap_m`` (centre to its nearest open road), ``weakest_segment`` / ``weakest_class`` /
    ``weakest_surface`` (the first segment on the road route, from the centre, that is not all-season; empty
    when there is none or the trip is on foot) and ``route_all_season`` (every driven segment all-season;
    False when the trip is on foot, None when there is no trip).  Each district is one Dijkstra run from its
    centre, limited in cost (doubled until every commune of the district is reached, or until no road route
    could beat walking straight).
    """
    centres_xy = np.asarray(centres_xy, dtype=float).reshape(-1, 2)
    centre_district = np.asarray(centre_district, dtype=object)
    codes = [c for c in dict.fromkeys(centre_district) if c in district_xy]
    n_c = len(centres_xy)
    dxy = np.array([district_xy[c] for c in codes], dtype=float).reshape(-1, 2)
    graph, snap, _ = _graph_with_points(network, season, np.vstack([centres_xy, dxy]), n_c, dem)
    seg = network.segments
    all_season = seg["all_season"].to_numpy(bool) if len(seg) else np.zeros(0, bool)
    position = {c: k for k, c in enumerate(codes)}
    district_of = np.array([position.get(c, -1) for c in centre_district], dtype=np.int64)
    known = np.flatnonzero(district_of >= 0)
    crow_m = np.full(n_c, np.nan)
    direct = np.full(n_c, np.nan)
    crow_m[known] = np.hypot(*(centres_xy[known] - dxy[district_of[known]]).T)
    direct[known], _ = walk_minutes(centres_xy[known], dxy[district_of[known]], dem=dem)
    minutes = np.full(n_c, np.nan)
    via = np.full(n_c, "", dtype=object)
    network_km = np.full(n_c, np.nan)
    walk_m = np.full(n_c, np.nan)
    weakest = np.full(n_c, -1, dtype=np.int64)
    route_all_season = np.full(n_c, None, dtype=object)
    reverse = graph.reverse
    total_max = float(graph.matrix.data.sum()) + 1.0
    for k in range(len(codes)):
        members = np.flatnonzero(district_of == k)
        source = graph.end_node[n_c + k]
        targets = graph.start_node[members]
        # no road time above the slowest straight walk matters: walking straight would win
        cap = min(total_max, float(direct[members].max()) * (1.0 + 1e-9) + 1e-9)
        limit = min(cap, max(30.0, crow_m[members].max() / 1000.0 / _VMAX_KMH * 60.0 * 3.0))
        while True:
            dist, pred = dijkstra(
                reverse, directed=True, indices=source, return_predecessors=True, limit=limit
            )
            if np.isfinite(dist[targets]).all() or limit >= cap:
                break
            limit = min(limit * 2.0, cap)
        by_road = dist[targets] <= direct[members]
        members, targets = members[by_road], targets[by_road]
        minutes[members] = dist[targets]
        # walk every route back to the district centre at once
        length = np.zeros(len(members))
        walk = np.zeros(len(members))
        first_weak = np.full(len(members), -1, dtype=np.int64)
        cur = targets.copy()
        active = cur != source
        while active.any():
            nxt = pred[cur[active]]
            e = graph.lookup(cur[active], nxt)
            s_id = graph.edge_segment[e]
            ln = graph.edge_length_m[e]
            act = np.flatnonzero(active)
            road = s_id >= 0
            length[act[road]] += ln[road]
            walk[act[~road]] += ln[~road]
            first_bad = road & (first_weak[act] < 0)
            first_bad[road] &= ~all_season[s_id[road]]
            first_weak[act[first_bad]] = s_id[first_bad]
            cur[act] = nxt
            active = cur != source
        via[members] = "road"
        network_km[members] = length / 1000.0
        walk_m[members] = walk
        weakest[members] = first_weak
        route_all_season[members] = first_weak < 0
    walkers = known[~(via[known] == "road")]
    minutes[walkers] = direct[walkers]
    via[walkers] = "walk"
    network_km[walkers] = 0.0
    walk_m[walkers] = crow_m[walkers]
    route_all_season[walkers] = False
    out = pd.DataFrame(
        {
            "minutes": minutes,
            "via": via,
            "network_km": network_km,
            "walk_m": walk_m,
            "snap_m": snap.distance_m[:n_c],
            "weakest_segment": "",
            "weakest_class": "",
            "weakest_surface": "",
            "route_all_season": route_all_season,
        }
    )
    has_weak = weakest >= 0
    if has_weak.any():
        rows = seg.iloc[weakest[has_weak]]
        for column, source_column in (
            ("weakest_segment", "feature"),
            ("weakest_class", "road_class"),
            ("weakest_surface", "surface"),
        ):
            out.loc[has_weak, column] = rows[source_column].astype(str).to_numpy()
    return out


def population_summary(
    times: pd.DataFrame, *, group: str, population: str, minutes: list[str], within_min: float
) -> pd.DataFrame:
    """Return population-weighted travel times per ``group``.

    For each minutes column: ``{col}_popmean`` (mean over the people who can reach it; NaN when nobody can),
    ``{col}_share_within`` (share of all people within ``within_min``; unreachable people count as not within)
    and ``{col}_pop_unreachable``.  Rows without population are ignored.
    """
    frame = times[times[population].notna() & (times[population] > 0)]
    codes, groups = pd.factorize(frame[group], sort=True)
    k = len(groups)
    pop = frame[population].to_numpy(float)
    total = np.bincount(codes, weights=pop, minlength=k)
    data: dict[str, np.ndarray] = {"population": total}
    for col in minutes:
        val = frame[col].to_numpy(float)
        ok = np.isfinite(val)
        num = np.bincount(codes, weights=np.where(ok, val * pop, 0.0), minlength=k)
        den = np.bincount(codes, weights=np.where(ok, pop, 0.0), minlength=k)
        with np.errstate(invalid="ignore", divide="ignore"):
            data[f"{col}_popmean"] = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
            data[f"{col}_share_within"] = (
                np.bincount(codes, weights=np.where(ok & (val <= within_min), pop, 0.0), minlength=k) / total
            )
        data[f"{col}_pop_unreachable"] = np.bincount(codes, weights=np.where(ok, 0.0, pop), minlength=k)
    return pd.DataFrame(data, index=pd.Index(groups, name=group))


def finite_or_none(value: float | None) -> float | None:
    """Return ``value`` when it is a finite number, else ``None`` (never show NaN or inf to a user)."""
    if value is None:
        return None
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def allseason_connection(
    network: RoadNetwork,
    centres_xy: np.ndarray,
    centre_district: np.ndarray,
    district_xy: dict[str, tuple[float, float]],
) -> pd.DataFrame:
    """Return each commune centre's distance to the all-season network and to its part joined to the district.

    Columns: ``dist_allseason_m`` (nearest all-season segment, joined to anything or not),
    ``dist_connected_m`` (nearest all-season segment in the same all-season component as the segment nearest
    to the district centre: from there a path of all-season segments leads to the district centre; NaN when
    the district centre has no all-season road or is unknown) and ``district_snap_m`` (district centre to its
    all-season segment).
    """
    from analysis.network import edge_components

    centres_xy = np.asarray(centres_xy, dtype=float).reshape(-1, 2)
    centre_district = np.asarray(centre_district, dtype=object)
    n = len(centres_xy)
    out = pd.DataFrame(
        {"dist_allseason_m": np.nan, "dist_connected_m": np.nan, "district_snap_m": np.nan}, index=range(n)
    )
    seg = network.segments
    if len(seg) == 0 or n == 0:
        return out
    all_season = seg["all_season"].to_numpy(bool)
    out["dist_allseason_m"] = snap_to_edges(network, centres_xy, edge_mask=all_season).distance_m
    comp = edge_components(network, all_season)
    codes = [c for c in dict.fromkeys(centre_district) if c in district_xy]
    if not codes:
        return out
    dsnap = snap_to_edges(
        network, np.array([district_xy[c] for c in codes], dtype=float), edge_mask=all_season
    )
    comp_of = {c: (comp[e] if e >= 0 else -1) for c, e in zip(codes, dsnap.edge, strict=True)}
    snap_of = dict(zip(codes, dsnap.distance_m, strict=True))
    out["district_snap_m"] = [snap_of.get(c, np.nan) for c in centre_district]
    centre_comp = np.array([comp_of.get(c, -1) for c in centre_district])
    for c in np.unique(centre_comp[centre_comp >= 0]):
        members = np.flatnonzero(centre_comp == c)
        out.loc[members, "dist_connected_m"] = snap_to_edges(
            network, centres_xy[members], edge_mask=comp == c
        ).distance_m
    return out


def facilities_outside(
    facilities_xy: np.ndarray, labels: np.ndarray, area, *, keep_within_m: float = 20_000.0
):
    """Return (keep mask, notes) for facilities outside ``area``.

    ``area`` is a metric polygon, e.g. the province outline.  Facilities outside but within ``keep_within_m``
    are kept (people cross borders to use them) and said so; farther ones are dropped as probably misplaced,
    naming each.
    """
    import shapely

    from geo.errors import Problem

    xy = np.asarray(facilities_xy, dtype=float).reshape(-1, 2)
    keep = np.ones(len(xy), dtype=bool)
    notes: list[Problem] = []
    if len(xy) == 0 or area is None:
        return keep, notes
    shapely.prepare(area)
    dist = np.zeros(len(xy))
    out_idx = np.flatnonzero(~shapely.contains_xy(area, xy[:, 0], xy[:, 1]))
    dist[out_idx] = shapely.distance(area, shapely.points(xy[out_idx]))
    outside = dist > 0
    far = dist > keep_within_m
    keep[far] = False
    for i in np.flatnonzero(outside):
        km_vi = format(dist[i] / 1000.0, ".1f").replace(".", ",")
        km_en = format(dist[i] / 1000.0, ".1f")
        if far[i]:
            notes.append(
                Problem(
                    vi=(
                        f"cơ sở {labels[i]} nằm ngoài tỉnh {km_vi} km: bỏ qua (có lẽ sai tọa độ); hãy kiểm "
                        f"tra tọa độ."
                    ),
                    en=f"facility {labels[i]} lies {km_en} km outside the province: left out (probably wrong "
                    f"coordinates); "
                    "check its coordinates.",
                    value=str(labels[i]),
                )
            )
        else:
            notes.append(
                Problem(
                    vi=(
                        f"cơ sở {labels[i]} nằm ngoài tỉnh {km_vi} km: vẫn tính (người dân có thể sang tỉnh "
                        f"bên)."
                    ),
                    en=(
                        f"facility {labels[i]} lies {km_en} km outside the province: kept (people may cross "
                        f"the border)."
                    ),
                    value=str(labels[i]),
                )
            )
    return keep, notes
