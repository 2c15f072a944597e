"""Travel times by season along the road network (speeds by class, surface, season) plus walking off the network."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from affine import Affine
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from analysis.network import RoadNetwork, Snap, build_routing_graph, main_component_mask, snap_to_edges

SEASONS = ("dry", "rainy")
#: Surface speed in km/h (dry, rainy) on an all-season road.  Unknown surfaces are taken as earth.
SURFACE_SPEED_KMH = {"asphalt": (50.0, 45.0), "concrete": (40.0, 36.0), "gravel": (30.0, 20.0), "earth": (20.0, 10.0),
                     "unknown": (20.0, 10.0)}
#: Highest speed a road class allows, km/h (both seasons).
CLASS_MAX_KMH = {"national": 60.0, "provincial": 50.0, "district": 40.0, "commune": 30.0, "track": 15.0,
                 "unknown": 30.0}
#: Rainy-season factor on roads that are not all-season but stay open (paved or gravel).
NOT_ALLSEASON_RAINY_FACTOR = 0.5
#: Walking speed off the network when no DEM is loaded (straight line, flat).
WALK_KMH = 4.0
#: Fastest possible speed in the model (bounds the search window of each district run).
_VMAX_KMH = max(max(v) for v in SURFACE_SPEED_KMH.values())


def road_speeds_kmh(segments: pd.DataFrame, season: str) -> np.ndarray:
    """Return each segment's speed in km/h in ``season`` (0 = closed).

    Dry: ``min(surface speed, class maximum)``.  Rainy: closed where the segment has a ford / unbridged crossing or
    is an earth road that is not all-season; otherwise ``min(rainy surface speed, class maximum)``, halved again on
    roads that are not all-season.
    """
    if season not in SEASONS:
        raise ValueError(f"season must be one of {SEASONS}, not {season!r}")
    surface = segments["surface"].astype(str).where(segments["surface"].astype(str).isin(SURFACE_SPEED_KMH), "unknown")
    road_class = segments["road_class"].astype(str).where(segments["road_class"].astype(str).isin(CLASS_MAX_KMH),
                                                          "unknown")
    col = 0 if season == "dry" else 1
    surf = surface.map({k: v[col] for k, v in SURFACE_SPEED_KMH.items()}).to_numpy(float)
    cap = road_class.map(CLASS_MAX_KMH).to_numpy(float)
    speed = np.minimum(surf, cap)
    if season == "rainy":
        all_season = segments["all_season"].to_numpy(bool)
        ford = segments["has_ford_or_unbridged"].to_numpy(bool)
        speed = np.where(all_season, speed, speed * NOT_ALLSEASON_RAINY_FACTOR)
        speed = np.where(ford | ((surface.to_numpy() == "earth") & ~all_season), 0.0, speed)
    return speed


def edge_minutes(network: RoadNetwork, season: str) -> np.ndarray:
    """Return the driving time of each segment in minutes in ``season`` (``inf`` where closed)."""
    seg = network.segments
    if len(seg) == 0:
        return np.zeros(0)
    speed = road_speeds_kmh(seg, season)
    with np.errstate(divide="ignore"):
        return np.where(speed > 0, seg["length_m"].to_numpy(float) / 1000.0 / speed * 60.0, np.inf)


@dataclass(frozen=True)
class Dem:
    """Elevation grid in the metric CRS: ``elevation_m[row, col]`` with its affine ``transform`` (NaN = no data)."""

    elevation_m: np.ndarray
    transform: Affine

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
    """Tobler's hiking function: walking speed in km/h on a slope ``dh/dx`` (6 km/h at -5 %, 5.04 km/h on the flat)."""
    return 6.0 * np.exp(-3.5 * np.abs(np.asarray(slope, dtype=float) + 0.05))


def walk_minutes(from_xy: np.ndarray, to_xy: np.ndarray, *, dem: Dem | None = None, samples: int = 8
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Return the walking time in minutes from each point to its partner along the straight line, and the method.

    With a DEM the line is cut into ``samples`` pieces and each is walked at Tobler's speed for its slope
    (method ``"tobler"``); a leg with any piece outside the DEM, or no DEM, is walked on the flat at
    :data:`WALK_KMH` (method ``"straight_4kmh"``).
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
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(piece_m[:, None] > 0, np.diff(z, axis=1) / piece_m[:, None], 0.0)
        minutes = (piece_m[:, None] / 1000.0 / tobler_kmh(slope) * 60.0).sum(axis=1)
    ok = np.isfinite(minutes)
    method[ok] = "tobler"
    return np.where(ok, minutes, flat), method


def _walk_access(network: RoadNetwork, xy: np.ndarray, snap, *, dem: Dem | None, towards_road: np.ndarray):
    """Walking minutes between each point and its snap point (direction matters with a DEM)."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    cost = np.full(len(xy), np.inf)
    method = np.full(len(xy), "", dtype=object)
    ok = snap.edge >= 0
    if ok.any():
        src = np.where(towards_road[ok, None], xy[ok], snap.xy[ok])
        dst = np.where(towards_road[ok, None], snap.xy[ok], xy[ok])
        cost[ok], method[ok] = walk_minutes(src, dst, dem=dem)
    return cost, method


def _graph_with_points(network: RoadNetwork, weight: np.ndarray, xy: np.ndarray, towards: np.ndarray,
                       dem: Dem | None):
    """Routing graph with each point joined (on foot) to the nearest open edge, and also to the nearest edge of the
    main network (when the nearest edge is a piece cut off from it) and to the nearest edges open in the rainy
    season.  So a piece connected to nothing never traps a point, and the dry season offers every option of the
    rainy one (dry times never exceed rainy times)."""
    open_edge = np.isfinite(weight)
    snap = snap_to_edges(network, xy, edge_mask=open_edge)
    access, method = _walk_access(network, xy, snap, dem=dem, towards_road=towards)
    masks = [main_component_mask(network, open_edge)]
    if len(network.segments):
        rainy_open = np.isfinite(edge_minutes(network, "rainy"))
        if (rainy_open != open_edge).any():
            masks += [rainy_open, main_component_mask(network, rainy_open)]
    extra = []
    used = [snap.edge]
    for mask in masks:
        if not mask.any():
            continue
        other = snap_to_edges(network, xy, edge_mask=mask)
        dup = np.zeros(len(xy), dtype=bool)
        for edges in used:
            dup |= other.edge == edges
        edge = np.where(dup, -1, other.edge)
        if not (edge >= 0).any():
            continue
        other = Snap(edge, other.fraction, other.distance_m, other.xy)
        used.append(other.edge)
        cost, _ = _walk_access(network, xy, other, dem=dem, towards_road=towards)
        extra.append((other, cost))
    graph = build_routing_graph(network, weight, xy, access_cost=access, snap=snap, extra=extra)
    return graph, snap, method


def service_access(network: RoadNetwork, origins_xy: np.ndarray, facilities_xy: np.ndarray, facility_kind: np.ndarray,
                   *, season: str, kinds: tuple[str, ...], dem: Dem | None = None) -> pd.DataFrame:
    """Return, per origin and service kind, the minutes to the nearest facility of that kind and which one.

    Travel = walk to the nearest open road edge + drive + walk from the road to the facility, or walking straight
    there when that is quicker.  Facilities anywhere count (across commune and district borders).  Columns per kind:
    ``{kind}_min`` (NaN when unreachable), ``{kind}_facility`` (row index into the facilities, -1 none),
    ``{kind}_via`` (``"road"`` / ``"walk"`` / ``""``), and ``walk_method`` (``"tobler"`` or ``"straight_4kmh"``).
    """
    origins_xy = np.asarray(origins_xy, dtype=float).reshape(-1, 2)
    facilities_xy = np.asarray(facilities_xy, dtype=float).reshape(-1, 2)
    facility_kind = np.asarray(facility_kind, dtype=object)
    n_o = len(origins_xy)
    xy = np.vstack([origins_xy, facilities_xy])
    weight = edge_minutes(network, season)
    towards = np.r_[np.ones(n_o, bool), np.zeros(len(facilities_xy), bool)]
    graph, snap, method = _graph_with_points(network, weight, xy, towards, dem)
    out = pd.DataFrame(index=range(n_o))
    out["snap_m"] = snap.distance_m[:n_o]
    out["walk_method"] = method[:n_o] if dem is not None else "straight_4kmh"
    base_node = graph.point_node[0] if len(graph.point_node) else 0
    for kind in kinds:
        idx = np.flatnonzero(facility_kind == kind)
        minutes = np.full(n_o, np.inf)
        facility = np.full(n_o, -1, dtype=np.int64)
        via = np.full(n_o, "", dtype=object)
        if len(idx) and n_o:
            dist, _, sources = dijkstra(graph.matrix, directed=True, indices=graph.point_node[n_o + idx],
                                        min_only=True, return_predecessors=True)
            road = dist[graph.point_node[:n_o]]
            src = sources[graph.point_node[:n_o]]
            has = src >= 0
            minutes[has] = road[has]
            facility[has] = src[has] - base_node - n_o
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


def district_centre_access(network: RoadNetwork, centres_xy: np.ndarray, centre_district: np.ndarray,
                           district_xy: dict[str, tuple[float, float]], *, season: str, dem: Dem | None = None
                           ) -> pd.DataFrame:
    """Return, per commune centre, the fastest route in ``season`` to its own district centre.

    Columns: ``minutes`` (walk legs included; NaN when no route), ``network_km`` (driven length of that route),
    ``walk_m`` (both walk legs), ``snap_m`` (centre to its road), ``weakest_segment`` / ``weakest_class`` /
    ``weakest_surface`` (the first segment on the route, from the centre, that is not all-season; empty when the
    whole route is all-season) and ``route_all_season``.  Each district is one Dijkstra run from its centre, limited
    in cost and doubled until every commune of the district is reached or the whole network has been searched.
    """
    centres_xy = np.asarray(centres_xy, dtype=float).reshape(-1, 2)
    centre_district = np.asarray(centre_district, dtype=object)
    codes = [c for c in dict.fromkeys(centre_district) if c in district_xy]
    n_c = len(centres_xy)
    dxy = np.array([district_xy[c] for c in codes], dtype=float).reshape(-1, 2)
    xy = np.vstack([centres_xy, dxy])
    weight = edge_minutes(network, season)
    towards = np.r_[np.ones(n_c, bool), np.zeros(len(dxy), bool)]
    graph, snap, _ = _graph_with_points(network, weight, xy, towards, dem)
    seg = network.segments
    all_season = seg["all_season"].to_numpy(bool) if len(seg) else np.zeros(0, bool)
    out = pd.DataFrame({
        "minutes": np.nan, "network_km": np.nan, "walk_m": np.nan, "snap_m": snap.distance_m[:n_c],
        "weakest_segment": "", "weakest_class": "", "weakest_surface": "", "route_all_season": False,
    }, index=range(n_c))
    out["route_all_season"] = out["route_all_season"].astype(object)
    access = graph.matrix.data
    total_max = float(access.sum()) + 1.0
    for k, code in enumerate(codes):
        members = np.flatnonzero(centre_district == code)
        source = graph.point_node[n_c + k]
        targets = graph.point_node[members]
        crow_km = np.hypot(*(centres_xy[members] - dxy[k]).T).max(initial=0.0) / 1000.0
        limit = max(30.0, crow_km / _VMAX_KMH * 60.0 * 3.0)
        while True:
            dist, pred = dijkstra(graph.matrix, directed=True, indices=source, return_predecessors=True, limit=limit)
            if np.isfinite(dist[targets]).all() or limit >= total_max:
                break
            limit = min(limit * 2.0, total_max)
        reached = np.isfinite(dist[targets])
        members, targets = members[reached], targets[reached]
        if len(members) == 0:
            continue
        out.loc[members, "minutes"] = dist[targets]
        # walk every route back to the district centre at once
        length = np.zeros(len(members))
        walk = np.zeros(len(members))
        weakest = np.full(len(members), -1, dtype=np.int64)
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
            first_bad = road & (weakest[act] < 0)
            first_bad[road] &= ~all_season[s_id[road]]
            weakest[act[first_bad]] = s_id[first_bad]
            cur[act] = nxt
            active = cur != source
        out.loc[members, "network_km"] = length / 1000.0
        out.loc[members, "walk_m"] = walk
        has_weak = weakest >= 0
        out.loc[members, "route_all_season"] = ~has_weak
        if has_weak.any():
            rows = seg.iloc[weakest[has_weak]]
            out.loc[members[has_weak], "weakest_segment"] = rows["feature"].astype(str).to_numpy()
            out.loc[members[has_weak], "weakest_class"] = rows["road_class"].astype(str).to_numpy()
            out.loc[members[has_weak], "weakest_surface"] = rows["surface"].astype(str).to_numpy()
    out.loc[out["minutes"].isna(), "route_all_season"] = None
    return out


def population_summary(times: pd.DataFrame, *, group: str, population: str, minutes: list[str],
                       within_min: float) -> pd.DataFrame:
    """Return population-weighted travel times per ``group``.

    For each minutes column: ``{col}_popmean`` (mean over the people who can reach it; NaN when nobody can),
    ``{col}_share_within`` (share of all people within ``within_min``; unreachable people count as not within) and
    ``{col}_pop_unreachable``.  Rows without population are ignored.
    """
    frame = times[times[population].notna() & (times[population] > 0)]
    codes, groups = pd.factorize(frame[group], sort=True)
    k = len(groups)
    pop = frame[population].to_numpy(float)
    total = np.bincount(codes, weights=pop, minlength=k)
    data = {"population": total}
    for col in minutes:
        val = frame[col].to_numpy(float)
        ok = np.isfinite(val)
        num = np.bincount(codes, weights=np.where(ok, val * pop, 0.0), minlength=k)
        den = np.bincount(codes, weights=np.where(ok, pop, 0.0), minlength=k)
        with np.errstate(invalid="ignore", divide="ignore"):
            data[f"{col}_popmean"] = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
            data[f"{col}_share_within"] = np.bincount(codes, weights=np.where(ok & (val <= within_min), pop, 0.0),
                                                      minlength=k) / total
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


def allseason_connection(network: RoadNetwork, centres_xy: np.ndarray, centre_district: np.ndarray,
                         district_xy: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """Return, per commune centre, how far the all-season network is and how far the part joined to its district is.

    Columns: ``dist_allseason_m`` (nearest all-season segment, joined to anything or not), ``dist_connected_m``
    (nearest all-season segment in the same all-season component as the segment nearest to the district centre:
    from there a path of all-season segments leads to the district centre; NaN when the district centre has no
    all-season road or is unknown) and ``district_snap_m`` (district centre to its all-season segment).
    """
    from analysis.network import edge_components

    centres_xy = np.asarray(centres_xy, dtype=float).reshape(-1, 2)
    centre_district = np.asarray(centre_district, dtype=object)
    n = len(centres_xy)
    out = pd.DataFrame({"dist_allseason_m": np.nan, "dist_connected_m": np.nan, "district_snap_m": np.nan},
                       index=range(n))
    seg = network.segments
    if len(seg) == 0 or n == 0:
        return out
    all_season = seg["all_season"].to_numpy(bool)
    out["dist_allseason_m"] = snap_to_edges(network, centres_xy, edge_mask=all_season).distance_m
    comp = edge_components(network, all_season)
    codes = [c for c in dict.fromkeys(centre_district) if c in district_xy]
    if not codes:
        return out
    dsnap = snap_to_edges(network, np.array([district_xy[c] for c in codes], dtype=float), edge_mask=all_season)
    comp_of = {c: (comp[e] if e >= 0 else -1) for c, e in zip(codes, dsnap.edge, strict=True)}
    snap_of = dict(zip(codes, dsnap.distance_m, strict=True))
    out["district_snap_m"] = [snap_of.get(c, np.nan) for c in centre_district]
    centre_comp = np.array([comp_of.get(c, -1) for c in centre_district])
    for c in np.unique(centre_comp[centre_comp >= 0]):
        members = np.flatnonzero(centre_comp == c)
        out.loc[members, "dist_connected_m"] = snap_to_edges(network, centres_xy[members], edge_mask=comp == c).distance_m
    return out


def facilities_outside(facilities_xy: np.ndarray, labels: np.ndarray, area, *, keep_within_m: float = 20_000.0):
    """Return (keep mask, notes) for facilities outside ``area`` (a metric polygon, e.g. the province outline).

    Facilities outside but within ``keep_within_m`` are kept (people cross borders to use them) and said so;
    farther ones are dropped as probably misplaced, naming each.
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
            notes.append(Problem(
                vi=f"cơ sở {labels[i]} nằm ngoài tỉnh {km_vi} km: bỏ qua (có lẽ sai tọa độ); hãy kiểm tra tọa độ.",
                en=f"facility {labels[i]} lies {km_en} km outside the province: left out (probably wrong coordinates); "
                   "check its coordinates.", value=str(labels[i])))
        else:
            notes.append(Problem(
                vi=f"cơ sở {labels[i]} nằm ngoài tỉnh {km_vi} km: vẫn tính (người dân có thể sang tỉnh bên).",
                en=f"facility {labels[i]} lies {km_en} km outside the province: kept (people may cross the border).",
                value=str(labels[i])))
    return keep, notes
