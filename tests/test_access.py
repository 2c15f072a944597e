"""analysis.access: seasonal speeds, routes to the district centre, nearest services, walking, population
summaries.

Every expected value is worked out by hand in the comments (speeds from analysis.access tables).
"""

from __future__ import annotations

import math
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from affine import Affine
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, box

from analysis.access import (
    Dem,
    allseason_connection,
    district_centre_access,
    edge_minutes,
    facilities_outside,
    finite_or_none,
    network_links,
    population_summary,
    road_speeds_kmh,
    service_access,
    tobler_kmh,
    walk_minutes,
)
from analysis.network import build_network, edge_components
from workflows.access import analyse_access
from workflows.measures import district_centre_xy

EPSG = 32648
D = (0.0, 0.0)  # district centre
C = (6000.0, 0.0)  # commune centre at the far end of the ford road


def net(extra=()):
    """R1 asphalt district 3 km all-season; R2 earth commune 3 km with a ford (not all-season);
    R3+R4 gravel commune all-season detour 2 x 2.5 km (3-4-5 triangles)."""
    rows = [
        ("R1", [(0, 0), (3000, 0)], "district", "asphalt", True, False),
        ("R2", [(3000, 0), (6000, 0)], "commune", "earth", False, True),
        ("R3", [(3000, 0), (4500, 2000)], "commune", "gravel", True, False),
        ("R4", [(4500, 2000), (6000, 0)], "commune", "gravel", True, False),
        *extra,
    ]
    return rows_network(rows)


def rows_network(rows):
    """The network of rows (road_id, coordinates, class, surface, all-season, ford)."""
    frame = gpd.GeoDataFrame(
        {
            "road_id": [r[0] for r in rows],
            "road_class": [r[2] for r in rows],
            "surface": [r[3] for r in rows],
            "all_season": [r[4] for r in rows],
            "has_ford_or_unbridged": [r[5] for r in rows],
        },
        geometry=[LineString(r[1]) for r in rows],
        crs=EPSG,
    )
    return build_network(frame)


# --- the README's speed table, every surface x class x season x all-season x ford
# ------------------------------------

#: README "Road speeds": surface speed dry/rainy in km/h (unknown surface = earth) and class maximum (unknown
#: class 30), spelled here as the README states them, not read from analysis.access.
README_SURFACE_KMH = {
    "asphalt": (50, 45),
    "concrete": (40, 36),
    "gravel": (30, 20),
    "earth": (20, 10),
    "unknown": (20, 10),
    "đá hộc": (20, 10),
}
README_CLASS_KMH = {
    "national": 60,
    "provincial": 50,
    "district": 40,
    "commune": 30,
    "track": 15,
    "unknown": 30,
    "lối mòn": 30,
}


def readme_speed(surface: str, road_class: str, season: str, all_season: bool, ford: bool) -> float:
    """The README's rule, written out: 0 = closed."""
    dry, rainy = README_SURFACE_KMH[surface]
    cap = README_CLASS_KMH[road_class]
    if season == "dry":
        return min(dry, cap)
    earth = README_SURFACE_KMH[surface] == README_SURFACE_KMH["earth"]
    if ford or (earth and not all_season):
        return 0.0
    return min(rainy, cap) if all_season else min(rainy, cap) / 2


SPEED_CASES = [
    (surface, road_class, all_season, ford)
    for surface in README_SURFACE_KMH
    for road_class in README_CLASS_KMH
    for all_season in (True, False)
    for ford in (False, True)
]


def speed_table_network():
    """One 1 km segment per combination, each on its own line 100 m from the next (joined to nothing)."""
    frame = gpd.GeoDataFrame(
        {
            "road_id": [f"S{i}" for i in range(len(SPEED_CASES))],
            "surface": [c[0] for c in SPEED_CASES],
            "road_class": [c[1] for c in SPEED_CASES],
            "all_season": [c[2] for c in SPEED_CASES],
            "has_ford_or_unbridged": [c[3] for c in SPEED_CASES],
        },
        geometry=[LineString([(0, 100 * i), (1000, 100 * i)]) for i in range(len(SPEED_CASES))],
        crs=EPSG,
    )
    return build_network(frame)


@pytest.mark.parametrize("season", ["dry", "rainy"])
def test_every_speed_of_the_readme_table(season):
    network = speed_table_network()
    speeds = road_speeds_kmh(network.segments, season)
    expected = [readme_speed(*case[:2], season, *case[2:]) for case in SPEED_CASES]
    wrong = [
        (case, got, want)
        for case, got, want in zip(SPEED_CASES, speeds, expected, strict=True)
        if got != want
    ]
    assert not wrong, wrong[:10]
    # driving time on each 1 km segment = 60 / speed minutes, closed = inf
    minutes = edge_minutes(network, season)
    assert minutes == pytest.approx([60.0 / v if v else math.inf for v in expected])


@pytest.mark.parametrize(
    ("surface", "road_class", "season", "all_season", "ford", "kmh"),
    [
        # the README's own examples and the places where the class cap and the surface speed meet
        ("gravel", "commune", "rainy", False, False, 10.0),  # min(20, 30) / 2
        ("asphalt", "track", "rainy", False, False, 7.5),  # min(45, 15) / 2
        ("asphalt", "national", "dry", True, False, 50.0),  # the surface decides: 50 < 60
        ("asphalt", "national", "rainy", True, False, 45.0),
        ("concrete", "provincial", "dry", False, True, 40.0),  # a ford is open in the dry season
        # and closes even an all-season road in the rain
        (
            "concrete",
            "provincial",
            "rainy",
            True,
            True,
            0.0,
        ),
        ("gravel", "national", "dry", True, False, 30.0),
        ("earth", "national", "rainy", True, False, 10.0),  # an all-season earth road stays open
        ("earth", "national", "rainy", False, False, 0.0),
        ("unknown", "unknown", "dry", False, False, 20.0),  # unknown surface = earth, unknown class = 30
        ("unknown", "unknown", "rainy", False, False, 0.0),
        ("concrete", "district", "rainy", False, False, 18.0),  # min(36, 40) / 2
    ],
)
def test_speed_examples_worked_by_hand(surface, road_class, season, all_season, ford, kmh):
    segment = pd.DataFrame(
        {
            "surface": [surface],
            "road_class": [road_class],
            "all_season": [all_season],
            "has_ford_or_unbridged": [ford],
        }
    )
    assert road_speeds_kmh(segment, season)[0] == kmh


def test_unknown_season_is_refused():
    with pytest.raises(ValueError, match="season"):
        road_speeds_kmh(
            pd.DataFrame(
                {
                    "surface": ["gravel"],
                    "road_class": ["commune"],
                    "all_season": [True],
                    "has_ford_or_unbridged": [False],
                }
            ),
            "monsoon",
        )


def test_edge_minutes_by_season():
    minutes_dry = edge_minutes(net(), "dry")
    minutes_rainy = edge_minutes(net(), "rainy")
    # R1: min(asphalt 50, district 40) = 40 km/h -> 3 km = 4.5 min, both seasons (rainy min(45, 40))
    # R2: dry min(earth 20, commune 30) = 20 km/h -> 9 min; rainy: ford -> closed
    # R3/R4: 2.5 km gravel: dry 30 km/h -> 5 min; rainy 20 km/h -> 7.5 min
    assert minutes_dry == pytest.approx([4.5, 9.0, 5.0, 5.0])
    assert minutes_rainy[[0, 2, 3]] == pytest.approx([4.5, 7.5, 7.5])
    assert np.isinf(minutes_rainy[1])


def test_route_to_district_centre_ford_closes_in_rainy_season():
    network = net()
    dry = district_centre_access(network, np.array([C]), np.array(["D1"]), {"D1": D}, season="dry")
    rainy = district_centre_access(network, np.array([C]), np.array(["D1"]), {"D1": D}, season="rainy")
    # dry: R2 + R1 = 9 + 4.5 = 13.5 min over 6 km; the first non-all-season segment from the centre is R2
    assert dry.at[0, "minutes"] == pytest.approx(13.5)
    assert dry.at[0, "network_km"] == pytest.approx(6.0)
    assert (dry.at[0, "weakest_segment"], dry.at[0, "weakest_class"], dry.at[0, "weakest_surface"]) == (
        "R2",
        "commune",
        "earth",
    )
    assert dry.at[0, "route_all_season"] is False or dry.at[0, "route_all_season"] == False  # noqa: E712
    # rainy: R2 closed -> R4 + R3 + R1 = 7.5 + 7.5 + 4.5 = 19.5 min over 8 km, all-season
    assert rainy.at[0, "minutes"] == pytest.approx(19.5)
    assert rainy.at[0, "network_km"] == pytest.approx(8.0)
    assert rainy.at[0, "weakest_segment"] == ""
    assert bool(rainy.at[0, "route_all_season"])


def test_hardened_segment_connected_to_nothing_does_not_count():
    # R5: concrete all-season piece 300 m south of the centre C2, connected to nothing
    network = net(extra=[("R5", [(-1000, -3300), (1000, -3300)], "commune", "concrete", True, False)])
    c2 = np.array([[0.0, -3000.0]])
    conn = allseason_connection(network, c2, np.array(["D1"]), {"D1": D})
    assert conn.at[0, "dist_allseason_m"] == pytest.approx(300.0)
    # nearest all-season road joined to the district centre: R1 at (0, 0), 3 km away
    assert conn.at[0, "dist_connected_m"] == pytest.approx(3000.0)
    # travel: the isolated piece leads nowhere; walk 3 km to the main network at 4 km/h = 45 min, R1 at (0,0)
    # = D
    route = district_centre_access(network, c2, np.array(["D1"]), {"D1": D}, season="dry")
    assert route.at[0, "minutes"] == pytest.approx(45.0)
    assert route.at[0, "network_km"] == pytest.approx(0.0, abs=1e-9)
    assert route.at[0, "walk_m"] == pytest.approx(3000.0)
    assert route.at[0, "snap_m"] == pytest.approx(300.0)


def test_point_exactly_on_a_segment_has_no_walk():
    network = net()
    route = district_centre_access(
        network, np.array([[1500.0, 0.0]]), np.array(["D1"]), {"D1": D}, season="dry"
    )
    # 1.5 km of R1 at 40 km/h = 2.25 min
    assert route.at[0, "snap_m"] == 0.0
    assert route.at[0, "minutes"] == pytest.approx(2.25)
    assert route.at[0, "network_km"] == pytest.approx(1.5)


def test_off_network_walk_straight_line_at_4_kmh_labelled():
    network = net()
    times = service_access(
        network,
        np.array([[1500.0, 300.0]]),
        np.array([D]),
        np.array(["health_tram_y_te"]),
        season="dry",
        kinds=("health_tram_y_te",),
    )
    # walk 300 m to R1 = 4.5 min, drive 1.5 km at 40 km/h = 2.25 min -> 6.75 min; walking straight 1.53 km =
    # 22.9 min
    assert times.at[0, "health_tram_y_te_min"] == pytest.approx(6.75)
    assert times.at[0, "health_tram_y_te_via"] == "road"
    assert times.at[0, "walk_method"] == "straight_4kmh"
    assert times.at[0, "snap_m"] == pytest.approx(300.0)


def test_walking_straight_wins_when_quicker():
    network = net()
    # facility 200 m north of the origin, origin 1 km north of R1: straight 200 m = 3 min
    times = service_access(
        network,
        np.array([[1500.0, 1000.0]]),
        np.array([[1500.0, 1200.0]]),
        np.array(["school_thcs"]),
        season="dry",
        kinds=("school_thcs",),
    )
    assert times.at[0, "school_thcs_min"] == pytest.approx(3.0)
    assert times.at[0, "school_thcs_via"] == "walk"


def test_nearest_facility_may_be_across_a_district_border():
    network = net()
    # own district's station at D (13.5 min dry from C); the other district's at (6000, 100), just across the
    # border. It is 60 m from R4 (3-4-5 triangle: (0, 100) . (0.8, 0.6)) and 80 m along it from C: drive 80 m
    # at 30 km/h = 0.16 min + walk 60 m at 4 km/h = 0.9 min -> 1.06 min (walking straight 100 m would take 1.5
    # min)
    facilities = np.array([D, (6000.0, 100.0)])
    times = service_access(
        network,
        np.array([C]),
        facilities,
        np.array(["health_tram_y_te"] * 2),
        season="dry",
        kinds=("health_tram_y_te",),
    )
    assert times.at[0, "health_tram_y_te_facility"] == 1
    assert times.at[0, "health_tram_y_te_min"] == pytest.approx(1.06)
    assert times.at[0, "health_tram_y_te_via"] == "road"


def test_service_kind_with_no_facility_is_nan_not_a_number():
    times = service_access(
        net(),
        np.array([C]),
        np.zeros((0, 2)),
        np.array([], dtype=object),
        season="rainy",
        kinds=("school_thpt",),
    )
    assert np.isnan(times.at[0, "school_thpt_min"])
    assert times.at[0, "school_thpt_facility"] == -1


def test_empty_network_gives_walking_or_nothing():
    empty = build_network(gpd.GeoDataFrame({"road_id": []}, geometry=[], crs=EPSG))
    times = service_access(
        empty,
        np.array([[0.0, 0.0]]),
        np.array([[400.0, 0.0]]),
        np.array(["school_mam_non"]),
        season="dry",
        kinds=("school_mam_non",),
    )
    # no road: walk 400 m straight at 4 km/h = 6 min
    assert times.at[0, "school_mam_non_min"] == pytest.approx(6.0)
    # no road to the district centre either: walk 6 km straight = 90 min; an unknown district centre: no time
    # at all
    route = district_centre_access(empty, np.array([C, C]), np.array(["D1", "D9"]), {"D1": D}, season="dry")
    assert route.at[0, "minutes"] == pytest.approx(90.0) and route.at[0, "via"] == "walk"
    assert route.at[0, "network_km"] == 0.0 and route.at[0, "walk_m"] == pytest.approx(6000.0)
    assert (
        np.isnan(route.at[1, "minutes"])
        and route.at[1, "route_all_season"] is None
        and route.at[1, "via"] == ""
    )
    conn = allseason_connection(empty, np.array([C]), np.array(["D1"]), {"D1": D})
    assert conn.isna().all(axis=None)


def test_tobler_walk_over_a_dem_plane():
    # plane rising 10 % to the east, 125 m cells: walking 1 km east climbs at slope 0.1 Tobler: 6 * exp(-3.5 *
    # |0.1 + 0.05|) = 3.5495 km/h -> 1 km in 16.904 min; downhill slope -0.1: 6*exp(-0.175)
    cols = np.arange(40)
    elevation = np.tile(0.1 * (cols * 125.0 + 62.5), (10, 1))
    dem = Dem(elevation, Affine(125.0, 0, 0, 0, -125.0, 1250.0))
    minutes, method = walk_minutes(
        np.array([[62.5, 600.0], [1062.5, 600.0]]), np.array([[1062.5, 600.0], [62.5, 600.0]]), dem=dem
    )
    assert minutes[0] == pytest.approx(60.0 / (6 * math.exp(-3.5 * 0.15)))
    assert minutes[0] == pytest.approx(16.904, abs=1e-3)
    assert minutes[1] == pytest.approx(60.0 / (6 * math.exp(-3.5 * 0.05)))
    assert list(method) == ["tobler", "tobler"]
    # a leg leaving the DEM falls back to the flat walk and says so: 1 km at 4 km/h = 15 min
    out, how = walk_minutes(np.array([[62.5, 600.0]]), np.array([[62.5, 5000.0]]), dem=dem)
    assert how[0] == "straight_4kmh" and out[0] == pytest.approx(4400.0 / 1000 / 4 * 60)


def test_population_summary_by_hand():
    times = pd.DataFrame(
        {"unit": ["A", "A", "A", "B"], "pop": [100, 300, 100, 50], "x_min": [10.0, 30.0, np.nan, 5.0]}
    )
    out = population_summary(times, group="unit", population="pop", minutes=["x_min"], within_min=20.0)
    # A: mean over reachable (100*10 + 300*30) / 400 = 25; within 20 min: 100 of 500 = 0.2; unreachable 100
    assert out.loc["A", "x_min_popmean"] == pytest.approx(25.0)
    assert out.loc["A", "x_min_share_within"] == pytest.approx(0.2)
    assert out.loc["A", "x_min_pop_unreachable"] == 100
    assert out.loc["B", "x_min_share_within"] == pytest.approx(1.0)


def test_facility_outside_the_province_kept_or_dropped_with_a_note():
    province = box(0, 0, 10_000, 10_000)
    keep, notes = facilities_outside(
        np.array([[5000.0, 5000.0], [10_500.0, 5000.0], [60_000.0, 5000.0]]),
        np.array(["F1", "F2", "F3"]),
        province,
    )
    assert list(keep) == [True, True, False]
    assert "F2" in notes[0].en and "kept" in notes[0].en and "0.5 km" in notes[0].en
    assert "F3" in notes[1].en and "left out" in notes[1].en
    assert Point(0, 0).within(province) is False  # sanity of the fixture: the border point is on the boundary


def _province_grid(value: float, cell_m: float = 1000.0):
    from geo.crs import to_metric
    from geo.rasters import RasterLayer
    from layers import boundaries

    minx, miny, maxx, maxy = to_metric(boundaries.load_province()).total_bounds
    w, h = int((maxx - minx) // cell_m) + 2, int((maxy - miny) // cell_m) + 2
    return RasterLayer(
        kind="grid",
        array=np.full((h, w), value),
        transform=Affine(cell_m, 0, minx - cell_m, 0, -cell_m, maxy + cell_m),
    )


def test_project_dem_switches_walking_to_tobler_and_says_so(analysis_inputs):
    inputs = analysis_inputs
    flat = analyse_access(inputs, season="dry")
    with_dem = analyse_access(replace(inputs, rasters={"dem": _province_grid(500.0)}), season="dry")
    assert set(flat.communes["walk_method"]) == {"straight_4kmh"} and "4 km/h" in flat.method_en
    assert set(with_dem.communes["walk_method"]) == {"tobler"} and "Tobler" in with_dem.method_en
    # on flat ground Tobler walks at 6 * exp(-0.175) = 5.04 km/h > 4 km/h: never slower, faster wherever
    # anyone walks
    a = flat.communes["health_tram_y_te_min"].to_numpy()
    b = with_dem.communes["health_tram_y_te_min"].to_numpy()
    assert (b <= a + 1e-9).all() and (b < a - 1e-6).any()


def test_dem_in_another_crs_is_not_used_and_said(analysis_inputs):
    dem = _province_grid(500.0)
    dem.crs = "EPSG:4326"
    run = analyse_access(replace(analysis_inputs, rasters={"dem": dem}), season="dry")
    assert set(run.communes["walk_method"]) == {"straight_4kmh"}
    assert any("not in UTM 48N" in n.en for n in run.notes)


def random_network(rng: np.random.Generator, n: int = 5, step: float = 1000.0):
    """A jittered n x n lattice with ~35 % of its edges dropped (so it falls into pieces), random class,
    surface, all-season flag and fords."""
    nodes = np.array([(i * step, j * step) for j in range(n) for i in range(n)]) + rng.uniform(
        -200, 200, (n * n, 2)
    )
    pairs = [(j * n + i, j * n + i + 1) for j in range(n) for i in range(n - 1)] + [
        (j * n + i, (j + 1) * n + i) for j in range(n - 1) for i in range(n)
    ]
    keep = rng.random(len(pairs)) < 0.65
    keep[rng.integers(len(pairs))] = True
    pairs = [p for p, k in zip(pairs, keep, strict=True) if k]
    m = len(pairs)
    frame = gpd.GeoDataFrame(
        {
            "road_id": [f"R{i}" for i in range(m)],
            "road_class": rng.choice(["national", "district", "commune", "track"], m),
            "surface": rng.choice(["asphalt", "concrete", "gravel", "earth"], m),
            "all_season": rng.random(m) < 0.6,
            "has_ford_or_unbridged": rng.random(m) < 0.1,
        },
        geometry=[LineString([nodes[a], nodes[b]]) for a, b in pairs],
        crs=EPSG,
    )
    return build_network(frame)


def test_travel_time_properties_on_random_networks():
    """On random small networks that fall into pieces, with points up to 3 km off the roads: every trip walks
    at most twice, at its ends; a point's time is the same routed alone or with all the others; never above
    walking straight; never faster in the rainy season.  The counters prove the examples reached these
    checks with trips by road."""
    seen = {"road trips": 0, "walking wins": 0, "networks in pieces": 0, "trips with a second link": 0}

    n = max(5, settings.default.max_examples // 4)

    @settings(max_examples=n)
    @given(seed=st.integers(0, 2**32 - 1))
    def check(seed):
        rng = np.random.default_rng(seed)
        network = random_network(rng)
        seen["networks in pieces"] += int(
            len(set(edge_components(network, np.ones(len(network.segments), bool)))) > 1
        )
        origins = rng.uniform(-3000, 7000, (8, 2))
        facilities = rng.uniform(-3000, 7000, (4, 2))
        kinds = np.array(["k", "k", "j", "j"], dtype=object)
        district = np.array(["D1"] * 4 + ["D2"] * 4, dtype=object)
        centres = {"D1": tuple(facilities[0]), "D2": tuple(facilities[2])}
        target = facilities[[0] * 4 + [2] * 4]
        alone_checked = [int(rng.integers(0, 4)), int(rng.integers(4, 8))]
        straight_to_centre = np.hypot(*(origins - target).T) / 1000 / 4 * 60
        straight = {
            k: np.hypot(*(origins[:, None] - facilities[kinds == k][None]).transpose(2, 0, 1)).min(axis=1)
            / 1000
            / 4
            * 60
            for k in ("k", "j")
        }
        times, routes = {}, {}
        for season in ("dry", "rainy"):
            times[season] = service_access(
                network, origins, facilities, kinds, season=season, kinds=("k", "j")
            )
            routes[season] = district_centre_access(network, origins, district, centres, season=season)
            route = routes[season]
            # never above walking straight (so never missing: walking straight is always possible), and
            # nothing is faster than 60 km/h as the crow flies
            assert (route["minutes"] <= straight_to_centre + 1e-6).all()
            assert (route["minutes"] >= straight_to_centre * 4 / 60 - 1e-6).all()
            for k in ("k", "j"):
                assert (times[season][f"{k}_min"] <= straight[k] + 1e-6).all()
            # at most two walking legs, at the ends: the walked length is one link of the origin plus one link
            # of the district centre (each point's links: analysis.access.network_links)
            ends = network_links(network, np.vstack([origins, facilities[[0, 2]]]), season=season)
            link_m = np.column_stack([np.where(sn.edge >= 0, sn.distance_m, np.nan) for sn in ends])
            for i in np.flatnonzero(route["via"] == "road"):
                d = 8 + (0 if district[i] == "D1" else 1)
                legs = link_m[i][:, None] + link_m[d][None, :]
                assert np.nanmin(np.abs(legs - route.at[i, "walk_m"])) < 1e-6
                seen["road trips"] += 1
                seen["trips with a second link"] += int(np.isfinite(link_m[i][1:]).any())
            seen["walking wins"] += int((route["via"] == "walk").sum())
            # alone or with the others: the same time
            for i in alone_checked:
                alone = district_centre_access(network, origins[[i]], district[[i]], centres, season=season)
                assert alone.at[0, "minutes"] == pytest.approx(route.at[i, "minutes"], rel=1e-9, abs=1e-9)
                one = service_access(
                    network, origins[[i]], facilities, kinds, season=season, kinds=("k", "j")
                )
                for k in ("k", "j"):
                    assert one.at[0, f"{k}_min"] == pytest.approx(
                        times[season].at[i, f"{k}_min"], rel=1e-9, abs=1e-9
                    )
        # rainy never faster than dry
        assert (routes["rainy"]["minutes"] >= routes["dry"]["minutes"] - 1e-6).all()
        for k in ("k", "j"):
            assert (times["rainy"][f"{k}_min"] >= times["dry"][f"{k}_min"] - 1e-6).all()

    check()
    assert seen["road trips"] >= 4 * n and seen["walking wins"] >= n // 3, seen
    # random networks: about one in six falls into pieces (4 of 25 seen); each check was reached several times
    assert seen["networks in pieces"] >= max(1, n // 10) and seen["trips with a second link"] >= n // 2, seen


def test_isolated_piece_escapes_only_on_its_own_legs():
    """The shape of Mường Lói and Mường Nhà in the rainy season: both centres sit on a piece of road joined to
    nothing; each may walk to the main network, but Mường Lói must not drive to Mường Nhà's point and walk
    on along Mường Nhà's (shorter) link — that would be a walk in the middle of its trip."""
    main = ("R1", [(0, 0), (12000, 0)], "district", "asphalt", True, False)  # 12 km at 40 km/h = 18 min
    # 10 km, joined to nothing
    piece = (
        "P1",
        [(20000, 6000), (28000, 12000)],
        "commune",
        "gravel",
        True,
        False,
    )
    rows = [main, piece]
    frame = gpd.GeoDataFrame(
        {
            "road_id": [r[0] for r in rows],
            "road_class": [r[2] for r in rows],
            "surface": [r[3] for r in rows],
            "all_season": [r[4] for r in rows],
            "has_ford_or_unbridged": [r[5] for r in rows],
        },
        geometry=[LineString(r[1]) for r in rows],
        crs=EPSG,
    )
    network = build_network(frame)
    loi, nha = (28000.0, 12000.0), (20000.0, 6000.0)
    both = np.array([loi, nha])
    # Mường Lói: walk 20 km (16-12-20 triangle) to the end of R1 at (12000, 0) = 300 min + 18 min driving =
    # 318 min (walking straight 30.46 km would take 456.9 min). The forbidden shortcut: drive the piece 20
    # min, walk Mường Nhà's 10 km link 150 min, drive 18 min = 188 min. Mường Nhà: walk 10 km (8-6-10
    # triangle) = 150 min + 18 min = 168 min.
    for xy, expected in ((np.array([loi]), [318.0]), (both, [318.0, 168.0])):
        route = district_centre_access(
            network, xy, np.array(["D"] * len(xy)), {"D": (0.0, 0.0)}, season="dry"
        )
        assert route["minutes"].tolist() == pytest.approx(expected)
        assert route.at[0, "walk_m"] == pytest.approx(20000.0) and route.at[0, "network_km"] == pytest.approx(
            12.0
        )
        times = service_access(
            network,
            xy,
            np.array([[0.0, 0.0]]),
            np.array(["health_tram_y_te"]),
            season="dry",
            kinds=("health_tram_y_te",),
        )
        assert times["health_tram_y_te_min"].tolist() == pytest.approx(expected)


def test_walking_straight_to_the_district_centre_when_quicker():
    network = net()
    # (1000, 2000): walk 2 km to (1000, 0) = 30 min + 1 km of R1 at 40 km/h = 1.5 min -> 31.5 min by road;
    # straight sqrt(5) km = 33.5 min.  (200, 1200): road 1.2 km walk (18 min) + 0.2 km of R1 (0.3 min) = 18.3
    # min; straight 1.2166 km = 18.25 min -> walking wins, nothing driven.
    xy = np.array([[1000.0, 2000.0], [200.0, 1200.0]])
    route = district_centre_access(network, xy, np.array(["D1"] * 2), {"D1": D}, season="dry")
    assert route["minutes"].tolist() == pytest.approx([31.5, math.hypot(200, 1200) / 1000 / 4 * 60])
    assert route["via"].tolist() == ["road", "walk"]
    assert route.at[0, "network_km"] == pytest.approx(1.0) and route.at[0, "walk_m"] == pytest.approx(2000.0)
    assert route.at[1, "network_km"] == 0.0 and route.at[1, "walk_m"] == pytest.approx(math.hypot(200, 1200))
    assert route.at[1, "weakest_segment"] == "" and route.at[1, "route_all_season"] is False


@pytest.mark.parametrize("season", ["dry", "rainy"])
def test_a_commune_routed_alone_gets_the_time_it_gets_with_all_others(analysis_inputs, season):
    """On the embedded data: the communes whose district time changed when routes stopped walking through
    other points, and Chà Nưa (walking straight wins in the rain), each routed alone and with all 130
    communes."""
    from geo.crs import to_metric

    inputs = analysis_inputs
    communes = inputs.communes.reset_index(drop=True)
    centres = to_metric(inputs.centres.set_index("unit_id").reindex(communes["unit_id"]))
    xy = np.column_stack([centres.geometry.x, centres.geometry.y])
    district = communes["district_code"].astype(str).to_numpy()
    district_xy = district_centre_xy(inputs.layers["district_centres"])
    network = build_network(inputs.layers["roads"])
    together = district_centre_access(network, xy, district, district_xy, season=season)
    names = [
        "Xã Huổi Mí",
        "Xã Mường Lói",
        "Xã Mường Nhà",
        "Xã Na Cô Sa",
        "Xã Chà Nưa",
        "Xã Pu Luông",
        "Xã Chà Cang",
        "Xã Hừa Ngài",
        "Xã Sính Phình",
    ]
    for name in names:
        i = int(np.flatnonzero(communes["commune"] == name)[0])
        alone = district_centre_access(network, xy[[i]], district[[i]], district_xy, season=season)
        assert alone.at[0, "minutes"] == pytest.approx(together.at[i, "minutes"], rel=1e-9), name
    # figures re-derived independently (networkx shortest paths from the README's rules, none of this code):
    # Huổi Mí 92.4 min dry / 157.9 rainy, Mường Lói 135.5 / 286.0; Na Cô Sa and Chà Nưa walk straight in the
    # rain (21.50 km and 14.56 km at 4 km/h) rather than drive (410.6 and 252.4 min)
    expected = {
        "dry": {"Xã Huổi Mí": 92.4, "Xã Mường Lói": 135.5},
        "rainy": {"Xã Huổi Mí": 157.9, "Xã Mường Lói": 286.0, "Xã Na Cô Sa": 322.4, "Xã Chà Nưa": 218.4},
    }
    for name, minutes in expected[season].items():
        i = int(np.flatnonzero(communes["commune"] == name)[0])
        assert together.at[i, "minutes"] == pytest.approx(minutes, abs=0.05), name


# --- walking over a DEM: cells, Tobler's function, the 8 pieces, the direction of each link
# ---------------------------


def test_dem_sample_takes_the_cell_holding_each_point_and_nan_outside():
    elevation = np.array([[0.0, 1, 2, 3], [10, 11, 12, 13], [20, 21, 22, 23]])
    north_up = Dem(elevation, Affine(100.0, 0, 0, 0, -100.0, 300.0))
    points = [
        (50, 250),
        (350, 50),
        (399.9, 0.1),
        (0.0, 300.0),
        (100.0, 200.0),
        (400.0, 50),
        (-0.1, 50),
        (50, 0.0),
        (50, 300.1),
    ]
    got = north_up.sample(np.array(points))
    assert got[:5].tolist() == [0.0, 23.0, 23.0, 0.0, 11.0]
    assert np.isnan(got[5:]).all()  # east, west, south and north of the grid
    # a grid turned a quarter round and moved: x = 1000 + 100 * row, y = 2000 + 100 * column
    turned = Dem(elevation, Affine(0.0, 100.0, 1000.0, 100.0, 0.0, 2000.0))
    got = turned.sample(
        np.array([(1150.0, 2250.0), (1050.0, 2050.0), (1250.0, 2350.0), (950.0, 2050.0), (1050.0, 2450.0)])
    )
    assert got[:3].tolist() == [12.0, 0.0, 23.0] and np.isnan(got[3:]).all()


def test_tobler_speeds():
    assert tobler_kmh(np.array([-0.05]))[0] == pytest.approx(6.0)
    assert tobler_kmh(np.array([0.0, 0.1, -0.3])) == pytest.approx(
        [6 * math.exp(-3.5 * 0.05), 6 * math.exp(-3.5 * 0.15), 6 * math.exp(-3.5 * 0.25)]
    )


def test_walk_is_cut_into_8_pieces_each_at_its_own_slope():
    # 9 cells of 125 m along x; the walk from the centre of cell 0 to the centre of cell 8 (1 km) has its 8
    # piece ends at the cell centres, so each piece climbs the difference of two cells over 125 m
    z = [0.0, 5.0, 20.0, 20.0, 10.0, 0.0, 0.0, 30.0, 31.0]
    dem = Dem(np.array([z]), Affine(125.0, 0, 0, 0, -125.0, 125.0))
    slopes = [0.04, 0.12, 0.0, -0.08, -0.08, 0.0, 0.24, 0.008]
    east = sum(0.125 / (6 * math.exp(-3.5 * abs(s + 0.05))) * 60 for s in slopes)
    west = sum(0.125 / (6 * math.exp(-3.5 * abs(-s + 0.05))) * 60 for s in slopes)
    minutes, method = walk_minutes(
        np.array([[62.5, 62.5], [1062.5, 62.5], [500.0, 62.5]]),
        np.array([[1062.5, 62.5], [62.5, 62.5], [500.0, 62.5]]),
        dem=dem,
    )
    assert minutes[:2] == pytest.approx([east, west]) and minutes[0] == pytest.approx(14.7145, abs=1e-4)
    # standing still takes no time, on the DEM too
    assert minutes[2] == 0.0 and list(method) == ["tobler"] * 3
    # one piece end on a no-data cell: the whole leg is walked flat at 4 km/h, and said so
    holed = Dem(np.array([z[:4] + [np.nan] + z[5:]]), Affine(125.0, 0, 0, 0, -125.0, 125.0))
    minutes, method = walk_minutes(np.array([[62.5, 62.5]]), np.array([[1062.5, 62.5]]), dem=holed)
    assert minutes[0] == pytest.approx(15.0) and method[0] == "straight_4kmh"
    # without a DEM: 4 km/h on the straight line
    minutes, method = walk_minutes(np.array([[0.0, 0.0]]), np.array([[300.0, 400.0]]))
    assert minutes[0] == pytest.approx(7.5) and method[0] == "straight_4kmh"


def sloping_dem() -> Dem:
    """Ground rising 10 % to the north (elevation = 0.1 y at each 125 m cell's centre), x -62.5..4187.5."""
    rows = np.arange(10)
    centre_y = 1062.5 - 125.0 * (rows + 0.5)
    return Dem(np.tile(0.1 * centre_y[:, None], (1, 34)), Affine(125.0, 0, -62.5, 0, -125.0, 1062.5))


def straight_road(length_m: float = 4000.0):
    frame = gpd.GeoDataFrame(
        {
            "road_id": ["R1"],
            "road_class": ["district"],
            "surface": ["asphalt"],
            "all_season": [True],
            "has_ford_or_unbridged": [False],
        },
        geometry=[LineString([(0, 0), (length_m, 0)])],
        crs=EPSG,
    )
    return build_network(frame)


DOWNHILL_1KM = 1.0 / (6 * math.exp(-3.5 * 0.05)) * 60  # 11.912 min at slope -0.1
UPHILL_1KM = 1.0 / (6 * math.exp(-3.5 * 0.15)) * 60  # 16.905 min at slope +0.1


def test_a_trip_walks_from_its_origin_to_the_road_and_from_the_road_to_its_destination():
    # origin 1 km north of the road's west end walks down to it, drives 4 km at 40 km/h (6 min) and walks 1 km
    # up to a facility 1 km north of the east end; walking straight (4 km on the level at 5.04 km/h) would
    # take 47.6 min
    network, dem = straight_road(), sloping_dem()
    times = service_access(
        network,
        np.array([[0.0, 1000.0]]),
        np.array([[4000.0, 1000.0]]),
        np.array(["k"]),
        season="dry",
        kinds=("k",),
        dem=dem,
    )
    assert times.at[0, "k_min"] == pytest.approx(DOWNHILL_1KM + 6.0 + UPHILL_1KM)
    assert times.at[0, "k_via"] == "road" and times.at[0, "walk_method"] == "tobler"
    assert times.at[0, "snap_m"] == pytest.approx(1000.0) and times.at[0, "k_facility"] == 0
    # the same to a district centre there: the centre walks down, the trip ends walking up
    route = district_centre_access(
        network, np.array([[0.0, 1000.0]]), np.array(["D"]), {"D": (4000.0, 1000.0)}, season="dry", dem=dem
    )
    assert route.at[0, "minutes"] == pytest.approx(DOWNHILL_1KM + 6.0 + UPHILL_1KM)
    assert route.at[0, "walk_m"] == pytest.approx(2000.0) and route.at[0, "network_km"] == pytest.approx(4.0)
    assert route.at[0, "snap_m"] == pytest.approx(1000.0) and route.at[0, "via"] == "road"


def test_direction_of_each_walking_link_over_a_slope():
    # a road at y = 1000 and the points on y = 0, below it: the origin climbs 1 km to the road, the trip ends
    # walking 1 km down to the facility
    frame = gpd.GeoDataFrame(
        {
            "road_id": ["R1"],
            "road_class": ["district"],
            "surface": ["asphalt"],
            "all_season": [True],
            "has_ford_or_unbridged": [False],
        },
        geometry=[LineString([(0, 1000), (4000, 1000)])],
        crs=EPSG,
    )
    high_road = build_network(frame)
    times = service_access(
        high_road,
        np.array([[0.0, 0.0]]),
        np.array([[4000.0, 0.0]]),
        np.array(["k"]),
        season="dry",
        kinds=("k",),
        dem=sloping_dem(),
    )
    assert times.at[0, "k_min"] == pytest.approx(UPHILL_1KM + 6.0 + DOWNHILL_1KM)


# --- how a point joins the roads: the four rules of the README
# ---------------------------------------------------------


def links_network():
    """A: earth, not all-season (closed in the rain) 100 m from P; B: all-season gravel piece joined to
    nothing, 400 m from P; C: the main network (5 km, all-season) 1.9 km from P."""
    rows = [
        ("A", [(0, 0), (1000, 0)], "commune", "earth", False, False),
        ("B", [(0, 500), (1000, 500)], "commune", "gravel", True, False),
        ("C1", [(-2000, 2000), (500, 2000)], "district", "asphalt", True, False),
        ("C2", [(500, 2000), (3000, 2000)], "district", "asphalt", True, False),
    ]
    frame = gpd.GeoDataFrame(
        {
            "road_id": [r[0] for r in rows],
            "road_class": [r[2] for r in rows],
            "surface": [r[3] for r in rows],
            "all_season": [r[4] for r in rows],
            "has_ford_or_unbridged": [r[5] for r in rows],
        },
        geometry=[LineString(r[1]) for r in rows],
        crs=EPSG,
    )
    return build_network(frame)


P = np.array([[500.0, 100.0]])


def test_links_in_the_dry_season_offer_every_way_of_the_rainy_one():
    network = links_network()
    dry = network_links(network, P, season="dry")
    # 1. nearest open (A, 100 m); 2. nearest of the largest open part (C, 1.9 km); 3. nearest open in the rain
    # (B, 400 m); 4. nearest of the largest rainy part is C again: not repeated
    assert [network.segments["feature"].iloc[s.edge[0]] for s in dry] == ["A", "C1", "B"]
    assert [s.distance_m[0] for s in dry] == pytest.approx([100.0, 1900.0, 400.0])
    assert dry[0].xy[0] == pytest.approx([500.0, 0.0]) and dry[0].fraction[0] == pytest.approx(0.5)
    rainy = network_links(network, P, season="rainy")
    assert [network.segments["feature"].iloc[s.edge[0]] for s in rainy] == ["B", "C1"]
    assert [s.distance_m[0] for s in rainy] == pytest.approx([400.0, 1900.0])


def test_a_point_on_the_main_network_has_one_link():
    network = links_network()
    links = network_links(network, np.array([[0.0, 2000.0]]), season="dry")
    assert len(links) == 1 and links[0].distance_m[0] == 0.0


def test_trips_use_the_second_link_when_the_nearest_road_leads_nowhere():
    # P to the district centre at the east end of C2 in the rain: walk to B leads nowhere (B is joined to
    # nothing); walk 1.9 km to C (28.5 min) + drive 2.5 km at 40 km/h (3.75 min) = 32.25 min (straight 3.14
    # km: 47.1 min)
    network = links_network()
    route = district_centre_access(network, P, np.array(["D"]), {"D": (3000.0, 2000.0)}, season="rainy")
    assert route.at[0, "minutes"] == pytest.approx(28.5 + 3.75)
    assert route.at[0, "walk_m"] == pytest.approx(1900.0) and route.at[0, "network_km"] == pytest.approx(2.5)
    assert route.at[0, "snap_m"] == pytest.approx(400.0)  # the nearest open road is still reported
    # dry: the same (A and B lead nowhere either)
    dry = district_centre_access(network, P, np.array(["D"]), {"D": (3000.0, 2000.0)}, season="dry")
    assert dry.at[0, "minutes"] == pytest.approx(32.25) and dry.at[0, "snap_m"] == pytest.approx(100.0)


# --- the best route to the district centre: its weakest link, its driven length, several districts
# ---------------------


def chain_network():
    """D at (0,0) -- R1 asphalt national all-season 2 km -- R2 gravel commune NOT all-season 3 km -- R3 earth
    track all-season 1 km -- commune centre C at (6000, 0).  A second district E at (20000, 0) on R4
    (all-season)."""
    rows = [
        ("R1", [(0, 0), (2000, 0)], "national", "asphalt", True, False),
        ("R2", [(2000, 0), (5000, 0)], "commune", "gravel", False, False),
        ("R3", [(5000, 0), (6000, 0)], "track", "earth", True, False),
        ("R4", [(6000, 0), (20000, 0)], "provincial", "concrete", True, False),
    ]
    frame = gpd.GeoDataFrame(
        {
            "road_id": [r[0] for r in rows],
            "road_class": [r[2] for r in rows],
            "surface": [r[3] for r in rows],
            "all_season": [r[4] for r in rows],
            "has_ford_or_unbridged": [r[5] for r in rows],
        },
        geometry=[LineString(r[1]) for r in rows],
        crs=EPSG,
    )
    return build_network(frame)


def test_weakest_link_is_the_first_segment_not_all_season_from_the_commune_centre():
    network = chain_network()
    centres = np.array([[6000.0, 0.0], [5500.0, 0.0], [1000.0, 0.0], [12000.0, 0.0]])
    districts = np.array(["D", "D", "D", "E"])
    seats = {"D": (0.0, 0.0), "E": (20000.0, 0.0)}
    for season, r2_min, r3_kmh in (("dry", 6.0, 15.0), ("rainy", 9.0, 10.0)):
        route = district_centre_access(network, centres, districts, seats, season=season)
        # C: R3 1 km (track cap 15 dry; earth all-season rainy 10) + R2 3 km (gravel commune: dry 30, rainy
        # 20/2 = 10)
        # + R1 2 km (asphalt national: 50 dry, 45 rainy)
        r1 = 2.0 / (50.0 if season == "dry" else 45.0) * 60
        assert route.at[0, "minutes"] == pytest.approx(
            1.0 / r3_kmh * 60 + r2_min * (1 if season == "dry" else 2) + r1
        )
        assert route.at[0, "network_km"] == pytest.approx(6.0)
        assert route.loc[0, ["weakest_segment", "weakest_class", "weakest_surface"]].tolist() == [
            "R2",
            "commune",
            "gravel",
        ]
        assert route.at[0, "route_all_season"] == False  # noqa: E712
        # half-way along R3: same weakest link; on R1: the route is all-season, no weakest link
        assert route.at[1, "weakest_segment"] == "R2" and route.at[1, "network_km"] == pytest.approx(5.5)
        assert route.at[2, "weakest_segment"] == "" and route.at[2, "route_all_season"] == True  # noqa: E712
        assert route.at[2, "network_km"] == pytest.approx(1.0)
        # the other district's centre is reached along R4 only (concrete provincial: 40 dry, 36 rainy)
        assert route.at[3, "minutes"] == pytest.approx(8.0 / (40.0 if season == "dry" else 36.0) * 60)
        assert route.at[3, "route_all_season"] == True and route.at[3, "weakest_segment"] == ""  # noqa: E712


def tied_parallel_network(good, weak, *, good_first, weak_reversed):
    """R1 (0,0)-(1000,0) and R2 (3000,0)-(4000,0) asphalt district all-season; between their ends two roads
    of 4 km each, ``good`` (all-season) north round (1000,1000)-(3000,1000) and ``weak`` (not) south
    round, each given as (road_id, class, surface, all-season)."""
    north = [(1000, 0), (1000, 1000), (3000, 1000), (3000, 0)]
    south = [(1000, 0), (1000, -1000), (3000, -1000), (3000, 0)]
    pair = [
        (good[0], north, good[1], good[2], good[3], False),
        (weak[0], south[::-1] if weak_reversed else south, weak[1], weak[2], weak[3], False),
    ]
    rows = [
        ("R1", [(0, 0), (1000, 0)], "district", "asphalt", True, False),
        *(pair if good_first else pair[::-1]),
        ("R2", [(3000, 0), (4000, 0)], "district", "asphalt", True, False),
    ]
    return rows_network(rows)


@pytest.mark.parametrize("weak_reversed", [False, True])
@pytest.mark.parametrize("good_first", [True, False])
def test_an_equally_quick_all_season_way_is_the_route_whatever_the_layer_order(good_first, weak_reversed):
    # centre C at (4000, 0), district centre D at (0, 0), both on the ends of R2 / R1 (no walk); R1, R2:
    # min(50, 40) = 40 km/h dry, min(45, 40) = 40 rainy -> 1.5 min each
    centre, district, seats = np.array([[4000.0, 0.0]]), np.array(["D"]), {"D": (0.0, 0.0)}
    # dry: an asphalt track all-season and an earth track not all-season, both min(surface, 15) = 15 km/h over
    # 4 km = 16 min: a tie, and the all-season way is the route; rainy: the earth track is closed
    network = tied_parallel_network(
        ("PAVED", "track", "asphalt", True),
        ("EARTH", "track", "earth", False),
        good_first=good_first,
        weak_reversed=weak_reversed,
    )
    for season in ("dry", "rainy"):
        route = district_centre_access(network, centre, district, seats, season=season)
        assert route.at[0, "minutes"] == pytest.approx(1.5 + 16.0 + 1.5)
        assert route.at[0, "network_km"] == pytest.approx(6.0)
        assert route.at[0, "weakest_segment"] == "" and route.at[0, "route_all_season"] == True  # noqa: E712
    # the flag's measure does not read the route: C is on an all-season road joined to D
    assert allseason_connection(network, centre, district, seats).at[0, "dist_connected_m"] == 0.0
    # rainy: an earth track all-season, min(10, 15) = 10 km/h, and a gravel commune road not all-season,
    # min(20, 30) / 2 = 10 km/h: 24 min each, a tie; dry: the gravel road, 30 km/h = 8 min, beats the earth
    # track (15 km/h, 16 min) and is the weakest link
    network = tied_parallel_network(
        ("TRACK", "track", "earth", True),
        ("GRAVEL", "commune", "gravel", False),
        good_first=good_first,
        weak_reversed=weak_reversed,
    )
    rainy = district_centre_access(network, centre, district, seats, season="rainy")
    assert rainy.at[0, "minutes"] == pytest.approx(1.5 + 24.0 + 1.5)
    assert rainy.at[0, "weakest_segment"] == "" and rainy.at[0, "route_all_season"] == True  # noqa: E712
    dry = district_centre_access(network, centre, district, seats, season="dry")
    assert dry.at[0, "minutes"] == pytest.approx(1.5 + 8.0 + 1.5)
    assert dry.loc[0, ["weakest_segment", "weakest_class", "weakest_surface"]].tolist() == [
        "GRAVEL",
        "commune",
        "gravel",
    ]


def test_a_long_winding_road_is_found_beyond_the_first_search_window():
    # the commune centre is 10 km from its district centre as the crow flies, 40 km by a road (60 min at 40
    # km/h), walking straight takes 150 min: the road wins although it is longer than the first search window
    rows = [
        ("W1", [(0, 0), (0, 15000)]),
        ("W2", [(0, 15000), (10000, 15000)]),
        ("W3", [(10000, 15000), (10000, 0)]),
    ]
    frame = gpd.GeoDataFrame(
        {
            "road_id": [r[0] for r in rows],
            "road_class": "district",
            "surface": "asphalt",
            "all_season": True,
            "has_ford_or_unbridged": False,
        },
        geometry=[LineString(r[1]) for r in rows],
        crs=EPSG,
    )
    network = build_network(frame)
    route = district_centre_access(
        network, np.array([[10000.0, 0.0]]), np.array(["D"]), {"D": (0.0, 0.0)}, season="dry"
    )
    assert route.at[0, "minutes"] == pytest.approx(60.0) and route.at[0, "via"] == "road"
    assert route.at[0, "network_km"] == pytest.approx(40.0)


# --- population-weighted summaries, values shown to users, facilities outside the province, the method note
# ------------


def test_population_summary_of_a_service_nobody_reaches_is_empty_not_zero():
    times = pd.DataFrame(
        {
            "unit": ["A", "A", "B", "B", "B", "C"],
            "pop": [100, 50, 0, np.nan, 40, 10],
            "x_min": [np.nan, np.nan, 5.0, 5.0, 30.0, 30.0],
            "y_min": [10.0, 12.0, 1.0, 1.0, 1.0, 30.0],
        }
    )
    out = population_summary(
        times, group="unit", population="pop", minutes=["x_min", "y_min"], within_min=30.0
    )
    assert np.isnan(out.loc["A", "x_min_popmean"])
    assert out.loc["A", "x_min_share_within"] == 0.0 and out.loc["A", "x_min_pop_unreachable"] == 150.0
    # rows without people are left out: B is the one row of 40 people at 30 min, within 30 min (the bound
    # counts)
    assert out.loc["B", "population"] == 40.0 and out.loc["B", "x_min_popmean"] == pytest.approx(30.0)
    assert out.loc["B", "x_min_share_within"] == 1.0
    assert out.loc["A", "y_min_popmean"] == pytest.approx((100 * 10 + 50 * 12) / 150)
    assert out.loc["C", "y_min_share_within"] == 1.0
    assert list(out.index) == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, None),
        ("abc", None),
        (math.inf, None),
        (-math.inf, None),
        (math.nan, None),
        (3, 3.0),
        ("2.5", 2.5),
        (0.0, 0.0),
        (-1.5, -1.5),
    ],
)
def test_finite_or_none(value, shown):
    assert finite_or_none(value) == shown


def test_facilities_just_within_and_just_beyond_20_km_of_the_province():
    province = box(0, 0, 10_000, 10_000)
    xy = np.array([[10_000.0, 5000.0], [30_000.0, 5000.0], [30_001.0, 5000.0], [5000.0, -20_000.0]])
    keep, notes = facilities_outside(
        xy, np.array(["on the border", "at 20 km", "past 20 km", "at 20 km south"]), province
    )
    assert list(keep) == [True, True, False, True]
    # the border is not outside
    assert [n.value for n in notes] == [
        "at 20 km",
        "past 20 km",
        "at 20 km south",
    ]
    assert "20.0 km" in notes[0].en and "20,0 km" in notes[0].vi
    keep, notes = facilities_outside(xy, np.array(["a", "b", "c", "d"]), province, keep_within_m=25_000.0)
    assert list(keep) == [True, True, True, True]
    keep, notes = facilities_outside(np.zeros((0, 2)), np.array([]), province)
    assert len(keep) == 0 and notes == []


def test_method_note_names_the_season_and_the_walking_rule():
    from workflows.access import method_text

    rai = {"vi": "RAI.", "en": "RAI."}
    (dry_vi, dry_en), (rainy_vi, rainy_en) = method_text("dry", False, rai), method_text("rainy", True, rai)
    assert dry_en.startswith("Dry season") and dry_vi.startswith("Mùa khô") and "4 km/h" in dry_en
    assert rainy_en.startswith("Rainy season") and rainy_vi.startswith("Mùa mưa") and "Tobler" in rainy_en
    assert dry_en.endswith(" RAI.") and "{" not in dry_vi + rainy_vi


def test_connection_to_the_district_when_districts_have_their_own_pieces():
    # D's centre on R1 (all-season); E's centre on R9, an all-season piece joined to nothing; F unknown
    rows = [
        ("R1", [(0, 0), (3000, 0)], True),
        ("R9", [(0, 5000), (3000, 5000)], True),
        ("R5", [(3000, 0), (3000, 5000)], False),
    ]
    frame = gpd.GeoDataFrame(
        {
            "road_id": [r[0] for r in rows],
            "road_class": "commune",
            "surface": "gravel",
            "all_season": [r[2] for r in rows],
            "has_ford_or_unbridged": False,
        },
        geometry=[LineString(r[1]) for r in rows],
        crs=EPSG,
    )
    network = build_network(frame)
    centres = np.array([[1000.0, 4000.0], [1000.0, 4000.0], [1000.0, 4000.0]])
    conn = allseason_connection(
        network, centres, np.array(["D", "E", "F"]), {"D": (0.0, 200.0), "E": (0.0, 5000.0)}
    )
    # every centre: 1 km from R9 (nearest all-season), 4 km from R1
    assert conn["dist_allseason_m"].tolist() == pytest.approx([1000.0] * 3)
    assert conn.at[0, "dist_connected_m"] == pytest.approx(4000.0) and conn.at[
        1, "dist_connected_m"
    ] == pytest.approx(1000.0)
    assert np.isnan(conn.at[2, "dist_connected_m"]) and np.isnan(conn.at[2, "district_snap_m"])
    assert conn["district_snap_m"].tolist()[:2] == pytest.approx([200.0, 0.0])
    # no all-season road at all: distances unknown, never 0
    closed = build_network(frame.assign(all_season=False))
    conn = allseason_connection(closed, centres[:1], np.array(["D"]), {"D": (0.0, 200.0)})
    assert conn.isna().all(axis=None)


def test_a_single_walk_over_a_dem_is_walked_by_tobler_too():
    # one leg alone (a commune walking straight to its district centre): 1 km east up the 10 % plane = 16.904
    # min, not 15 min at 4 km/h
    cols = np.arange(40)
    dem = Dem(np.tile(0.1 * (cols * 125.0 + 62.5), (10, 1)), Affine(125.0, 0, 0, 0, -125.0, 1250.0))
    minutes, method = walk_minutes(np.array([[62.5, 600.0]]), np.array([[1062.5, 600.0]]), dem=dem)
    assert minutes[0] == pytest.approx(60.0 / (6 * math.exp(-3.5 * 0.15))) and method[0] == "tobler"
    # no road at all: the one commune walks straight to its district centre by Tobler's function
    empty = build_network(gpd.GeoDataFrame({"road_id": []}, geometry=[], crs=EPSG))
    route = district_centre_access(
        empty, np.array([[62.5, 600.0]]), np.array(["D"]), {"D": (1062.5, 600.0)}, season="dry", dem=dem
    )
    assert route.at[0, "minutes"] == pytest.approx(60.0 / (6 * math.exp(-3.5 * 0.15)))
    assert route.at[0, "via"] == "walk" and route.at[0, "walk_m"] == pytest.approx(1000.0)


# --- a scenario keeps every walking link of the baseline (README "A scenario only adds ways onto the
# network") ---------


def scenario_roads(hardened: bool, keep_baseline: bool = True):
    """M: the main road, asphalt district, all-season, (0, 0) to the district centre D at (10000, 0), 10 km.
    N: a gravel commune all-season piece 100 m below P at (0, 1100), (-1000, 1000) to (1000, 1000).
    K: an earth track (not all-season: closed in the rain) from N's east end round to D: 7 + 9 + 8 = 24 km.
    The scenario hardens K (concrete, all-season, no ford): N, K and M become one network."""
    rows = [
        ("M", [(0, 0), (10000, 0)], "district", "asphalt", True),
        ("N", [(-1000, 1000), (1000, 1000)], "commune", "gravel", True),
        ("K", [(1000, 1000), (1000, 8000), (10000, 8000), (10000, 0)], "track", "earth", False),
    ]
    frame = gpd.GeoDataFrame(
        {
            "road_id": [r[0] for r in rows],
            "road_class": [r[2] for r in rows],
            "surface": [r[3] for r in rows],
            "all_season": [r[4] for r in rows],
            "has_ford_or_unbridged": False,
        },
        geometry=[LineString(r[1]) for r in rows],
        crs=EPSG,
    )
    if hardened:
        if keep_baseline:
            frame = frame.assign(
                baseline_surface=frame["surface"],
                baseline_all_season=frame["all_season"],
                baseline_has_ford_or_unbridged=frame["has_ford_or_unbridged"],
            )
        frame.loc[2, ["surface", "all_season"]] = ["concrete", True]
    return build_network(frame)


@pytest.mark.parametrize("season", ["dry", "rainy"])
def test_a_scenario_keeps_the_baseline_link_to_the_main_road(season):
    # baseline: P's nearest road is N (100 m), a piece joined to nothing in the rain; rule 2 (rule 4 in the
    # dry season) links P to M at (0, 0), 1.1 km: walk 1.1 km at 4 km/h = 16.5 min + 10 km of M at 40 km/h =
    # 15 min = 31.5 min (walking straight 10.06 km: 150.9 min; by N and K: 1.5 + 3 (1 km at 20 km/h rainy; 2
    # min dry at 30) + 24 km of track at 15 km/h = 96 min)
    P_xy, seats = np.array([[0.0, 1100.0]]), {"D": (10000.0, 0.0)}
    for network in (scenario_roads(hardened=False), scenario_roads(hardened=True)):
        route = district_centre_access(network, P_xy, np.array(["D"]), seats, season=season)
        assert route.at[0, "minutes"] == pytest.approx(31.5) and route.at[0, "walk_m"] == pytest.approx(
            1100.0
        )
        assert route.at[0, "network_km"] == pytest.approx(10.0) and route.at[0, "snap_m"] == pytest.approx(
            100.0
        )
        times = service_access(
            network, P_xy, np.array([seats["D"]]), np.array(["k"]), season=season, kinds=("k",)
        )
        assert times.at[0, "k_min"] == pytest.approx(31.5)
    # the scenario's roads alone (no baseline columns): hardening K joins N to M, so N is in the largest part
    # and the link to M is no longer offered: walk 100 m (1.5 min) + N 1 km + K 24 km at 15 km/h (96 min)
    alone = district_centre_access(
        scenario_roads(hardened=True, keep_baseline=False), P_xy, np.array(["D"]), seats, season=season
    )
    n_minutes = 2.0 if season == "dry" else 3.0
    assert alone.at[0, "minutes"] == pytest.approx(1.5 + n_minutes + 96.0)


# --- ties go to the road, short roads, the weakest link on the first segment
# ------------------------------------------


def one_road(coords, road_class="district", surface="asphalt", all_season=True):
    frame = gpd.GeoDataFrame(
        {
            "road_id": ["R1"],
            "road_class": [road_class],
            "surface": [surface],
            "all_season": [all_season],
            "has_ford_or_unbridged": [False],
        },
        geometry=[LineString(coords)],
        crs=EPSG,
    )
    return build_network(frame)


def test_a_tie_between_the_road_and_walking_straight_goes_to_the_road():
    network = one_road([(0, 0), (1000, 0)])
    # a commune whose centre is the district centre, on the road: 0 min by road (nothing driven, an all-season
    # route)
    route = district_centre_access(
        network, np.array([[500.0, 0.0]]), np.array(["D"]), {"D": (500.0, 0.0)}, season="dry"
    )
    assert route.at[0, "minutes"] == 0.0 and route.at[0, "via"] == "road"
    assert route.at[0, "network_km"] == 0.0 and bool(route.at[0, "route_all_season"])
    # 100 m on either side of the road at the same spot: walk 100 m to it and 100 m from it (1.5 + 0 + 1.5
    # min) ties with walking the 200 m straight across (3 min): the road
    route = district_centre_access(
        network, np.array([[500.0, 100.0]]), np.array(["D"]), {"D": (500.0, -100.0)}, season="dry"
    )
    assert route.at[0, "minutes"] == pytest.approx(3.0) and route.at[0, "via"] == "road"
    assert route.at[0, "walk_m"] == pytest.approx(200.0) and bool(route.at[0, "route_all_season"])
    times = service_access(
        network,
        np.array([[500.0, 100.0], [200.0, 0.0]]),
        np.array([[500.0, -100.0], [200.0, 0.0]]),
        np.array(["k", "j"]),
        season="dry",
        kinds=("k", "j"),
    )
    # the second origin, on the road at (200, 0): 300 m of road (0.45 min) + 100 m walk (1.5 min); its own "j"
    # is at 0
    assert times["k_min"].tolist() == pytest.approx([3.0, 0.45 + 1.5])
    assert times.at[0, "k_via"] == "road" and times.at[1, "j_via"] == "road" and times.at[1, "j_min"] == 0.0


def test_a_short_road_alone_is_driven():
    # the only road is 600 m of asphalt district road at 40 km/h: 0.9 min from one end to the other, walking
    # it straight takes 9 min
    network = one_road([(0, 0), (600, 0)])
    route = district_centre_access(
        network, np.array([[0.0, 0.0]]), np.array(["D"]), {"D": (600.0, 0.0)}, season="dry"
    )
    assert route.at[0, "minutes"] == pytest.approx(0.9) and route.at[0, "via"] == "road"
    assert route.at[0, "network_km"] == pytest.approx(0.6)


def test_the_weakest_link_on_the_first_road_of_the_layer():
    # from the commune centre C at (6000, 0): R1 (the layer's first row) gravel, not all-season; R2 asphalt
    # all-season; R3 earth, not all-season, at the district centre D (0, 0).  The weakest link is R1, the
    # first from C.
    rows = [
        ("R1", [(6000, 0), (4000, 0)], "commune", "gravel", False),
        ("R2", [(4000, 0), (2000, 0)], "district", "asphalt", True),
        ("R3", [(2000, 0), (0, 0)], "commune", "earth", False),
    ]
    frame = gpd.GeoDataFrame(
        {
            "road_id": [r[0] for r in rows],
            "road_class": [r[2] for r in rows],
            "surface": [r[3] for r in rows],
            "all_season": [r[4] for r in rows],
            "has_ford_or_unbridged": False,
        },
        geometry=[LineString(r[1]) for r in rows],
        crs=EPSG,
    )
    network = build_network(frame)
    route = district_centre_access(
        network, np.array([[6000.0, 0.0]]), np.array(["D"]), {"D": (0.0, 0.0)}, season="dry"
    )
    # dry: 2 km gravel at 30 (4 min) + 2 km asphalt district at 40 (3 min) + 2 km earth commune at 20 (6 min)
    assert route.at[0, "minutes"] == pytest.approx(13.0)
    assert route.loc[0, ["weakest_segment", "weakest_class", "weakest_surface"]].tolist() == [
        "R1",
        "commune",
        "gravel",
    ]
    assert route.at[0, "route_all_season"] == False  # noqa: E712


def test_population_summary_counts_every_person_and_leaves_out_units_without_people():
    # population from grid cells is fractional: 0.5 people at 10 min and 0.25 at 40 min; a unit of one person;
    # a unit whose only rows have no people is not listed
    times = pd.DataFrame(
        {
            "unit": ["A", "A", "B", "Z", "Z"],
            "pop": [0.5, 0.25, 1.0, 0.0, np.nan],
            "x_min": [10.0, 40.0, 20.0, 5.0, 5.0],
        }
    )
    out = population_summary(times, group="unit", population="pop", minutes=["x_min"], within_min=30.0)
    assert list(out.index) == ["A", "B"]
    # 15 / 0.75
    assert out.loc["A", "population"] == 0.75 and out.loc["A", "x_min_popmean"] == pytest.approx(20.0)
    assert out.loc["A", "x_min_share_within"] == pytest.approx(0.5 / 0.75)
    assert out.loc["B", "population"] == 1.0 and out.loc["B", "x_min_popmean"] == 20.0
    # only 0.5 people can reach the service: the mean is theirs
    times.loc[1, "x_min"] = np.nan
    out = population_summary(times, group="unit", population="pop", minutes=["x_min"], within_min=30.0)
    assert (
        out.loc["A", "x_min_popmean"] == pytest.approx(10.0) and out.loc["A", "x_min_pop_unreachable"] == 0.25
    )


def test_allseason_distance_on_a_network_of_one_road():
    conn = allseason_connection(
        one_road([(0, 0), (3000, 0)]),
        np.array([[1000.0, 400.0], [500.0, -300.0]]),
        np.array(["D", "D"]),
        {"D": (3000.0, 100.0)},
    )
    assert conn["dist_allseason_m"].tolist() == pytest.approx([400.0, 300.0])
    assert conn["dist_connected_m"].tolist() == pytest.approx([400.0, 300.0])
    assert conn["district_snap_m"].tolist() == pytest.approx([100.0, 100.0])


def test_one_facility_outside_the_province_and_no_outline():
    province = box(0, 0, 10_000, 10_000)
    keep, notes = facilities_outside(np.array([[40_000.0, 5000.0]]), np.array(["far"]), province)
    assert list(keep) == [False] and [n.value for n in notes] == ["far"] and "30.0 km" in notes[0].en
    # 1 m outside is outside (kept, said)
    keep, notes = facilities_outside(np.array([[10_001.0, 5000.0]]), np.array(["just out"]), province)
    assert list(keep) == [True] and [n.value for n in notes] == ["just out"]
    # no province outline loaded: nothing to check against, every facility kept without a note
    keep, notes = facilities_outside(np.array([[40_000.0, 5000.0], [1.0, 1.0]]), np.array(["a", "b"]), None)
    assert list(keep) == [True, True] and notes == []


def test_a_short_walk_crossing_a_cell_edge_climbs_over_one_cell_side():
    # 10 m cells, the ground 0.5 m higher from x = 10 m on.  A walk of 8 m from x = 6 to x = 14 is cut into 8
    # pieces of 1 m; only the piece from x = 9 to x = 10 has its ends in two cells.  The DEM knows no slope
    # over less than a cell: the rise counts over 10 m, slope 0.05, Tobler 6 exp(-3.5 * 0.1) km/h; the other 7
    # are flat, 6 exp(-3.5 * 0.05) km/h
    dem = Dem(np.array([[0.0, 0.5, 0.5]]), Affine(10.0, 0, 0, 0, -10.0, 10.0))
    minutes, method = walk_minutes(np.array([[6.0, 5.0]]), np.array([[14.0, 5.0]]), dem=dem)
    expected = 7 * 0.001 / (6 * math.exp(-3.5 * 0.05)) * 60 + 0.001 / (6 * math.exp(-3.5 * 0.1)) * 60
    assert minutes[0] == pytest.approx(expected) and method[0] == "tobler"
    assert minutes[0] == pytest.approx(0.09758, abs=1e-5)


def test_a_one_metre_walk_over_a_step_between_cells_takes_a_second_not_ages():
    # 30 m cells, a 10 m step between two cells.  A walk of 1 m across it: 8 pieces of 0.125 m, one crossing
    # the step.  Counted over 0.125 m the slope would be 80 and the walk 6e118 minutes; over one cell side
    # (30 m) it is 1/3: 0.000125 km at 6 exp(-3.5 * (1/3 + 0.05)) km/h, plus 7 flat pieces
    dem = Dem(np.array([[100.0, 110.0]]), Affine(30.0, 0, 0, 0, -30.0, 30.0))
    minutes, method = walk_minutes(np.array([[29.5, 15.0]]), np.array([[30.5, 15.0]]), dem=dem)
    flat = 7 * 0.000125 / (6 * math.exp(-3.5 * 0.05)) * 60
    expected = flat + 0.000125 / (6 * math.exp(-3.5 * (10 / 30 + 0.05))) * 60
    assert minutes[0] == pytest.approx(expected) and method[0] == "tobler"
    assert minutes[0] < 0.02  # about a second, as on foot
    # a rotated grid has the same cell side
    turned = Dem(np.array([[100.0], [110.0]]), Affine(0.0, 30.0, 0.0, 30.0, 0.0, 0.0))
    assert turned.cell_m == pytest.approx(30.0) and dem.cell_m == pytest.approx(30.0)
