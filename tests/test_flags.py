"""analysis.flags (network rule set): which source decided, survey/map disagreement, evidence; embedded data."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from shapely.geometry import Point

from analysis.flags import FlagThresholds, count_flags_by_district, flag_communes
from geo.crs import METRIC_EPSG
from layers.facilities import load_district_centres
from layers.roads import load_roads
from workflows.flags import run_flags

UNITS = ["A", "B", "C", "D"]


def frames(dist_any_m, dist_conn_m, grid_km, survey_road, survey_grid, pct):
    communes = pd.DataFrame({"unit_id": UNITS, "gso_code": UNITS, "commune": [f"Xã {u}" for u in UNITS],
                             "district_code": ["001", "001", "002", "002"], "district": ["H1", "H1", "H2", "H2"]})
    centres = gpd.GeoDataFrame({"unit_id": UNITS, "centre_source": ["ubnd", "ubnd", "ubnd", "representative_point"]},
                               geometry=[Point(103, 21.5)] * 4, crs=4326)
    road = pd.DataFrame({"dist_allseason_m": dist_any_m, "dist_connected_m": dist_conn_m})
    grid = pd.DataFrame({"dist_grid_km": grid_km})
    survey = pd.DataFrame({"allseason_road_to_centre": survey_road, "grid_connected": survey_grid,
                           "hh_grid_power_pct": pct}, index=pd.Index(UNITS, name="unit_id"))
    return communes, centres, road, grid, survey


def test_survey_yes_map_no_is_a_disagreement_decided_by_the_map():
    # A: survey yes; the nearest all-season road is 300 m away but connects to nothing; the joined one is 5.2 km away
    args = frames([300.0, 0.0, 0.0, np.nan], [5200.0, 0.0, 100.0, np.nan], [1.0, 1.0, 5.0, np.nan],
                  [True, False, True, None], [True, True, True, None], [90.0, 90.0, 40.0, np.nan])
    flags = flag_communes(*args, thresholds=FlagThresholds(road_km=0.5, grid_km=3.0, grid_household_pct=50.0))
    a, b, c, d = (flags.iloc[i] for i in range(4))
    assert a["lacks_allseason_road"] and a["road_decided_by"] == "map" and a["road_disagreement"]
    assert a["dist_allseason_road_km"] == pytest.approx(0.3) and a["dist_connected_allseason_km"] == pytest.approx(5.2)
    assert "survey: road yes, map: no all-season road joined to the district centre within 0.5 km" in a["disagreement_en"]
    assert "connects to no path" in a["evidence_en"]
    assert "điều tra: có đường ô tô quanh năm" in a["disagreement_vi"] and "0,5 km" in a["disagreement_vi"]
    assert not a["lacks_grid"]
    # B: survey no, map yes (centre on a joined all-season road): flagged by the survey, disagreement
    assert b["lacks_allseason_road"] and b["road_decided_by"] == "survey" and b["road_disagreement"]
    assert "survey: road no, map: all-season road joined to the district centre 0.0 km" in b["disagreement_en"]
    # C: grid line 5 km away (> 3 km) while the survey says connected; 40 % households (< 50 %)
    assert c["lacks_grid"] and c["grid_decided_by"] == "survey+map" and c["grid_disagreement"]
    assert "survey: grid yes, map: no grid line within 3 km" in c["disagreement_en"]
    assert "40.0% of households" in c["evidence_en"]
    assert not c["lacks_allseason_road"] and not c["road_disagreement"]
    # D: nothing known (empty layers, no survey): not flagged, says so, no number made up
    assert not d["lacks_allseason_road"] and d["road_decided_by"] == "none" and not d["road_disagreement"]
    assert "no all-season road in the data" in d["evidence_en"] and "representative point" in d["evidence_en"]
    assert "nan" not in " ".join(flags["evidence_en"]).lower() and "inf" not in " ".join(flags["evidence_en"]).lower()


def test_counts_by_district():
    args = frames([0.0] * 4, [0.0, 9000.0, 0.0, 0.0], [1.0, 1.0, 9.0, 1.0], [True] * 4, [True] * 4, [90.0] * 4)
    counts = count_flags_by_district(flag_communes(*args))
    assert counts["n_lacks_allseason_road"].tolist() == [1, 0]
    assert counts["n_lacks_grid"].tolist() == [0, 1]
    assert counts["n_lacks_either"].tolist() == [1, 1]


@pytest.fixture(scope="module")
def strict_run():
    return run_flags("pre2025", year=2020, thresholds=FlagThresholds(road_km=0.001))


def reach_km(centres: gpd.GeoDataFrame, district_codes: pd.Series) -> np.ndarray:
    """Distance (km) from each centre to the all-season roads joined to its district centre, recomputed here.

    Independent of analysis.network: all-season road features of the embedded layer that touch (within 1 m) form
    components; the district centre's component is the one of its nearest all-season road.
    """
    roads = load_roads()
    lines = roads[roads["all_season"].astype(bool)].to_crs(METRIC_EPSG).geometry.to_numpy()
    tree = shapely.STRtree(lines)
    left, right = tree.query(lines, predicate="dwithin", distance=1.0)
    _, component = connected_components(coo_matrix((np.ones(len(left)), (left, right)), shape=(len(lines),) * 2))
    seats = load_district_centres().to_crs(METRIC_EPSG)
    joined = {str(code): shapely.multilinestrings(lines[component == component[tree.nearest(point)]])
              for code, point in zip(seats["district_code"], seats.geometry, strict=True)}
    points = centres.to_crs(METRIC_EPSG).geometry.to_numpy()
    return np.array([shapely.distance(point, joined[str(code)]) if str(code) in joined else np.nan
                     for point, code in zip(points, district_codes, strict=True)]) / 1000.0


@pytest.mark.parametrize("run_name", ["strict_run", "flag_run"])
def test_map_flag_means_no_allseason_path_to_the_district_centre(request, run_name):
    run = request.getfixturevalue(run_name)
    flags = run.flags
    road_km = 0.001 if run_name == "strict_run" else FlagThresholds().road_km
    centres = run.centres.set_index("unit_id").loc[flags["unit_id"]]
    reach = reach_km(gpd.GeoDataFrame(centres, geometry="geometry", crs=run.centres.crs), flags["district_code"])
    assert np.isfinite(reach).all()
    map_says_no = (flags["allseason_access_map"] == False).to_numpy()  # noqa: E712
    recomputed_no = reach > road_km
    assert map_says_no.any() and not map_says_no.all()
    assert (map_says_no == recomputed_no).all(), flags.loc[map_says_no != recomputed_no, ["gso_code", "commune"]]
    # a map flag is always a flag; the other flags are the survey's "no"
    lacks = flags["lacks_allseason_road"].to_numpy(bool)
    assert lacks[map_says_no].all()
    survey_no = (flags["survey_allseason_road"] == False).to_numpy()  # noqa: E712
    assert (lacks == (map_says_no | survey_no)).all()


def _answer(value) -> bool | None:
    return None if value is None or value is pd.NA or value != value else bool(value)


@pytest.mark.parametrize("run_name", ["strict_run", "flag_run"])
def test_disagreements_are_exactly_survey_answer_unlike_map_answer(request, run_name):
    flags = request.getfixturevalue(run_name).flags
    survey = flags["survey_allseason_road"].map(_answer)
    mapped = flags["allseason_access_map"].map(_answer)
    expected = [s is not None and m is not None and s != m for s, m in zip(survey, mapped, strict=True)]
    assert flags["road_disagreement"].tolist() == expected
    assert any(expected)
    grid_survey = flags["survey_grid"].map(_answer)
    grid_map = [None if not np.isfinite(d) else bool(d <= FlagThresholds().grid_km) for d in flags["dist_grid_km"]]
    assert flags["grid_disagreement"].tolist() == [s is not None and m is not None and s != m
                                                   for s, m in zip(grid_survey, grid_map, strict=True)]
    # the wording says which source said what, and only where they disagree
    has_text = flags["disagreement_en"].str.len() > 0
    assert (has_text == (flags["road_disagreement"] | flags["grid_disagreement"])).all()
    for _, row in flags[flags["road_disagreement"]].iterrows():
        said = "survey: road yes" if row["survey_allseason_road"] else "survey: road no"
        assert row["disagreement_en"].startswith(said)


def test_embedded_flags_have_routes_and_evidence(strict_run):
    flags = strict_run.flags
    assert len(flags) == 130
    assert flags["evidence_en"].str.len().gt(0).all()
    # every centre reaches its district centre in the dry season on the embedded network
    assert flags["minutes_to_district_dry"].notna().all()
    # a commune without an all-season path names the weakest link on its best route
    lacking = flags[flags["allseason_access_map"] == False]  # noqa: E712
    assert (lacking["weakest_segment"].str.len() > 0).all()
    assert (flags["minutes_to_district_rainy"].fillna(1e9) >= flags["minutes_to_district_dry"] - 1e-9).all()


def test_flags_table_shows_decisions_and_disagreements_without_nan(strict_run):
    from ui.context import PageContext
    from ui.page_flags import flags_display_table

    table = flags_display_table(PageContext(lang="en"), strict_run.flags)
    assert len(table) == 130
    assert {"Road: decided by", "Survey and map disagree", "Weakest link on the best route"} <= set(table.columns)
    disagree = (strict_run.flags["road_disagreement"] | strict_run.flags["grid_disagreement"]).to_numpy()
    assert ((table["Survey and map disagree"] != "").to_numpy() == disagree).all() and disagree.any()
    text = table.drop(columns=["Lacks all-season road", "Lacks national-grid power"]).astype(str)
    assert not text.apply(lambda s: s.str.fullmatch(r"(?i)nan|inf|-inf|none")).any(axis=None)
