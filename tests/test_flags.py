"""analysis.flags (network rule set): which source decided, survey/map disagreement; its evidence in words
(layers.flags.with_evidence); embedded data."""

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
from geo.errors import InputError
from layers.facilities import load_district_centres
from layers.flags import with_evidence
from layers.roads import load_roads
from workflows.flags import run_flags

UNITS = ["A", "B", "C", "D"]


def frames(dist_any_m, dist_conn_m, grid_km, survey_road, survey_grid, pct):
    communes = pd.DataFrame(
        {
            "unit_id": UNITS,
            "gso_code": UNITS,
            "commune": [f"Xã {u}" for u in UNITS],
            "district_code": ["001", "001", "002", "002"],
            "district": ["H1", "H1", "H2", "H2"],
        }
    )
    centres = gpd.GeoDataFrame(
        {"unit_id": UNITS, "centre_source": ["ubnd", "ubnd", "ubnd", "representative_point"]},
        geometry=[Point(103, 21.5)] * 4,
        crs=4326,
    )
    road = pd.DataFrame({"dist_allseason_m": dist_any_m, "dist_connected_m": dist_conn_m})
    grid = pd.DataFrame({"dist_grid_km": grid_km})
    survey = pd.DataFrame(
        {"allseason_road_to_centre": survey_road, "grid_connected": survey_grid, "hh_grid_power_pct": pct},
        index=pd.Index(UNITS, name="unit_id"),
    )
    return communes, centres, road, grid, survey


def judge(
    *,
    any_m=np.nan,
    conn_m=np.nan,
    grid_km=np.nan,
    road=None,
    grid=None,
    pct=np.nan,
    thresholds=None,
    centre="ubnd",
) -> pd.Series:
    """Flag one commune from its measures and survey answers (default thresholds unless given), with its
    evidence."""
    communes = pd.DataFrame(
        {
            "unit_id": ["A"],
            "gso_code": ["03124"],
            "commune": ["Xã A"],
            "district_code": ["094"],
            "district": ["H"],
        }
    )
    centres = gpd.GeoDataFrame(
        {"unit_id": ["A"], "centre_source": [centre]}, geometry=[Point(103, 21.5)], crs=4326
    )
    survey = pd.DataFrame(
        {"allseason_road_to_centre": [road], "grid_connected": [grid], "hh_grid_power_pct": [pct]},
        index=pd.Index(["A"], name="unit_id"),
        dtype=object,
    )
    kwargs = {} if thresholds is None else {"thresholds": thresholds}
    return with_evidence(
        flag_communes(
            communes,
            centres,
            pd.DataFrame({"dist_allseason_m": [any_m], "dist_connected_m": [conn_m]}),
            pd.DataFrame({"dist_grid_km": [grid_km]}),
            survey,
            **kwargs,
        )
    ).iloc[0]


def test_route_details_are_kept_and_the_weakest_link_named():
    communes = pd.DataFrame(
        {
            "unit_id": ["A", "B"],
            "gso_code": ["1", "2"],
            "commune": ["Xã A", "Xã B"],
            "district_code": ["094", "094"],
            "district": ["H", "H"],
        }
    )
    centres = gpd.GeoDataFrame(
        {"unit_id": ["B", "A"], "centre_source": ["representative_point", "ubnd"]},
        geometry=[Point(103, 21.5)] * 2,
        crs=4326,
    )
    road = pd.DataFrame(
        {
            "dist_allseason_m": [0.0, 0.0],
            "dist_connected_m": [9000.0, 9000.0],
            "minutes_dry": [12.5, np.nan],
            "weakest_segment": ["R7", ""],
            "weakest_class": ["track", ""],
            "weakest_surface": ["earth", ""],
        }
    )
    survey = pd.DataFrame(
        {
            "allseason_road_to_centre": [None, None],
            "grid_connected": [None, None],
            "hh_grid_power_pct": [np.nan, np.nan],
        },
        index=pd.Index(["A", "B"], name="unit_id"),
    )
    flags = with_evidence(
        flag_communes(communes, centres, road, pd.DataFrame({"dist_grid_km": [0.1, 0.1]}), survey)
    )
    assert flags["minutes_dry"].tolist()[0] == 12.5 and np.isnan(flags["minutes_dry"].iloc[1])
    assert "dist_allseason_m" not in flags and flags["dist_connected_allseason_km"].tolist() == [9.0, 9.0]
    # matched by unit, not by order
    assert flags["centre_source"].tolist() == [
        "ubnd",
        "representative_point",
    ]
    assert "R7" in flags.at[0, "evidence_en"] and "R7" in flags.at[0, "evidence_vi"]
    # an empty weakest link adds nothing to the evidence
    alone = judge(any_m=0.0, conn_m=9000.0, grid_km=0.1, centre="representative_point")
    assert (
        flags.loc[1, ["evidence_en", "evidence_vi"]].tolist()
        == alone[["evidence_en", "evidence_vi"]].tolist()
    )
    assert "weakest" not in flags.at[1, "evidence_en"] and "yếu nhất" not in flags.at[1, "evidence_vi"]
    assert "weakest" not in alone["evidence_en"] and "yếu nhất" not in alone["evidence_vi"]


def test_default_thresholds_are_the_readme_ones():
    assert (FlagThresholds().road_km, FlagThresholds().grid_km, FlagThresholds().grid_household_pct) == (
        0.5,
        3.0,
        50.0,
    )


# The README's road rule with its default 0.5 km: (nearest all-season m, nearest joined to the district centre
# m, survey answer) -> (lacks a road, decided by, map says there is access, survey and map disagree)
ROAD_CASES = [
    (0.0, 0.0, None, False, "map", True, False),
    (500.0, 500.0, None, False, "map", True, False),  # exactly 0.5 km: within the tolerance
    (500.0, 500.5, None, True, "map", False, False),  # just past it
    (300.0, 5200.0, None, True, "map", False, False),  # a piece 300 m away joined to nothing does not count
    (300.0, np.nan, None, True, "map", False, False),  # the district centre has no all-season road at all
    (np.nan, np.nan, None, False, "none", None, False),  # no all-season road in the data: the map cannot tell
    (np.nan, np.nan, False, True, "survey", None, False),
    (np.nan, np.nan, True, False, "survey", None, False),
    (0.0, 0.0, True, False, "survey+map", True, False),
    (0.0, 0.0, False, True, "survey", True, True),  # survey no, map yes: flagged by the survey, disagreement
    (300.0, 5200.0, True, True, "map", False, True),  # survey yes, map no: flagged by the map, disagreement
    (300.0, 5200.0, False, True, "survey+map", False, False),
]


@pytest.mark.parametrize(
    ("any_m", "conn_m", "road", "lacks", "decided_by", "map_access", "disagree"), ROAD_CASES
)
def test_road_rule_at_and_past_the_default_tolerance(
    any_m, conn_m, road, lacks, decided_by, map_access, disagree
):
    row = judge(any_m=any_m, conn_m=conn_m, road=road, grid=True, grid_km=0.0, pct=100.0)
    assert (
        row["lacks_allseason_road"],
        row["road_decided_by"],
        row["allseason_access_map"],
        row["road_disagreement"],
    ) == (lacks, decided_by, map_access, disagree)
    assert not row["lacks_grid"] and not row["grid_disagreement"]


# The grid rule with its defaults 3 km and 50 %: (km to the grid, survey answer, % households on the grid) ->
# (lacks grid, decided by, survey and map disagree)
GRID_CASES = [
    (3.0, None, np.nan, False, "map", False),  # exactly 3 km: on the grid
    (3.0001, None, np.nan, True, "map", False),  # just past
    (0.5, None, 50.0, False, "survey+map", False),  # exactly 50 %: enough
    (0.5, None, 49.99, True, "survey", False),  # just below
    (0.5, False, 100.0, True, "survey", True),  # the survey says not on the grid: flagged, disagreement
    (0.5, True, np.nan, False, "survey+map", False),
    (7.0, True, 90.0, True, "map", True),
    (7.0, False, 10.0, True, "survey+map", False),
    (np.nan, None, np.nan, False, "none", False),  # nothing known: not flagged, said so
    (np.nan, False, np.nan, True, "survey", False),
    (np.nan, None, 20.0, True, "survey", False),
    (np.nan, True, np.nan, False, "survey", False),
]


@pytest.mark.parametrize(("grid_km", "grid", "pct", "lacks", "decided_by", "disagree"), GRID_CASES)
def test_grid_rule_at_and_past_the_default_thresholds(grid_km, grid, pct, lacks, decided_by, disagree):
    row = judge(any_m=0.0, conn_m=0.0, road=True, grid_km=grid_km, grid=grid, pct=pct)
    assert (row["lacks_grid"], row["grid_decided_by"], row["grid_disagreement"]) == (
        lacks,
        decided_by,
        disagree,
    )
    assert not row["lacks_allseason_road"] and row["road_decided_by"] == "survey+map"
    assert row["hh_grid_power_pct"] == pytest.approx(pct, nan_ok=True)


@pytest.mark.parametrize(
    ("thresholds", "conn_m", "grid_km", "pct", "lacks_road", "lacks_grid"),
    [
        (FlagThresholds(road_km=2.0, grid_km=1.0, grid_household_pct=80.0), 2000.0, 1.0, 80.0, False, False),
        (FlagThresholds(road_km=2.0, grid_km=1.0, grid_household_pct=80.0), 2001.0, 1.01, 80.0, True, True),
        (FlagThresholds(road_km=2.0, grid_km=1.0, grid_household_pct=80.0), 0.0, 0.0, 79.9, False, True),
        (FlagThresholds(road_km=0.0, grid_km=0.0, grid_household_pct=0.0), 0.0, 0.0, 0.0, False, False),
        (FlagThresholds(road_km=0.0, grid_km=0.0, grid_household_pct=100.0), 0.1, 0.0, 100.0, True, False),
    ],
)
def test_thresholds_chosen_by_the_user_move_the_boundaries(
    thresholds, conn_m, grid_km, pct, lacks_road, lacks_grid
):
    row = judge(any_m=conn_m, conn_m=conn_m, grid_km=grid_km, pct=pct, thresholds=thresholds)
    assert (row["lacks_allseason_road"], row["lacks_grid"]) == (lacks_road, lacks_grid)


@pytest.mark.parametrize(
    ("name", "value", "ok"),
    [
        ("road_km", 0.0, True),
        ("road_km", 100.0, True),
        ("road_km", 100.001, False),
        ("road_km", -0.001, False),
        ("grid_km", 0.0, True),
        ("grid_km", 100.0, True),
        ("grid_km", 100.5, False),
        ("grid_km", -1.0, False),
        ("grid_household_pct", 0.0, True),
        ("grid_household_pct", 100.0, True),
        ("grid_household_pct", 100.01, False),
        ("grid_household_pct", -0.5, False),
        ("road_km", float("nan"), False),
        ("grid_km", float("inf"), False),
        ("road_km", "0.5", False),
    ],
)
def test_threshold_bounds(name, value, ok):
    if ok:
        assert getattr(FlagThresholds(**{name: value}), name) == value
        return
    with pytest.raises(InputError) as caught:
        FlagThresholds(**{name: value})
    (problem,) = caught.value.problems
    assert problem.column == name and problem.value == str(value)
    assert "100" in problem.en and "100" in problem.vi


@pytest.mark.parametrize(
    ("value", "answer"),
    [
        (True, True),
        (np.True_, True),
        (False, False),
        (np.False_, False),
        (None, None),
        (np.nan, None),
        (pd.NA, None),
    ],
)
def test_survey_answers_of_every_kind(value, answer):
    row = judge(any_m=0.0, conn_m=0.0, grid_km=0.0, road=value, grid=value)
    assert row["lacks_allseason_road"] == (answer is False) and row["lacks_grid"] == (answer is False)
    assert row["road_decided_by"] == (
        "survey+map" if answer is True else "survey" if answer is False else "map"
    )


def test_evidence_gives_the_figures_that_decided():
    # numbers the evidence must show (whatever its wording): the distance to the joined road and to the piece
    # joined to nothing, the distance to the grid, the share of households, in each language's number format
    row = judge(any_m=300.0, conn_m=5200.0, grid_km=4.25, road=True, grid=True, pct=40.0)
    for text, comma in ((row["evidence_en"], "."), (row["evidence_vi"], ",")):
        for figure in ("0.3", "4.2", "40.0", "0.5", "3"):
            assert figure.replace(".", comma) in text, (figure, text)
        assert "5.2".replace(".", comma) not in text  # the nearest piece within 0.5 km is named instead
    row = judge(any_m=900.0, conn_m=900.0, grid_km=1.0, road=None, grid=None)
    for text, comma in ((row["evidence_en"], "."), (row["evidence_vi"], ",")):
        assert "0.9".replace(".", comma) in text
        assert "1.0".replace(".", comma) not in text  # the grid is no reason for a flag: not listed
    # nothing flagged: one line with both measures
    row = judge(any_m=0.0, conn_m=200.0, grid_km=1.5, road=True, grid=True, pct=99.0)
    assert "0.2" in row["evidence_en"] and "1.5" in row["evidence_en"] and "0,2" in row["evidence_vi"]
    assert row["disagreement_en"] == "" and row["disagreement_vi"] == ""
    # where the survey and the map disagree the disagreement holds both answers, without the parenthesised
    # detail
    row = judge(any_m=300.0, conn_m=5200.0, grid_km=9.0, road=True, grid=True)
    assert row["disagreement_en"].count(";") == 1 and "(" not in row["disagreement_en"]
    assert (
        "0.5" in row["disagreement_en"] and "3" in row["disagreement_en"] and "0,5" in row["disagreement_vi"]
    )
    assert "9.0" not in row["disagreement_en"]
    assert "9,0" not in row["disagreement_vi"] and "5,2" not in row["disagreement_vi"]
    # a piece within the tolerance but joined to nothing is named (at exactly 0.5 km too), a farther one is
    # not
    for any_m, shown, hidden in ((500.0, "0.5 km", "5.2"), (900.0, "5.2", "0.9")):
        row = judge(any_m=any_m, conn_m=5200.0, grid_km=0.5)
        assert shown in row["evidence_en"] and hidden not in row["evidence_en"], row["evidence_en"]
    # a grid flag lists the distance to the grid; the share of households is given with one decimal
    row = judge(any_m=0.0, conn_m=0.0, grid_km=7.0, road=True, pct=37.46)
    assert "7.0" in row["evidence_en"] and "37.5" in row["evidence_en"] and "37,5" in row["evidence_vi"]
    # ... as the reasons of the flag (the survey's answer, then the map's), not the road that is fine
    assert row["evidence_en"].startswith("survey: no answer; map: no grid line within 3 km (nearest 7.0 km)")
    assert "all-season" not in row["evidence_en"] and "quanh năm" not in row["evidence_vi"]
    # the survey's answers when nothing is flagged: one summary when it says yes to both, else each answer
    said = {
        (r, g): judge(any_m=0.0, conn_m=0.0, grid_km=0.5, road=r, grid=g)["evidence_en"]
        for r in (True, None)
        for g in (True, None)
    }
    assert len(set(said.values())) == 4
    assert len(said[True, True]) < min(len(said[True, None]), len(said[None, True]))
    # a commune without a known UBND point says so; one with a point does not
    assert judge(centre="representative_point")["evidence_en"] != judge()["evidence_en"]
    assert judge(centre="representative_point")["evidence_en"].startswith(judge()["evidence_en"])


def test_survey_yes_map_no_is_a_disagreement_decided_by_the_map():
    # A: survey yes; the nearest all-season road is 300 m away but connects to nothing; the joined one is 5.2
    # km away
    args = frames(
        [300.0, 0.0, 0.0, np.nan],
        [5200.0, 0.0, 100.0, np.nan],
        [1.0, 1.0, 5.0, np.nan],
        [True, False, True, None],
        [True, True, True, None],
        [90.0, 90.0, 40.0, np.nan],
    )
    flags = with_evidence(
        flag_communes(*args, thresholds=FlagThresholds(road_km=0.5, grid_km=3.0, grid_household_pct=50.0))
    )
    a, b, c, d = (flags.iloc[i] for i in range(4))
    assert a["lacks_allseason_road"] and a["road_decided_by"] == "map" and a["road_disagreement"]
    assert a["dist_allseason_road_km"] == pytest.approx(0.3) and a[
        "dist_connected_allseason_km"
    ] == pytest.approx(5.2)
    assert (
        "survey: road yes, map: no all-season road joined to the district centre within 0.5 km"
        in a["disagreement_en"]
    )
    assert "connects to no path" in a["evidence_en"]
    assert "điều tra: có đường ô tô quanh năm" in a["disagreement_vi"] and "0,5 km" in a["disagreement_vi"]
    assert not a["lacks_grid"]
    # B: survey no, map yes (centre on a joined all-season road): flagged by the survey, disagreement
    assert b["lacks_allseason_road"] and b["road_decided_by"] == "survey" and b["road_disagreement"]
    assert (
        "survey: road no, map: all-season road joined to the district centre 0.0 km" in b["disagreement_en"]
    )
    # C: grid line 5 km away (> 3 km) while the survey says connected; 40 % households (< 50 %)
    assert c["lacks_grid"] and c["grid_decided_by"] == "survey+map" and c["grid_disagreement"]
    assert "survey: grid yes, map: no grid line within 3 km" in c["disagreement_en"]
    assert "40.0% of households" in c["evidence_en"]
    assert not c["lacks_allseason_road"] and not c["road_disagreement"]
    # D: nothing known (empty layers, no survey): not flagged, says so, no number made up
    assert not d["lacks_allseason_road"] and d["road_decided_by"] == "none" and not d["road_disagreement"]
    assert "no all-season road in the data" in d["evidence_en"] and "representative point" in d["evidence_en"]
    assert (
        "nan" not in " ".join(flags["evidence_en"]).lower()
        and "inf" not in " ".join(flags["evidence_en"]).lower()
    )


def test_the_rules_return_decisions_and_figures_never_words():
    # the same four communes as above: the evidence is written from these codes and figures (layers.flags)
    args = frames(
        [300.0, 0.0, 0.0, np.nan],
        [5200.0, 0.0, 100.0, np.nan],
        [1.0, 1.0, 5.0, np.nan],
        [True, False, True, None],
        [True, True, True, None],
        [90.0, 90.0, 40.0, np.nan],
    )
    flags = flag_communes(*args, thresholds=FlagThresholds(road_km=0.5, grid_km=3.0, grid_household_pct=50.0))
    assert not [c for c in flags.columns if c.endswith(("_vi", "_en"))]
    assert flags["road_map_finding"].tolist() == [
        "unjoined_within",
        "joined_within",
        "joined_within",
        "no_allseason_road",
    ]
    assert flags["allseason_access_survey"].tolist() == [True, False, True, None]
    assert flags["grid_access_map"].tolist() == [True, True, False, None]
    assert flags["grid_household_low"].tolist() == [False, False, True, False]
    assert flags[
        ["threshold_road_km", "threshold_grid_km", "threshold_grid_household_pct"]
    ].drop_duplicates().to_numpy().tolist() == [[0.5, 3.0, 50.0]]
    # a road joined farther than the tolerance, and no joined road at all (a hardened piece 2 km off, joined
    # to nothing)
    assert judge(any_m=900.0, conn_m=5200.0)["road_map_finding"] == "joined_beyond"
    assert judge(any_m=2000.0, conn_m=np.inf)["road_map_finding"] == "none_joined"
    assert "nearest" not in judge(any_m=2000.0, conn_m=np.inf)["evidence_en"]


def test_counts_by_district():
    args = frames(
        [0.0] * 4, [0.0, 9000.0, 0.0, 0.0], [1.0, 1.0, 9.0, 1.0], [True] * 4, [True] * 4, [90.0] * 4
    )
    counts = count_flags_by_district(flag_communes(*args))
    assert counts["n_lacks_allseason_road"].tolist() == [1, 0]
    assert counts["n_lacks_grid"].tolist() == [0, 1]
    assert counts["n_lacks_either"].tolist() == [1, 1]


@pytest.fixture(scope="module")
def strict_run():
    return run_flags("pre2025", year=2020, thresholds=FlagThresholds(road_km=0.001))


def reach_km(centres: gpd.GeoDataFrame, district_codes: pd.Series) -> np.ndarray:
    """Distance (km) from each centre to the all-season roads joined to its district centre, recomputed here.

    Independent of analysis.network: all-season road features of the embedded layer that touch (within 1 m)
    form components; the district centre's component is the one of its nearest all-season road.
    """
    roads = load_roads()
    lines = roads[roads["all_season"].astype(bool)].to_crs(METRIC_EPSG).geometry.to_numpy()
    tree = shapely.STRtree(lines)
    left, right = tree.query(lines, predicate="dwithin", distance=1.0)
    _, component = connected_components(
        coo_matrix((np.ones(len(left)), (left, right)), shape=(len(lines),) * 2)
    )
    seats = load_district_centres().to_crs(METRIC_EPSG)
    joined = {
        str(code): shapely.multilinestrings(lines[component == component[tree.nearest(point)]])
        for code, point in zip(seats["district_code"], seats.geometry, strict=True)
    }
    points = centres.to_crs(METRIC_EPSG).geometry.to_numpy()
    return (
        np.array(
            [
                shapely.distance(point, joined[str(code)]) if str(code) in joined else np.nan
                for point, code in zip(points, district_codes, strict=True)
            ]
        )
        / 1000.0
    )


@pytest.mark.parametrize("run_name", ["strict_run", "flag_run"])
def test_map_flag_means_no_allseason_path_to_the_district_centre(request, run_name):
    run = request.getfixturevalue(run_name)
    flags = run.flags
    road_km = 0.001 if run_name == "strict_run" else 0.5  # the default of the README
    centres = run.centres.set_index("unit_id").loc[flags["unit_id"]]
    reach = reach_km(
        gpd.GeoDataFrame(centres, geometry="geometry", crs=run.centres.crs), flags["district_code"]
    )
    assert np.isfinite(reach).all()
    map_says_no = (flags["allseason_access_map"] == False).to_numpy()  # noqa: E712
    recomputed_no = reach > road_km
    assert map_says_no.any() and not map_says_no.all()
    assert (map_says_no == recomputed_no).all(), flags.loc[
        map_says_no != recomputed_no, ["gso_code", "commune"]
    ]
    # a map flag is always a flag; the other flags are the survey's "no"
    lacks = flags["lacks_allseason_road"].to_numpy(bool)
    assert lacks[map_says_no].all()
    survey_no = (flags["survey_allseason_road"] == False).to_numpy()  # noqa: E712
    assert (lacks == (map_says_no | survey_no)).all()


def _answer(value) -> bool | None:
    return None if value is None or value is pd.NA or value != value else bool(value)


@pytest.mark.parametrize("run_name", ["strict_run", "flag_run"])
def test_disagreements_are_exactly_survey_answer_unlike_map_answer(request, run_name):
    run = request.getfixturevalue(run_name)
    flags = run.flags
    survey = flags["survey_allseason_road"].map(_answer)
    # the map's answer recomputed without analysis.network (every centre's reach is finite on the embedded
    # data)
    centres = run.centres.set_index("unit_id").loc[flags["unit_id"]]
    reach = reach_km(
        gpd.GeoDataFrame(centres, geometry="geometry", crs=run.centres.crs), flags["district_code"]
    )
    mapped = reach <= (0.001 if run_name == "strict_run" else 0.5)
    expected = [s is not None and m is not None and s != m for s, m in zip(survey, mapped, strict=True)]
    assert flags["road_disagreement"].tolist() == expected
    assert any(expected)
    grid_survey = flags["survey_grid"].map(_answer)
    grid_map = [None if not np.isfinite(d) else bool(d <= 3.0) for d in flags["dist_grid_km"]]
    assert flags["grid_disagreement"].tolist() == [
        s is not None and m is not None and s != m for s, m in zip(grid_survey, grid_map, strict=True)
    ]
    # the wording says which source said what, and only where they disagree
    has_text = flags["disagreement_en"].str.len() > 0
    assert (has_text == (flags["road_disagreement"] | flags["grid_disagreement"])).all()
    for _, row in flags[flags["road_disagreement"]].iterrows():
        said = "survey: road yes" if row["survey_allseason_road"] else "survey: road no"
        assert row["disagreement_en"].startswith(said)


def test_embedded_map_flags_are_the_readme_counts(flag_run, strict_run):
    # README: 27 of 130 centres have no all-season path to their district centre; at 0.5 km the map flags 25,
    # as Pa Ham (0.04 km) and Luân Giới (0.43 km) lie within 0.5 km of an all-season road joined to their
    # district centre
    assert int((strict_run.flags["allseason_access_map"] == False).sum()) == 27  # noqa: E712
    flags = flag_run.flags.set_index("commune")
    assert int((flags["allseason_access_map"] == False).sum()) == 25  # noqa: E712
    for name, km in (("Xã Pa Ham", 0.04), ("Xã Luân Giới", 0.43)):
        assert flags.at[name, "allseason_access_map"] == True  # noqa: E712
        assert flags.at[name, "dist_connected_allseason_km"] == pytest.approx(km, abs=0.005)


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
    assert {"Road: decided by", "Survey and map disagree", "Weakest link on the best route"} <= set(
        table.columns
    )
    disagree = (strict_run.flags["road_disagreement"] | strict_run.flags["grid_disagreement"]).to_numpy()
    assert ((table["Survey and map disagree"] != "").to_numpy() == disagree).all() and disagree.any()
    # the flags read as words of the page's language, never true/false (the Vietnamese page checks its own
    # words)
    for column, flag in (
        ("Lacks all-season road", "lacks_allseason_road"),
        ("Lacks national-grid power", "lacks_grid"),
    ):
        assert (table[column] == strict_run.flags[flag].map({True: "yes", False: "no"})).all()
    text = table.astype(str)
    assert not text.apply(lambda s: s.str.fullmatch(r"(?i)nan|inf|-inf|none")).any(axis=None)
