"""analysis.flags (network rule set): which source decided, survey/map disagreement, evidence; embedded data."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

from analysis.flags import FlagThresholds, count_flags_by_district, flag_communes
from workflows import run_flags

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


def test_embedded_network_matches_its_documented_reachability(strict_run):
    # data/illustrative/SOURCE.md: 27 of 130 centres have no all-season path from their district centre, and the
    # survey disagrees with the network for 6 communes, 3 each way
    flags = strict_run.flags
    assert int((flags["allseason_access_map"] == False).sum()) == 27  # noqa: E712
    disagree = flags[flags["road_disagreement"]]
    assert len(disagree) == 6
    assert disagree["survey_allseason_road"].astype(bool).sum() == 3


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
    assert (table["Survey and map disagree"] != "").sum() == 6
    text = table.drop(columns=["Lacks all-season road", "Lacks national-grid power"]).astype(str)
    assert not text.apply(lambda s: s.str.fullmatch(r"(?i)nan|inf|-inf|none")).any(axis=None)
