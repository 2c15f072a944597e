"""Benchmark of the access analysis: the province on the embedded data, and Vietnam's scale on generated data.

Prints figures (not a test).  Run: ``.venv/bin/python bench/bench_access.py [--sample 20] [--skip-national]``.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from affine import Affine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis import access as acc  # noqa: E402
from analysis.flags import FlagThresholds, flag_communes  # noqa: E402
from analysis.network import build_network  # noqa: E402
from analysis.power_access import grid_distances_km  # noqa: E402
from analysis.rai import rai_from_raster  # noqa: E402
from geo.vocab import SEASONS
from workflows.access import analyse_access  # noqa: E402
from workflows.flags import analyse_flags  # noqa: E402
from workflows.inputs import load_inputs  # noqa: E402

EPSG = 32648
KINDS = (
    "school_mam_non",
    "school_tieu_hoc",
    "school_thcs",
    "school_thpt",
    "health_tram_y_te",
    "health_pkdk_khu_vuc",
    "health_benh_vien_huyen",
    "health_benh_vien_tinh",
)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def bench_province(repeat: int = 5) -> None:
    """Time the flags and the access analysis (dry and rainy) on the embedded data, once loaded."""
    t0 = time.perf_counter()
    inputs = load_inputs("pre2025")
    print(f"province data loaded in {time.perf_counter() - t0:.2f} s")

    def once():
        analyse_flags(inputs, year=2020)
        analyse_access(inputs, season="dry")
        analyse_access(inputs, season="rainy")

    once()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        once()
        times.append(time.perf_counter() - t0)
    print(
        f"province (130 communes, 232 road segments, 606 facilities, 1,225 villages): flags + access dry + "
        f"access rainy, data loaded: best {min(times):.3f} s, median {np.median(times):.3f} s of {repeat} "
        f"(target 0.5 s)"
    )


def generate(
    rng: np.random.Generator,
    *,
    n_communes: int = 10_600,
    n_segments: int = 1_000_000,
    n_facilities: int = 20_000,
    raster: int = 5000,
):
    """Synthetic country, 576 x 576 km in UTM 48N: commune squares, a jittered lattice of roads, facilities,
    population."""
    x0, y0, side = 200_000.0, 1_000_000.0, 576_000.0
    k = int(np.ceil(np.sqrt(n_communes)))
    cell = side / k
    ij = np.array([(i, j) for j in range(k) for i in range(k)])[:n_communes]
    polys = shapely.box(
        x0 + ij[:, 0] * cell, y0 + ij[:, 1] * cell, x0 + (ij[:, 0] + 1) * cell, y0 + (ij[:, 1] + 1) * cell
    )
    district = (ij[:, 0] // 4) * 1000 + ij[:, 1] // 4
    communes = gpd.GeoDataFrame(
        {"unit_id": [f"{i:05d}" for i in range(n_communes)], "district_code": district.astype(str)},
        geometry=polys,
        crs=EPSG,
    )
    centre_xy = np.column_stack(
        [
            x0 + (ij[:, 0] + rng.uniform(0.2, 0.8, n_communes)) * cell,
            y0 + (ij[:, 1] + rng.uniform(0.2, 0.8, n_communes)) * cell,
        ]
    )
    # lattice of nodes, horizontal and vertical edges, ~8 % dropped; n chosen so that ~n_segments remain
    n = int(np.ceil(np.sqrt(n_segments / 2 / 0.92))) + 1
    step = side / (n - 1)
    gx, gy = np.meshgrid(np.arange(n), np.arange(n))
    nodes = (
        np.column_stack([x0 + gx.ravel() * step, y0 + gy.ravel() * step])
        + rng.uniform(-0.2, 0.2, (n * n, 2)) * step
    )
    idx = np.arange(n * n).reshape(n, n)
    pairs = np.vstack(
        [
            np.column_stack([idx[:, :-1].ravel(), idx[:, 1:].ravel()]),
            np.column_stack([idx[:-1, :].ravel(), idx[1:, :].ravel()]),
        ]
    )
    pairs = pairs[rng.random(len(pairs)) > 0.08][:n_segments]
    lines = shapely.linestrings(np.stack([nodes[pairs[:, 0]], nodes[pairs[:, 1]]], axis=1))
    m = len(lines)
    road_class = rng.choice(
        ["national", "provincial", "district", "commune", "track"], m, p=[0.03, 0.07, 0.2, 0.5, 0.2]
    )
    surface = rng.choice(["asphalt", "concrete", "gravel", "earth"], m, p=[0.3, 0.3, 0.25, 0.15])
    # remote zones (a smooth field) have all-season roads only on national/provincial roads: the RAI varies
    mid = (nodes[pairs[:, 0]] + nodes[pairs[:, 1]]) / 2
    u, v = (mid[:, 0] - x0) / side, (mid[:, 1] - y0) / side
    remote = np.sin(7 * u) * np.cos(5 * v) + 0.3 * np.sin(23 * u + 11 * v) > 0.35
    all_season = (np.isin(surface, ["asphalt", "concrete"]) | (rng.random(m) < 0.5)) & (rng.random(m) < 0.97)
    all_season &= ~remote | ((road_class == "national") & (rng.random(m) < 0.3))
    ford = (~all_season) & (rng.random(m) < 0.05)
    roads = gpd.GeoDataFrame(
        {
            "road_id": np.char.add("R", np.arange(m).astype(str)),
            "road_class": road_class,
            "surface": surface,
            "all_season": all_season,
            "has_ford_or_unbridged": ford,
        },
        geometry=lines,
        crs=EPSG,
    )
    fac_xy = np.column_stack(
        [rng.uniform(x0, x0 + side, n_facilities), rng.uniform(y0, y0 + side, n_facilities)]
    )
    fac_kind = rng.choice(KINDS, n_facilities, p=[0.3, 0.3, 0.15, 0.05, 0.15, 0.02, 0.02, 0.01])
    district_codes = np.unique(district)
    seat = pd.Series(np.arange(n_communes)).groupby(district).first()
    district_xy = {str(c): tuple(centre_xy[seat[c]]) for c in district_codes}
    grid_lines = shapely.linestrings(
        np.stack([centre_xy[:5000], centre_xy[:5000] + rng.normal(0, 3000, (5000, 2))], axis=1)
    )
    grid = gpd.GeoDataFrame(
        {"voltage_kv": rng.choice([22.0, 35.0, 110.0], 5000)}, geometry=grid_lines, crs=EPSG
    )
    px = side / raster
    yy = np.linspace(0, 1, raster, dtype=np.float32)[:, None]
    xx = np.linspace(0, 1, raster, dtype=np.float32)[None, :]
    pop = rng.gamma(0.6, 4.0, (raster, raster)).astype(np.float32) * (1.0 + np.sin(6 * xx) * np.cos(5 * yy))
    transform = Affine(px, 0, x0, 0, -px, y0 + side)
    return communes, centre_xy, roads, fac_xy, fac_kind, district_xy, grid, pop, transform


def full_analysis(data: tuple) -> dict:
    """Everything the app computes per commune, at national scale, on what :func:`generate` returned; returns
    step timings."""
    communes, centre_xy, roads, fac_xy, fac_kind, district_xy, grid, pop, transform = data
    steps = {}
    t = time.perf_counter()
    network = build_network(roads)
    steps["network"] = time.perf_counter() - t
    district = communes["district_code"].to_numpy()
    t = time.perf_counter()
    conn = acc.allseason_connection(network, centre_xy, district, district_xy)
    steps["all-season connection"] = time.perf_counter() - t
    routes, services = {}, {}
    for season in SEASONS:
        t = time.perf_counter()
        routes[season] = acc.district_centre_access(network, centre_xy, district, district_xy, season=season)
        steps[f"district routes {season}"] = time.perf_counter() - t
        t = time.perf_counter()
        services[season] = acc.service_access(
            network, centre_xy, fac_xy, fac_kind, season=season, kinds=KINDS
        )
        steps[f"services {season}"] = time.perf_counter() - t
    t = time.perf_counter()
    gdist = grid_distances_km(gpd.GeoSeries(shapely.points(centre_xy), crs=EPSG), grid, None)
    steps["grid distances"] = time.perf_counter() - t
    t = time.perf_counter()
    allseason = np.asarray(network.segments.geometry.values)[network.segments["all_season"].to_numpy(bool)]
    rai = rai_from_raster(pop, transform, np.asarray(communes.geometry.values), allseason, epsg=EPSG)
    steps["RAI + population (raster, exactextract)"] = time.perf_counter() - t
    t = time.perf_counter()
    road = conn.copy()
    road["minutes_to_district_dry"] = routes["dry"]["minutes"].to_numpy()
    survey = pd.DataFrame(
        {"allseason_road_to_centre": True, "grid_connected": True, "hh_grid_power_pct": 90.0},
        index=communes["unit_id"],
    )
    frame = communes.assign(gso_code=communes["unit_id"], commune=communes["unit_id"], district=district)
    centres = gpd.GeoDataFrame(
        {"unit_id": communes["unit_id"], "centre_source": "ubnd"},
        geometry=shapely.points(centre_xy),
        crs=EPSG,
    )
    flags = flag_communes(frame, centres, road, gdist, survey, thresholds=FlagThresholds())
    times = services["dry"].assign(district=district, population=rai["population"].to_numpy())
    acc.population_summary(
        times, group="district", population="population", minutes=[f"{k}_min" for k in KINDS], within_min=60.0
    )
    steps["flags + population summaries"] = time.perf_counter() - t
    reached = int(routes["dry"]["minutes"].notna().sum())
    steps["_check"] = (len(flags), reached, float(np.nanmean(rai["rai_share"])))
    return steps


def baseline(communes, centre_xy, roads, fac_xy, fac_kind, pop, transform, sample: np.ndarray) -> float:
    """Plain geopandas, one commune at a time: buffers, overlays and distances (proximity only, no
    routing)."""
    from rasterio.features import geometry_mask

    allseason = roads[roads["all_season"]]
    facilities = gpd.GeoDataFrame({"kind": fac_kind}, geometry=shapely.points(fac_xy), crs=EPSG)
    t = time.perf_counter()
    for i in sample:
        commune = communes.iloc[[i]]
        centre = shapely.Point(centre_xy[i])
        _ = allseason.distance(centre).min()
        for kind in KINDS:
            sel = facilities[facilities["kind"] == kind]
            _ = sel.distance(centre).min()
        minx, miny, maxx, maxy = commune.total_bounds
        nearby = allseason.cx[minx - 2000 : maxx + 2000, miny - 2000 : maxy + 2000]
        near = gpd.GeoDataFrame(geometry=[nearby.geometry.buffer(2000).union_all()], crs=EPSG)
        covered = gpd.overlay(commune, near, how="intersection")
        c0, r0 = (minx - transform.c) / transform.a, (maxy - transform.f) / transform.e
        c1, r1 = (maxx - transform.c) / transform.a, (miny - transform.f) / transform.e
        r0, c0, r1, c1 = int(r0), int(c0), int(np.ceil(r1)), int(np.ceil(c1))
        window = pop[r0:r1, c0:c1]
        wt = Affine(
            transform.a, 0, transform.c + c0 * transform.a, 0, transform.e, transform.f + r0 * transform.e
        )
        total = window[~geometry_mask(commune.geometry, window.shape, wt)].sum()
        within = window[~geometry_mask(covered.geometry, window.shape, wt)].sum() if len(covered) else 0.0
        _ = within / total if total else None
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=50, help="communes run by the baseline (extrapolated)")
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args()
    print(f"machine: {__import__('os').cpu_count()} CPU; python {sys.version.split()[0]}")
    bench_province()
    print(f"peak memory after the province: {peak_mb():,.0f} MB")
    if args.skip_national:
        return
    rng = np.random.default_rng(2016)
    t = time.perf_counter()
    data = generate(rng)
    communes, centre_xy, roads, fac_xy, fac_kind, district_xy, grid, pop, transform = data
    print(
        f"generated in {time.perf_counter() - t:.1f} s: {len(communes):,} communes, {len(district_xy):,} "
        f"districts, {len(roads):,} road segments, {len(fac_xy):,} facilities, population raster "
        f"{pop.shape[1]:,} x {pop.shape[0]:,}; peak memory {peak_mb():,.0f} MB"
    )
    t = time.perf_counter()
    steps = full_analysis(data)
    ours = time.perf_counter() - t
    mem_ours = peak_mb()
    check = steps.pop("_check")
    for name, seconds in steps.items():
        print(f"  {name:<42} {seconds:7.2f} s")
    print(
        f"full analysis (network, all-season connection, district routes and 8 services in both seasons, "
        f"grid, RAI, flags, summaries): {ours:.1f} s (target 60 s); peak memory {mem_ours:,.0f} MB (target "
        f"4,096 MB)"
    )
    print(
        f"  check: {check[0]:,} communes flagged/evaluated, {check[1]:,} reach their district centre in the "
        f"dry season, mean commune RAI {check[2]:.3f}"
    )
    sample = rng.choice(len(communes), size=args.sample, replace=False)
    base = baseline(communes, centre_xy, roads, fac_xy, fac_kind, pop, transform, sample)
    per = base / len(sample)
    extrapolated = per * len(communes)
    print(
        f"baseline (plain geopandas loop over communes: distance to every all-season road, to every facility "
        f"of each of 8 kinds, 2 km buffer of the nearby all-season roads + overlay with the commune + raster "
        f"mask for the RAI; proximity only, no routing): {base:.1f} s for {len(sample)} sampled communes = "
        f"{per:.2f} s per commune, extrapolated linearly to {len(communes):,} communes: {extrapolated:,.0f} s"
    )
    print(f"ratio baseline / ours: {extrapolated / ours:,.0f}x (target >= 10x; the baseline does less work)")
    print(f"peak memory of the whole benchmark process: {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
