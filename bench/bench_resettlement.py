"""Benchmark of the resettlement analyses: suitability + sites for Mường Nhé and Nậm Pồ at 30 m, and a
scenario recomputed for the whole province; each against a naive way run in the same process on a sample,
extrapolated.

Prints figures (not a test).  Run: ``.venv/bin/python bench/bench_resettlement.py [--repeat 2] [--sample
20]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import sys
import time
from pathlib import Path
from typing import NamedTuple

import geopandas as gpd
import networkx as nx
import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import access as acc  # noqa: E402
from analysis.network import build_network  # noqa: E402
from analysis.scenarios import Scenario, apply_scenario, commune_measures, compare_communes  # noqa: E402
from analysis.sites import find_sites  # noqa: E402
from analysis.suitability import compute_suitability  # noqa: E402
from analysis.village_ranking import programme_communes  # noqa: E402
from geo.crs import METRIC_EPSG, to_metric  # noqa: E402
from layers import terrain as illustrative  # noqa: E402
from layers.terrain import DEM_SOURCE  # noqa: E402
from workflows.access import analyse_access  # noqa: E402
from workflows.flags import analyse_flags  # noqa: E402
from workflows.inputs import load_inputs  # noqa: E402
from workflows.resettlement import TerrainChoice, suitability_inputs  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def load() -> str:
    return "load average " + " / ".join(f"{v:.1f}" for v in os.getloadavg())


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


class NaiveWorld(NamedTuple):
    """What the naive per-cell loop reads: the terrain, the road segments and their end nodes, the networkx
    graph, node coordinates, the target node sets and the grid lines."""

    terrain: object
    segments: object
    ends: object
    graph: object
    node_xy: object
    targets: object
    grid_lines: object


def naive_cell(x: float, y: float, world: NaiveWorld) -> tuple:
    """One cell the naive way: slope from its 3×3 window in Python, nearest road by looping over every
    segment, a networkx Dijkstra from the nearest node of that road, the nearest school / health station /
    all-season node by looping over the result, distance to the grid by looping over every line."""
    terrain, segments, ends, graph, node_xy, targets, grid_lines = world
    inv = ~terrain.transform
    col, row = (int(v) for v in inv * (x, y))
    z = terrain.elevation_m
    win = [[float(z[row + i][col + j]) for j in (-1, 0, 1)] for i in (-1, 0, 1)]
    dzdx = ((win[0][2] + 2 * win[1][2] + win[2][2]) - (win[0][0] + 2 * win[1][0] + win[2][0])) / (8 * 30.0)
    dzdy = ((win[2][0] + 2 * win[2][1] + win[2][2]) - (win[0][0] + 2 * win[0][1] + win[0][2])) / (8 * 30.0)
    slope = np.degrees(np.arctan(np.hypot(dzdx, dzdy)))
    point = shapely.Point(x, y)
    best, best_d = None, float("inf")
    for i, line in enumerate(segments):
        d = line.distance(point)
        if d < best_d:
            best, best_d = i, d
    u, v = ends[best]
    start = u if np.hypot(*(node_xy[u] - (x, y))) <= np.hypot(*(node_xy[v] - (x, y))) else v
    lengths = nx.single_source_dijkstra_path_length(graph, start, weight="minutes")
    walk = best_d / 1000.0 / acc.WALK_KMH * 60.0
    out = []
    for nodes in targets:
        out.append(walk + min((lengths[n] for n in nodes if n in lengths), default=float("inf")))
    grid_km = min(line.distance(point) for line in grid_lines) / 1000.0
    return slope, *out, grid_km


def bench_suitability(repeat: int, sample: int) -> None:
    inputs = load_inputs("pre2025")
    terrain, wall, cpu = timed(illustrative.load_illustrative_terrain)
    print(
        f"illustrative DEM generated ({terrain.elevation_m.shape[0]:,} × {terrain.elevation_m.shape[1]:,} "
        f"cells, 30 m): {wall:.2f} s wall, {cpu:.2f} s CPU"
    )
    si = suitability_inputs(inputs, programme_communes(inputs.communes), TerrainChoice(terrain, DEM_SOURCE))
    runs = []
    for _ in range(repeat):
        result, wall_s, cpu_s = timed(lambda: compute_suitability(si))
        sites, wall_t, cpu_t = timed(lambda result=result: find_sites(result))
        runs.append((wall_s + wall_t, cpu_s + cpu_t, wall_s, wall_t))
        print(
            f"  run: suitability {wall_s:.2f} s + sites {wall_t:.2f} s wall; {cpu_s + cpu_t:.2f} s CPU; "
            f"{load()}"
        )
    best = min(runs)
    n_cells = result.cells_in_area
    print(
        f"suitability + sites, Mường Nhé + Nậm Pồ at 30 m: grid {result.grid.height:,} × "
        f"{result.grid.width:,}, {n_cells:,} cells in the communes, {len(result.cells):,} scored, "
        f"{len(sites.table)} sites: best {best[0]:.2f} s wall ({best[1]:.2f} s CPU) of {repeat} (target 10 "
        f"s); peak {peak_mb():.0f} MB"
    )

    # naive: the same criteria for a sample of scored cells, one Python loop per cell
    network = si.network
    seg = network.segments
    weight = acc.edge_minutes(network, "rainy")
    graph = nx.Graph()
    open_idx = np.flatnonzero(np.isfinite(weight))
    for i in open_idx:
        graph.add_edge(int(seg["u"].iloc[i]), int(seg["v"].iloc[i]), minutes=float(weight[i]))
    ends = [(int(seg["u"].iloc[i]), int(seg["v"].iloc[i])) for i in open_idx]
    geoms = list(network.geometry_array[open_idx])
    node_tree = shapely.STRtree(shapely.points(network.node_xy))
    targets = []
    for xy in (si.schools_xy, si.health_xy):
        targets.append(set(int(n) for n in node_tree.nearest(shapely.points(xy))))
    allseason = seg["all_season"].to_numpy(bool) & np.isfinite(weight)
    targets.append(set(seg["u"].to_numpy()[allseason]) | set(seg["v"].to_numpy()[allseason]))
    rng = np.random.default_rng(1)
    pick = rng.choice(len(result.cells), size=sample, replace=False)
    rows, cols = np.unravel_index(result.cells[pick], result.grid.shape)
    xy = result.grid.centres(rows, cols)
    t0 = time.perf_counter()
    for x, y in xy:
        naive_cell(
            x,
            y,
            NaiveWorld(
                terrain=terrain,
                segments=geoms,
                ends=ends,
                graph=graph,
                node_xy=network.node_xy,
                targets=targets,
                grid_lines=list(si.grid_lines),
            ),
        )
    per_cell = (time.perf_counter() - t0) / sample
    naive_s = per_cell * len(result.cells)
    print(
        f"naive per-cell Python loop ({sample} sampled cells, {per_cell * 1000:.1f} ms each), extrapolated "
        f"to {len(result.cells):,} cells: {naive_s:,.0f} s → {naive_s / best[0]:,.0f}× slower"
    )

    # naive sites: one geopandas overlay and one raster mask per site, on a sample of sites
    from rasterio.features import geometry_mask

    table = sites.table
    communes = si.communes
    k = min(sample, len(table))
    t0 = time.perf_counter()
    for geom in table.geometry.iloc[:k]:
        one = gpd.GeoDataFrame(geometry=[geom], crs=METRIC_EPSG)
        parts = gpd.overlay(one, communes[["gso_code", "geometry"]], how="intersection")
        parts.assign(area=parts.area).sort_values("area").iloc[-1]
        mask = geometry_mask(
            [geom], out_shape=result.grid.shape, transform=result.grid.transform, invert=True
        )
        float(np.nanmean(result.score[mask]))
        for column in result.values:
            float(np.nanmean(result.value_grid(column)[mask]))
    per_site = (time.perf_counter() - t0) / k
    print(
        f"naive sites: per-site geopandas overlay + raster masks ({k} sampled sites, {per_site:.2f} s each), "
        f"extrapolated to {len(table)} sites: {per_site * len(table):,.1f} s vs ours {best[3]:.2f} s → "
        f"{per_site * len(table) / best[3]:,.0f}×"
    )


def bench_scenario(repeat: int, sample: int) -> None:
    inputs = load_inputs("pre2025")
    province = to_metric(inputs.layers["province"]).geometry.union_all()
    flags = analyse_flags(inputs).flags
    weakest = [s for s in dict.fromkeys(flags.loc[flags["lacks_allseason_road"], "weakest_segment"]) if s][:5]
    health = gpd.GeoDataFrame(
        {"layer": ["health"], "kind": ["tram_y_te"]}, geometry=[shapely.Point(102.55, 22.2)], crs=4326
    )
    scenario = Scenario("bench", harden_roads=tuple(weakest), facilities=health)

    def measures(inp):
        f = analyse_flags(inp).flags
        runs = {s: analyse_access(inp, season=s) for s in ("dry", "rainy")}
        return commune_measures(
            f, {s: r.communes for s, r in runs.items()}, {s: r.villages for s, r in runs.items()}
        )

    baseline = measures(inputs)

    def once():
        layers = apply_scenario(inputs.layers, scenario, province=province, communes=inputs.communes)
        return compare_communes(baseline, measures(dataclasses.replace(inputs, layers=layers)))

    once()
    times = []
    for _ in range(repeat):
        result, wall, cpu = timed(once)
        times.append((wall, cpu))
    best = min(times)
    print(
        f"scenario recomputation, province (harden {len(weakest)} segments + 1 health station; flags + "
        f"access dry and rainy + comparison of 130 communes): best {best[0]:.2f} s wall ({best[1]:.2f} s "
        f"CPU) of {repeat} (target 2 s); {int(result['flags_changed'].sum())} communes change flags; {load()}"
    )

    # naive: one networkx Dijkstra per origin and season on the scenario's network, on a sample of origins
    layers = apply_scenario(inputs.layers, scenario, province=province, communes=inputs.communes)
    network = build_network(layers["roads"])
    origins = np.vstack(
        [
            shapely.get_coordinates(to_metric(inputs.centres).geometry.to_numpy()),
            shapely.get_coordinates(to_metric(layers["villages"]).geometry.to_numpy()),
        ]
    )
    t0 = time.perf_counter()
    for season in ("dry", "rainy"):
        weight = acc.edge_minutes(network, season)
        graph = nx.Graph()
        seg = network.segments
        for i in np.flatnonzero(np.isfinite(weight)):
            graph.add_edge(int(seg["u"].iloc[i]), int(seg["v"].iloc[i]), minutes=float(weight[i]))
        for x, y in origins[:sample]:
            start = int(np.argmin(np.hypot(*(network.node_xy - (x, y)).T)))
            if start in graph:
                nx.single_source_dijkstra_path_length(graph, start, weight="minutes")
    per_origin = (time.perf_counter() - t0) / (2 * sample)
    naive_s = per_origin * 2 * len(origins)
    print(
        f"naive: one networkx Dijkstra per origin and season ({sample} sampled of {len(origins):,} origins, "
        f"{per_origin * 1000:.1f} ms each), extrapolated: {naive_s:.1f} s → {naive_s / best[0]:.0f}× slower "
        "(and it still lacks the walking links and the flags)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--sample", type=int, default=20)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; {load()}")
    bench_suitability(args.repeat, args.sample)
    bench_scenario(max(args.repeat, 3), args.sample)
    print(f"done; {load()}")


if __name__ == "__main__":
    main()
