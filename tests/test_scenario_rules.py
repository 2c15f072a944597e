"""The rules of a what-if scenario (analysis/scenarios.py) on small hand-made layers.

Each expected value is worked out by hand: hardening, added grid lines, facilities and sites, the 500 m slack
at the province edge, households moved, the comparison table and the people counts.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from analysis.scenarios import (
    PERSONS_PER_HOUSEHOLD,
    Scenario,
    apply_scenario,
    check_name,
    commune_measures,
    compare_communes,
    people_reached,
    scenario_frame,
    scenario_from_frame,
)
from geo.crs import METRIC_EPSG
from geo.errors import InputError

# A province shaped like an L in UTM 48N (metres): the square 0–10 km × 0–10 km without its north-east quarter
# (x > 5 km and y > 5 km), offset to the Điện Biên area.
X0, Y0 = 380_000.0, 2_360_000.0
PROVINCE = shapely.Polygon(
    [
        (X0, Y0),
        (X0 + 10_000, Y0),
        (X0 + 10_000, Y0 + 5_000),
        (X0 + 5_000, Y0 + 5_000),
        (X0 + 5_000, Y0 + 10_000),
        (X0, Y0 + 10_000),
    ]
)


def _metric(geoms: list, data: dict | None = None) -> gpd.GeoDataFrame:
    """A frame of ``geoms`` given in km from the province's south-west corner, in EPSG:4326 like a drawing."""
    moved = [shapely.affinity.affine_transform(g, [1000, 0, 0, 1000, X0, Y0]) for g in geoms]
    return gpd.GeoDataFrame(data or {}, geometry=moved, crs=METRIC_EPSG).to_crs(4326)


def _layers() -> dict[str, gpd.GeoDataFrame]:
    line = shapely.LineString([(1, 1), (2, 1)])
    return {
        "roads": _metric(
            [line] * 4,
            {
                "road_id": ["R1", "R2", "R3", "R4"],
                "surface": ["earth", "asphalt", "gravel", "concrete"],
                "all_season": [False, False, False, True],
                "has_ford_or_unbridged": [True, True, False, False],
                "hardened": [False, False, False, True],
                "provenance": ["survey"] * 4,
            },
        ),
        "grid_mv": _metric([line], {"line_id": ["G0"], "voltage_kv": [35.0], "provenance": ["OSM"]}),
        "schools": _metric(
            [shapely.Point(1, 1), shapely.Point(2, 2)],
            {
                "facility_id": ["S0", "S1"],
                "name": ["a", "b"],
                "level": ["tieu_hoc", "thcs"],
                "provenance": ["x", "x"],
            },
        ),
        "health": _metric(
            [shapely.Point(3, 3)],
            {"facility_id": ["H0"], "name": ["c"], "kind": ["tram_y_te"], "provenance": ["x"]},
        ),
        "villages": _metric(
            [shapely.Point(1, 4), shapely.Point(4, 1), shapely.Point(2, 2)],
            {
                "village_id": ["B1", "B2", "B3"],
                "name": ["Bản 1", "Bản 2", "Bản 3"],
                "gso_code": ["00001", "00001", "00002"],
                "unit_id": ["00001", "00001", "00002"],
                "households": [40, 10, 0],
                "population": [200.0, 60.0, 0.0],
                "provenance": ["x"] * 3,
            },
        ),
    }


def _communes() -> gpd.GeoDataFrame:
    # commune 00001: the west half of the L's foot (x < 5 km, y < 5 km); 00002: the east half of the foot
    return _metric(
        [shapely.box(0, 0, 5, 5), shapely.box(5, 0, 10, 5)], {"gso_code": ["00001", "00002"]}
    ).to_crs(METRIC_EPSG)


def _apply(scenario: Scenario, layers: dict | None = None) -> dict:
    return apply_scenario(layers or _layers(), scenario, province=PROVINCE, communes=_communes())


def _refusal(scenario: Scenario, lang: str = "en") -> str:
    with pytest.raises(InputError) as caught:
        _apply(scenario)
    return caught.value.render(lang)


# --- names -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("Mường Nhé 2", "m_ng_nh_2"),  # each run of other characters becomes one "_"
        ("1st plan", "kb_1st_plan"),  # a suggestion must start with a letter
        ("", "kich_ban_1"),
        ("a" * 31, "a" * 30),
        ("1" * 30, "kb_" + "1" * 27),  # the prefix keeps the suggestion at 30 characters
        ("__", "kich_ban_1"),
    ],
)
def test_a_bad_name_is_refused_with_a_valid_suggestion(name, suggested):
    with pytest.raises(InputError) as caught:
        check_name(name)
    assert f"e.g. '{suggested}'" in caught.value.render("en")
    assert check_name(suggested) == suggested


def test_the_longest_and_shortest_names_pass_and_an_existing_one_is_refused():
    assert check_name("a") == "a"
    assert check_name("a" * 30) == "a" * 30
    assert check_name("plan_2") == "plan_2"
    with pytest.raises(InputError) as caught:
        check_name("plan_2", existing=("plan_1", "plan_2"))
    assert "already exists" in caught.value.render("en")
    assert check_name("plan_3", existing=("plan_1", "plan_2")) == "plan_3"


# --- hardening ---------------------------------------------------------------------------------------------


def test_hardening_makes_the_roads_all_season_and_keeps_their_baseline():
    out = _apply(Scenario("h", harden_roads=("R1", "R2")))["roads"].set_index("road_id")
    # an earth road becomes concrete, an asphalt one stays asphalt; both all-season, hardened, bridged
    assert out["surface"].to_dict() == {"R1": "concrete", "R2": "asphalt", "R3": "gravel", "R4": "concrete"}
    assert out["all_season"].to_dict() == {"R1": True, "R2": True, "R3": False, "R4": True}
    assert out["hardened"].to_dict() == {"R1": True, "R2": True, "R3": False, "R4": True}
    assert out["has_ford_or_unbridged"].to_dict() == {"R1": False, "R2": False, "R3": False, "R4": False}
    assert out["provenance"].to_dict() == {
        "R1": "survey; scenario h: hardened",
        "R2": "survey; scenario h: hardened",
        "R3": "survey",
        "R4": "survey",
    }
    # the baseline's values stay beside them (every point keeps its baseline walking links)
    assert out["baseline_surface"].tolist() == ["earth", "asphalt", "gravel", "concrete"]
    assert out["baseline_all_season"].tolist() == [False, False, False, True]
    assert out["baseline_has_ford_or_unbridged"].tolist() == [True, True, False, False]


def test_hardening_nothing_returns_the_roads_as_they_are():
    layers = _layers()
    out = _apply(Scenario("h"), layers)
    assert out["roads"] is layers["roads"]
    assert "baseline_surface" not in out["roads"].columns


def test_unknown_road_ids_are_named_at_most_eight():
    ids = tuple(f"X{i}" for i in range(1, 10))
    text = _refusal(Scenario("h", harden_roads=("R1", *ids)))
    assert "no road segment with id X1, X2, X3, X4, X5, X6, X7, X8 in the road layer" in text
    assert "X9" not in text.split("value")[0] and "R1" not in text
    assert "value 'X1'" in text
    vi = _refusal(Scenario("h", harden_roads=("R1", *ids)), "vi")
    assert "không có đoạn đường mã X1, X2, X3, X4, X5, X6, X7, X8 trong lớp đường" in vi


# --- the province edge -------------------------------------------------------------------------------------


def _line_layer(*lines) -> gpd.GeoDataFrame:
    return _metric(list(lines), {"voltage_kv": [np.nan] * len(lines)})


def test_a_feature_may_reach_500_m_beyond_the_province_not_more():
    # the province's south edge is y = 0: a line down to y = -0.45 km passes, one to y = -0.6 km does not
    inside = shapely.LineString([(1, 1), (1, -0.45)])
    beyond = shapely.LineString([(2, 1), (2, -0.6)])
    _apply(Scenario("g", grid_lines=_line_layer(inside)))
    text = _refusal(Scenario("g", grid_lines=_line_layer(inside, beyond)))
    assert "row 2, column geometry: grid line reaches outside Điện Biên province (up to 0.6 km)" in text
    assert "row 1" not in text
    assert "(xa tới 0,6 km)" in _refusal(Scenario("g", grid_lines=_line_layer(beyond)), "vi")


def test_a_feature_exactly_500_m_beyond_the_province_passes():
    lines = gpd.GeoDataFrame(
        {"voltage_kv": [22.0]},
        geometry=[shapely.LineString([(X0 + 1000, Y0 + 1000), (X0 + 1000, Y0 - 500)])],
        crs=METRIC_EPSG,
    )
    assert len(_apply(Scenario("g", grid_lines=lines))["grid_mv"]) == 2
    lines = lines.set_geometry(lines.geometry.translate(0, -0.01))
    assert "(up to 0.5 km)" in _refusal(Scenario("g", grid_lines=lines))


@pytest.mark.parametrize(("peak_km", "refused"), [(0.5013, True), (0.4987, False)])
def test_the_part_outside_is_measured_every_10_m(peak_km, refused):
    # a straight line over the notch's corner (5, 5): x + y = 10 + 2 * peak, outside between (5, 5 + 2 peak)
    # and (5 + 2 peak, 5), farthest from the province at its middle, peak km out; that part is 2√2 · peak
    # long: 1,417.9 m, cut into 142 pieces of 9.985 m, so its middle is a measuring point (pieces of 12 m:
    # 119, and no point within 4 m of the peak)
    c = 10 + 2 * peak_km
    line = _line_layer(shapely.LineString([(4, c - 4), (c - 4, 4)]))
    if refused:
        assert "(up to 0.5 km)" in _refusal(Scenario("g", grid_lines=line))
    else:
        assert len(_apply(Scenario("g", grid_lines=line))["grid_mv"]) == 2


def test_a_straight_line_over_the_notch_of_the_border_is_measured_midway():
    # both ends inside the L, its middle crosses the missing quarter: (4, 9) to (9, 4) passes (6.5, 6.5),
    # 1.5 km from the nearest province edge (x = 5 or y = 5)
    over = shapely.LineString([(4, 9), (9, 4)])
    text = _refusal(Scenario("g", grid_lines=_line_layer(over)))
    assert "up to 1.5 km" in text


# --- grid lines --------------------------------------------------------------------------------------------


def test_added_grid_lines_get_ids_a_voltage_and_a_planned_mark():
    lines = _metric(
        [shapely.LineString([(1, 1), (2, 2)]), shapely.MultiLineString([[(1, 2), (2, 3)], [(3, 3), (4, 4)]])],
        {"voltage_kv": [np.nan, 35]},
    )
    out = _apply(Scenario("g", grid_lines=lines))["grid_mv"]
    assert out["line_id"].tolist() == ["G0", "SCN-g-G1", "SCN-g-G2"]
    assert out["voltage_kv"].tolist() == [35.0, 22.0, 35.0]  # none given: 22 kV
    assert out["provenance"].tolist()[1:] == ["scenario g: planned line (not built)"] * 2
    assert out.crs.to_epsg() == 4326
    assert out.geometry.iloc[1].equals_exact(lines.geometry.iloc[0], 1e-12)


def test_a_grid_line_without_a_voltage_column_is_22_kv():
    lines = gpd.GeoDataFrame(geometry=[shapely.LineString([(1, 1), (2, 2)])], crs=METRIC_EPSG)
    lines = lines.set_geometry(lines.geometry.affine_transform([1000, 0, 0, 1000, X0, Y0]))
    assert _apply(Scenario("g", grid_lines=lines))["grid_mv"]["voltage_kv"].tolist() == [35.0, 22.0]


def test_lines_added_to_a_metric_grid_layer_stay_metric_and_in_place():
    layers = _layers()
    layers["grid_mv"] = layers["grid_mv"].to_crs(METRIC_EPSG)
    lines = _line_layer(shapely.LineString([(1, 1), (2, 2)]))
    out = apply_scenario(layers, Scenario("g", grid_lines=lines), province=PROVINCE)["grid_mv"]
    assert out.crs.to_epsg() == METRIC_EPSG
    assert out.geometry.iloc[1].equals_exact(
        shapely.LineString([(X0 + 1000, Y0 + 1000), (X0 + 2000, Y0 + 2000)]), 1e-3
    )


def test_a_grid_line_must_be_a_line():
    shapes = _metric([shapely.LineString([(1, 1), (2, 2)]), shapely.Point(1, 1)], {"voltage_kv": [22, 22]})
    text = _refusal(Scenario("g", grid_lines=shapes))
    assert text == "row 2, column geometry: a grid line must be a line (LineString)."


def test_a_layer_without_a_coordinate_system_or_a_geometry_is_named():
    lines = gpd.GeoDataFrame({"voltage_kv": [22]}, geometry=[shapely.LineString([(1, 1), (2, 2)])])
    assert "the grid line layer has no coordinate system" in _refusal(Scenario("g", grid_lines=lines))
    empty = _metric([shapely.LineString([(1, 1), (2, 2)]), shapely.LineString()], {"voltage_kv": [22, 22]})
    assert _refusal(Scenario("g", grid_lines=empty)) == "row 2, column geometry: grid line has no geometry."
    # a row without a geometry at all is named once, not also as "not a line"
    none = gpd.GeoDataFrame({"voltage_kv": [22, 22]}, geometry=[empty.geometry.iloc[0], None], crs=4326)
    assert _refusal(Scenario("g", grid_lines=none)) == "row 2, column geometry: grid line has no geometry."
    points = gpd.GeoDataFrame({"layer": ["health"], "kind": ["tram_y_te"]}, geometry=[None], crs=4326)
    assert _refusal(Scenario("f", facilities=points)) == "row 1, column geometry: facility has no geometry."


# --- facilities --------------------------------------------------------------------------------------------


def test_added_facilities_go_to_their_layer_with_the_kind_given():
    points = _metric(
        [shapely.Point(1, 1), shapely.Point(2, 1), shapely.Point(3, 1)],
        {"layer": ["health", "schools", "health"], "kind": ["tram_y_te", "thcs", "tram_y_te"]},
    )
    out = _apply(Scenario("f", facilities=points))
    health, schools = out["health"], out["schools"]
    # ids and names count the rows of the drawing (1, 2, 3), whichever layer each goes to
    assert health["facility_id"].tolist() == ["H0", "SCN-f-H1", "SCN-f-H3"]
    assert health["name"].tolist()[1:] == ["f health 1", "f health 3"]
    assert health["kind"].tolist() == ["tram_y_te"] * 3
    assert schools["facility_id"].tolist() == ["S0", "S1", "SCN-f-S2"]
    assert schools["level"].tolist() == ["tieu_hoc", "thcs", "thcs"]
    assert schools["provenance"].iloc[-1] == "scenario f: planned facility (not built)"


def test_facilities_of_one_layer_leave_the_other_layer_as_it_is():
    layers = _layers()
    points = _metric([shapely.Point(1, 1)], {"layer": ["schools"], "kind": ["tieu_hoc"]})
    out = _apply(Scenario("f", facilities=points), layers)
    assert out["health"] is layers["health"] and len(out["schools"]) == 3


def test_a_facility_of_an_unknown_layer_or_kind_or_shape_is_named():
    points = _metric(
        [shapely.Point(1, 1), shapely.Point(2, 1), shapely.LineString([(1, 1), (2, 2)])],
        {"layer": ["market", "schools", "health"], "kind": ["x", "university", "tram_y_te"]},
    )
    lines = _refusal(Scenario("f", facilities=points)).splitlines()
    assert lines == [
        "row 1, column layer, value 'market': column layer must be 'schools' or 'health'.",
        "row 2, column kind, value 'university': kind 'university' is not in layer schools; use thcs, "
        "tieu_hoc.",
        "row 3, column geometry: a facility must be a point.",
    ]


# --- households moved --------------------------------------------------------------------------------------


def _site(households, from_villages=None, geometry=None, **more) -> gpd.GeoDataFrame:
    data = {"households": households, **more}
    if from_villages is not None:
        data["from_villages"] = from_villages
    return _metric(geometry or [shapely.Point(1, 1)] * len(households), data)


def test_households_moved_leave_their_villages_with_their_share_of_the_people():
    # B1: 200 persons in 40 households (5 each); "B1:10; B1:5" moves 15 households, 75 persons; B2: 60 in 10
    # (6 each), 10 move: none left
    sites = _site([25], ["B1:10; B1:5;B2 : 10"])
    villages = _apply(Scenario("s", sites=sites))["villages"].set_index("village_id")
    assert villages.loc["B1", "households"] == 25 and villages.loc["B1", "population"] == pytest.approx(125.0)
    assert villages.loc["B2", "households"] == 0 and villages.loc["B2", "population"] == pytest.approx(0.0)
    assert villages.loc["B3", "households"] == 0
    new = villages.loc["SCN-s-V1"]
    assert new["households"] == 25
    assert new["population"] == pytest.approx(25 * 68_318 / 12_205)
    assert PERSONS_PER_HOUSEHOLD == pytest.approx(5.5975420)


def test_a_village_without_a_population_count_loses_the_programmes_persons_per_household():
    layers = _layers()
    layers["villages"]["population"] = [np.nan, 60.0, 0.0]
    out = apply_scenario(layers, Scenario("s", sites=_site([5], ["B2:4"])), province=PROVINCE)
    villages = out["villages"].set_index("village_id")
    assert villages.loc["B2", "population"] == pytest.approx(60.0 - 4 * 6.0)
    assert np.isnan(villages.loc["B1", "population"])  # not named: left as it was


def test_a_village_of_one_household_or_of_none_keeps_its_own_persons_per_household():
    layers = _layers()
    # B2: one household of 3 persons moves out, leaving none; B3: 0 households but 7 persons on record, 0 move
    layers["villages"]["households"] = [40, 1, 0]
    layers["villages"]["population"] = [200.0, 3.0, 7.0]
    out = apply_scenario(layers, Scenario("s", sites=_site([1], ["B2:1;B3:0"])), province=PROVINCE)
    villages = out["villages"].set_index("village_id")
    assert villages.loc["B2", "population"] == pytest.approx(0.0)
    assert villages.loc["B3", "population"] == pytest.approx(7.0)
    assert villages.loc["B3", "households"] == 0


@pytest.mark.parametrize("moves", ["", None, np.nan, "  "])
def test_a_site_moving_no_one_leaves_the_villages_as_they_are(moves):
    villages = _apply(Scenario("s", sites=_site([3], [moves])))["villages"]
    assert villages["households"].tolist() == [40, 10, 0, 3]
    assert villages["population"].tolist()[:3] == [200.0, 60.0, 0.0]


def test_empty_items_of_the_list_of_villages_are_no_moves():
    villages = _apply(Scenario("s", sites=_site([3], ["B1:2;; B2:1 ;"])))["villages"]
    assert villages["households"].tolist() == [38, 9, 0, 3]


def test_moving_every_household_of_a_village_passes_one_more_is_refused():
    _apply(Scenario("s", sites=_site([10], ["B2:10"])))
    _apply(Scenario("s", sites=_site([0], ["B2:0"])))
    text = _refusal(Scenario("s", sites=_site([11], ["B2:11"])))
    assert text == "column from_villages, value 'B2': village B2 has 10 households; 11 cannot move out."
    # two sites drawing on one village add up
    two = _site([6, 5], ["B2:6", "B2:5"], geometry=[shapely.Point(1, 1), shapely.Point(2, 1)])
    assert "village B2 has 10 households; 11 cannot move out." in _refusal(Scenario("s", sites=two))


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        (
            "B1:x",
            "row 1, column from_villages, value 'B1:x': from_villages must read 'VILLAGE_ID:households;…'.",
        ),
        ("B1", "row 1, column from_villages, value 'B1': from_villages must read 'VILLAGE_ID:households;…'."),
        ("B1:-1", "row 1, column from_villages, value 'B1:-1': households moved must be 0 or more."),
        (
            " :3",
            "row 1, column from_villages, value ' :3': from_villages must read 'VILLAGE_ID:households;…'.",
        ),
        ("B1:2;NOPE:1", "column from_villages, value 'NOPE': no village with id NOPE in the village layer."),
    ],
)
def test_a_wrong_list_of_villages_is_named(moves, expected):
    assert _refusal(Scenario("s", sites=_site([3], [moves]))) == expected


@pytest.mark.parametrize("households", [2.5, -1, np.nan, "many"])
def test_a_sites_households_must_be_a_whole_number_of_0_or_more(households):
    text = _refusal(Scenario("s", sites=_site([households])))
    rule = "a site's households must be a whole number of 0 or more."
    assert text == f"row 1, column households, value '{households}': {rule}"


def test_a_site_without_a_households_column_is_named():
    sites = _metric([shapely.Point(1, 1)], {"site_id": ["S1"]})
    assert _refusal(Scenario("s", sites=sites)) == (
        "row 1, column households, value '': a site's households must be a whole number of 0 or more."
    )


def test_unknown_villages_are_named_at_most_eight_and_a_layer_without_ids_knows_none():
    moves = ";".join(f"Z{i}:1" for i in range(1, 10))
    en = _refusal(Scenario("s", sites=_site([9], [moves])))
    named = "no village with id Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8 in the village layer."
    assert en == f"column from_villages, value 'Z1': {named}"
    vi = _refusal(Scenario("s", sites=_site([9], [moves])), "vi")
    assert "không có bản mã Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8 trong lớp thôn bản." in vi
    layers = _layers()
    layers["villages"] = layers["villages"].drop(columns="village_id")
    with pytest.raises(InputError) as caught:
        apply_scenario(layers, Scenario("s", sites=_site([2], ["B1:2"])), province=PROVINCE)
    assert "no village with id B1 in the village layer" in caught.value.render("en")


def test_a_site_takes_the_commune_it_stands_in_and_a_polygon_its_inner_point():
    sites = _site(
        [4, 7, 2],
        geometry=[shapely.Point(1, 1), shapely.box(6, 1, 7, 2), shapely.Point(1, 8)],
        site_id=["S-a", "S-b", "S-c"],
    )
    villages = _apply(Scenario("s", sites=sites))["villages"].set_index("village_id")
    added = villages.loc[["SCN-s-V1", "SCN-s-V2", "SCN-s-V3"]]
    assert added["name"].tolist() == ["Điểm tái định cư S-a", "Điểm tái định cư S-b", "Điểm tái định cư S-c"]
    # (1, 1) is in commune 00001, the square (6..7, 1..2) in 00002, (1, 8) in no commune given
    assert added["gso_code"].tolist()[:2] == ["00001", "00002"] and pd.isna(added["gso_code"].iloc[2])
    assert added["unit_id"].tolist()[:2] == ["00001", "00002"] and pd.isna(added["unit_id"].iloc[2])
    assert added["households"].tolist() == [4, 7, 2]
    inner = added.geometry.to_crs(METRIC_EPSG).iloc[1]
    assert inner.geom_type == "Point"
    assert shapely.box(X0 + 6000, Y0 + 1000, X0 + 7000, Y0 + 2000).contains(inner)


def test_sites_without_ids_are_numbered_from_1():
    two = _site([1, 2], geometry=[shapely.Point(1, 1), shapely.Point(2, 1)])
    names = _apply(Scenario("s", sites=two))["villages"]["name"].tolist()
    assert names[-2:] == ["Điểm tái định cư 1", "Điểm tái định cư 2"]


def test_every_problem_of_every_part_is_named_at_once():
    text = _refusal(
        Scenario(
            "s",
            harden_roads=("NOPE",),
            grid_lines=_metric([shapely.Point(1, 1)], {"voltage_kv": [22]}),
            facilities=_metric([shapely.Point(1, 1)], {"layer": ["x"], "kind": ["y"]}),
            sites=_site([1.5]),
        )
    )
    assert len(text.splitlines()) == 4


# --- the stored frame --------------------------------------------------------------------------------------


def test_a_scenario_stored_as_a_frame_comes_back_the_same():
    scenario = Scenario(
        "k",
        harden_roads=("R1", "R3"),
        grid_lines=_line_layer(shapely.LineString([(1, 1), (2, 2)])),
        facilities=_metric([shapely.Point(1, 1)], {"layer": ["health"], "kind": ["tram_y_te"]}),
        sites=_site([30], ["B1:5"], site_id=["S1"]),
    )
    frame = scenario_frame(scenario)
    assert frame["part"].tolist() == ["harden_road", "harden_road", "grid_line", "facility", "site"]
    assert frame["road_id"].tolist()[:2] == ["R1", "R3"]
    back = scenario_from_frame("k", frame, note="n")
    assert back.harden_roads == ("R1", "R3") and back.note == "n"
    assert back.sites["households"].dtype == "int64" and back.sites["households"].tolist() == [30]
    assert back.sites["from_villages"].tolist() == ["B1:5"]
    assert back.facilities["kind"].tolist() == ["tram_y_te"]
    assert len(back.grid_lines) == 1
    # a value that is not a whole number stays as it was, to be named when the scenario is applied
    half = scenario_from_frame("k", scenario_frame(Scenario("k", sites=_site([2.5]))))
    assert half.sites["households"].tolist() == [2.5]
    assert scenario_frame(Scenario("k")).empty


# --- comparison and people reached -------------------------------------------------------------------------


def _measures(**values) -> pd.DataFrame:
    from analysis.scenarios import MEASURES

    rows = ["u1", "u2"]
    out = pd.DataFrame(
        {"gso_code": ["001", "002"], "commune": ["A", "B"], "district": ["D", "D"]}, index=rows
    )
    for m in MEASURES:
        out[m] = values.get(m, [False, False] if m.startswith("lacks_") else [10.0, 20.0])
    return out


def test_a_commune_changes_when_a_number_moves_more_than_1e9_or_appears():
    base = _measures(minutes_to_district_centre_dry=[10.0, 20.0])
    same = compare_communes(base, _measures(minutes_to_district_centre_dry=[10.0 + 5e-10, 20.0 - 5e-10]))
    assert same["changed"].tolist() == [False, False]
    moved = compare_communes(base, _measures(minutes_to_district_centre_dry=[10.0 + 2e-9, 20.0 - 2e-9]))
    assert moved["changed"].tolist() == [True, True] and moved["flags_changed"].tolist() == [False, False]
    missing = compare_communes(_measures(rai_share=[np.nan, np.nan]), _measures(rai_share=[np.nan, 0.5]))
    assert missing["changed"].tolist() == [False, True]
    assert missing["rai_share_baseline"].isna().tolist() == [True, True]
    assert missing["rai_share_scenario"].tolist()[1] == 0.5


def test_a_flag_that_changes_either_way_is_a_changed_flag():
    base = _measures(lacks_allseason_road=[True, False], lacks_grid=[False, False])
    scen = _measures(lacks_allseason_road=[False, False], lacks_grid=[False, True])
    out = compare_communes(base, scen).set_index("unit_id")
    assert out["flags_changed"].tolist() == [True, True] and out["changed"].tolist() == [True, True]
    assert (
        out.loc["u1", "lacks_allseason_road_baseline"] and not out.loc["u1", "lacks_allseason_road_scenario"]
    )
    assert out[["gso_code", "commune", "district"]].values.tolist() == [["001", "A", "D"], ["002", "B", "D"]]


def test_a_number_changes_from_just_over_1e9():
    base = _measures(rai_share=[0.0, 0.0])
    out = compare_communes(base, _measures(rai_share=[1e-9, 1.1e-9]))
    assert out["changed"].tolist() == [False, True]


def test_people_reached_sums_the_province_and_counts_the_net_change():
    base = _measures(population_health_30min_dry=[100.0, np.nan], population_within_2km_allseason=[5.0, 7.0])
    scen = _measures(population_health_30min_dry=[80.0, 50.0], population_within_2km_allseason=[5.0, 7.0])
    table = people_reached(compare_communes(base, scen)).set_index("measure")
    assert table.loc["population_health_30min_dry"].tolist() == [100.0, 130.0, 30.0]
    assert table.loc["population_within_2km_allseason"].tolist() == [12.0, 12.0, 0.0]
    assert table.loc["population_health_60min_rainy"].tolist() == [30.0, 30.0, 0.0]
    assert len(table) == 5


def test_commune_measures_count_people_within_each_limit_inclusive():
    flags = pd.DataFrame(
        {
            "unit_id": ["u1", "u2"],
            "gso_code": ["001", "002"],
            "commune": ["A", "B"],
            "district_code": ["1", "1"],
            "district": ["D", "D"],
            "lacks_allseason_road": [True, False],
            "lacks_grid": [False, True],
        }
    )
    communes = {
        season: pd.DataFrame(
            {
                "unit_id": ["u2", "u1"],
                "minutes_to_district_centre": [50.0 + k, 40.0 + k],
                "school_tieu_hoc_min": [5.0 + k, 6.0 + k],
                "health_tram_y_te_min": [7.0 + k, 8.0 + k],
                "rai_share": [0.1 + k, 0.2 + k],
            }
        )
        for k, season in ((0, "dry"), (1, "rainy"))
    }
    villages = {
        season: pd.DataFrame(
            {
                "unit_id": ["u1", "u1", "u1", "u2"],
                "population": [100.0, 50.0, np.nan, 30.0],
                "within_2km_allseason": [True, False, True, True],
                # 30 and 60 minutes count as reached; 30.5 only within 60
                "health_tram_y_te_min": [30.0, 30.5, 10.0, minutes],
            }
        )
        for minutes, season in ((60.0, "dry"), (np.nan, "rainy"))
    }
    # a third commune without any village counts 0 people, not missing
    flags.loc[2] = ["u3", "003", "C", "1", "D", False, False]
    for season in communes:
        communes[season].loc[2] = ["u3", 1.0, 1.0, 1.0, 0.0]
    out = commune_measures(flags, communes, villages)
    for column in (
        "population",
        "population_within_2km_allseason",
        "population_health_30min_dry",
        "population_health_60min_rainy",
    ):
        assert out.loc["u3", column] == 0.0, column
    assert out.loc["u1", "minutes_to_district_centre_dry"] == 40.0
    assert out.loc["u1", "minutes_to_district_centre_rainy"] == 41.0
    assert out.loc["u2", "minutes_to_primary_school_rainy"] == 6.0
    assert out.loc["u2", "minutes_to_health_station_dry"] == 7.0
    assert out.loc["u1", "rai_share"] == pytest.approx(1.2)  # the rainy season's
    assert out["population"].tolist() == [150.0, 30.0, 0.0]
    assert out["population_within_2km_allseason"].tolist() == [100.0, 30.0, 0.0]
    assert out["population_health_30min_dry"].tolist() == [100.0, 0.0, 0.0]
    assert out["population_health_60min_dry"].tolist() == [150.0, 30.0, 0.0]
    assert out["population_health_60min_rainy"].tolist() == [150.0, 0.0, 0.0]
    assert out["lacks_grid"].tolist() == [False, True, False]
