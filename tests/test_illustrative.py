"""Tests of scripts/make_illustrative.py and its committed outputs in data/illustrative/."""

from __future__ import annotations

import importlib.util
import sys
from itertools import pairwise
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.crs import METRIC_EPSG  # noqa: E402
from geo.io import list_layers, read_attribute_table, read_table, read_vector  # noqa: E402

_spec = importlib.util.spec_from_file_location("make_illustrative", ROOT / "scripts" / "make_illustrative.py")
mi = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mi)

LAYERS = ("commune_centres", "district_centres", "roads", "grid_mv", "schools", "health", "villages")
POOR_30A = {"096", "098", "101", "102", "103"}


@pytest.fixture(scope="module")
def frames() -> dict:
    return mi.generate_all()


@pytest.fixture(scope="module")
def communes() -> gpd.GeoDataFrame:
    return read_vector(mi.BOUNDARIES, layer="communes_pre2025")


def _weighted_poor_rate(survey: pd.DataFrame, year: int) -> float:
    rows = survey[survey["year"] == year]
    return float((rows["poor_hh_rate_pct"] * rows["households"]).sum() / rows["households"].sum())


def test_generation_is_deterministic(frames):
    again = mi.generate_all()
    assert set(again) == set(frames)
    for name, frame in frames.items():
        if isinstance(frame, gpd.GeoDataFrame):
            assert_geodataframe_equal(again[name], frame, check_crs=True)
        else:
            pd.testing.assert_frame_equal(again[name], frame)


def test_another_seed_changes_the_data(frames):
    other = mi.generate_all(seed=7)
    assert not other["villages"]["households"].equals(frames["villages"]["households"])


def test_every_row_is_marked_illustrative(frames):
    for name, frame in frames.items():
        assert "provenance" in frame.columns, name
        assert frame["provenance"].str.startswith("illustrative:").all(), name


def test_layers_are_in_wgs84_inside_the_province(frames):
    for name in LAYERS:
        frame = frames[name]
        assert frame.crs.to_epsg() == 4326, name
        minx, miny, maxx, maxy = frame.total_bounds
        assert 101.9 < minx and maxx < 103.8 and 20.7 < miny and maxy < 22.7, name


def test_commune_centres_inside_their_polygons(frames, communes):
    centres = frames["commune_centres"].set_index("unit_id")
    polygons = communes.set_index("unit_id").loc[centres.index]
    assert len(centres) == len(communes) == 130
    assert polygons.geometry.contains(centres.geometry).all()
    assert centres["name"].str.match(r"^UBND (xã|phường|thị trấn) ").all()


def test_district_centres_are_commune_centres(frames):
    districts, centres = frames["district_centres"], frames["commune_centres"].set_index("unit_id")
    assert sorted(districts["district_code"]) == [f"{c:03d}" for c in range(94, 104)]
    assert districts.geometry.geom_equals(
        centres.loc[districts["unit_id"]].geometry.reset_index(drop=True)
    ).all()


def test_one_health_station_per_gso_code(frames, communes):
    health = frames["health"]
    tram = health[health["kind"] == "tram_y_te"]
    assert tram["gso_code"].is_unique
    assert set(tram["gso_code"]) == set(communes["gso_code"])
    kinds = health["kind"].value_counts()
    assert kinds["benh_vien_tinh"] == 1 and kinds["benh_vien_huyen"] == 9
    assert 5 <= kinds["pkdk_khu_vuc"] <= 12


def test_each_commune_has_mam_non_and_tieu_hoc(frames, communes):
    schools = frames["schools"]
    for level in ("mam_non", "tieu_hoc"):
        assert set(schools.loc[schools["level"] == level, "gso_code"]) == set(communes["gso_code"]), level
    thpt = schools[schools["level"] == "thpt"]
    assert 24 <= len(thpt) <= 36
    assert schools["level"].isin(["mam_non", "tieu_hoc", "thcs", "thpt"]).all()
    assert schools["facility_id"].is_unique


def test_poor_rate_calibrated_to_real_figures(frames):
    survey = frames["survey"]
    for year, real in ((2015, 48.14), (2018, 37.08), (2019, 33.05)):
        assert abs(_weighted_poor_rate(survey, year) - real) < 0.01, year
    rates = [_weighted_poor_rate(survey, year) for year in range(2015, 2021)]
    assert all(a > b for a, b in pairwise(rates))


def test_poverty_higher_in_30a_districts(frames):
    survey = frames["survey"]
    for year in range(2015, 2021):
        rows = survey[survey["year"] == year]
        in_30a = rows["district_code"].isin(POOR_30A)
        assert rows.loc[in_30a, "poor_hh_rate_pct"].mean() > rows.loc[~in_30a, "poor_hh_rate_pct"].mean() + 10
        by_district = rows.groupby("district_code")["poor_hh_rate_pct"].mean()
        assert by_district.idxmin() == "094"


def test_survey_shape_and_households(frames, communes):
    survey = frames["survey"]
    assert len(survey) == 129 * 6
    assert set(survey["gso_code"]) == set(communes["gso_code"])
    assert survey["gso_code"].str.fullmatch(r"\d{5}").all()
    total_2018 = survey.loc[survey["year"] == 2018, "households"].sum()
    assert abs(total_2018 - 127_667) / 127_667 < 0.01
    assert (survey["hh_with_grid_power"] <= survey["households"]).all()
    near = survey.groupby("year").apply(
        lambda r: (r["near_poor_hh_rate_pct"] * r["households"]).sum() / r["households"].sum()
    )
    assert near.between(6, 14).all()
    grid = survey.groupby("year").apply(lambda r: 100 * r["hh_with_grid_power"].sum() / r["households"].sum())
    assert 83 <= grid[2015] <= 91 and 93 <= grid[2020] <= 97


def test_village_households_sum_to_survey_2015(frames):
    villages, survey = frames["villages"], frames["survey"]
    per_commune = villages.groupby("gso_code")["households"].sum()
    expected = survey[survey["year"] == 2015].set_index("gso_code")["households"]
    pd.testing.assert_series_equal(per_commune.sort_index(), expected.sort_index(), check_names=False)
    counts = villages.groupby("unit_id").size()
    assert counts.between(8, 12).all()
    assert villages["name"].str.startswith("Bản ").all()


def test_roads_are_noded(frames):
    roads = frames["roads"]
    geoms = roads.geometry.to_numpy()
    assert (shapely.get_type_id(geoms) == 1).all()
    ends = [set(map(tuple, shapely.get_coordinates(shapely.boundary(g)))) for g in geoms]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    for i, j in zip(left, right, strict=True):
        if i >= j:
            continue
        inter = shapely.get_coordinates(shapely.intersection(geoms[i], geoms[j]))
        shared = ends[i] & ends[j]
        assert all(tuple(p) in shared for p in inter), (roads["road_id"].iloc[i], roads["road_id"].iloc[j])


def test_road_attributes(frames):
    roads = frames["roads"]
    assert roads["road_class"].isin(["national", "provincial", "district", "commune", "track"]).all()
    assert roads["surface"].isin(["asphalt", "concrete", "gravel", "earth"]).all()
    assert (roads["hardened"] == roads["surface"].isin(["asphalt", "concrete"])).all()
    assert not (roads["has_ford_or_unbridged"] & roads["all_season"]).any()
    assert roads["has_ford_or_unbridged"].sum() >= 2
    real = roads["source_geometry"] != "generated"
    assert (
        roads.loc[real, "road_class"].isin(["national", "provincial"]).all()
        and roads.loc[real, "all_season"].all()
    )


def _road_graph(roads: gpd.GeoDataFrame, *, all_season_only: bool) -> nx.Graph:
    graph = nx.Graph()
    for geom, ok in zip(roads.geometry, roads["all_season"], strict=True):
        if ok or not all_season_only:
            coords = shapely.get_coordinates(geom)
            graph.add_edge(tuple(coords[0]), tuple(coords[-1]))
    return graph


def test_network_connects_all_centres_but_not_all_season(frames):
    roads, centres, districts = frames["roads"], frames["commune_centres"], frames["district_centres"]
    keys = [tuple(c) for c in shapely.get_coordinates(centres.geometry.to_numpy())]
    seat = {
        d: tuple(shapely.get_coordinates(g)[0])
        for d, g in zip(districts["district_code"], districts.geometry, strict=True)
    }
    full = _road_graph(roads, all_season_only=False)
    assert all(k in full for k in keys)
    assert all(nx.has_path(full, seat[d], k) for k, d in zip(keys, centres["district_code"], strict=True))
    dry = _road_graph(roads, all_season_only=True)
    unreachable = [
        not (k in dry and seat[d] in dry and nx.has_path(dry, seat[d], k))
        for k, d in zip(keys, centres["district_code"], strict=True)
    ]
    assert 0.15 <= np.mean(unreachable) <= 0.25
    # at least one hardened piece connected to nothing else
    hardened = roads.geometry[roads["hardened"]].to_numpy()
    others = roads.geometry.to_numpy()
    touching = shapely.STRtree(others).query(hardened, predicate="intersects")
    n_touch = np.bincount(touching[0], minlength=len(hardened))
    assert (n_touch == 1).any()


def test_grid_within_2km_share_in_band(frames):
    centres = frames["commune_centres"].to_crs(METRIC_EPSG)
    grid = frames["grid_mv"].to_crs(METRIC_EPSG)
    assert set(grid["voltage_kv"]) <= {22, 35}
    near = shapely.distance(centres.geometry.to_numpy(), shapely.union_all(grid.geometry.to_numpy())) <= 2000
    assert 0.85 <= near.mean() <= 0.92
    far = centres.loc[~near, "district_code"]
    assert far.isin(POOR_30A).mean() >= 0.7


def test_survey_road_answer_disagrees_for_a_few_communes(frames):
    roads, centres, districts, survey = (
        frames["roads"],
        frames["commune_centres"],
        frames["district_centres"],
        frames["survey"],
    )
    seat = {
        d: tuple(shapely.get_coordinates(g)[0])
        for d, g in zip(districts["district_code"], districts.geometry, strict=True)
    }
    dry = _road_graph(roads, all_season_only=True)
    first = centres.drop_duplicates("gso_code")
    keys = map(tuple, shapely.get_coordinates(first.geometry.to_numpy()))
    truth = {
        g: bool(k in dry and nx.has_path(dry, seat[d], k))
        for g, k, d in zip(first["gso_code"], keys, first["district_code"], strict=True)
    }
    answer = survey[survey["year"] == 2020].set_index("gso_code")["allseason_road_to_centre"]
    wrong = [g for g in answer.index if bool(answer[g]) != truth[g]]
    assert 5 <= len(wrong) <= 8
    assert {bool(answer[g]) for g in wrong} == {True, False}


def test_committed_gpkg_matches_fresh_generation(frames):
    assert set(LAYERS) | {"survey"} <= set(list_layers(mi.GPKG_PATH))
    for name in LAYERS:
        stored = read_vector(mi.GPKG_PATH, layer=name)
        fresh = frames[name]
        pd.testing.assert_frame_equal(
            stored.drop(columns="geometry"), fresh.drop(columns="geometry"), check_dtype=False
        )
        assert stored.crs.to_epsg() == 4326
        assert shapely.equals_exact(
            stored.geometry.to_numpy(), fresh.geometry.to_numpy(), tolerance=1e-7
        ).all(), name


def test_survey_csv_and_gpkg_table_agree(frames):
    csv = read_table(mi.CSV_PATH, dtype={"gso_code": str, "district_code": str})
    table = read_attribute_table(mi.GPKG_PATH, layer="survey")
    pd.testing.assert_frame_equal(csv, table, check_dtype=False)
    pd.testing.assert_frame_equal(csv, frames["survey"], check_dtype=False)
